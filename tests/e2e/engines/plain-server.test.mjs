// The whole deployment a web team makes: a site written by `lianluo build` alone (the release
// tool, carrying its reader) into an empty folder outside the project, served as it is by a
// plain static server with no special headers or compression (Python's http.server).
// `cargo xtask test` writes and serves it and sets E2E_PLAIN_URL to its address.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startBrowser } from "../engine.mjs";
import { inShadow, settle, showsView, viewHeading } from "../lib.mjs";

const HOST = "[data-lianluo-src]";
const LATEST = "联络动态第15期（总第535期）";

const PLAIN = (() => {
  const url = process.env.E2E_PLAIN_URL;
  if (!url) {
    throw new Error(
      "E2E_PLAIN_URL is not set: serve a site `lianluo build` wrote with a plain static server " +
        "(python3 -m http.server) and set it to that server's root, or run `cargo xtask test`.",
    );
  }
  return url.endsWith("/") ? url : `${url}/`;
})();

let browser;
before(async () => {
  browser = await startBrowser();
});
after(() => browser?.close());

const texts = (page, selector) =>
  inShadow(page, HOST, (root, s) => [...root.querySelectorAll(s)].map((n) => n.textContent.trim()), selector);

test("the page a plain server sends holds the newest issue's text itself", async () => {
  const page = await (await fetch(PLAIN)).text();
  assert.match(page, /data-lianluo-shows="#\/"/);
  assert.ok(page.includes("第15期（总第535期）"), "the masthead is in the first response");
  assert.ok(page.includes("让市"), "the articles' text is in the first response");
});

test("a site from lianluo build on a plain server shows the newest issue and filters by region", async (t) => {
  const page = await browser.open(t);
  await page.goto(PLAIN);
  await settle(page);
  assert.equal(await viewHeading(page), LATEST);
  await page.screenshot("plain-server-issue");

  await page.click(HOST, "summary", { hasText: "按地区浏览" });
  await page.click(HOST, "button", { text: "衡阳市 (1)" });
  await page.waitForFunction(() => location.hash === `#/region/${encodeURIComponent("衡阳市")}`);
  await showsView(page, "衡阳市");
  assert.equal((await texts(page, ".region-view .card h3")).length, 1);
  assert.deepEqual(await page.pageErrors(), []);
});

test("a site from lianluo build on a plain server finds a phrase", async (t) => {
  const page = await browser.open(t);
  await page.goto(`${PLAIN}#/search?q=${encodeURIComponent("代表工作室")}`);
  await showsView(page, "搜索：代表工作室");
  const found = await inShadow(page, HOST, (root) => ({
    summary: root.querySelector(".search-view .summary")?.textContent.trim(),
    regions: [...root.querySelectorAll(".search-view .card .region-tag")].map((n) => n.textContent),
  }));
  assert.deepEqual(found, { summary: "共 1 篇", regions: ["湘潭市"] });
  await page.screenshot("plain-server-search");
  assert.deepEqual(await page.pageErrors(), []);
});
