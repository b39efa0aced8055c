// Shows the language suggestions beside a text field as the person types, each with
// where the guidance comes from. The same rules and wording as the server's
// (static/app/language-rules.js follows recommendations/language.py); without
// JavaScript the suggestions appear after saving instead. Never blocks anything.
import { suggestionsFor } from "./language-rules.js";

const rulesElement = document.getElementById("language-guidance-rules");

function render(box, suggestions) {
  box.replaceChildren();
  box.hidden = suggestions.length === 0;
  if (box.hidden) return;
  const heading = document.createElement("p");
  heading.className = "govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1";
  heading.textContent = "Language guidance";
  const list = document.createElement("ul");
  list.className = "govuk-list";
  for (const item of suggestions) {
    const li = document.createElement("li");
    li.append(`Instead of “${item.phrase}”: ${item.suggestion}`);
    if (item.attribution) {
      const source = document.createElement("span");
      source.className = "app-language-source govuk-body-s";
      source.textContent = item.attribution;
      li.append(document.createElement("br"), source);
    }
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
