// The embedding contract: two readers on one page, routing off, mount() from a host module,
// sub-paths, where data may come from, a strict Content-Security-Policy, and browsers that
// cannot run the reader.

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

/** Opens the reader's region panel inside `host` and picks `name` (e.g. "衡阳市 (1)"). */
async function pickRegion(page, host, name) {
  await page.locator(`${host} summary`).click();
  await page.locator(host).getByRole("button", { name }).click();
}

test("two readers on one page are independent and only the first follows the hash", async (t) => {
  const { page, problems } = await openPage(t, browser);
  await page.goto(at("e2e/two-readers.html"));
  await settle(page, "#first");
  await settle(page, "#second");

  await pickRegion(page, "#second", "衡阳市 (1)");
  await showsView(page, "衡阳市", "#second");
  assert.equal(await viewHeading(page, "#first"), LATEST);
  assert.equal(new URL(page.url()).hash, "", "the second reader leaves the URL alone");

  await pickRegion(page, "#first", "湘潭市 (1)");
  await page.waitForFunction((hash) => location.hash === hash, `#/region/${encodeURIComponent("湘潭市")}`);
  await showsView(page, "湘潭市", "#first");
  assert.equal(await viewHeading(page, "#second"), "衡阳市");

  await page.goBack();
  await page.waitForFunction(() => location.hash === "");
  await showsView(page, LATEST, "#first");
  assert.equal(await viewHeading(page, "#second"), "衡阳市", "back moves only the first reader");
  assert.deepEqual(problems.pageErrors, []);
});

test("readers of different archives on one page keep their own data", async (t) => {
  const { page } = await openPage(t, browser);
  await page.goto(at("e2e/two-sources.html"));
  await settle(page, "#first");
  await settle(page, "#second");
  assert.equal(await viewHeading(page, "#first"), LATEST);
  assert.equal(await viewHeading(page, "#second"), "联络动态第3期（总第538期）");
  const chips = (host) =>
    inShadow(page, host, (root) =>
      [...root.querySelectorAll(".region-picker .chips > button")].map((b) => b.textContent),
    );
  assert.deepEqual(await chips("#first"), ["湘潭市 (1)", "湘西土家族苗族自治州 (1)", "衡阳市 (1)"]);
  assert.deepEqual(await chips("#second"), [
    "衡阳市 (23)",
    "湘西土家族苗族自治州 (2)",
    "湘潭市 (1)",
    "长沙市 (1)",
  ]);

  await page.locator("#first").getByRole("link", { name: "往期目录" }).click();
  await showsView(page, "往期目录", "#first");
  await page.locator("#second").getByRole("link", { name: "往期目录" }).click();
  await showsView(page, "往期目录", "#second");
  const count = (host) => inShadow(page, host, (root) => root.querySelector(".issue-list > p").textContent);
  assert.deepEqual([await count("#first"), await count("#second")], ["共 1 期", "共 4 期"]);
});

test("a deep link opens in the first reader only", async (t) => {
  const { page } = await openPage(t, browser);
  await page.goto(at("e2e/two-readers.html#/article/2017-15-3"));
  await settle(page, "#first");
  await settle(page, "#second");
  assert.equal(await viewHeading(page, "#first"), "衡阳市强化领导严明纪律坚决打赢换届选举翻身仗");
  assert.equal(await viewHeading(page, "#second"), LATEST);
});

test('data-lianluo-routing="none" navigates inside the reader and leaves the URL alone', async (t) => {
  const { page } = await openPage(t, browser);
  const start = at("e2e/routing-none.html#/article/2017-15-2");
  await page.goto(start);
  await settle(page, "#reader");
  assert.equal(await viewHeading(page, "#reader"), LATEST, "the hash is not read either");
  const historyLength = await page.evaluate(() => history.length);

  await pickRegion(page, "#reader", "衡阳市 (1)");
  await showsView(page, "衡阳市", "#reader");
  await page.locator("#reader .card h3 a").click();
  await showsView(page, "衡阳市强化领导严明纪律坚决打赢换届选举翻身仗", "#reader");

  assert.equal(page.url(), start);
  assert.equal(await page.evaluate(() => history.length), historyLength);
});

test("mount(element, options) exported by lianluo.js works from a host's module script", async (t) => {
  const { page, problems } = await openPage(t, browser);
  await page.goto(at("e2e/mount.html"));
  await page.waitForFunction(() => document.documentElement.dataset.mounted === "yes");
  await showsView(page, LATEST, "#reader");

  const again = await page.evaluate(async () => {
    const { mount } = await import("../lianluo.js");
    const element = document.getElementById("reader");
    await mount(element, { src: "../data/index.json" });
    let refusal = null;
    try {
      await mount("#reader");
    } catch (error) {
      refusal = error.name;
    }
    return { readers: element.shadowRoot.querySelectorAll(".lianluo").length, refusal };
  });
  assert.deepEqual(again, { readers: 1, refusal: "TypeError" });

  await pickRegion(page, "#reader", "湘潭市 (1)");
  await showsView(page, "湘潭市", "#reader");
  assert.equal(new URL(page.url()).hash, "", 'routing: "none" is honoured');
  assert.deepEqual(problems.pageErrors, []);
});

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

test("data on another site is refused unless the element allows it", async (t) => {
  const { page, problems } = await openPage(t, browser);
  const requested = [];
  page.on("request", (request) => requested.push(request.url()));
  await page.goto(at("e2e/cross-origin.html"));
  await settle(page, "#refused");

  // The other site shares its data with anyone, yet without the element's opt-in the reader
  // does not even ask.
  const refusedUrl = `${otherOrigin()}/shared/index.json?reader=refused`;
  const [refusal] = await alerts(page, "#refused");
  assert.ok(refusal.includes("不在本站") && refusal.includes(refusedUrl), refusal);
  assert.ok(refusal.includes("data-lianluo-allow-cross-origin"), refusal);
  assert.deepEqual(
    requested.filter((url) => url.includes("reader=refused")),
    [],
    "nothing was fetched",
  );
  assert.deepEqual(problems.pageErrors, []);
});

test("an element without a data address says so in words", async (t) => {
  const { page, problems } = await openPage(t, browser);
  await page.goto(at("e2e/empty-src.html"));
  await settle(page, "#reader");
  const [message] = await alerts(page, "#reader");
  assert.ok(message.startsWith("页面没有指定数据地址：阅读器所在元素的 data-lianluo-src 属性为空"), message);
  assert.deepEqual(problems.pageErrors, []);
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

test("an allowed other site that does not share its data is explained, naming the file", async (t) => {
  const { page, problems } = await openPage(t, browser);
  await page.goto(at("e2e/cross-origin.html"));
  await settle(page, "#closed");
  const closedUrl = `${otherOrigin()}/data/index.json?reader=closed`;
  const [message] = await alerts(page, "#closed");
  assert.ok(message, "a message, not a blank reader");
  // The browser withholds the answer: the reader says the file could not be had, not that it
  // was refused by the page.
  assert.ok(message.includes(closedUrl) && !message.includes("不在本站"), message);
  assert.ok(message.startsWith("网络连接失败"), message);
  assert.deepEqual(problems.pageErrors, []);
});
test("under a strict Content-Security-Policy the reader renders without a violation", async (t) => {
  const { page, problems } = await openPage(t, browser);
  await page.addInitScript(() => {
    globalThis.__violations = [];
    document.addEventListener(
      "securitypolicyviolation",
      (event) => globalThis.__violations.push(`${event.violatedDirective} ${event.blockedURI}`),
      true,
    );
  });
  await page.goto(at("e2e/csp.html"));
  await showsView(page, LATEST, "#reader");
  await pickRegion(page, "#reader", "衡阳市 (1)");
  await showsView(page, "衡阳市", "#reader");
  await page.locator("#reader").getByRole("button", { name: "特大" }).click();
  const fontSize = await inShadow(
    page,
    "#reader",
    (root) => getComputedStyle(root.querySelector(".reader")).fontSize,
  );
  assert.equal(fontSize, "23px", "the reader's stylesheet applies under the policy");

  assert.deepEqual(await page.evaluate(() => globalThis.__violations), []);
  const cspErrors = problems.consoleErrors.filter((text) => /Content Security Policy/i.test(text));
  assert.deepEqual(cspErrors, []);

  // The policy is really in force, and a violation would have been seen.
  const inlineRan = await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "globalThis.__inline = true;";
    document.body.append(script);
    return globalThis.__inline === true;
  });
  assert.equal(inlineRan, false);
  await page.waitForFunction(() => globalThis.__violations.length === 1);
  assert.match((await page.evaluate(() => globalThis.__violations))[0], /^script-src/);
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

test("a missing WebAssembly file is reported as a missing file, not as an old browser", async (t) => {
  const { page } = await openPage(t, browser);
  await page.route(/\.wasm$/, (route) => route.fulfill({ status: 404, body: "" }));
  await page.goto(at("e2e/data-archive.html"));
  const message = page.locator("[data-lianluo-src] .notice");
  await message.waitFor();
  const text = await message.textContent();
  assert.match(text, /lianluo-[0-9a-f]+\.wasm/, text);
  assert.ok(!text.includes("此浏览器无法运行"), text);
});

test("with scripts off the page says what is needed and links the static pages", async (t) => {
  const { page } = await openPage(t, browser, { javaScriptEnabled: false });
  await page.goto(at());
  const fallback = page.locator("[data-lianluo-src] > p");
  assert.ok((await fallback.textContent()).includes("需要开启 JavaScript 并支持 WebAssembly"));
  assert.equal(await fallback.locator("a").getAttribute("href"), "data/pages/index.html");
  assert.equal(await fallback.isVisible(), true);
});
