// Data the reader cannot trust, where the test needs Chromium's request interception or log:
// failed and held requests, a clock run forward to a timeout, and issue files named elsewhere
// that must not even be requested. The checks of damaged files served as they are run in every
// engine, in engines/damaged-data.test.mjs; this file also checks the fixtures' shape. Fixtures
// live in tests/e2e/pages/data-*/, written by make-fixtures.mjs.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  alerts,
  assertNothingRan,
  at,
  fixture,
  inShadow,
  launch,
  openPage,
  settle,
  showsView,
  viewHeading,
} from "./lib.mjs";

const HOST = "#reader";

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

/** Opens `e2e/<name>.html` (whose reader shows `<name>/index.json`) and waits for it. */
async function openFixture(t, name) {
  const opened = await openPage(t, browser);
  const requested = [];
  opened.page.on("request", (request) => requested.push(request.url()));
  await opened.page.goto(at(`e2e/${name}.html`));
  await settle(opened.page, HOST);
  return { ...opened, requested };
}

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
    await assertNothingRan(page, HOST, summary.id);
  }
  assert.deepEqual(seen, [true, true, true]);
  assert.deepEqual(
    requested.filter((url) => !url.startsWith(at())),
    [],
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
    "data-volumes",
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
