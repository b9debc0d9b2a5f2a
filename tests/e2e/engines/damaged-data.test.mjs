// Data the reader cannot trust, in every engine: markup and javascript: URLs in every string,
// and files that are cut short, missing, of the wrong type or of a newer format. Each gives a
// message in words that names the file, and nothing runs. Fixtures live in
// tests/e2e/pages/data-*/, written by make-fixtures.mjs.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startBrowser } from "../engine.mjs";
import { alerts, assertNothingRan, at, fixture, inShadow, settle, showsView, viewHeading } from "../lib.mjs";

const HOST = "#reader";
const MARKUP = "<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>";
const SCRIPT_URL = "javascript:window.__pwned=1";

let browser;
before(async () => {
  browser = await startBrowser();
});
after(() => browser?.close());

/** Opens `e2e/<name>.html` (whose reader shows `<name>/index.json`) and waits for it. */
async function openFixture(t, name) {
  const page = await browser.open(t);
  await page.goto(at(`e2e/${name}.html`));
  await settle(page, HOST);
  return page;
}

/**
 * The addresses the document has fetched so far (resource timing: every answered request,
 * failed ones of this origin included).
 */
const fetched = (page) =>
  page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name));

test("markup and javascript: URLs in every field stay text, in every view", async (t) => {
  const page = await openFixture(t, "data-hostile");
  const issue = fixture("data-hostile/issues/hostile.json");
  const index = fixture("data-hostile/index.json");

  const shown = await assertNothingRan(page, HOST, "issue");
  const expected = [
    index.title,
    issue.date,
    issue.publisher,
    issue.editor_note,
    ...issue.articles.flatMap((article) => [
      article.title,
      article.region.printed,
      ...article.blocks.map((block) => block.text),
    ]),
    ...issue.distribution,
    issue.editors.join("、"),
    issue.approval,
  ];
  for (const literal of expected) {
    assert.ok(literal.includes(MARKUP), `the fixture carries the markup in ${literal}`);
    assert.ok(shown.includes(literal), `shown as text: ${literal}`);
  }
  const contact = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll(".back-matter dd")]
      .slice(-3, -1)
      .map((dd) => [dd.textContent, dd.children.length]),
  );
  assert.deepEqual(contact, [
    [SCRIPT_URL, 0],
    [SCRIPT_URL, 0],
  ]);

  const [first] = issue.articles;
  await page.click(HOST, "nav[aria-label='本期目录'] a");
  await showsView(page, `${first.region.printed}${first.title}`, HOST);
  const article = await assertNothingRan(page, HOST, "article");
  assert.ok(article.includes(first.blocks[0].text));
  assert.equal(await viewHeading(page, HOST), `${first.region.printed}${first.title}`.replace(/\s+/g, ""));

  const region = index.regions[0].prefecture;
  await page.click(HOST, "summary");
  await page.click(HOST, "button", { text: `${region} (1)` });
  await showsView(page, region, HOST);
  const regionText = await assertNothingRan(page, HOST, "region");
  assert.ok(regionText.includes(region));
  const buttons = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll(".region-picker button")].map((b) => b.textContent),
  );
  assert.ok(buttons.includes(`${region} (1)`), buttons.join(" | "));

  await page.click(HOST, "a", { text: "往期目录" });
  await showsView(page, "往期目录", HOST);
  const list = await assertNothingRan(page, HOST, "issue list");
  assert.ok(list.includes(issue.date), list);
  const images = (await fetched(page)).filter((url) => /\/x$/.test(url));
  assert.deepEqual(images, [], "no image was requested");
  assert.deepEqual(await page.pageErrors(), []);

  await page.resize({ width: 320, height: 640 });
  await page.goto(at("e2e/data-hostile.html"));
  await settle(page, HOST);
  await page.click(HOST, "summary");
  const widths = await page.evaluate(() => [document.scrollingElement.scrollWidth, innerWidth]);
  assert.ok(widths[0] <= widths[1], `long hostile strings widen the page to ${widths[0]} px`);
});

test("a truncated index names the file and offers 重试, which fetches it again", async (t) => {
  const page = await openFixture(t, "data-truncated");
  const file = at("e2e/data-truncated/index.json");
  assert.deepEqual(await alerts(page, HOST), [
    `数据文件 ${file} 不是有效的 JSON，可能已损坏或未完整上传。重试`,
  ]);
  await page.screenshot("error-truncated-index");
  const times = async () => (await fetched(page)).filter((url) => url === file).length;
  assert.equal(await times(), 1);

  await page.click(HOST, "button", { text: "重试" });
  await page.waitForFunction(
    (url) => performance.getEntriesByType("resource").filter((entry) => entry.name === url).length === 2,
    file,
  );
  await settle(page, HOST);
  const [message] = await alerts(page, HOST);
  assert.ok(message.includes(file) && message.includes("不是有效的 JSON"), message);
  assert.deepEqual(await page.pageErrors(), []);
});

test("a missing index says 找不到 and names the file", async (t) => {
  const page = await openFixture(t, "data-absent");
  const file = at("e2e/data-absent/index.json");
  assert.deepEqual(await alerts(page, HOST), [`找不到数据文件 ${file}（HTTP 404）。重试`]);
  const retries = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll("button")].filter((button) => button.textContent === "重试").length,
  );
  assert.equal(retries, 1);
  assert.deepEqual(await page.pageErrors(), []);
});

test("a missing volume of the index says 找不到 and names the volume", async (t) => {
  const page = await openFixture(t, "data-volume-missing");
  const file = at("e2e/data-volume-missing/volumes/0000000b.json");
  assert.deepEqual(await alerts(page, HOST), [`找不到数据文件 ${file}（HTTP 404）。重试`]);
  assert.deepEqual(await page.pageErrors(), []);
});

test("when the index cannot be read, no empty region control is offered", async (t) => {
  const page = await openFixture(t, "data-absent");
  const panels = await inShadow(page, HOST, (root) => root.querySelectorAll(".region-panel").length);
  assert.equal(panels, 0);
});

test("a missing issue file keeps the masthead from the index and names the file", async (t) => {
  const page = await openFixture(t, "data-missing-issue");
  const file = at("e2e/data-missing-issue/issues/2017-15.json");
  assert.equal(await viewHeading(page, HOST), "联络动态第15期（总第535期）");
  const date = await inShadow(page, HOST, (root) => root.querySelector(".masthead time")?.textContent);
  assert.equal(date, "2017年8月30日");
  assert.deepEqual(await alerts(page, HOST), [`找不到数据文件 ${file}（HTTP 404）。重试`]);
  await inShadow(page, HOST, (root) => root.querySelector("[role=alert]").scrollIntoView());
  await page.screenshot("error-missing-issue");

  await page.click(HOST, "summary");
  await page.click(HOST, "button", { text: "衡阳市 (1)" });
  await showsView(page, "衡阳市", HOST);
  const card = await inShadow(page, HOST, (root) => ({
    title: root.querySelector(".card h3")?.textContent,
    excerpt: root.querySelector(".card .excerpt")?.textContent,
  }));
  assert.deepEqual(card, {
    title: "强化领导 严明纪律 坚决打赢换届选举翻身仗",
    excerpt: "（本期文件暂时无法加载）",
  });

  await page.click(HOST, ".card h3 a");
  await showsView(page, "衡阳市强化领导严明纪律坚决打赢换届选举翻身仗", HOST);
  assert.deepEqual(await alerts(page, HOST), [`找不到数据文件 ${file}（HTTP 404）。重试`]);
  assert.deepEqual(await page.pageErrors(), []);
});

test("a number where the index wants a string names the file", async (t) => {
  const page = await openFixture(t, "data-wrong-type");
  const [message] = await alerts(page, HOST);
  assert.ok(
    message.startsWith(`数据文件 ${at("e2e/data-wrong-type/index.json")} 的内容不符合格式要求`),
    message,
  );
  assert.ok(message.endsWith("重试"), message);
  assert.deepEqual(await page.pageErrors(), []);
});

test("a wrong type is explained in Chinese and names the field", async (t) => {
  const page = await openFixture(t, "data-wrong-type");
  const [message] = await alerts(page, HOST);
  assert.ok(message.includes("：字段 title 应为文字，实为数字 5。"), message);
  assert.ok(!/invalid type|expected/.test(message), `in Chinese words: ${message}`);
});

test("a number where an issue file wants a string names that file; the masthead stays", async (t) => {
  const page = await openFixture(t, "data-wrong-type-issue");
  assert.equal(await viewHeading(page, HOST), "联络动态第15期（总第535期）");
  const [message] = await alerts(page, HOST);
  const file = at("e2e/data-wrong-type-issue/issues/2017-15.json");
  assert.ok(message.startsWith(`数据文件 ${file} 的内容不符合格式要求`), message);
  assert.ok(message.includes("字段 articles[1].title 应为文字，实为数字 5"), message);
  assert.deepEqual(await page.pageErrors(), []);
});

test("an unknown format version is reported as a version", async (t) => {
  const page = await openFixture(t, "data-future");
  const file = at("e2e/data-future/index.json");
  const [message, ...more] = await alerts(page, HOST);
  assert.deepEqual(more, []);
  assert.ok(message.startsWith(`数据文件 ${file} 的格式版本为 99，`) && message.endsWith("重试"), message);
  assert.deepEqual(await page.pageErrors(), []);
});

test("one damaged issue file breaks neither the list nor the other issues", async (t) => {
  const page = await openFixture(t, "data-one-damaged");
  assert.equal(await viewHeading(page, HOST), "联络动态第16期（总第536期）");
  const [message] = await alerts(page, HOST);
  assert.ok(
    message.includes(at("e2e/data-one-damaged/issues/2017-16.json")) && message.includes("不是有效的 JSON"),
    message,
  );

  await page.click(HOST, "a", { text: "上一期 · 第15期" });
  await page.waitForFunction(() => location.hash === "#/issue/2017-15");
  await showsView(page, "联络动态第15期（总第535期）", HOST);
  assert.deepEqual(await alerts(page, HOST), []);
  const articles = await inShadow(
    page,
    HOST,
    (root) => root.querySelectorAll("article.article .article-body").length,
  );
  assert.equal(articles, 3);

  await page.click(HOST, "a", { text: "往期目录" });
  await showsView(page, "往期目录", HOST);
  const issues = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll(".issue-list li")].map((li) => li.textContent),
  );
  assert.deepEqual(issues, ["第16期（总第536期） · 9月15日 · 1 篇", "第15期（总第535期） · 8月30日 · 3 篇"]);

  await page.click(HOST, "summary");
  await page.click(HOST, "button", { text: "长沙市 (1)" });
  await showsView(page, "长沙市", HOST);
  assert.equal(
    await inShadow(page, HOST, (root) => root.querySelector(".card .excerpt").textContent),
    "（本期文件暂时无法加载）",
  );
  assert.deepEqual(await page.pageErrors(), []);
});

test("an issue file that contradicts the index is reported as such", async (t) => {
  const page = await openFixture(t, "data-mismatch");
  assert.equal(await viewHeading(page, HOST), "联络动态第15期（总第535期）");
  const [message] = await alerts(page, HOST);
  assert.ok(message.includes("issues/2017-15.json") && message.includes("与总目录不一致"), message);
  assert.ok(message.includes("2017-14"), message);
  assert.deepEqual(await page.pageErrors(), []);
});

test("an archive without issues says there are none yet", async (t) => {
  const page = await openFixture(t, "data-empty");
  const shown = await inShadow(page, HOST, (root) => root.querySelector(".view").textContent);
  assert.equal(shown, "目前还没有任何一期。");
  assert.equal(
    await inShadow(page, HOST, (root) => root.querySelectorAll(".region-picker button").length),
    0,
  );
  assert.deepEqual(await page.pageErrors(), []);
});
