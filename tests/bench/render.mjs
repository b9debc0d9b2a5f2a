// Measures how fast the reader shows a new view, for `cargo xtask bench`: the `lianluo:render`
// User Timing measure (from the navigation to the new view in the DOM) for the moves a reader
// makes most — to the previous issue, to a region, to an article and back, to the issue list.
//
// Usage: node tests/bench/render.mjs BASE_URL (BASE_URL serves dist/ with an archive under
// data/). Prints one JSON object on stdout: for each kind of move, its runs and their median,
// p90 and max in milliseconds.

import { chromium } from "playwright-core";

const [base] = process.argv.slice(2);
if (!base) {
  console.error("usage: node tests/bench/render.mjs BASE_URL");
  process.exit(2);
}

/**
 * Moves of each kind that are timed. The first of each kind also compiles the WebAssembly it
 * runs (the browser compiles functions on first call), so it is the max; with 24 rounds the
 * p90 is a warm figure. Range 10–50.
 */
const ROUNDS = 24;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
await page.goto(base);
// The reader itself, once it has taken over from the static text. Every move is made in it:
// until the loader takes the static text away, its links (to static pages) are on the page too.
const reader = page.locator(".lianluo:not(.lianluo-static):not([hidden])").first();
await reader.locator(".view .view-heading").first().waitFor();

const renders = () => page.evaluate(() => performance.getEntriesByName("lianluo:render").length);

/** Does `move`, waits for its render measure, and returns its duration. */
async function timed(move) {
  const before = await renders();
  await move();
  await page.waitForFunction((n) => performance.getEntriesByName("lianluo:render").length > n, before, {
    timeout: 10_000,
  });
  return page.evaluate(() => performance.getEntriesByName("lianluo:render").at(-1).duration);
}

const times = { previous_issue: [], region: [], article: [], back: [], issue_list: [] };
for (let round = 0; round < ROUNDS; round += 1) {
  times.previous_issue.push(await timed(() => reader.getByRole("link", { name: /^上一期/ }).first().click()));
}
const panel = reader.locator(".region-panel summary");
await panel.click();
const chips = reader.locator(".region-panel .chips button");
for (let round = 0; round < ROUNDS; round += 1) {
  times.region.push(await timed(() => chips.nth(round % 8).click()));
  times.article.push(await timed(() => reader.locator(".region-view .card h3 a").first().click()));
  times.back.push(await timed(() => page.goBack()));
}
for (let round = 0; round < ROUNDS; round += 1) {
  times.issue_list.push(await timed(() => reader.getByRole("link", { name: "往期目录" }).first().click()));
  // The newest year is always listed, folded or not.
  await timed(() => reader.locator("section.year li a").nth((round % 8) + 1).click());
}
await browser.close();

const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    median: sorted[Math.floor(sorted.length / 2)],
    p90: sorted[Math.floor(sorted.length * 0.9)],
    max: sorted.at(-1),
  };
};
console.log(JSON.stringify(Object.fromEntries(Object.entries(times).map(([kind, v]) => [kind, summary(v)])), null, 2));
