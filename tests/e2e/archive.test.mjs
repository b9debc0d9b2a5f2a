// A region whose articles span the issues of pages/data-archive (2018-3, 2018-2, 2018-1 and the
// sample 2017-15): its issue files load as needed with visible (and announced) progress, and it
// pages with "显示更多". Chromium-only: the issue files are held back by request interception
// to see the progress. The archive's other checks run in every engine, in
// engines/archive.test.mjs.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { archiveArticles, at, inShadow, launch, openPage, settle } from "./lib.mjs";

const HOST = "#reader";
const PAGE = "e2e/data-archive.html";
const issueFile = (id) => at(`e2e/data-archive/issues/${id}.json`);

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

const cardTitles = (page) =>
  inShadow(page, HOST, (root) => [...root.querySelectorAll(".card h3")].map((h) => h.textContent));

test("a region spans issues: loads only the files it shows, with progress, and pages", async (t) => {
  const { page } = await openPage(t, browser);
  const fetched = [];
  const held = [];
  await page.route("**/e2e/data-archive/issues/*.json", (route) => {
    fetched.push(route.request().url());
    held.push(route);
  });
  const all = archiveArticles("衡阳市");
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
