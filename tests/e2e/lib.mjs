// Shared helpers for the end-to-end suite: the browser, the addresses under test, waiting for a
// reader to settle inside its shadow root, axe-core, and screenshots.
//
// Environment (set by `cargo xtask test`):
//   LIANLUO_BASE_URL  the site root serving dist/ at / and tests/e2e/pages/ at /e2e/ (trailing /)
//   CHROMIUM_PATH     the Chromium executable; no browser is ever downloaded
//   E2E_OUT           where screenshots go (default target/e2e)

import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium } from "playwright-core";

/** The site under test, always with a trailing slash. */
export const BASE_URL = (() => {
  const base = process.env.LIANLUO_BASE_URL;
  if (!base) {
    throw new Error(
      "LIANLUO_BASE_URL is not set: serve dist/ at / and tests/e2e/pages/ at /e2e/, then set it " +
        "to that server's root (e.g. http://127.0.0.1:8080/), or run `cargo xtask test`.",
    );
  }
  return base.endsWith("/") ? base : `${base}/`;
})();

/** Where screenshots are written. */
export const OUT_DIR = path.resolve(process.env.E2E_OUT ?? path.join("target", "e2e"));

/** The titles of the sample issue's (2017-15) three articles, in order. */
export const SAMPLE_TITLES = [
  "加强领导 上下协同 开辟县乡人大工作和建设新航程",
  "多措并举 精准施策 扎实推进县乡人大工作和建设",
  "强化领导 严明纪律 坚决打赢换届选举翻身仗",
];

/** A phone, as most readers hold one. */
export const PHONE = { width: 390, height: 844 };

/**
 * How long to wait for a reader to reach a settled view, in milliseconds. Local loads settle
 * in well under a second; the margin covers a busy shared machine. Range 5,000–30,000.
 */
export const SETTLE_TIMEOUT_MS = 15_000;

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const AXE_SOURCE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** An absolute URL for `relative` (e.g. `e2e/two-readers.html`, `#/issues`) on the site. */
export function at(relative = "") {
  return new URL(relative, BASE_URL).href;
}

/** A fixture file under `pages/` (e.g. `data-hostile/index.json`), parsed as JSON. */
export function fixture(relative) {
  return JSON.parse(readFileSync(new URL(`./pages/${relative}`, import.meta.url), "utf8"));
}

/**
 * The articles of the several-issue fixture (`pages/data-archive`) from `prefecture` (and
 * `county`, when given), newest issue first, as `{ issue, title }`.
 */
export function archiveArticles(prefecture, county) {
  return fixture("data-archive/index.json").issues.flatMap((issue) =>
    issue.articles
      .filter((a) => a.region.prefecture === prefecture && (!county || a.region.county === county))
      .map((a) => ({ issue: issue.id, title: a.title })),
  );
}

/** The site's origin with the other loopback name (127.0.0.1 ⇄ localhost): another origin. */
export function otherOrigin() {
  const url = new URL(BASE_URL);
  url.hostname = url.hostname === "localhost" ? "127.0.0.1" : "localhost";
  return url.origin;
}

/** Starts the system Chromium. */
export async function launch() {
  const executablePath = process.env.CHROMIUM_PATH;
  if (!executablePath) {
    throw new Error(
      "CHROMIUM_PATH is not set: it must name the Chromium executable, e.g. /usr/bin/chromium.",
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/**
 * A fresh context (own storage, own history) and a page in it, at phone size unless `viewport`
 * says otherwise. Uncaught page errors and console errors are collected in `problems`. The
 * context is closed when the test `t` ends.
 */
export async function openPage(t, browser, { viewport = PHONE, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, ...contextOptions });
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = { pageErrors: [], consoleErrors: [] };
  page.on("pageerror", (error) => problems.pageErrors.push(String(error?.stack ?? error)));
  page.on("console", (message) => {
    if (message.type() === "error") problems.consoleErrors.push(message.text());
  });
  return { context, page, problems };
}

/**
 * Waits until the reader mounted on the element matching `host` has taken over from the static
 * text and shows a settled view: the view is rendered and nothing in it is still loading (no
 * loading notice, no pending excerpt, no progress bar). Error messages count as settled.
 */
export async function settle(page, host = "[data-lianluo-src]") {
  await page.waitForFunction(
    (selector) => {
      const root = document.querySelector(selector)?.shadowRoot;
      if (!root || root.querySelector(".lianluo-static, slot")) return false;
      const view = root.querySelector(".lianluo:not([hidden]) > .reader > .view");
      if (!view || view.childElementCount === 0) return false;
      return !view.querySelector('.notice[role="status"], .excerpt.pending, progress');
    },
    host,
    { timeout: SETTLE_TIMEOUT_MS },
  );
}

/**
 * Waits until the reader on `host` shows the view headed `heading` (whitespace ignored) and has
 * settled. Use it after anything that changes the hash: the reader follows on `hashchange`,
 * which comes after the click, so the old view may still be the settled one.
 */
export async function showsView(page, heading, host = "[data-lianluo-src]") {
  const expected = heading.replace(/\s+/g, "");
  await page
    .waitForFunction(
      ([selector, wanted]) => {
        const shown = document.querySelector(selector)?.shadowRoot?.querySelector(".view .view-heading");
        return (shown?.textContent ?? "").replace(/\s+/g, "") === wanted;
      },
      [host, expected],
      { timeout: SETTLE_TIMEOUT_MS },
    )
    .catch(() => {}); // The assertion below says what is shown instead.
  await settle(page, host);
  assert.equal(await viewHeading(page, host), expected);
}

/**
 * Evaluates `fn(shadowRoot, arg)` in the page for the reader on the element matching `host`.
 * `page` is a Playwright page or an engine page (engine.mjs); `fn` travels as its source and
 * `arg` as JSON.
 */
export async function inShadow(page, host, fn, arg) {
  const root = `document.querySelector(${JSON.stringify(host)}).shadowRoot`;
  return page.evaluate(`(${fn})(${root}, ${JSON.stringify(arg) ?? "undefined"})`);
}

/**
 * Asserts that nothing in the reader on `host` was made from its data but text: no element
 * that loads or runs anything, no link other than the reader's own and web addresses, no event
 * handler attribute, and no script ran (`window.__pwned`, which the hostile fixtures set).
 * Returns the text of the view, for checks that the data shows as text. `view` names the view
 * in messages.
 */
export async function assertNothingRan(page, host, view) {
  const found = await inShadow(page, host, (root) => ({
    elements: [...root.querySelectorAll("img, script, iframe, object, embed, svg, style")].map(
      (node) => node.tagName,
    ),
    links: [...root.querySelectorAll("[href]")]
      .map((node) => node.getAttribute("href"))
      .filter((href) => !href.startsWith("#/") && !/^https?:/.test(href)),
    handlers: [...root.querySelectorAll("*")].flatMap((node) =>
      [...node.attributes].filter((a) => a.name.startsWith("on")).map((a) => `${node.tagName} ${a.name}`),
    ),
    text: root.querySelector(".view").textContent,
  }));
  assert.deepEqual(found.elements, [], `${view}: elements made from data`);
  assert.deepEqual(found.links, [], `${view}: links other than the reader's own`);
  assert.deepEqual(found.handlers, [], `${view}: event handler attributes`);
  assert.equal(await page.evaluate(() => typeof window.__pwned), "undefined", `${view}: a script ran`);
  return found.text;
}

/** The text of the reader's error notices (role="alert") on the element matching `host`. */
export async function alerts(page, host = "[data-lianluo-src]") {
  return inShadow(page, host, (root) =>
    [...root.querySelectorAll('[role="alert"]')].map((node) => node.textContent.trim()),
  );
}

/**
 * The current view's heading text, whitespace removed: the reader's, or, before it runs or
 * where it cannot, that of the page's own text shown through the reader's slot.
 */
export async function viewHeading(page, host = "[data-lianluo-src]") {
  return inShadow(page, host, (root) => {
    const heading =
      root.querySelector(".view .view-heading") ??
      root.host.querySelector(":scope > .lianluo .view .view-heading");
    return (heading?.textContent ?? "").replace(/\s+/g, "");
  });
}

/**
 * Runs axe-core on the whole document (it looks into open shadow roots), its default rules, the
 * rules `only` names (an array of rule ids), or the rules of the tags `only.tags` names, and
 * returns the violations in brief: rule id, impact, and for each offending node its target
 * (shadow hosts joined by `>>>`) and its markup.
 */
export async function axeViolations(page, only = null) {
  await page.addScriptTag({ path: AXE_SOURCE });
  return page.evaluate(async (only) => {
    const runOnly = !only
      ? {}
      : Array.isArray(only)
        ? { runOnly: { type: "rule", values: only } }
        : { runOnly: { type: "tag", values: only.tags } };
    const results = await globalThis.axe.run(document, { resultTypes: ["violations"], ...runOnly });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target.flat().join(" >>> "),
        html: node.html,
        why: node.any
          .concat(node.all, node.none)
          .map((check) => check.message)
          .join(" "),
      })),
    }));
  }, only);
}

/** A readable list of axe violations for an assertion message. */
export function describeViolations(violations) {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((node) => `    ${node.target}\n      ${node.html}\n      ${node.why}`).join("\n"),
    )
    .join("\n");
}

/** Where the screenshot named `name` goes: `OUT_DIR/<name>.png` (the folder is created). */
export function screenshotPath(name) {
  mkdirSync(OUT_DIR, { recursive: true });
  return path.join(OUT_DIR, `${name}.png`);
}

/** Saves a screenshot of a Playwright page's viewport as `OUT_DIR/<name>.png`; returns its path. */
export async function screenshot(page, name) {
  const file = screenshotPath(name);
  await page.screenshot({ path: file });
  return file;
}
