// Enter in an evidence chooser's search box presses that chooser's "Find evidence" button, and Enter in
// any other one-line box of the form presses the form's own last button (Save), not the first submit
// button, which the browser would choose. Without this script everything still works: Enter finds evidence.
for (const form of document.querySelectorAll("form")) {
  if (!form.querySelector("[data-evidence-chooser]")) continue;
  form.addEventListener("keydown", (event) => {
    const box = event.target;
    if (event.key !== "Enter" || !(box instanceof HTMLInputElement) || box.type === "checkbox" || box.type === "radio") return;
    const chooser = box.closest("[data-evidence-chooser]");
    const own = [...form.querySelectorAll("button, input[type=submit]")].filter(
      (button) => button.type === "submit" && !button.hasAttribute("data-evidence-find"),
    );
    const button = chooser && box.hasAttribute("data-evidence-search")
      ? chooser.querySelector("[data-evidence-find]")
      : own[own.length - 1];
    if (!button) return;
    event.preventDefault();
    form.requestSubmit(button);
  });
}
