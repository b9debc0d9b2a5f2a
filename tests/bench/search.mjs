// Measures search in the browser, for `cargo xtask bench`: what a cold query fetches and how
// long a search address opened directly takes (the search module, the manifest and the shards
// over loopback), and how long new and warm queries take from the end of the typing pause (or
// Enter) to results in the DOM (the `lianluo:search` User Timing measure). A new query is the
// first a fresh reader runs: its shards and the issue files of its first cards come over
// loopback. A warm one ran before. The query arrives in the box in one input event, as a word
// does from an input method.
//
// Usage: node tests/bench/search.mjs BASE_URL QUERY... (BASE_URL serves dist/ with the archive
// to measure under data/). Prints one JSON object on stdout.

import { chromium } from "playwright-core";

const [base, ...queries] = process.argv.slice(2);
if (!base || queries.length === 0) {
  console.error("usage: node tests/bench/search.mjs BASE_URL QUERY...");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});

const searchUrl = (query) => `${base}#/search?q=${encodeURIComponent(query)}`;

// Waits until the results (or the no-result sentence) are shown and the snippets of the
// cards on screen have arrived.
async function settled(page) {
  await page.locator(".search-view .summary").first().waitFor({ timeout: 30000 });
  await page.waitForFunction(() => {
    const host = document.querySelector("[data-lianluo-src]");
    const root = host?.shadowRoot;
    if (!root) return false;
    const pending = [...root.querySelectorAll(".excerpt.pending")].filter((p) => {
      const box = p.getBoundingClientRect();
      return box.top < window.innerHeight && box.bottom > 0;
    });
    return pending.length === 0;
  }, null, { timeout: 30000 });
  await page.waitForLoadState("networkidle");
}

function bytesByKind(entries) {
  const kinds = { index: 0, manifest: 0, shards: 0, issues: 0 };
  const counts = { shards: 0, issues: 0 };
  for (const { name, encodedBodySize } of entries) {
    const path = new URL(name).pathname;
    if (path.endsWith("/data/index.json")) kinds.index += encodedBodySize;
    else if (path.endsWith("/search/manifest.json")) kinds.manifest += encodedBodySize;
    else if (path.includes("/data/search/")) { kinds.shards += encodedBodySize; counts.shards += 1; }
    else if (path.includes("/data/issues/")) { kinds.issues += encodedBodySize; counts.issues += 1; }
  }
  return { ...kinds, shard_files: counts.shards, issue_files: counts.issues,
    query_total: kinds.manifest + kinds.shards + kinds.issues };
}

const cold = {};
for (const query of queries) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(searchUrl(query));
  await settled(page);
  const entries = await page.evaluate(() =>
    performance.getEntriesByType("resource").map(({ name, encodedBodySize }) => ({ name, encodedBodySize })));
  const results = await page.locator(".search-view .summary").first().innerText();
  const ms = await page.evaluate(() => performance.getEntriesByName("lianluo:search")[0]?.duration ?? null);
  cold[query] = { results, ms, ...bytesByKind(entries) };
  await context.close();
}

/** A fresh reader (nothing cached) on the newest issue, once it has taken over from the
 * static text, and its search box. */
async function freshReader() {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(base);
  await page.locator(".lianluo:not(.lianluo-static):not([hidden]) .view .view-heading").first().waitFor();
  const box = page.getByRole("searchbox");
  await box.waitFor();
  return { context, page, box };
}

// Runs one query from the box, ended by the typing pause or by Enter at once; returns its
// lianluo:search duration, or null when the results showed but no measure was recorded
// (reported as a miss, with what the page showed).
async function timedQuery(page, box, query, enter) {
  const before = await page.evaluate(() => performance.getEntriesByName("lianluo:search").length);
  await box.fill(query);
  if (enter) await box.press("Enter");
  await page.waitForFunction(
    (q) => {
      const root = document.querySelector("[data-lianluo-src]")?.shadowRoot;
      const heading = root?.querySelector(".search-view .view-heading")?.textContent;
      return heading === `搜索：${q}` && root.querySelector(".search-view .summary");
    },
    query,
    { timeout: 60000 },
  );
  const measured = await page
    .waitForFunction((n) => performance.getEntriesByName("lianluo:search").length > n, before, { timeout: 2000 })
    .then(() => true, () => false);
  if (!measured) {
    console.error(`no lianluo:search measure for ${query} (hash ${await page.evaluate(() => location.hash)})`);
    return null;
  }
  return page.evaluate(() => performance.getEntriesByName("lianluo:search").at(-1).duration);
}

/** Runs of each query as the first of a fresh reader. Range 2–5. */
const NEW_ROUNDS = 3;
/** From focusing the search box to the end of the typing pause, in ms. Range 300–2,000. */
const TYPING_MS = 800;
/** Durations and misses of one kind of run. */
const runs = () => ({ values: [], missed: 0 });
const record = (into, duration) => {
  if (duration === null) into.missed += 1;
  else into.values.push(duration);
};

const fresh = { pause: runs(), enter: runs() };
for (let round = 0; round < NEW_ROUNDS; round += 1) {
  for (const query of queries) {
    for (const ending of ["pause", "enter"]) {
      const { context, page, box } = await freshReader();
      // A reader takes longer than this to type a query with an input method, and the reader
      // starts getting ready for it when the box takes the focus.
      await box.focus();
      await page.waitForTimeout(TYPING_MS);
      record(fresh[ending], await timedQuery(page, box, query, ending === "enter"));
      await context.close();
    }
  }
}

// Warm: one page; every query once to fetch its shards, then each again, timed.
const { page, box } = await freshReader();
for (const query of queries) await timedQuery(page, box, query, true);
const warm = { pause: runs(), enter: runs() };
for (let round = 0; round < 5; round += 1) {
  // Each ending runs every query in turn, so that no query repeats the one shown.
  for (const ending of ["pause", "enter"]) {
    for (const query of queries) {
      record(warm[ending], await timedQuery(page, box, query, ending === "enter"));
    }
  }
}
await browser.close();

const summary = ({ values, missed }) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    missed_measures: missed,
    median: sorted[Math.floor(sorted.length / 2)],
    p90: sorted[Math.floor(sorted.length * 0.9)],
    max: sorted.at(-1),
  };
};
console.log(JSON.stringify({
  cold_query_bytes: cold,
  new_ms: summary(fresh.pause),
  new_enter_ms: summary(fresh.enter),
  warm_ms: summary(warm.pause),
  warm_enter_ms: summary(warm.enter),
}, null, 2));
