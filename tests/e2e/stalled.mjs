// What a page held when a wait for it ran out: the address, the loader's and the reader's
// state, the files asked for and whether each arrived, uncaught errors, and a screenshot. A
// wait that times out writes it to `E2E_OUT/stalled/<test>.json` (and `.png` beside it) and
// names the file in its error, so that a failure explains itself after the run.

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { OUT_DIR } from "./lib.mjs";

/**
 * Runs in the page: a snapshot of every reader on it. Resource entries come once a response
 * has ended, so a file asked for and never answered is one the reader's markup waits for but
 * no entry names.
 */
export function pageSnapshot() {
  const readers = [...document.querySelectorAll("[data-lianluo-src]")].map((host) => {
    const root = host.shadowRoot;
    const live = root?.querySelector(".lianluo");
    return {
      src: host.getAttribute("data-lianluo-src"),
      shadowRoot: Boolean(root),
      staticText: Boolean(root?.querySelector(".lianluo-static, slot")),
      handedOver: Boolean(live && !live.hidden),
      view: root?.querySelector(".view")?.className ?? null,
      heading: root?.querySelector(".view-heading")?.textContent ?? null,
      status: [...(root?.querySelectorAll("[role='status'], [role='alert']") ?? [])].map((n) => n.textContent),
      pending: root?.querySelectorAll(".excerpt.pending, progress").length ?? 0,
      focused: root?.activeElement ? `${root.activeElement.tagName}.${root.activeElement.className}` : null,
      markup: live?.innerHTML.slice(0, 3000) ?? null,
    };
  });
  const since = (entry) => Math.round(entry.startTime);
  return {
    url: location.href,
    readyState: document.readyState,
    visibility: document.visibilityState,
    focus: document.hasFocus(),
    now: Math.round(performance.now()),
    readers,
    resources: performance.getEntriesByType("resource").map((entry) => ({
      name: entry.name.replace(location.origin, ""),
      start: since(entry),
      end: Math.round(entry.responseEnd),
    })),
    marks: performance.getEntriesByType("mark").map((entry) => [entry.name, since(entry)]),
    measures: performance.getEntriesByType("measure").map((entry) => [entry.name, Math.round(entry.duration)]),
    errors: globalThis.__e2eErrors ?? null,
    events: globalThis.__e2eEvents ?? null,
  };
}

/** A file name for a test's report: its name with only safe characters, and a count. */
function reportName(testName, count) {
  const safe = testName.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").slice(0, 80);
  return `${safe || "test"}-${count}`;
}

const written = new Map();

/**
 * Saves what `page` holds for the test named `testName`, after a wait for `waitedFor` ran out.
 * `takeSnapshot()` evaluates `pageSnapshot` in the page; `takeScreenshot(file)` writes a PNG.
 * Returns the report's path; a page that cannot answer is said in the report, not thrown.
 */
export async function saveStalled({ testName, waitedFor, takeSnapshot, takeScreenshot, extra = {} }) {
  const count = (written.get(testName) ?? 0) + 1;
  written.set(testName, count);
  const dir = path.join(OUT_DIR, "stalled");
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, reportName(testName, count));
  let snapshot;
  try {
    snapshot = await takeSnapshot();
  } catch (error) {
    snapshot = { unavailable: String(error?.message ?? error) };
  }
  let screenshot = null;
  try {
    await takeScreenshot(`${base}.png`);
    screenshot = `${base}.png`;
  } catch {}
  const report = { test: testName, waitedFor: waitedFor.slice(0, 400), at: new Date().toISOString(), ...extra, snapshot, screenshot };
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  return `${base}.json`;
}
