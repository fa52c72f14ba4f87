// A page that opens on a fragment marked data-focus-on-arrival (the feedback after "Check my
// answer") takes keyboard and screen-reader focus there as well. Without this script the
// browser still scrolls to it, because the form posts to the fragment.
export function focusArrival(root) {
  const id = window.location.hash.slice(1);
  const target = id ? root.getElementById(id) : null;
  if (target && target.hasAttribute("data-focus-on-arrival")) {
    target.focus({ preventScroll: true });
  }
}
