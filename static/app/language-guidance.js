// Shows the review's language suggestions beside a text field as the person types.
// The same rules and wording as the server's (recommendations/language.py); without
// JavaScript the suggestions appear after saving instead. Never blocks anything.
const rulesElement = document.getElementById("language-guidance-rules");

function escapeForRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function suggestionsFor(text, rules) {
  const found = [];
  for (const rule of rules) {
    const alternatives = [...rule.phrases].sort((a, b) => b.length - a.length).map(escapeForRegExp).join("|");
    const match = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`, "iu").exec(text);
    if (match) found.push({ phrase: match[0], suggestion: rule.suggestion });
  }
  return found;
}

function render(box, suggestions) {
  box.replaceChildren();
  box.hidden = suggestions.length === 0;
  if (box.hidden) return;
  const heading = document.createElement("p");
  heading.className = "govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1";
  heading.textContent = "Language guidance from the review";
  const list = document.createElement("ul");
  list.className = "govuk-list";
  for (const item of suggestions) {
    const li = document.createElement("li");
    li.textContent = `Instead of “${item.phrase}”: ${item.suggestion}`;
    list.append(li);
  }
  box.append(heading, list);
}

if (rulesElement) {
  const rules = JSON.parse(rulesElement.textContent);
  for (const field of document.querySelectorAll("[data-language-guidance]")) {
    const serverBox = document.getElementById(`${field.id}-language`);
    const box = serverBox || document.createElement("div");
    if (!serverBox) {
      box.id = `${field.id}-language`;
      box.className = "app-language-suggestions govuk-inset-text";
      box.hidden = true;
      field.insertAdjacentElement("afterend", box);
    }
    box.setAttribute("aria-live", "polite");
    field.addEventListener("input", () => render(box, suggestionsFor(field.value, rules)));
  }
}
