// Search on the standalone page over the sample archive (issue 2017-15: 湘潭市, 湘西自治州,
// 衡阳市), in every engine. Expected result sets were worked out by scanning the issue's
// normalised text.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startBrowser } from "../engine.mjs";
import { at, inShadow, settle, SETTLE_TIMEOUT_MS } from "../lib.mjs";

const HOST = "[data-lianluo-src]";
const SEARCH_BOX = "input[type='search']";

let browser;
before(async () => {
  browser = await startBrowser();
});
after(() => browser?.close());

/**
 * Waits until the search view shows `query`'s own results: its heading names the query (it
 * changes with the address) and it states a count (which comes only with that query's results).
 */
async function searched(page, query) {
  await page.waitForFunction(
    ([host, heading]) => {
      const root = document.querySelector(host)?.shadowRoot;
      const shown = root?.querySelector(".search-view .view-heading")?.textContent;
      const summary = root?.querySelector(".search-view .summary");
      return shown === heading && Boolean(summary) && !root.querySelector(".excerpt.pending");
    },
    [HOST, `搜索：${query}`],
  );
}

/** Opens `#/search?…` for `query` (and extra parameters) and waits for the results. */
async function openSearch(t, query, extra = "") {
  const page = await browser.open(t);
  await page.goto(at(`#/search?q=${encodeURIComponent(query)}${extra}`));
  await searched(page, query);
  return page;
}

/** The regions (as printed) of the result cards, in order, and the stated count. */
async function results(page) {
  return inShadow(page, HOST, (root) => ({
    summary: root.querySelector(".search-view .summary").textContent.trim(),
    regions: [...root.querySelectorAll(".search-view .card .region-tag")].map((n) => n.textContent),
    marks: [...root.querySelectorAll(".search-view .card mark")].map((n) => n.textContent),
  }));
}

const boxValue = (page) => inShadow(page, HOST, (root, box) => root.querySelector(box).value, SEARCH_BOX);

test("代表工作室 finds the 湘潭市 article only, every match marked in its snippet", async (t) => {
  const page = await openSearch(t, "代表工作室");
  await page.screenshot("search-results");
  const found = await results(page);
  assert.equal(found.summary, "共 1 篇");
  assert.deepEqual(found.regions, ["湘潭市"]);
  assert.ok(found.marks.length >= 1, "marks in the snippet");
  assert.ok(found.marks.every((mark) => mark === "代表工作室"), found.marks.join("|"));
  const measures = await page.evaluate(() => performance.getEntriesByName("lianluo:search").length);
  assert.ok(measures >= 1, "a lianluo:search measure was recorded");
  assert.deepEqual(await page.pageErrors(), []);
});

test("表决系统, split by a page break in the source, finds the 湘西 article", async (t) => {
  const page = await openSearch(t, "表决系统");
  assert.deepEqual((await results(page)).regions, ["湘西自治州"]);
});

test("two terms must both occur; a quoted phrase is one term", async (t) => {
  const page = await openSearch(t, "代表 换届");
  const both = await results(page);
  assert.equal(both.summary, "共 2 篇");
  assert.deepEqual([...both.regions].sort(), ["湘潭市", "衡阳市"].sort());

  await page.goto(at(`#/search?q=${encodeURIComponent('"代表 换届"')}`));
  await searched(page, '"代表 换届"');
  assert.match((await results(page)).summary, /没有找到/);

  await page.goto(at(`#/search?q=${encodeURIComponent('"60% 以上"')}`));
  await searched(page, '"60% 以上"');
  const phrase = await results(page);
  assert.deepEqual([...phrase.regions].sort(), ["湘潭市", "湘西自治州"].sort());
  assert.ok(phrase.marks.some((mark) => mark.replace(/\s/g, "") === "60%以上"), phrase.marks.join("|"));
});

test("a minus sign excludes articles with the term", async (t) => {
  const page = await openSearch(t, "人大代表 -换届");
  assert.deepEqual((await results(page)).regions, ["湘西自治州"]);
});

test("a full-width query finds what its half-width form finds", async (t) => {
  const page = await openSearch(t, "６０％以上");
  assert.deepEqual([...(await results(page)).regions].sort(), ["湘潭市", "湘西自治州"].sort());
});

test("no result is said in words", async (t) => {
  const page = await openSearch(t, "不存在的词语");
  const found = await results(page);
  assert.equal(found.summary, "没有找到包含“不存在的词语”的文章。");
  assert.deepEqual(found.regions, []);
});

test("typing searches, the hash carries the query, a reload restores it and back returns", async (t) => {
  const page = await browser.open(t);
  await page.goto(at(""));
  // The reader's own box: the static text's would be replaced under the typing.
  await settle(page);
  await page.click(HOST, SEARCH_BOX);
  await page.type("换届选举");
  await searched(page, "换届选举");
  assert.deepEqual((await results(page)).regions, ["衡阳市"]);
  // Typing that paused midway rewrites the search's entry after the results paint; on a
  // timeout the assertion below says what the address holds instead.
  await page
    .waitForFunction(() => decodeURIComponent(location.hash) === "#/search?q=换届选举")
    .catch(() => {});
  const hash = await page.evaluate(() => location.hash);
  assert.equal(decodeURIComponent(hash), "#/search?q=换届选举");

  await page.reload();
  await searched(page, "换届选举");
  assert.deepEqual((await results(page)).regions, ["衡阳市"]);
  assert.equal(await boxValue(page), "换届选举");

  await page.goBack();
  await page.waitForFunction(() => !location.hash.startsWith("#/search"));
  const onIssue = await page.waitForFunction(
    (host) => Boolean(document.querySelector(host)?.shadowRoot?.querySelector(".issue .masthead")),
    HOST,
  );
  assert.ok(onIssue, "back on the issue");
});

test("typing that pauses keeps the focus in the box; Enter hands it to the results", async (t) => {
  const page = await browser.open(t);
  await page.goto(at(""));
  await settle(page);
  await page.click(HOST, SEARCH_BOX);
  await page.type("代表");
  await searched(page, "代表");
  // The keyboard, not the box: the next keys go wherever the focus now is.
  await page.type("工作室");
  await searched(page, "代表工作室");
  assert.equal(await boxValue(page), "代表工作室");
  const focused = () =>
    inShadow(page, HOST, (root) => `${root.activeElement?.tagName}.${root.activeElement?.className}`);
  assert.equal(await focused(), "INPUT.");

  await page.press("Backspace");
  await page.press("Enter");
  await searched(page, "代表工作");
  assert.equal(await focused(), "H2.view-heading");
});

test("region facets narrow the results and live in the hash", async (t) => {
  const page = await openSearch(t, "代表 换届");
  await page.click(HOST, "button", { text: "衡阳市 (1)" });
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes("region=衡阳市"));
  await page.waitForFunction(
    (host) => document.querySelector(host).shadowRoot.querySelectorAll(".search-view .card").length === 1,
    HOST,
  );
  assert.deepEqual((await results(page)).regions, ["衡阳市"]);
  await page.reload();
  await searched(page, "代表 换届");
  assert.deepEqual((await results(page)).regions, ["衡阳市"]);
});

test("opening a result marks every match in the article and brings the first into view", async (t) => {
  const page = await openSearch(t, "代表工作室");
  await page.click(HOST, ".search-view .card h3 a");
  await page.waitForFunction(() => location.hash.startsWith("#/article/2017-15-1?q="));
  await page.waitForFunction(
    (host) => Boolean(document.querySelector(host)?.shadowRoot?.querySelector(".article-single .article-body mark")),
    HOST,
  );
  const marks = await inShadow(page, HOST, (root) => {
    const all = [...root.querySelectorAll(".article-single mark")];
    const box = all[0].getBoundingClientRect();
    return { texts: all.map((m) => m.textContent), firstVisible: box.top >= 0 && box.bottom <= innerHeight };
  });
  assert.equal(marks.texts.length, 4, marks.texts.join("|"));
  assert.ok(marks.texts.every((text) => text === "代表工作室"));
  assert.ok(marks.firstVisible, "the first match is on screen");
  await page.screenshot("search-article-marked");
});

test("odd queries never break the reader", async (t) => {
  const page = await browser.open(t);
  for (const query of ['"', "-", "(.*)[", "😀", "a".repeat(5000), '-"代表"']) {
    await page.goto(at(`#/search?q=${encodeURIComponent(query)}`));
    // This query's own answer: its heading, and a status line under it.
    const said = await page.waitForFunction(
      ([host, heading]) => {
        const view = document.querySelector(host)?.shadowRoot?.querySelector(".search-view");
        const status = view?.querySelector("[role='status']")?.textContent;
        const answered = status && !status.startsWith("正在加载");
        return view?.querySelector(".view-heading")?.textContent === heading && answered && status;
      },
      [HOST, `搜索：${query}`],
      { timeout: SETTLE_TIMEOUT_MS },
    );
    assert.ok(
      said === "请输入要搜索的词语。" || said.startsWith("没有找到包含"),
      `${query.slice(0, 20)}: ${said}`,
    );
  }
  assert.deepEqual(await page.pageErrors(), []);
});
