// Print buttons ([data-print-button], hidden in the markup) appear only where a script can
// open the browser's print dialogue; without this file the page's text says to use the
// browser's own Print option, and the print stylesheet works either way.
export function initPrintButtons(root) {
  for (const button of root.querySelectorAll("[data-print-button]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
}
