// Present mode: keyboard navigation, full screen, and keeping the classroom screen and the
// presenter view on the same slide through a BroadcastChannel (same browser, no server).
// Without this file each slide is its own page (?slide=N) and the links still work.

const FORWARD = new Set(["ArrowRight", "ArrowDown", "PageDown", " ", "Spacebar", "n", "N"]);
const BACK = new Set(["ArrowLeft", "ArrowUp", "PageUp", "p", "P"]);
const TYPING = "input, textarea, select, [contenteditable]";
const ACTIVATES = "a[href], button, summary";

function formatElapsed(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  const rest = String(seconds % 60).padStart(2, "0");
  return `${minutes}:${rest}`;
}

function startClock(root, key) {
  const clock = root.querySelector("[data-timer]");
  if (!clock) {
    return;
  }
  const output = clock.querySelector("[data-elapsed]");
  const storageKey = `${key}:started`;
  let started = Number(sessionStorage.getItem(storageKey)) || Date.now();
  sessionStorage.setItem(storageKey, String(started));
  const tick = () => {
    output.textContent = formatElapsed(Date.now() - started);
  };
  clock.querySelector("[data-timer-restart]").addEventListener("click", () => {
    started = Date.now();
    sessionStorage.setItem(storageKey, String(started));
    tick();
  });
  clock.hidden = false;
  tick();
  setInterval(tick, 1000);
}

function toggleFullscreen() {
  if (document.fullscreenElement) {
    document.exitFullscreen();
  } else if (document.documentElement.requestFullscreen) {
    document.documentElement.requestFullscreen().catch(() => {});
  }
}

function initPresent(root) {
  const slides = Array.from(root.querySelectorAll("[data-slide]"));
  const count = slides.length;
  if (!count) {
    return;
  }
  let current = Math.min(Math.max(Number(root.dataset.current) || 1, 1), count);
  const channel = "BroadcastChannel" in window ? new BroadcastChannel(root.dataset.channel) : null;
  const stepLinks = Array.from(root.querySelectorAll("[data-step]"));

  function show(number, { broadcast = true } = {}) {
    const target = Math.min(Math.max(number, 1), count);
    current = target;
    slides.forEach((slide) => {
      slide.hidden = Number(slide.dataset.slide) !== target;
    });
    stepLinks.forEach((link) => {
      const to = target + Number(link.dataset.step);
      if (to >= 1 && to <= count) {
        link.setAttribute("href", `?slide=${to}`);
      } else {
        link.removeAttribute("href");
      }
    });
    root.dataset.current = String(target);
    window.history.replaceState(null, "", `?slide=${target}`);
    if (broadcast && channel) {
      channel.postMessage({ type: "slide", slide: target });
    }
  }

  if (channel) {
    channel.addEventListener("message", (event) => {
      const data = event.data || {};
      if (data.type === "slide" && Number.isInteger(data.slide)) {
        show(data.slide, { broadcast: false });
      } else if (data.type === "hello") {
        channel.postMessage({ type: "slide", slide: current });
      }
    });
    // A window opened later asks where the lesson is; the presenter follows the classroom screen.
    channel.postMessage({ type: "hello" });
  }

  stepLinks.forEach((link) => {
    link.addEventListener("click", (event) => {
      if (!link.hasAttribute("href")) {
        return;
      }
      event.preventDefault();
      show(current + Number(link.dataset.step));
    });
  });

  const fullscreen = root.querySelector("[data-fullscreen]");
  if (fullscreen && document.fullscreenEnabled) {
    fullscreen.hidden = false;
    fullscreen.addEventListener("click", toggleFullscreen);
  }

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const target = event.target instanceof Element ? event.target : null;
    if (target && target.closest(TYPING)) {
      return;
    }
    if ((event.key === " " || event.key === "Enter") && target && target.closest(ACTIVATES)) {
      return;
    }
    let next = null;
    if (FORWARD.has(event.key)) {
      next = current + 1;
    } else if (BACK.has(event.key)) {
      next = current - 1;
    } else if (event.key === "Home") {
      next = 1;
    } else if (event.key === "End") {
      next = count;
    } else if (event.key === "f" || event.key === "F") {
      event.preventDefault();
      toggleFullscreen();
      return;
    }
    if (next !== null) {
      event.preventDefault();
      show(next);
    }
  });

  startClock(root, root.dataset.channel);
}

document.querySelectorAll("[data-present]").forEach(initPresent);
