// The reader's later programs. The search engine is a second WebAssembly module: a plain first
// load never fetches it, the first turn to search fetches it once, a search address fetches it
// at once, and when it cannot be had the reader says so, offers 重试 and keeps working. The
// check program is fetched only when a data file cannot be read, to name what is wrong; without
// it the file is still reported, in less detail. Chromium-only: the request log and the
// failures come from request interception.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { at, inShadow, launch, openPage, settle, showsView } from "./lib.mjs";

const HOST = "[data-lianluo-src]";
const SEARCH_BOX = "input[type='search']";
const SEARCH_MODULE = /\/lianluo-[0-9a-f]+\.search\.(js|wasm)$/;
const MANIFEST = /\/search\/manifest\.json$/;
const CHECK_PROGRAM = /\/lianluo-[0-9a-f]+\.check\.(js|wasm)$/;

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

/** Every URL the page requests from now on. */
function requestLog(page) {
  const urls = [];
  page.on("request", (request) => urls.push(request.url()));
  return urls;
}

const count = (urls, pattern) => urls.filter((url) => pattern.test(url)).length;

/** Waits for the search view of `query` with its count stated. */
async function searched(page, query) {
  await page.waitForFunction(
    ([host, heading]) => {
      const root = document.querySelector(host)?.shadowRoot;
      const shown = root?.querySelector(".search-view .view-heading")?.textContent;
      return shown === heading && Boolean(root.querySelector(".search-view .summary"));
    },
    [HOST, `搜索：${query}`],
  );
}

const summary = (page) =>
  inShadow(page, HOST, (root) => root.querySelector(".search-view .summary").textContent.trim());

test("a first load fetches no search module; the first search fetches it once", async (t) => {
  const { page, problems } = await openPage(t, browser);
  const urls = requestLog(page);
  await page.goto(at());
  await settle(page, HOST);
  // The reader is interactive: it has its index and shows the newest issue.
  await page.waitForTimeout(500);
  assert.equal(count(urls, SEARCH_MODULE), 0, urls.join("\n"));
  assert.equal(count(urls, MANIFEST), 0, "nor the search manifest");
  assert.equal(count(urls, CHECK_PROGRAM), 0, "nor the check program");

  const box = page.locator(HOST).locator(SEARCH_BOX);
  await box.focus();
  await page.waitForFunction(
    () => performance.getEntriesByType("resource").some((e) => /\.search\.wasm$/.test(e.name)),
  );
  await box.fill("代表工作室");
  await box.press("Enter");
  await searched(page, "代表工作室");
  assert.equal(await summary(page), "共 1 篇");

  await box.fill("人大");
  await box.press("Enter");
  await searched(page, "人大");
  assert.match(await summary(page), /^共 \d+ 篇$/);
  assert.deepEqual(
    urls.filter((url) => SEARCH_MODULE.test(url)).map((url) => url.split(".").slice(-2).join(".")),
    ["search.js", "search.wasm"],
    "the glue and the module, once each",
  );
  assert.deepEqual(problems, { pageErrors: [], consoleErrors: [] });
});

test("a search address opened directly fetches the module at once and answers", async (t) => {
  const { page, problems } = await openPage(t, browser);
  const urls = requestLog(page);
  await page.goto(at(`#/search?q=${encodeURIComponent("代表工作室")}`));
  await searched(page, "代表工作室");
  assert.equal(await summary(page), "共 1 篇");
  assert.equal(count(urls, SEARCH_MODULE), 2, urls.join("\n"));
  assert.deepEqual(problems, { pageErrors: [], consoleErrors: [] });
});

test("a search module that cannot be had is explained, with 重试, and the rest works", async (t) => {
  const { page } = await openPage(t, browser);
  let blocked = true;
  await page.route("**/*.search.wasm", (route) => (blocked ? route.abort() : route.fallback()));
  await page.goto(at(`#/search?q=${encodeURIComponent("代表工作室")}`));
  const alert = page.locator(HOST).getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /未能取得搜索程序，暂时无法搜索。请检查网络连接后重试。/);

  // The rest of the reader works: the newest issue opens from the toolbar.
  await page.goto(at("#/"));
  await showsView(page, "联络动态第15期（总第535期）");

  // Back to the search, and 重试 fetches the module again.
  await page.goBack();
  await alert.waitFor();
  blocked = false;
  await page.locator(HOST).getByRole("button", { name: "重试" }).click();
  await searched(page, "代表工作室");
  assert.equal(await summary(page), "共 1 篇");
});

/** The texts of the reader's alerts. */
const alerts = (page) =>
  inShadow(page, HOST, (root) => [...root.querySelectorAll("[role=alert]")].map((a) => a.textContent));

test("a file that cannot be read fetches the check program once, which names the field", async (t) => {
  const { page, problems } = await openPage(t, browser);
  const urls = requestLog(page);
  await page.goto(at("e2e/data-wrong-type-issue.html"));
  await page.locator(HOST).getByRole("alert").waitFor();
  const [message] = await alerts(page);
  assert.ok(message.includes("字段 articles[1].title 应为文字，实为数字 5"), message);
  assert.deepEqual(
    urls.filter((url) => CHECK_PROGRAM.test(url)).map((url) => url.split(".").slice(-2).join(".")),
    ["check.js", "check.wasm"],
  );
  assert.equal(count(urls, SEARCH_MODULE), 0, "and not the search engine");
  // The fixture names issue files it does not hold, which the console reports as 404s.
  assert.deepEqual(problems.pageErrors, []);
});

test("without the check program a damaged file is still reported, and 重试 tells the field", async (t) => {
  const { page } = await openPage(t, browser);
  let blocked = true;
  await page.route("**/*.check.wasm", (route) => (blocked ? route.abort() : route.fallback()));
  await page.goto(at("e2e/data-wrong-type.html"));
  const alert = page.locator(HOST).getByRole("alert");
  await alert.waitFor();
  const file = at("e2e/data-wrong-type/index.json");
  assert.equal(
    await alert.textContent(),
    `数据文件 ${file} 的内容不符合格式要求：未能取得检查程序，无法指出是哪一处。重试`,
  );
  blocked = false;
  await page.locator(HOST).getByRole("button", { name: "重试" }).click();
  await page.waitForFunction(
    (host) => /字段 title 应为文字/.test(document.querySelector(host).shadowRoot.textContent),
    HOST,
  );
  assert.match((await alerts(page))[0], /：字段 title 应为文字，实为数字 5。重试$/);
});
