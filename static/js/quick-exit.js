// Quick exit: the button links to the site's quick-exit address, which signs out whoever is
// signed in and redirects to a neutral site. Opening it with location.replace takes this page
// out of the history, so the Back button does not return here. Pressing Shift three times does
// the same. Without this script the link still signs out and leaves.
const SHIFT_PRESSES = 3;
const SHIFT_WINDOW_MS = 5000;

function leave(url) {
  document.body.classList.add("quick-exit--leaving");
  window.location.replace(url);
}

export function initQuickExit(root) {
  const button = root.querySelector("[data-quick-exit-button]");
  if (!button) {
    return;
  }
  button.addEventListener("click", (event) => {
    event.preventDefault();
    leave(button.href);
  });

  let presses = 0;
  let timer = null;
  root.addEventListener("keyup", (event) => {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(() => {
      presses = 0;
    }, SHIFT_WINDOW_MS);
    if (presses >= SHIFT_PRESSES) {
      leave(button.href);
    }
  });
}
