// Progressive enhancement only: every page works without this file.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";
import { initQuickExit } from "./quick-exit.js";
import { focusArrival } from "./arrival-focus.js";
import { initPrintButtons } from "./print-button.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
initQuickExit(document);
focusArrival(document);
initPrintButtons(document);
