// Live class lessons, by short polling (no WebSockets: many school networks block them).
// Every page works without this file: it has a link to check again.
//
// A pupil's page ([data-live-state-url]) asks a tiny endpoint whether the lesson changed
// since the revision it shows. When it has, the page reloads, unless the pupil has started
// answering, in which case a notice offers the next activity instead. When the pupil is no
// longer signed in (401: the session expired or ended; 403: signed in to another class),
// it stops asking and goes to the sign-in page ([data-live-sign-in-url]).
//
// The teacher's and projected screens ([data-live-counts-url]) fetch the counts panel and
// redraw it only when its digest changes; a new revision (another activity) reloads, and so
// does a signed-out teacher's screen (the server then shows the sign-in page).
//
// Requests are spread out (jitter), slow down while the page is hidden, and back off
// after errors, so the cost per connected device stays small and bounded.

const HIDDEN_MS = 15000;
const MAX_BACKOFF_MS = 60000;

// The server says this device is no longer signed in: asking again will not help.
class SignedOutError extends Error {}

// Calls run() again and again; it returns the next delay, or false to stop. Stops for good,
// calling onSignedOut, when the server says the device is signed out.
function poller(run, baseMs, onSignedOut) {
  let delay = baseMs;
  const schedule = () => {
    const jittered = delay * (0.75 + Math.random() * 0.5);
    setTimeout(tick, document.hidden ? Math.max(jittered, HIDDEN_MS) : jittered);
  };
  const tick = async () => {
    try {
      const next = await run();
      if (next === false) return;
      delay = typeof next === "number" && next > 0 ? next : baseMs;
    } catch (error) {
      if (error instanceof SignedOutError) {
        if (onSignedOut) onSignedOut();
        return;
      }
      delay = Math.min(delay * 2, MAX_BACKOFF_MS);
    }
    schedule();
  };
  schedule();
}

// The ETag of each address's last answer: sent back, so an unchanged answer is a bodyless 304.
const etags = new Map();

// The JSON at url, or null when it is unchanged since the last answer (304).
async function getJson(url) {
  const headers = { Accept: "application/json" };
  const key = url.split("?")[0];
  if (etags.has(key)) headers["If-None-Match"] = etags.get(key);
  const response = await fetch(url, { credentials: "same-origin", cache: "no-store", headers });
  // 401 or 403: signed out. A staff page's request sent on to the sign-in page: signed out too.
  if (response.status === 401 || response.status === 403 || response.redirected) {
    throw new SignedOutError(`HTTP ${response.status}`);
  }
  if (response.status === 304) return null;
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const etag = response.headers.get("ETag");
  if (etag) etags.set(key, etag);
  return response.json();
}

function followPupilLesson(root) {
  const stateUrl = root.dataset.liveStateUrl;
  const pageUrl = root.dataset.livePageUrl;
  const revision = Number(root.dataset.liveRevision);
  // A pupil reading where to get help after a survey is not moved on under their feet.
  let answering = Boolean(root.querySelector("[data-live-hold]"));
  root.addEventListener("input", () => {
    answering = true;
  });
  const notice = root.querySelector("[data-live-notice]");
  const template = root.querySelector("[data-live-notice-template]");
  poller(async () => {
    const state = await getJson(`${stateUrl}&since=${revision}`);
    if (state === null) return 0; // unchanged: ask again after the usual wait
    if (state.revision === revision) return state.poll_ms;
    if (answering && !state.ended && notice && template) {
      if (!notice.firstElementChild) notice.append(template.content.cloneNode(true));
      return state.poll_ms;
    }
    window.location.assign(pageUrl);
    return false;
  }, 4000, () => {
    const signInUrl = root.dataset.liveSignInUrl;
    if (signInUrl) window.location.assign(signInUrl);
  });
}

function followCounts(root) {
  const url = root.dataset.liveCountsUrl;
  const revision = Number(root.dataset.liveRevision);
  let digest = root.dataset.liveDigest;
  const panel = root.querySelector("[data-live-counts-panel]");
  const summary = root.querySelector("[data-live-summary]");
  poller(async () => {
    const counts = await getJson(url);
    if (counts === null) return 0;
    if (counts.revision !== revision || counts.ended) {
      window.location.reload();
      return false;
    }
    if (counts.digest !== digest) {
      digest = counts.digest;
      const fresh = new DOMParser().parseFromString(counts.html, "text/html");
      panel.replaceChildren(...fresh.body.childNodes);
      if (summary) summary.textContent = counts.summary;
    }
    return counts.poll_ms;
  }, Number(root.dataset.livePollMs) || 2000, () => window.location.reload());
}

const pupilLesson = document.querySelector("[data-live-state-url]");
if (pupilLesson) followPupilLesson(pupilLesson);
document.querySelectorAll("[data-live-counts-url]").forEach(followCounts);
