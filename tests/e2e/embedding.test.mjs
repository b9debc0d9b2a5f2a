// The parts of the embedding contract that need Chromium's request and response log or a
// script that runs before the page's own: the files a sub-path page loads, where data may not
// come from, the headers of a sharing site, a browser without WebAssembly or scripts, and a
// .wasm served with a wrong type. The rest runs in every engine, in engines/embedding.test.mjs
// and engines/text-first.test.mjs.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  alerts,
  at,
  BASE_URL,
  inShadow,
  launch,
  openPage,
  otherOrigin,
  settle,
  showsView,
  viewHeading,
} from "./lib.mjs";

const LATEST = "联络动态第15期（总第535期）";
let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

test("a page under a sub-path loads the reader's files from beside lianluo.js", async (t) => {
  const { page } = await openPage(t, browser);
  const fetched = [];
  page.on("response", (response) => fetched.push([response.url(), response.status()]));
  await page.goto(at("e2e/two-readers.html"));
  await settle(page, "#first");
  const wasm = fetched.filter(([url]) => url.endsWith(".wasm"));
  assert.equal(wasm.length, 1, "one WebAssembly download for two readers");
  assert.match(wasm[0][0], new RegExp(`^${BASE_URL}lianluo-[0-9a-f]+\\.wasm$`));
  assert.equal(wasm[0][1], 200);
  const failed = fetched.filter(([, status]) => status >= 400);
  assert.deepEqual(failed, []);
  const stylesheet = await inShadow(
    page,
    "#first",
    (root) => root.querySelector("link[rel=stylesheet]").href,
  );
  assert.match(stylesheet, new RegExp(`^${BASE_URL}lianluo-[0-9a-f]+\\.css$`));
});

test("the page's address cannot choose the data", async (t) => {
  const { page } = await openPage(t, browser);
  const requested = [];
  page.on("request", (request) => requested.push(request.url()));
  const elsewhere = `${otherOrigin()}/e2e/data-hostile/index.json`;
  const query = new URLSearchParams({ "data-lianluo-src": elsewhere, src: elsewhere });
  await page.goto(`${at()}?${query}#/issue/${encodeURIComponent(elsewhere)}`);
  await settle(page);
  const foreign = requested.filter(
    (url) => new URL(url).pathname.includes("data-hostile") || !url.startsWith(BASE_URL),
  );
  assert.deepEqual(foreign, []);
  assert.ok(requested.includes(at("data/index.json")));
});

test("an allowed other site that shares its data is read through, issue files included", async (t) => {
  const { page, problems } = await openPage(t, browser);
  const served = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.origin === otherOrigin() && response.status() === 200) {
      served.push([url.pathname, response.headers()["access-control-allow-origin"]]);
    }
  });
  await page.goto(at("e2e/cross-origin.html"));
  await settle(page, "#allowed");
  assert.deepEqual(await alerts(page, "#allowed"), []);
  assert.equal(await viewHeading(page, "#allowed"), LATEST);
  const articles = await inShadow(
    page,
    "#allowed",
    (root) => root.querySelectorAll("article.article").length,
  );
  assert.equal(articles, 3);
  // The server itself sent the header: the opt-in works against a real sharing host (the
  // newest issue's text, shown first, comes from there too).
  assert.deepEqual(served.sort(), [
    ["/shared/index.json", "*"],
    ["/shared/issues/2017-15.json", "*"],
    ["/shared/view/latest.html", "*"],
  ]);
  assert.deepEqual(problems.pageErrors, []);
});

test("without WebAssembly the newest issue's text stays, saying what needs a newer browser", async (t) => {
  const { page, problems } = await openPage(t, browser);
  await page.addInitScript(() => {
    delete globalThis.WebAssembly;
  });
  await page.goto(at());
  const notice = page.locator("[data-lianluo-src] .lianluo-static-only .notice");
  await notice.waitFor();
  assert.equal(await notice.textContent(), "搜索和按地区浏览需要较新的浏览器，这里显示的是静态文本。");
  assert.equal(await viewHeading(page), LATEST);
  assert.deepEqual(problems.pageErrors, []);
});

test("without WebAssembly or static text the reader says so and links the static pages", async (t) => {
  const { page, problems } = await openPage(t, browser);
  await page.addInitScript(() => {
    delete globalThis.WebAssembly;
  });
  // The fixture archives carry no rendered views.
  await page.goto(at("e2e/data-archive.html"));
  const message = page.locator("[data-lianluo-src] .notice");
  await message.waitFor();
  const text = (await message.textContent()).trim();
  assert.ok(text.startsWith("此浏览器无法运行联络动态阅读器（需要支持 WebAssembly 的浏览器）。"), text);
  assert.equal(
    await message.locator("a").getAttribute("href"),
    at("e2e/data-archive/pages/index.html"),
  );
  assert.equal(await message.locator("a").textContent(), "各期的静态页面");
  assert.deepEqual(problems.pageErrors, []);
});

test("a WebAssembly file served as application/octet-stream still runs (hosts that do not know .wasm)", async (t) => {
  const { page, problems } = await openPage(t, browser);
  await page.route(/\.wasm$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), "content-type": "application/octet-stream" },
    });
  });
  await page.goto(at());
  await showsView(page, LATEST);
  assert.deepEqual(problems.pageErrors, []);
});

test("with scripts off the page shows the newest issue, says what is needed and links the static pages", async (t) => {
  const { page } = await openPage(t, browser, { javaScriptEnabled: false });
  await page.goto(at());
  const heading = page.locator("[data-lianluo-src] > .lianluo .view-heading");
  assert.equal((await heading.textContent()).replace(/\s+/g, ""), LATEST);
  assert.equal(await heading.isVisible(), true);
  const fallback = page.locator("noscript > p");
  assert.ok((await fallback.textContent()).includes("需要开启 JavaScript 并支持 WebAssembly"));
  assert.equal(await fallback.locator("a").getAttribute("href"), "data/pages/index.html");
  assert.equal(await fallback.isVisible(), true);
});
