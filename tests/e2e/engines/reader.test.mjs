// The standalone page (dist/index.html) on the sample archive: one issue, 2017-15, with three
// articles from 湘潭市, 湘西自治州 and 衡阳市. What a reader sees and does on a phone, in every
// engine.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startBrowser } from "../engine.mjs";
import { at, inShadow, SAMPLE_TITLES as TITLES, settle, showsView, viewHeading } from "../lib.mjs";

const HOST = "[data-lianluo-src]";
const LATEST = "联络动态第15期（总第535期）";
const XIANGXI = "湘西土家族苗族自治州";

let browser;
before(async () => {
  browser = await startBrowser();
});
after(() => browser?.close());

/** The standalone page at `hash`, settled. */
async function openReader(t, hash = "", options = {}) {
  const page = await browser.open(t, options);
  await page.goto(at(hash));
  await settle(page);
  return page;
}

const text = (page, selector) =>
  inShadow(page, HOST, (root, s) => root.querySelector(s)?.textContent.trim() ?? null, selector);
const texts = (page, selector) =>
  inShadow(page, HOST, (root, s) => [...root.querySelectorAll(s)].map((n) => n.textContent.trim()), selector);
const waitForHash = (page, hash) => page.waitForFunction((wanted) => location.hash === wanted, hash);
const openRegions = (page) => page.click(HOST, "summary", { hasText: "按地区浏览" });

test("the newest issue shows its masthead, note, contents, articles and back matter", async (t) => {
  const page = await openReader(t);
  await page.screenshot("issue-light");

  assert.equal(await text(page, ".masthead-title"), "联络动态");
  assert.equal(await text(page, ".masthead-number"), "第15期（总第535期）");
  assert.equal(await text(page, ".masthead time"), "2017年8月30日");
  assert.equal(await text(page, ".masthead time[datetime='2017-08-30']"), "2017年8月30日");
  assert.equal(await text(page, ".masthead .publisher"), "湖南省人大常委会选举任免联络工作委员会");

  const note = await text(page, "section[aria-label='编者按'] p");
  assert.ok(note.startsWith("为贯彻落实2015年中央18号文件"), note);
  assert.ok(note.endsWith("现将交流材料摘要分四期刊发，供各地参考。"), note);

  const contents = await texts(page, "nav[aria-label='本期目录'] li");
  assert.deepEqual(contents, [`湘潭市${TITLES[0]}`, `湘西自治州${TITLES[1]}`, `衡阳市${TITLES[2]}`]);
  const contentLinks = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll("nav[aria-label='本期目录'] a")].map((a) => a.getAttribute("href")),
  );
  assert.deepEqual(contentLinks, ["#/article/2017-15-1", "#/article/2017-15-2", "#/article/2017-15-3"]);

  assert.deepEqual(await texts(page, "article.article > h3 > a"), TITLES);
  const paragraphs = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll("article.article")].map((a) => a.querySelectorAll(".article-body p").length),
  );
  assert.deepEqual(paragraphs, [3, 5, 3]);

  const back = await inShadow(page, HOST, (root) => {
    const footer = root.querySelector("footer.back-matter");
    const pairs = [...footer.querySelectorAll("dt")].map((dt) => [
      dt.textContent,
      dt.nextElementSibling.textContent,
    ]);
    const links = [...footer.querySelectorAll("a")].map((a) => [a.getAttribute("href"), a.textContent]);
    return { pairs: Object.fromEntries(pairs), links };
  });
  assert.equal(back.pairs["责任编辑"], "石韧、吴静波");
  assert.equal(back.pairs["批准文号"], "湘党简准字〔2000〕第28号");
  assert.ok(back.pairs["送"].startsWith("全国人大常委会办公厅联络局、研究室、新闻局"), back.pairs["送"]);
  assert.deepEqual(back.links, [
    ["tel:0731-85309270", "0731-85309270"],
    ["mailto:hnrlddt@163.com", "hnrlddt@163.com"],
  ]);
  assert.deepEqual(await page.pageErrors(), []);
});

test("a paragraph split by a page break is one paragraph", async (t) => {
  const page = await openReader(t);
  const joined = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll(".article-body p")]
      .map((p) => p.textContent)
      .filter((content) => content.includes("让市领导和市代表")),
  );
  assert.equal(joined.length, 1);
  assert.ok(joined[0].startsWith("代表“主航”，充分迸发县乡人大工作新活力。"), joined[0]);
  assert.ok(joined[0].includes("人民群众制度，让市领导和市代表多了一条了解民意的渠道"), joined[0]);
  const fragments = await inShadow(
    page,
    HOST,
    (root) =>
      [...root.querySelectorAll(".article-body p")].filter((p) => p.textContent.startsWith("领导和市代表"))
        .length,
  );
  assert.equal(fragments, 0);
});

test("a region shows only its articles, is a deep link, and back returns to the issue", async (t) => {
  const page = await openReader(t);
  await openRegions(page);
  const names = await texts(page, ".region-picker .chips > button");
  assert.deepEqual(names, ["湘潭市 (1)", `${XIANGXI} (1)`, "衡阳市 (1)"]);

  await page.click(HOST, "button", { text: `${XIANGXI} (1)` });
  await waitForHash(page, `#/region/${encodeURIComponent(XIANGXI)}`);
  await showsView(page, XIANGXI);
  await page.screenshot("region");
  assert.equal(await viewHeading(page), XIANGXI);
  assert.equal(await text(page, ".region-view .summary"), `${XIANGXI}：共 1 篇`);
  assert.deepEqual(await texts(page, ".region-view .card h3"), [TITLES[1]]);
  const meta = await text(page, ".region-view .card .meta");
  assert.equal(meta, "湘西自治州第15期（总第535期） · 2017年8月30日");
  const excerpt = await text(page, ".region-view .card .excerpt");
  assert.ok(excerpt.startsWith("加强思想建设，提高政治站位。") && excerpt.endsWith("…"), excerpt);
  const pressed = await inShadow(
    page,
    HOST,
    (root, name) =>
      [...root.querySelectorAll(".region-picker button")]
        .find((button) => button.textContent === name)
        ?.getAttribute("aria-pressed"),
    `${XIANGXI} (1)`,
  );
  assert.equal(pressed, "true");
  const focused = await inShadow(page, HOST, (root) => root.activeElement?.id ?? null);
  assert.equal(focused, "region-title", "focus moves to the new view's heading");

  await page.goBack();
  await waitForHash(page, "");
  await showsView(page, LATEST);
  assert.equal(await inShadow(page, HOST, (root) => root.querySelectorAll(".region-view").length), 0);

  await page.goForward();
  await waitForHash(page, `#/region/${encodeURIComponent(XIANGXI)}`);
  await showsView(page, XIANGXI);

  await page.click(HOST, "button", { text: "清除地区筛选" });
  await waitForHash(page, "#/");
  await showsView(page, LATEST);
});

test("a region link opened directly shows the region", async (t) => {
  const page = await openReader(t, `#/region/${encodeURIComponent("衡阳市")}`);
  assert.equal(await viewHeading(page), "衡阳市");
  assert.deepEqual(await texts(page, ".region-view .card h3"), [TITLES[2]]);
});

test("an article opened from the contents survives a reload", async (t) => {
  const page = await openReader(t);
  await page.click(HOST, "nav[aria-label='本期目录'] a", { hasText: TITLES[1] });
  await waitForHash(page, "#/article/2017-15-2");
  await showsView(page, `湘西自治州${TITLES[1]}`);

  const check = async () => {
    assert.equal(await viewHeading(page), `湘西自治州${TITLES[1]}`.replace(/\s/g, ""));
    assert.equal(await text(page, ".breadcrumb"), "联络动态 第15期（总第535期） · 2017年8月30日");
    const body = await texts(page, ".article-single .article-body p");
    assert.equal(body.length, 5);
    assert.ok(body[4].startsWith("加强制度建设，完善运行机制。"), body[4]);
    assert.ok(body[0].startsWith("加强思想建设，提高政治站位。"), body[0]);
    assert.deepEqual(await texts(page, "nav[aria-label='本期其他文章'] a"), [
      `上一篇：${TITLES[0]}`,
      `下一篇：${TITLES[2]}`,
      "返回本期",
    ]);
  };
  await check();
  await page.screenshot("article");

  await page.reload();
  await settle(page);
  assert.equal(new URL(await page.url()).hash, "#/article/2017-15-2");
  await check();
});

test("the issue list shows every issue by year with its number, serial, date and size", async (t) => {
  const page = await openReader(t);
  await page.click(HOST, "a", { text: "往期目录" });
  await waitForHash(page, "#/issues");
  await showsView(page, "往期目录");
  assert.equal(await text(page, ".issue-list > p"), "共 1 期");
  assert.deepEqual(await texts(page, ".issue-list .year h3"), ["2017年"]);
  assert.deepEqual(await texts(page, ".issue-list .year li"), ["第15期（总第535期） · 8月30日 · 3 篇"]);
  const current = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll("a")].find((a) => a.textContent === "往期目录").getAttribute("aria-current"),
  );
  assert.equal(current, "page");
  await page.click(HOST, "a", { text: "第15期（总第535期）" });
  await waitForHash(page, "#/issue/2017-15");
  await showsView(page, LATEST);
});

test("text size 大 enlarges the text and is remembered after a reload", async (t) => {
  const page = await openReader(t);
  const bodySize = () =>
    inShadow(page, HOST, (root) => getComputedStyle(root.querySelector(".article-body p")).fontSize);
  assert.equal(await bodySize(), "17px");

  await page.click(HOST, "[aria-label='字号'] button", { text: "大" });
  await page.waitForFunction(() => localStorage.getItem("lianluo:text-size") === "size-large");
  assert.equal(await bodySize(), "20px");
  await page.screenshot("issue-large-text");

  await page.reload();
  await settle(page);
  assert.equal(await bodySize(), "20px");
  const pressed = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll(".text-size button")].map((b) => [
      b.textContent,
      b.getAttribute("aria-pressed"),
    ]),
  );
  assert.deepEqual(pressed, [
    ["标准", "false"],
    ["大", "true"],
    ["特大", "false"],
  ]);

  await page.click(HOST, "button", { text: "特大" });
  await page.waitForFunction(() => localStorage.getItem("lianluo:text-size") === "size-largest");
  assert.equal(await bodySize(), "23px");
});

test("nothing scrolls sideways at the narrowest window, in any view", async (t) => {
  const views = ["", "#/article/2017-15-2", `#/region/${encodeURIComponent(XIANGXI)}`, "#/issues"];
  for (const hash of views) {
    // 320 px in Chromium; WebKit's and Firefox's windows stop at 450–500 px.
    const page = await openReader(t, hash, { viewport: { width: 320, height: 640 } });
    await openRegions(page);
    const widths = await page.evaluate(() => {
      const root = document.querySelector("[data-lianluo-src]").shadowRoot;
      const reader = root.querySelector(".reader");
      const widest = Math.max(
        ...[...root.querySelectorAll("*")].map((node) => node.getBoundingClientRect().right),
      );
      return {
        viewport: innerWidth,
        page: document.scrollingElement.scrollWidth,
        reader: reader.getBoundingClientRect().width,
        readerScroll: reader.scrollWidth,
        widest,
      };
    });
    const view = hash || "#/";
    assert.ok(widths.viewport <= 500, `${view}: the window is ${widths.viewport} px wide, not narrow`);
    assert.ok(widths.page <= widths.viewport, `${view}: the page is ${widths.page} px wide`);
    assert.ok(widths.reader <= widths.viewport, `${view}: the reader is ${widths.reader} px wide`);
    assert.ok(widths.readerScroll <= widths.reader, `${view}: the reader's content is ${widths.readerScroll} px`);
    assert.ok(widths.widest <= widths.viewport, `${view}: an element reaches ${widths.widest} px`);
    if (hash === "") await page.screenshot("issue-narrowest");
  }
});

test("every button and button-like link is at least 44 px in both directions", async (t) => {
  for (const hash of ["", "#/article/2017-15-2", `#/region/${encodeURIComponent(XIANGXI)}`]) {
    const page = await openReader(t, hash);
    if (hash === "") await openRegions(page);
    const targets = await inShadow(page, HOST, (root) =>
      [...root.querySelectorAll("button, summary, a.button, .back-matter a")]
        .filter((node) => node.getClientRects().length > 0)
        .map((node) => {
          const box = node.getBoundingClientRect();
          return { name: node.textContent.trim(), width: box.width, height: box.height };
        }),
    );
    assert.ok(targets.length >= 5, `${hash}: only ${targets.length} controls found`);
    const small = targets.filter((target) => target.width < 44 || target.height < 44);
    assert.deepEqual(small, [], `${hash || "#/"}: controls smaller than 44 px`);
  }
});

test("each navigation records one lianluo:render measure", async (t) => {
  const page = await openReader(t);
  const measures = () =>
    page.evaluate(() => performance.getEntriesByName("lianluo:render", "measure").map((m) => m.duration));
  const before = await measures();

  await page.click(HOST, "nav[aria-label='本期目录'] a", { hasText: TITLES[2] });
  await waitForHash(page, "#/article/2017-15-3");
  await showsView(page, `衡阳市${TITLES[2]}`);
  const once = await measures();
  assert.equal(once.length, before.length + 1);

  await page.click(HOST, "a", { text: "往期目录" });
  await showsView(page, "往期目录");
  const twice = await measures();
  assert.equal(twice.length, before.length + 2);
  for (const duration of twice) {
    assert.ok(Number.isFinite(duration) && duration >= 0 && duration < 5_000, `render took ${duration} ms`);
  }
  t.diagnostic(
    `lianluo:render to an article, then to the issue list: ${twice.map((d) => d.toFixed(1)).join(" ms, ")} ms`,
  );
});

test("Chinese typography: CJK fonts, 2em indent, generous line height, lang zh-CN", async (t) => {
  const page = await openReader(t);
  const type = await inShadow(page, HOST, (root) => {
    const style = getComputedStyle(root.querySelector(".article-body p"));
    return {
      lang: root.querySelector(".reader").lang,
      family: style.fontFamily,
      size: parseFloat(style.fontSize),
      lineHeight: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
      indent: parseFloat(style.textIndent) / parseFloat(style.fontSize),
    };
  });
  assert.equal(type.lang, "zh-CN");
  assert.match(type.family, /Noto Sans CJK SC/);
  assert.match(type.family, /Microsoft YaHei/);
  assert.ok(type.size >= 16, `${type.size} px`);
  assert.ok(type.lineHeight >= 1.7, `line height ${type.lineHeight}`);
  assert.equal(type.indent, 2);
});

test("headings form one hierarchy under the page's h1, without skipped levels", async (t) => {
  for (const hash of ["", "#/article/2017-15-2", `#/region/${encodeURIComponent(XIANGXI)}`, "#/issues"]) {
    const page = await openReader(t, hash);
    const levels = await page.evaluate(() => {
      const walk = (node, out) => {
        for (const child of node.children) {
          if (/^H[1-6]$/.test(child.tagName)) out.push(Number(child.tagName[1]));
          walk(child, out);
          if (child.shadowRoot) walk(child.shadowRoot, out);
        }
        return out;
      };
      return walk(document.body, []);
    });
    assert.equal(levels[0], 1, `${hash || "#/"}: ${levels}`);
    assert.equal(levels.filter((level) => level === 1).length, 1, `${hash || "#/"}: ${levels}`);
    for (let i = 1; i < levels.length; i += 1) {
      assert.ok(
        levels[i] <= levels[i - 1] + 1,
        `${hash || "#/"}: h${levels[i - 1]} then h${levels[i]} in ${levels}`,
      );
    }
  }
});

test("the keyboard reaches every control in order, with a visible focus ring", async (t) => {
  const page = await openReader(t);
  const focused = () =>
    inShadow(page, HOST, (root) => {
      const node = root.activeElement;
      if (!node) return null;
      const style = getComputedStyle(node);
      const name = node.labels?.[0]?.textContent ?? node.textContent.trim();
      return { name, outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
  const path = [];
  while (path.length < 12 && path.at(-1)?.name !== "按地区浏览") {
    await page.press("Tab");
    path.push(await focused());
  }
  const toolbar = ["最新一期", "往期目录", "标准", "大", "特大", "按地区浏览"];
  assert.deepEqual(
    path.map((node) => node?.name).filter((name) => toolbar.includes(name)),
    toolbar,
    `focus went ${path.map((node) => node?.name).join(" → ")}`,
  );
  for (const node of path) assert.equal(node.outline, "solid 3px", `${node.name} shows its focus`);

  await page.press("Enter");
  await page.press("Tab");
  assert.equal((await focused()).name, "湘潭市 (1)");
  await page.press("Enter");
  await waitForHash(page, `#/region/${encodeURIComponent("湘潭市")}`);
  await showsView(page, "湘潭市");
});

test("an article that is not in the archive says so and leads to the newest issue", async (t) => {
  const page = await openReader(t, "#/article/1999-1-1");
  assert.deepEqual(await texts(page, "[role='alert'] p"), ["没有找到这篇文章。"]);
  await page.click(HOST, "a", { text: "查看最新一期" });
  await waitForHash(page, "#/");
  await showsView(page, LATEST);
});

test("a mistyped reader address says so, and a host anchor leaves the view alone", async (t) => {
  const page = await openReader(t, "#/isue/2017-15");
  assert.deepEqual(await texts(page, "[role='alert'] p"), ["没有找到这个页面，链接可能有误或不完整。"]);
  assert.equal(await page.evaluate(() => location.hash), "#/isue/2017-15");
  await page.evaluate(() => {
    location.hash = "#/issues";
  });
  await showsView(page, "往期目录");
  await page.evaluate(() => {
    location.hash = "#contact";
  });
  await page.waitForTimeout(300);
  await showsView(page, "往期目录");
  // The reader neither took the anchor for one of its addresses nor put its own back.
  assert.equal(await page.evaluate(() => location.hash), "#contact");
  assert.deepEqual(await texts(page, "[role='alert'] p"), []);
});

test("the skip link, first in the reader, shows when reached and takes the focus to the view's heading", async (t) => {
  const page = await openReader(t, "#/article/2017-15-2");
  await page.press("Tab");
  const skip = await inShadow(page, HOST, (root) => {
    const node = root.activeElement;
    return node && { name: node.textContent.trim(), box: node.getBoundingClientRect().toJSON() };
  });
  assert.equal(skip?.name, "跳到正文");
  assert.ok(skip.box.width >= 44 && skip.box.height >= 44, `shown when focused: ${JSON.stringify(skip.box)}`);
  await page.press("Enter");
  const focused = await inShadow(page, HOST, (root) =>
    root.activeElement?.matches(".view .view-heading") ? root.activeElement.textContent.trim() : null,
  );
  assert.ok(focused?.endsWith(TITLES[1]), `the article's heading has the focus, not ${focused}`);
});
