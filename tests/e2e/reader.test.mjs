// The standalone page (dist/index.html) on the sample archive, where Chromium alone can say:
// the dark colour scheme and print media (emulated), and storage refused (a script that runs
// before the page's own). The rest of the reader's checks run in every engine, in
// engines/reader.test.mjs.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { at, inShadow, launch, openPage, screenshot, settle, showsView } from "./lib.mjs";

const HOST = "[data-lianluo-src]";

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

/** The standalone page at `hash`, settled. */
async function openReader(t, hash = "", options = {}) {
  const opened = await openPage(t, browser, options);
  await opened.page.goto(at(hash));
  await settle(opened.page);
  return opened;
}

test("the dark colour scheme darkens the reader and keeps its text light", async (t) => {
  const colours = async (colorScheme) => {
    const { page } = await openReader(t, "", { colorScheme });
    const found = await inShadow(page, HOST, (root) => ({
      paper: getComputedStyle(root.querySelector(".lianluo")).backgroundColor,
      ink: getComputedStyle(root.querySelector(".article-body p")).color,
    }));
    return { page, ...found };
  };
  const light = await colours("light");
  const dark = await colours("dark");
  await screenshot(dark.page, "issue-dark");
  assert.equal(light.paper, "rgb(255, 253, 248)");
  assert.equal(dark.paper, "rgb(23, 23, 26)");
  assert.equal(light.ink, "rgb(31, 31, 31)");
  assert.equal(dark.ink, "rgb(232, 230, 227)");
});

test("printing shows the text without the controls", async (t) => {
  // An issue with both neighbours, so that every control is on the page.
  const { page } = await openPage(t, browser);
  await page.goto(at("e2e/data-archive.html#/issue/2018-2"));
  await showsView(page, "联络动态第2期（总第537期）", "#reader");
  await page.emulateMedia({ media: "print" });
  const shown = await inShadow(page, "#reader", (root) =>
    Object.fromEntries(
      [
        ".toolbar",
        ".region-panel",
        ".contents",
        ".issue-nav",
        ".masthead",
        ".article-body p",
        ".back-matter",
      ].map((selector) => [selector, getComputedStyle(root.querySelector(selector)).display]),
    ),
  );
  assert.deepEqual(shown, {
    ".toolbar": "none",
    ".region-panel": "none",
    ".contents": "none",
    ".issue-nav": "none",
    ".masthead": "block",
    ".article-body p": "block",
    ".back-matter": "block",
  });
});

test(
  "printed text is set at the print stylesheet's 12 pt whatever the screen size chosen",
  async (t) => {
    const { page } = await openReader(t);
    await page.getByRole("button", { name: "特大" }).click();
    const fontSize = () =>
      inShadow(page, HOST, (root) => getComputedStyle(root.querySelector(".reader")).fontSize);
    assert.equal(await fontSize(), "23px", "the largest size is chosen on screen");
    await page.emulateMedia({ media: "print" });
    assert.equal(await fontSize(), "16px");
  },
);

test("where storage is refused the reader still works and sizes text for the visit", async (t) => {
  const { page, problems } = await openPage(t, browser);
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("storage is off", "SecurityError");
      },
    });
  });
  await page.goto(at());
  await showsView(page, "联络动态第15期（总第535期）");
  await page.getByRole("button", { name: "特大" }).click();
  const size = await inShadow(
    page,
    HOST,
    (root) => getComputedStyle(root.querySelector(".article-body p")).fontSize,
  );
  assert.equal(size, "23px");
  assert.deepEqual(problems.pageErrors, []);
});
