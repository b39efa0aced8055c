// Loaded as a module, so browsers too old for govuk-frontend never run it and
// get the plain HTML pages, which work without JavaScript.
import { initAll } from "../govuk/govuk-frontend.min.js";
import "./evidence-chooser.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
