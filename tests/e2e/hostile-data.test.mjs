// Data the reader cannot trust: markup and javascript: URLs in every string, and files that are
// cut short, missing, of the wrong type or of a newer format. Each gives a message in words that
// names the file, and nothing runs. Fixtures live in tests/e2e/pages/data-*/, written by
// make-fixtures.mjs.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import {
  alerts,
  at,
  inShadow,
  launch,
  openPage,
  screenshot,
  settle,
  showsView,
  viewHeading,
} from "./lib.mjs";

const HOST = "#reader";
const PAGES = new URL("./pages/", import.meta.url);
const MARKUP = "<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>";
const SCRIPT_URL = "javascript:window.__pwned=1";

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

const fixture = (path) => JSON.parse(readFileSync(new URL(path, PAGES), "utf8"));

/** Opens `e2e/<name>.html` (whose reader shows `<name>/index.json`) and waits for it. */
async function openFixture(t, name) {
  const opened = await openPage(t, browser);
  const requested = [];
  opened.page.on("request", (request) => requested.push(request.url()));
  await opened.page.goto(at(`e2e/${name}.html`));
  await settle(opened.page, HOST);
  return { ...opened, requested };
}

/** What must never be in the shadow root when content is hostile, or ever. */
async function madeFromData(page) {
  return inShadow(page, HOST, (root) => ({
    elements: [...root.querySelectorAll("img, script, iframe, object, embed, svg, style")].map(
      (node) => node.tagName,
    ),
    links: [...root.querySelectorAll("[href]")]
      .map((node) => node.getAttribute("href"))
      .filter((href) => !href.startsWith("#/") && !/^https?:/.test(href)),
    handlers: [...root.querySelectorAll("*")].flatMap((node) =>
      [...node.attributes].filter((a) => a.name.startsWith("on")).map((a) => `${node.tagName} ${a.name}`),
    ),
    text: root.querySelector(".view").textContent,
  }));
}

async function assertNothingRan(page, view) {
  const found = await madeFromData(page);
  assert.deepEqual(found.elements, [], `${view}: elements made from data`);
  assert.deepEqual(found.links, [], `${view}: links other than the reader's own`);
  assert.deepEqual(found.handlers, [], `${view}: event handler attributes`);
  assert.equal(await page.evaluate(() => typeof window.__pwned), "undefined", `${view}: a script ran`);
  return found.text;
}

test("markup and javascript: URLs in every field stay text, in every view", async (t) => {
  const { page, problems, requested } = await openFixture(t, "data-hostile");
  const issue = fixture("data-hostile/issues/hostile.json");
  const index = fixture("data-hostile/index.json");

  const shown = await assertNothingRan(page, "issue");
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

  await page.locator("nav[aria-label='本期目录'] a").first().click();
  await showsView(page, `${issue.articles[0].region.printed}${issue.articles[0].title}`, HOST);
  const article = await assertNothingRan(page, "article");
  assert.ok(article.includes(issue.articles[0].blocks[0].text));
  assert.equal(
    await viewHeading(page, HOST),
    `${issue.articles[0].region.printed}${issue.articles[0].title}`.replace(/\s+/g, ""),
  );

  await page.locator(`${HOST} summary`).click();
  await page
    .locator(HOST)
    .getByRole("button", { name: `${index.regions[0].prefecture} (1)` })
    .click();
  await showsView(page, index.regions[0].prefecture, HOST);
  const region = await assertNothingRan(page, "region");
  assert.ok(region.includes(index.regions[0].prefecture));
  const buttons = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll(".region-picker button")].map((b) => b.textContent),
  );
  assert.ok(buttons.includes(`${index.regions[0].prefecture} (1)`), buttons.join(" | "));

  await page.getByRole("link", { name: "往期目录" }).click();
  await showsView(page, "往期目录", HOST);
  const list = await assertNothingRan(page, "issue list");
  assert.ok(list.includes(issue.date), list);

  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(at("e2e/data-hostile.html"));
  await settle(page, HOST);
  await page.locator(`${HOST} summary`).click();
  const width = await page.evaluate(() => document.scrollingElement.scrollWidth);
  assert.ok(width <= 320, `long hostile strings widen the page to ${width} px`);

  assert.deepEqual(
    requested.filter((url) => /\/x$/.test(url)),
    [],
    "no image was requested",
  );
  assert.deepEqual(problems.pageErrors, []);
});

test("a truncated index names the file and offers 重试, which fetches it again", async (t) => {
  const { page, problems, requested } = await openFixture(t, "data-truncated");
  const file = at("e2e/data-truncated/index.json");
  assert.deepEqual(await alerts(page, HOST), [
    `数据文件 ${file} 不是有效的 JSON，可能已损坏或未完整上传。重试`,
  ]);
  await screenshot(page, "error-truncated-index");
  assert.equal(requested.filter((url) => url === file).length, 1);

  const again = page.waitForResponse(file);
  await page.locator(HOST).getByRole("button", { name: "重试" }).click();
  await again;
  await settle(page, HOST);
  assert.equal(requested.filter((url) => url === file).length, 2);
  const [message] = await alerts(page, HOST);
  assert.ok(message.includes(file) && message.includes("不是有效的 JSON"), message);
  assert.deepEqual(problems.pageErrors, []);
});

test("a missing index says 找不到 and names the file", async (t) => {
  const { page, problems } = await openFixture(t, "data-absent");
  const file = at("e2e/data-absent/index.json");
  assert.deepEqual(await alerts(page, HOST), [`找不到数据文件 ${file}（HTTP 404）。重试`]);
  assert.equal(await page.locator(HOST).getByRole("button", { name: "重试" }).count(), 1);
  assert.deepEqual(problems.pageErrors, []);
});

test("when the index cannot be read, no empty region control is offered", async (t) => {
  const { page } = await openFixture(t, "data-absent");
  const panels = await inShadow(page, HOST, (root) => root.querySelectorAll(".region-panel").length);
  assert.equal(panels, 0);
});

test("a missing issue file keeps the masthead from the index and names the file", async (t) => {
  const { page, problems } = await openFixture(t, "data-missing-issue");
  const file = at("e2e/data-missing-issue/issues/2017-15.json");
  assert.equal(await viewHeading(page, HOST), "联络动态第15期（总第535期）");
  const date = await inShadow(page, HOST, (root) => root.querySelector(".masthead time")?.textContent);
  assert.equal(date, "2017年8月30日");
  assert.deepEqual(await alerts(page, HOST), [`找不到数据文件 ${file}（HTTP 404）。重试`]);
  await page.locator(`${HOST} [role=alert]`).scrollIntoViewIfNeeded();
  await screenshot(page, "error-missing-issue");

  await page.locator(`${HOST} summary`).click();
  await page.locator(HOST).getByRole("button", { name: "衡阳市 (1)" }).click();
  await showsView(page, "衡阳市", HOST);
  const card = await inShadow(page, HOST, (root) => ({
    title: root.querySelector(".card h3")?.textContent,
    excerpt: root.querySelector(".card .excerpt")?.textContent,
  }));
  assert.deepEqual(card, {
    title: "强化领导 严明纪律 坚决打赢换届选举翻身仗",
    excerpt: "（本期文件暂时无法加载）",
  });

  await page.locator(`${HOST} .card h3 a`).click();
  await showsView(page, "衡阳市强化领导严明纪律坚决打赢换届选举翻身仗", HOST);
  assert.deepEqual(await alerts(page, HOST), [`找不到数据文件 ${file}（HTTP 404）。重试`]);
  assert.deepEqual(problems.pageErrors, []);
});

test("a number where the index wants a string names the file", async (t) => {
  const { page, problems } = await openFixture(t, "data-wrong-type");
  const [message] = await alerts(page, HOST);
  assert.ok(
    message.startsWith(`数据文件 ${at("e2e/data-wrong-type/index.json")} 的内容不符合格式要求`),
    message,
  );
  assert.ok(message.endsWith("重试"), message);
  assert.deepEqual(problems.pageErrors, []);
});

test("a wrong type is explained in Chinese and names the field", async (t) => {
  const { page } = await openFixture(t, "data-wrong-type");
  const [message] = await alerts(page, HOST);
  assert.ok(message.includes("：字段 title 应为文字，实为数字 5。"), message);
  assert.ok(!/invalid type|expected/.test(message), `in Chinese words: ${message}`);
});

test("a number where an issue file wants a string names that file; the masthead stays", async (t) => {
  const { page, problems } = await openFixture(t, "data-wrong-type-issue");
  assert.equal(await viewHeading(page, HOST), "联络动态第15期（总第535期）");
  const [message] = await alerts(page, HOST);
  const file = at("e2e/data-wrong-type-issue/issues/2017-15.json");
  assert.ok(message.startsWith(`数据文件 ${file} 的内容不符合格式要求`), message);
  assert.ok(message.includes("字段 articles[1].title 应为文字，实为数字 5"), message);
  assert.deepEqual(problems.pageErrors, []);
});

test("an unknown format version is reported as a version", async (t) => {
  const { page, problems } = await openFixture(t, "data-future");
  const file = at("e2e/data-future/index.json");
  const [message, ...more] = await alerts(page, HOST);
  assert.deepEqual(more, []);
  assert.ok(message.startsWith(`数据文件 ${file} 的格式版本为 99，`) && message.endsWith("重试"), message);
  assert.deepEqual(problems.pageErrors, []);
});

test("one damaged issue file breaks neither the list nor the other issues", async (t) => {
  const { page, problems } = await openFixture(t, "data-one-damaged");
  assert.equal(await viewHeading(page, HOST), "联络动态第16期（总第536期）");
  const [message] = await alerts(page, HOST);
  assert.ok(
    message.includes(at("e2e/data-one-damaged/issues/2017-16.json")) && message.includes("不是有效的 JSON"),
    message,
  );

  await page.locator(HOST).getByRole("link", { name: "上一期 · 第15期" }).first().click();
  await page.waitForFunction(() => location.hash === "#/issue/2017-15");
  await showsView(page, "联络动态第15期（总第535期）", HOST);
  assert.deepEqual(await alerts(page, HOST), []);
  const articles = await inShadow(
    page,
    HOST,
    (root) => root.querySelectorAll("article.article .article-body").length,
  );
  assert.equal(articles, 3);

  await page.getByRole("link", { name: "往期目录" }).click();
  await showsView(page, "往期目录", HOST);
  const issues = await inShadow(page, HOST, (root) =>
    [...root.querySelectorAll(".issue-list li")].map((li) => li.textContent),
  );
  assert.deepEqual(issues, ["第16期（总第536期） · 9月15日 · 1 篇", "第15期（总第535期） · 8月30日 · 3 篇"]);

  await page.locator(`${HOST} summary`).click();
  await page.locator(HOST).getByRole("button", { name: "长沙市 (1)" }).click();
  await showsView(page, "长沙市", HOST);
  assert.equal(
    await inShadow(page, HOST, (root) => root.querySelector(".card .excerpt").textContent),
    "（本期文件暂时无法加载）",
  );
  assert.deepEqual(problems.pageErrors, []);
});

test("a network failure and a server error name the file, and 重试 recovers", async (t) => {
  const { page, problems } = await openPage(t, browser);
  const issueFile = at("data/issues/2017-15.json");
  await page.route(issueFile, (route) => route.abort("connectionrefused"));
  await page.goto(at());
  await settle(page);
  assert.deepEqual(await alerts(page), [`网络连接失败，未能取得数据文件 ${issueFile}。重试`]);

  await page.unroute(issueFile);
  await page.route(issueFile, (route) => route.fulfill({ status: 503, body: "busy" }));
  await page.locator("[data-lianluo-src]").getByRole("button", { name: "重试" }).click();
  await page.waitForFunction(() =>
    document
      .querySelector("[data-lianluo-src]")
      .shadowRoot.querySelector("[role=alert]")
      ?.textContent.includes("503"),
  );
  assert.deepEqual(await alerts(page), [`服务器未能提供数据文件 ${issueFile}（HTTP 503）。重试`]);

  await page.unroute(issueFile);
  await page.locator("[data-lianluo-src]").getByRole("button", { name: "重试" }).click();
  await page.waitForFunction(
    () =>
      document.querySelector("[data-lianluo-src]").shadowRoot.querySelectorAll("article.article").length ===
      3,
  );
  await settle(page);
  assert.deepEqual(await alerts(page), []);
  assert.deepEqual(problems.pageErrors, []);
});

test("a region whose issue files failed says so once, and 重试 brings their lines", async (t) => {
  const { page, problems } = await openPage(t, browser);
  const issueFile = at("data/issues/2017-15.json");
  const host = "[data-lianluo-src]"; // the standalone page's reader
  await page.route(issueFile, (route) => route.abort("connectionrefused"));
  await page.goto(at(`#/region/${encodeURIComponent("衡阳市")}`));
  await showsView(page, "衡阳市");
  assert.deepEqual(await alerts(page), ["有 1 期的文件未能加载，其中文章的摘要暂缺。重试"]);
  assert.equal(await inShadow(page, host, (root) => root.querySelector(".card .excerpt").textContent), "（本期文件暂时无法加载）");

  await page.unroute(issueFile);
  await page.locator(host).getByRole("button", { name: "重试" }).click();
  await page.waitForFunction(
    (host) => !document.querySelector(host).shadowRoot.querySelector("[role=alert]"),
    host,
  );
  await settle(page, host);
  const excerpt = await inShadow(page, host, (root) => root.querySelector(".card .excerpt").textContent);
  assert.ok(excerpt.length > 20 && !excerpt.includes("无法加载"), excerpt);
  assert.deepEqual(problems.pageErrors, []);
});

test("issue files named on another site or under another scheme are refused, unfetched", async (t) => {
  const { page, problems, requested } = await openFixture(t, "data-foreign-paths");
  const index = fixture("data-foreign-paths/index.json");
  const seen = [];
  for (const summary of index.issues) {
    await page.goto(at(`e2e/data-foreign-paths.html#/issue/${summary.id}`));
    await settle(page, HOST);
    const [message] = await alerts(page, HOST);
    seen.push(message.startsWith(`数据地址 ${summary.path} 不在本站，阅读器没有加载它。`));
    await assertNothingRan(page, summary.id);
  }
  assert.deepEqual(seen, [true, true, true]);
  assert.deepEqual(
    requested.filter((url) => !url.startsWith(at())),
    [],
  );
  assert.deepEqual(problems.pageErrors, []);
});

test("an issue file that contradicts the index is reported as such", async (t) => {
  const { page, problems } = await openFixture(t, "data-mismatch");
  assert.equal(await viewHeading(page, HOST), "联络动态第15期（总第535期）");
  const [message] = await alerts(page, HOST);
  assert.ok(message.includes("issues/2017-15.json") && message.includes("与总目录不一致"), message);
  assert.ok(message.includes("2017-14"), message);
  assert.deepEqual(problems.pageErrors, []);
});

test("an archive without issues says there are none yet", async (t) => {
  const { page, problems } = await openFixture(t, "data-empty");
  const shown = await inShadow(page, HOST, (root) => root.querySelector(".view").textContent);
  assert.equal(shown, "目前还没有任何一期。");
  assert.equal(
    await inShadow(page, HOST, (root) => root.querySelectorAll(".region-picker button").length),
    0,
  );
  assert.deepEqual(problems.pageErrors, []);
});

test("a file that never arrives times out with a message naming it", async (t) => {
  const { page, problems } = await openPage(t, browser);
  await page.clock.install();
  const issueFile = at("data/issues/2017-15.json");
  await page.route(issueFile, () => {}); // Held: no answer ever comes.
  await page.goto(at());
  // The reader's own masthead (not the static text's): the index is in, the issue file held.
  await page.waitForFunction(() =>
    document
      .querySelector("[data-lianluo-src]")
      .shadowRoot?.querySelector(".lianluo:not(.lianluo-static) .masthead"),
  );
  assert.deepEqual(await alerts(page), []);
  await page.clock.fastForward("00:21");
  await settle(page);
  assert.deepEqual(await alerts(page), [`获取数据文件 ${issueFile} 超时。重试`]);
  assert.deepEqual(problems.pageErrors, []);
});

test("an index the server fails to give is fetched again by 重试", async (t) => {
  const { page, problems } = await openPage(t, browser);
  const index = at("data/index.json");
  await page.route(index, (route) => route.fulfill({ status: 500, body: "" }));
  await page.goto(at());
  await settle(page);
  assert.deepEqual(await alerts(page), [`服务器未能提供数据文件 ${index}（HTTP 500）。重试`]);
  assert.equal(
    await inShadow(page, "[data-lianluo-src]", (root) => root.querySelectorAll(".masthead").length),
    0,
  );

  await page.unroute(index);
  await page.locator("[data-lianluo-src]").getByRole("button", { name: "重试" }).click();
  await page.waitForFunction(() =>
    document.querySelector("[data-lianluo-src]").shadowRoot.querySelector(".masthead"),
  );
  await settle(page);
  assert.deepEqual(await alerts(page), []);
  assert.equal(await viewHeading(page, "[data-lianluo-src]"), "联络动态第15期（总第535期）");
  assert.deepEqual(problems.pageErrors, []);
});

/**
 * Where `value` departs from the shape of `model` (a file `lianluo build` wrote): paths of
 * missing or extra keys and of JSON types that differ. `null` stands for an absent option and
 * matches anything; array items are held to the model's first item.
 */
function departures(value, model, path = "") {
  if (value === null || model === null) return [];
  const kind = (v) => (Array.isArray(v) ? "array" : typeof v);
  if (kind(value) !== kind(model)) return [`${path}: ${kind(value)} instead of ${kind(model)}`];
  if (Array.isArray(value)) {
    if (model.length === 0) return [];
    return value.flatMap((item, i) => departures(item, model[0], `${path}[${i}]`));
  }
  if (kind(value) !== "object") return [];
  const keys = new Set([...Object.keys(value), ...Object.keys(model)]);
  return [...keys].flatMap((key) => {
    if (!(key in value)) return [`${path}.${key}: missing`];
    if (!(key in model)) return [`${path}.${key}: not in the model`];
    return departures(value[key], model[key], `${path}.${key}`);
  });
}

test("the fixtures have the shape of the files lianluo build writes, except where meant", async () => {
  const model = async (path) => (await fetch(at(`data/${path}`))).json();
  const index = await model("index.json");
  const issue = await model(index.issues[0].path);
  assert.equal(index.format_version, 1);

  const wellFormed = [
    "data-hostile",
    "data-missing-issue",
    "data-one-damaged",
    "data-wrong-type-issue",
    "data-archive",
    "data-foreign-paths",
    "data-mismatch",
    "data-empty",
    "data-sparse",
  ];
  for (const path of wellFormed) {
    assert.deepEqual(departures(fixture(`${path}/index.json`), index), [], `${path}/index.json`);
  }
  const archived = fixture("data-archive/index.json").issues.map((summary) => `data-archive/${summary.path}`);
  assert.equal(archived.length, 4);
  for (const path of [
    "data-hostile/issues/hostile.json",
    "data-one-damaged/issues/2017-15.json",
    "data-mismatch/issues/2017-15.json",
    "data-sparse/issues/2019-7.json",
    ...archived,
  ]) {
    assert.deepEqual(departures(fixture(path), issue), [], path);
  }
  assert.deepEqual(departures(fixture("data-wrong-type/index.json"), index), [
    ".title: number instead of string",
  ]);
  assert.deepEqual(departures(fixture("data-wrong-type-issue/issues/2017-15.json"), issue), [
    ".articles[1].title: number instead of string",
  ]);
  const future = fixture("data-future/index.json");
  assert.deepEqual(departures(future, index), []);
  assert.equal(future.format_version, 99);
  for (const path of ["data-truncated/index.json", "data-one-damaged/issues/2017-16.json"]) {
    assert.throws(() => fixture(path), SyntaxError, `${path} is cut short`);
  }
});
