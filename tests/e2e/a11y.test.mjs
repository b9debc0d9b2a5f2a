// axe-core on every view of the reader: zero violations. axe looks into the open shadow root.
// (The CSP page forbids the injected script, so axe runs on pages without a policy.)

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { at, axeViolations, describeViolations, launch, openPage, settle, viewHeading } from "./lib.mjs";

const XIANGXI = encodeURIComponent("湘西土家族苗族自治州");
const LATEST = "联络动态第15期（总第535期）";

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

/** Opens `address`, lets `prepare` act on the settled page, and checks it with axe. */
async function audit(t, { address, heading, alert, host = "[data-lianluo-src]", context = {}, prepare }) {
  const { page } = await openPage(t, browser, context);
  await page.goto(at(address));
  await settle(page, host);
  if (prepare) await prepare(page);
  assert.equal(await viewHeading(page, host), heading, "the intended view is showing");
  if (alert) {
    const said = await page.locator(`${host} [role='alert'] p`).first().textContent();
    assert.ok(said.startsWith(alert), said);
  }
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `axe found:\n${describeViolations(violations)}`);
}

const openRegions = (page) => page.locator("summary", { hasText: "按地区浏览" }).click();

test("the issue view, with the region panel open", (t) =>
  audit(t, { address: "", heading: LATEST, prepare: openRegions }));

test("the article view", (t) =>
  audit(t, {
    address: "#/article/2017-15-2",
    heading: "湘西自治州多措并举精准施策扎实推进县乡人大工作和建设",
  }));

test("the region view", (t) => audit(t, { address: `#/region/${XIANGXI}`, heading: "湘西土家族苗族自治州" }));

test("the issue list", (t) => audit(t, { address: "#/issues", heading: "往期目录" }));

test("a view that is not found", (t) => audit(t, { address: "#/article/1999-1-1", heading: "", alert: "没有找到这篇文章。" }));

test("an error view (a missing issue file)", (t) =>
  audit(t, { address: "e2e/data-missing-issue.html", host: "#reader", heading: LATEST }));

test("an error view (a missing index)", (t) =>
  audit(t, { address: "e2e/data-absent.html", host: "#reader", heading: "", alert: "找不到数据文件" }));

test("the dark colour scheme, issue and region views", async (t) => {
  const context = { colorScheme: "dark" };
  await audit(t, { address: "", heading: LATEST, context, prepare: openRegions });
  await audit(t, { address: `#/region/${XIANGXI}`, heading: "湘西土家族苗族自治州", context });
});

test("the largest text size", (t) =>
  audit(t, {
    address: "",
    heading: LATEST,
    prepare: async (page) => {
      await page.getByRole("button", { name: "特大" }).click();
      await page.waitForFunction(() => localStorage.getItem("lianluo:text-size") === "size-largest");
    },
  }));

test("a several-issue archive: region view with its counties, and the issue list", async (t) => {
  await audit(t, {
    address: `e2e/data-archive.html#/region/${encodeURIComponent("衡阳市")}`,
    host: "#reader",
    heading: "衡阳市",
  });
  await audit(t, { address: "e2e/data-archive.html#/issues", host: "#reader", heading: "往期目录" });
});

test(
  "two readers on one page",
  (t) => audit(t, { address: "e2e/two-readers.html", host: "#second", heading: LATEST }),
);

test("no navigation landmark is empty", async (t) => {
  const { page } = await openPage(t, browser);
  await page.goto(at());
  await settle(page);
  const empty = await page
    .locator("[data-lianluo-src]")
    .evaluate((host) =>
      [...host.shadowRoot.querySelectorAll("nav")]
        .filter((nav) => nav.querySelectorAll("a, button").length === 0)
        .map((nav) => nav.getAttribute("aria-label")),
    );
  assert.deepEqual(empty, []);
});

test("the search results view", async (t) => {
  const { page } = await openPage(t, browser);
  await page.goto(at(`#/search?q=${encodeURIComponent("代表 换届")}`));
  await settle(page);
  assert.equal(await viewHeading(page), "搜索：代表换届", "the intended view is showing");
  await page.waitForFunction(() =>
    document.querySelector("[data-lianluo-src]").shadowRoot.querySelector(".search-view .summary"),
  );
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
});

test("the accessibility tree names the search box, the region and order buttons and their states", async (t) => {
  const { page } = await openPage(t, browser);
  await page.addInitScript(() => localStorage.setItem("lianluo:elder-mode", "on"));
  await page.goto(at(`#/search?q=${encodeURIComponent("代表工作室")}`));
  await settle(page);
  const tree = (await page.locator("[data-lianluo-src]").ariaSnapshot()).split("\n").map((line) => line.trim());
  const at_ = (line) => tree.indexOf(line);
  assert.equal(tree[0], '- button "跳到正文"', "the skip link comes first");
  for (const line of [
    '- search "搜索":',
    '- searchbox "搜索全部文章": 代表工作室',
    '- group "字号":',
    '- button "标准" [pressed]',
    '- button "长辈模式" [pressed]',
    '- group "按地区筛选搜索结果":',
    '- button "湘潭市 (1)"',
    "- status: 共 1 篇",
    '- group "排序":',
    '- button "最相关" [pressed]',
    '- button "最新"',
  ]) {
    assert.ok(at_(line) >= 0, `${line} in\n${tree.join("\n")}`);
  }
  assert.ok(at_('- search "搜索":') < at_('- searchbox "搜索全部文章": 代表工作室'), "the box is in the search landmark");
  assert.ok(at_('- group "排序":') < at_('- button "最相关" [pressed]'), "the order buttons are in their group");
});
