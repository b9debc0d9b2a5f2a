// Moving through an archive of several issues (pages/data-archive: 2018-3, 2018-2, 2018-1 and
// the sample 2017-15): the issue list by year, older and newer issues, and a region whose
// articles span issues, load as needed with visible (and announced) progress, and page with
// "显示更多".

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { at, inShadow, launch, openPage, settle, showsView, viewHeading } from "./lib.mjs";

const HOST = "#reader";
const PAGE = "e2e/data-archive.html";
const INDEX = JSON.parse(readFileSync(new URL("./pages/data-archive/index.json", import.meta.url), "utf8"));
const issueFile = (id) => at(`e2e/data-archive/issues/${id}.json`);

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

/** Every article of the fixture from `prefecture` (and `county`), newest issue first. */
function articlesFrom(prefecture, county) {
  return INDEX.issues.flatMap((issue) =>
    issue.articles
      .filter((a) => a.region.prefecture === prefecture && (!county || a.region.county === county))
      .map((a) => ({ issue: issue.id, title: a.title })),
  );
}

const cardTitles = (page) =>
  inShadow(page, HOST, (root) => [...root.querySelectorAll(".card h3")].map((h) => h.textContent));

test("the issue list groups every issue by year, newest first", async (t) => {
  const { page } = await openPage(t, browser);
  await page.goto(at(`${PAGE}#/issues`));
  await settle(page, HOST);
  const years = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll(".issue-list .year")].map((year) => [
      year.querySelector("h3").textContent,
      [...year.querySelectorAll("li")].map((li) => li.textContent),
    ]),
  );
  assert.deepEqual(years, [
    [
      "2018年",
      [
        "第3期（总第538期） · 3月10日 · 8 篇",
        "第2期（总第537期） · 2月10日 · 9 篇",
        "第1期（总第536期） · 1月10日 · 7 篇",
      ],
    ],
    ["2017年", ["第15期（总第535期） · 8月30日 · 3 篇"]],
  ]);
  assert.equal(
    await inShadow(page, HOST, (root) => root.querySelector(".issue-list > p").textContent),
    "共 4 期",
  );
});

test("older and newer links walk the archive in order", async (t) => {
  const { page } = await openPage(t, browser);
  await page.goto(at(PAGE));
  await settle(page, HOST);
  const navigation = () =>
    inShadow(page, HOST, (root) =>
      [...root.querySelector(".issue-nav").querySelectorAll("a")].map((a) => [
        a.textContent,
        a.getAttribute("href"),
      ]),
    );
  assert.equal(await viewHeading(page, HOST), "联络动态第3期（总第538期）");
  assert.deepEqual(await navigation(), [["上一期 · 第2期", "#/issue/2018-2"]]);
  assert.equal(await inShadow(page, HOST, (root) => root.querySelectorAll(".editor-note").length), 0);

  const walked = [];
  const headings = [
    "联络动态第2期（总第537期）",
    "联络动态第1期（总第536期）",
    "联络动态第15期（总第535期）",
  ];
  for (const heading of headings) {
    await page
      .locator(`${HOST} .issue-nav`)
      .first()
      .getByRole("link", { name: /^上一期/ })
      .click();
    await showsView(page, heading, HOST);
    walked.push(new URL(page.url()).hash);
  }
  assert.deepEqual(walked, ["#/issue/2018-2", "#/issue/2018-1", "#/issue/2017-15"]);
  assert.deepEqual(await navigation(), [["下一期 · 第1期", "#/issue/2018-1"]]);

  await page.locator(`${HOST} .issue-nav`).first().getByRole("link", { name: "下一期 · 第1期" }).click();
  await showsView(page, "联络动态第1期（总第536期）", HOST);
});

test("a region spans issues: loads only the files it shows, with progress, and pages", async (t) => {
  const { page } = await openPage(t, browser);
  const fetched = [];
  const held = [];
  await page.route("**/e2e/data-archive/issues/*.json", (route) => {
    fetched.push(route.request().url());
    held.push(route);
  });
  const all = articlesFrom("衡阳市");
  assert.equal(all.length, 23);

  await page.goto(at(`${PAGE}#/region/${encodeURIComponent("衡阳市")}`));
  await page.waitForFunction(
    () => document.querySelector("#reader").shadowRoot.querySelectorAll(".card").length > 0,
  );
  await page.waitForFunction(() => document.querySelector("#reader").shadowRoot.querySelector("progress"));
  const waiting = await inShadow(page, HOST, (root) => ({
    summary: root.querySelector(".region-view [role='status']").textContent,
    progress: [root.querySelector("progress").max, root.querySelector("progress").value],
    pending: root.querySelectorAll(".excerpt.pending").length,
  }));
  assert.deepEqual(waiting, {
    summary: "衡阳市：共 23 篇（正在加载，0/3 期）",
    progress: [3, 0],
    pending: 20,
  });
  assert.deepEqual(
    await cardTitles(page),
    all.slice(0, 20).map((a) => a.title),
  );

  for (const route of held.splice(0)) await route.fallback();
  await settle(page, HOST);
  assert.deepEqual(fetched.sort(), [issueFile("2018-1"), issueFile("2018-2"), issueFile("2018-3")]);
  const loaded = await inShadow(page, HOST, (root) => ({
    summary: root.querySelector(".region-view .summary").textContent,
    first: root.querySelector(".card .excerpt").textContent,
    more: root.querySelector(".more")?.textContent,
  }));
  assert.equal(loaded.summary, "衡阳市：共 23 篇");
  assert.ok(loaded.first.startsWith("衡阳县第3期第1篇。"), loaded.first);
  assert.equal(loaded.more, "显示更多（还有 3 篇）");

  await page.unroute("**/e2e/data-archive/issues/*.json");
  await page.locator(HOST).getByRole("button", { name: "显示更多（还有 3 篇）" }).click();
  await settle(page, HOST);
  assert.deepEqual(
    await cardTitles(page),
    all.map((a) => a.title),
  );
  const last = await inShadow(
    page,
    HOST,
    (root) => [...root.querySelectorAll(".card .meta")].at(-1).textContent,
  );
  assert.equal(last, "衡阳市第15期（总第535期） · 2017年8月30日");
  assert.equal(await inShadow(page, HOST, (root) => root.querySelectorAll(".more").length), 0);
});

test("a prefecture opens to its counties, and a county narrows the list", async (t) => {
  const { page } = await openPage(t, browser);
  await page.goto(at(`${PAGE}#/region/${encodeURIComponent("衡阳市")}`));
  await settle(page, HOST);
  const counties = page.locator(HOST).getByRole("group", { name: "衡阳市下辖区县" });
  assert.deepEqual(await counties.getByRole("button").allTextContents(), ["衡阳县 (8)"]);

  await counties.getByRole("button", { name: "衡阳县 (8)" }).click();
  await page.waitForFunction(
    (hash) => location.hash === hash,
    `#/region/${encodeURIComponent("衡阳市")}/${encodeURIComponent("衡阳县")}`,
  );
  await showsView(page, "衡阳市·衡阳县", HOST);
  assert.deepEqual(
    await cardTitles(page),
    articlesFrom("衡阳市", "衡阳县").map((a) => a.title),
  );
  assert.equal(
    await counties.getByRole("button", { name: "衡阳县 (8)" }).getAttribute("aria-pressed"),
    "true",
  );
});

test("a county's article counts for its prefecture, and both names of 湘西 are one region", async (t) => {
  const { page } = await openPage(t, browser);
  await page.goto(at(PAGE));
  await settle(page, HOST);
  await page.locator(`${HOST} summary`).click();
  const chips = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll(".region-picker .chips > button")].map((b) => b.textContent),
  );
  assert.deepEqual(
    chips,
    INDEX.regions.map((r) => `${r.prefecture} (${r.count})`),
  );

  await page.locator(HOST).getByRole("button", { name: "长沙市 (1)" }).click();
  await showsView(page, "长沙市", HOST);
  assert.deepEqual(await cardTitles(page), ["2018年第2期第2篇 浏阳市工作交流"]);

  await page.locator(HOST).getByRole("button", { name: "湘西土家族苗族自治州 (2)" }).click();
  await showsView(page, "湘西土家族苗族自治州", HOST);
  const cards = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll(".card .meta .region-tag")].map((tag) => tag.textContent),
  );
  assert.deepEqual(cards, ["湘西土家族苗族自治州", "湘西自治州"]);
});

test("every link and button of a region view is a 44 px touch target, short titles included", async (t) => {
  const { page } = await openPage(t, browser);
  await page.goto(at(`${PAGE}#/region/${encodeURIComponent("衡阳市")}`));
  await settle(page, HOST);
  const small = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll(".view a, .view button")]
      .filter((node) => node.getClientRects().length > 0)
      .map((node) => [node.textContent.trim(), Math.round(node.getBoundingClientRect().height)])
      .filter(([, height]) => height < 44),
  );
  assert.deepEqual(small, []);
});

test("an issue with every optional field empty shows what it has and nothing more", async (t) => {
  const { page, problems } = await openPage(t, browser);
  await page.goto(at("e2e/data-sparse.html"));
  await showsView(page, "联络动态第7期", HOST);
  const shown = await inShadow(page, HOST, (root) => ({
    date: root.querySelector(".masthead time").textContent,
    notes: root.querySelectorAll(".editor-note").length,
    backMatter: [...root.querySelectorAll(".back-matter dt")].map((dt) => dt.textContent),
    links: root.querySelectorAll(".back-matter a").length,
    tags: [...root.querySelectorAll("article.article .region-tag")].map((tag) => tag.textContent),
    regions: [...root.querySelectorAll(".region-picker button")].map((button) => button.textContent),
  }));
  assert.deepEqual(shown, {
    date: "2019年5月6日",
    notes: 0,
    backMatter: [],
    links: 0,
    tags: ["湘潭市", "某某镇人大"],
    regions: ["湘潭市 (1)"],
  });
  await page.locator(`${HOST} .contents a`).nth(1).click();
  await showsView(page, "某某镇人大多措并举精准施策扎实推进县乡人大工作和建设", HOST);
  assert.equal(
    await inShadow(page, HOST, (root) => root.querySelector(".breadcrumb").textContent),
    "联络动态 第7期 · 2019年5月6日",
  );
  assert.deepEqual(problems.pageErrors, []);
});
