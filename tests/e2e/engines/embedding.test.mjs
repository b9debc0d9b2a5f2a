// The embedding contract in every engine: two readers on one page, routing off, mount() from a
// host module, where data may come from, and a strict Content-Security-Policy.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startBrowser } from "../engine.mjs";
import { alerts, at, inShadow, otherOrigin, settle, showsView, viewHeading } from "../lib.mjs";

const LATEST = "联络动态第15期（总第535期）";
let browser;
before(async () => {
  browser = await startBrowser();
});
after(() => browser?.close());

/** Opens the reader's region panel inside `host` and picks `name` (e.g. "衡阳市 (1)"). */
async function pickRegion(page, host, name) {
  await page.click(host, "summary");
  await page.click(host, "button", { text: name });
}

test("two readers on one page are independent and only the first follows the hash", async (t) => {
  const page = await browser.open(t);
  await page.goto(at("e2e/two-readers.html"));
  await settle(page, "#first");
  await settle(page, "#second");

  await pickRegion(page, "#second", "衡阳市 (1)");
  await showsView(page, "衡阳市", "#second");
  assert.equal(await viewHeading(page, "#first"), LATEST);
  assert.equal(new URL(await page.url()).hash, "", "the second reader leaves the URL alone");

  await pickRegion(page, "#first", "湘潭市 (1)");
  await page.waitForFunction((hash) => location.hash === hash, `#/region/${encodeURIComponent("湘潭市")}`);
  await showsView(page, "湘潭市", "#first");
  assert.equal(await viewHeading(page, "#second"), "衡阳市");

  await page.goBack();
  await page.waitForFunction(() => location.hash === "");
  await showsView(page, LATEST, "#first");
  assert.equal(await viewHeading(page, "#second"), "衡阳市", "back moves only the first reader");
  assert.deepEqual(await page.pageErrors(), []);
});

test("readers of different archives on one page keep their own data", async (t) => {
  const page = await browser.open(t);
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

  await page.click("#first", "a", { text: "往期目录" });
  await showsView(page, "往期目录", "#first");
  await page.click("#second", "a", { text: "往期目录" });
  await showsView(page, "往期目录", "#second");
  const count = (host) => inShadow(page, host, (root) => root.querySelector(".issue-list > p").textContent);
  assert.deepEqual([await count("#first"), await count("#second")], ["共 1 期", "共 4 期"]);
});

test("a deep link opens in the first reader only", async (t) => {
  const page = await browser.open(t);
  await page.goto(at("e2e/two-readers.html#/article/2017-15-3"));
  await settle(page, "#first");
  await settle(page, "#second");
  assert.equal(await viewHeading(page, "#first"), "衡阳市强化领导严明纪律坚决打赢换届选举翻身仗");
  assert.equal(await viewHeading(page, "#second"), LATEST);
});

test('data-lianluo-routing="none" navigates inside the reader and leaves the URL alone', async (t) => {
  const page = await browser.open(t);
  const start = at("e2e/routing-none.html#/article/2017-15-2");
  await page.goto(start);
  await settle(page, "#reader");
  assert.equal(await viewHeading(page, "#reader"), LATEST, "the hash is not read either");
  const historyLength = await page.evaluate(() => history.length);

  await pickRegion(page, "#reader", "衡阳市 (1)");
  await showsView(page, "衡阳市", "#reader");
  await page.click("#reader", ".card h3 a");
  await showsView(page, "衡阳市强化领导严明纪律坚决打赢换届选举翻身仗", "#reader");

  assert.equal(await page.url(), start);
  assert.equal(await page.evaluate(() => history.length), historyLength);
});

test("mount(element, options) exported by lianluo.js works from a host's module script", async (t) => {
  const page = await browser.open(t);
  await page.goto(at("e2e/mount.html"));
  await page.waitForFunction(() => document.documentElement.dataset.mounted === "yes");
  await showsView(page, LATEST, "#reader");

  // Through a module script of the page's own: Firefox runs WebDriver scripts in a sandbox
  // whose import() would load a second copy of the loader.
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.type = "module";
    script.textContent = `
      import { mount } from "../lianluo.js";
      const element = document.getElementById("reader");
      await mount(element, { src: "../data/index.json" });
      let refusal = null;
      try {
        await mount("#reader");
      } catch (error) {
        refusal = error.name;
      }
      const readers = element.shadowRoot.querySelectorAll(".lianluo").length;
      document.documentElement.dataset.mountedAgain = JSON.stringify({ readers, refusal });`;
    document.head.append(script);
  });
  const again = await page.waitForFunction(() => document.documentElement.dataset.mountedAgain);
  assert.deepEqual(JSON.parse(again), { readers: 1, refusal: "TypeError" });

  await pickRegion(page, "#reader", "湘潭市 (1)");
  await showsView(page, "湘潭市", "#reader");
  assert.equal(new URL(await page.url()).hash, "", 'routing: "none" is honoured');
  assert.deepEqual(await page.pageErrors(), []);
});

test("data on another site is refused unless the element allows it", async (t) => {
  const page = await browser.open(t);
  await page.goto(at("e2e/cross-origin.html"));
  await settle(page, "#refused");

  // The other site shares its data with anyone, yet without the element's opt-in the reader
  // does not even ask: a request would have succeeded, and left a resource timing entry.
  const refusedUrl = `${otherOrigin()}/shared/index.json?reader=refused`;
  const [refusal] = await alerts(page, "#refused");
  assert.ok(refusal.includes("不在本站") && refusal.includes(refusedUrl), refusal);
  assert.ok(refusal.includes("data-lianluo-allow-cross-origin"), refusal);
  await settle(page, "#allowed");
  const fetched = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name));
  assert.ok(
    fetched.some((url) => url.includes("reader=allowed")),
    "the allowed reader's request is seen, so a refused one would be",
  );
  assert.deepEqual(
    fetched.filter((url) => url.includes("reader=refused")),
    [],
    "nothing was fetched",
  );
  assert.deepEqual(await page.pageErrors(), []);
});

test("an element without a data address says so in words", async (t) => {
  const page = await browser.open(t);
  await page.goto(at("e2e/empty-src.html"));
  await settle(page, "#reader");
  const [message] = await alerts(page, "#reader");
  assert.ok(message.startsWith("页面没有指定数据地址：阅读器所在元素的 data-lianluo-src 属性为空"), message);
  assert.deepEqual(await page.pageErrors(), []);
});

test("an allowed other site that does not share its data is explained, naming the file", async (t) => {
  const page = await browser.open(t);
  await page.goto(at("e2e/cross-origin.html"));
  await settle(page, "#closed");
  const closedUrl = `${otherOrigin()}/data/index.json?reader=closed`;
  const [message] = await alerts(page, "#closed");
  assert.ok(message, "a message, not a blank reader");
  // The browser withholds the answer: the reader says the file could not be had, not that it
  // was refused by the page.
  assert.ok(message.includes(closedUrl) && !message.includes("不在本站"), message);
  assert.ok(message.startsWith("网络连接失败"), message);
  assert.deepEqual(await page.pageErrors(), []);
});

test("under a strict Content-Security-Policy the reader renders without a violation", async (t) => {
  const page = await browser.open(t);
  // The page's own csp-watch.js records violations from before the reader loads.
  await page.goto(at("e2e/csp.html"));
  await showsView(page, LATEST, "#reader");
  await pickRegion(page, "#reader", "衡阳市 (1)");
  await showsView(page, "衡阳市", "#reader");
  await page.click("#reader", "button", { text: "特大" });
  const fontSize = await inShadow(
    page,
    "#reader",
    (root) => getComputedStyle(root.querySelector(".reader")).fontSize,
  );
  assert.equal(fontSize, "23px", "the reader's stylesheet applies under the policy");
  assert.deepEqual(await page.evaluate(() => globalThis.__violations), []);

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
