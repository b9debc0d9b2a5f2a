// Moving through an archive of several issues (pages/data-archive: 2018-3, 2018-2, 2018-1 and
// the sample 2017-15), in every engine: the issue list by year, older and newer issues, a
// region's counties, and an issue with every optional field empty.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startBrowser } from "../engine.mjs";
import { archiveArticles, at, fixture, inShadow, settle, showsView, viewHeading } from "../lib.mjs";

const HOST = "#reader";
const PAGE = "e2e/data-archive.html";
const COUNTIES = "[role='group'][aria-label='衡阳市下辖区县'] button";

let browser;
before(async () => {
  browser = await startBrowser();
});
after(() => browser?.close());

const cardTitles = (page) =>
  inShadow(page, HOST, (root) => [...root.querySelectorAll(".card h3")].map((h) => h.textContent));

/** The archive page (or the fixture page at `path`) at `hash`, settled. */
async function openArchive(t, hash = "", path = PAGE) {
  const page = await browser.open(t);
  await page.goto(at(`${path}${hash}`));
  await settle(page, HOST);
  return page;
}

test("the issue list groups every issue by year, newest first", async (t) => {
  const page = await openArchive(t, "#/issues");
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

test("an index in volumes lists the issues of every volume after its own, in order", async (t) => {
  // pages/data-volumes is data-archive with 2018-3 in the index, 2018-2 and 2018-1 in one
  // volume and 2017-15 in another.
  const page = await openArchive(t, "#/issues", "e2e/data-volumes.html");
  const listed = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll(".issue-list li")].map((li) => li.textContent),
  );
  assert.deepEqual(listed, [
    "第3期（总第538期） · 3月10日 · 8 篇",
    "第2期（总第537期） · 2月10日 · 9 篇",
    "第1期（总第536期） · 1月10日 · 7 篇",
    "第15期（总第535期） · 8月30日 · 3 篇",
  ]);
});

test("older and newer links walk the archive in order", async (t) => {
  const page = await openArchive(t);
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
    await page.click(HOST, ".issue-nav a", { hasText: "上一期" });
    await showsView(page, heading, HOST);
    walked.push(new URL(await page.url()).hash);
  }
  assert.deepEqual(walked, ["#/issue/2018-2", "#/issue/2018-1", "#/issue/2017-15"]);
  assert.deepEqual(await navigation(), [["下一期 · 第1期", "#/issue/2018-1"]]);

  await page.click(HOST, ".issue-nav a", { text: "下一期 · 第1期" });
  await showsView(page, "联络动态第1期（总第536期）", HOST);
});

test("a prefecture opens to its counties, and a county narrows the list", async (t) => {
  const page = await openArchive(t, `#/region/${encodeURIComponent("衡阳市")}`);
  const counties = () =>
    inShadow(
      page,
      HOST,
      (root, selector) =>
        [...root.querySelectorAll(selector)].map((b) => [b.textContent, b.getAttribute("aria-pressed")]),
      COUNTIES,
    );
  assert.deepEqual(await counties(), [["衡阳县 (8)", "false"]]);

  await page.click(HOST, COUNTIES, { text: "衡阳县 (8)" });
  await page.waitForFunction(
    (hash) => location.hash === hash,
    `#/region/${encodeURIComponent("衡阳市")}/${encodeURIComponent("衡阳县")}`,
  );
  await showsView(page, "衡阳市·衡阳县", HOST);
  assert.deepEqual(
    await cardTitles(page),
    archiveArticles("衡阳市", "衡阳县").map((a) => a.title),
  );
  assert.deepEqual(await counties(), [["衡阳县 (8)", "true"]]);
});

test("a county's article counts for its prefecture, and both names of 湘西 are one region", async (t) => {
  const page = await openArchive(t);
  await page.click(HOST, "summary");
  const chips = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll(".region-picker .chips > button")].map((b) => b.textContent),
  );
  assert.deepEqual(
    chips,
    fixture("data-archive/index.json").regions.map((r) => `${r.prefecture} (${r.count})`),
  );

  await page.click(HOST, "button", { text: "长沙市 (1)" });
  await showsView(page, "长沙市", HOST);
  assert.deepEqual(await cardTitles(page), ["2018年第2期第2篇 浏阳市工作交流"]);

  await page.click(HOST, "button", { text: "湘西土家族苗族自治州 (2)" });
  await showsView(page, "湘西土家族苗族自治州", HOST);
  const cards = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll(".card .meta .region-tag")].map((tag) => tag.textContent),
  );
  assert.deepEqual(cards, ["湘西土家族苗族自治州", "湘西自治州"]);
});

test("every link and button of a region view is a 44 px touch target, short titles included", async (t) => {
  const page = await openArchive(t, `#/region/${encodeURIComponent("衡阳市")}`);
  const small = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll(".view a, .view button")]
      .filter((node) => node.checkVisibility())
      .map((node) => [node.textContent.trim(), Math.round(node.getBoundingClientRect().height)])
      .filter(([, height]) => height < 44),
  );
  assert.deepEqual(small, []);
});

test("an issue with every optional field empty shows what it has and nothing more", async (t) => {
  const page = await browser.open(t);
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
  await page.click(HOST, ".contents a", { hasText: "某某镇人大" });
  await showsView(page, "某某镇人大多措并举精准施策扎实推进县乡人大工作和建设", HOST);
  assert.equal(
    await inShadow(page, HOST, (root) => root.querySelector(".breadcrumb").textContent),
    "联络动态 第7期 · 2019年5月6日",
  );
  assert.deepEqual(await page.pageErrors(), []);
});
