// Text first, in every engine: where the WebAssembly or its JavaScript glue cannot load, the
// text of the view the address names stays, saying what needs a newer browser, its links
// leading to the static pages; a static page becomes the full reader; and the live reader
// renders what the build rendered. The sites without the program are served by
// `cargo xtask test` at /no-wasm/ and /no-glue/: dist/ without the .wasm, and without the glue.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startBrowser } from "../engine.mjs";
import { at, SAMPLE_TITLES as TITLES, settle, viewHeading } from "../lib.mjs";

const HOST = "[data-lianluo-src]";
const LATEST = "联络动态第15期（总第535期）";
const STATIC_ONLY = "搜索和按地区浏览需要较新的浏览器，这里显示的是静态文本。";

let browser;
before(async () => {
  browser = await startBrowser();
});
after(() => browser?.close());

/**
 * What the reader on `host` shows, wherever the loader put it (its shadow root, or light-DOM
 * children shown through a slot): the visible text, the addresses of the visible links, and
 * whether a search box is visible. Null until the text includes `sentence`. Runs in the page.
 */
function shownOnceItSays([host, sentence]) {
  const root = document.querySelector(host)?.shadowRoot;
  if (!root) return null;
  const parts = [...root.children].flatMap((child) =>
    child.localName === "slot" ? child.assignedElements({ flatten: true }) : [child],
  );
  const shown = parts.filter((part) => part.checkVisibility());
  const text = shown.map((part) => part.innerText).join("\n");
  if (!text.includes(sentence)) return null;
  const all = (selector) =>
    shown.flatMap((part) => [part, ...part.querySelectorAll(selector)].filter((n) => n.matches(selector)));
  return {
    text,
    links: all("a[href]")
      .filter((a) => a.checkVisibility())
      .map((a) => a.href),
    searchBox: all("input[type='search']").some((input) => input.checkVisibility()),
  };
}

/**
 * Waits until the reader on `host` says it shows static text, which the loader says only once
 * its files failed, and returns what it shows.
 */
const staticText = (page, host = HOST) => page.waitForFunction(shownOnceItSays, [host, STATIC_ONLY]);

/** The text without white space, for comparing with headings and titles. */
const squeezed = (text) => text.replace(/\s+/g, "");

for (const [what, site] of [
  ["the .wasm", "no-wasm/"],
  ["the JavaScript glue", "no-glue/"],
]) {
  test(`without ${what} the newest issue's text stays, its links to static pages`, async (t) => {
    const page = await browser.open(t);
    await page.goto(at(site));
    const shown = await staticText(page);
    const text = squeezed(shown.text);
    assert.ok(text.includes(LATEST), shown.text);
    assert.ok(text.includes("为贯彻落实2015年中央18号文件"), "the editor's note");
    for (const title of TITLES) assert.ok(text.includes(squeezed(title)), title);
    assert.equal(shown.searchBox, false, "the controls that need the reader are left out");
    const pages = shown.links.filter((href) => !/^(tel|mailto):/.test(href));
    assert.ok(pages.length > 3, pages.join(" "));
    for (const href of pages) {
      assert.ok(href.startsWith(at(`${site}data/pages/`)), href);
    }
    assert.ok(pages.includes(at(`${site}data/pages/2017-15.html#t-2017-15-2`)), pages.join(" "));
    assert.deepEqual(await page.pageErrors(), []);
    await page.screenshot(`text-first-${site.replace("/", "")}`);
  });
}

test("an embedding host page keeps the text when the WebAssembly is missing", async (t) => {
  const page = await browser.open(t);
  await page.goto(at("no-wasm/e2e/host-with-reader.html"));
  const shown = await staticText(page, "#reader");
  assert.ok(squeezed(shown.text).includes(LATEST), shown.text);
  assert.ok(squeezed(shown.text).includes(squeezed(TITLES[2])), shown.text);
  assert.deepEqual(await page.pageErrors(), []);
});

test("a deep link to an article shows that article's text without the WebAssembly", async (t) => {
  const page = await browser.open(t);
  await page.goto(at("no-wasm/#/article/2017-15-2"));
  const shown = await staticText(page);
  assert.ok(squeezed(shown.text).includes(`湘西自治州${squeezed(TITLES[1])}`), shown.text);
  assert.ok(squeezed(shown.text).includes("加强思想建设，提高政治站位。"), "the article's body");
  assert.ok(shown.links.includes(at("no-wasm/data/pages/2017-15.html")), "back to its issue");
  // Following a link leads to the static page, at the article.
  await page.click(HOST, "a", { hasText: "下一篇" });
  await page.waitForFunction(() => location.href.endsWith("data/pages/2017-15.html#t-2017-15-3"));
  const target = await page.waitForFunction(() => document.getElementById("t-2017-15-3")?.checkVisibility());
  assert.equal(target, true);
});

test("markup in the data stays text in the fragment shown before the reader", async (t) => {
  const page = await browser.open(t);
  await page.goto(at("no-wasm/e2e/poisoned.html"));
  const shown = await staticText(page, "#reader");
  assert.ok(shown.text.includes("<script>window.__pwned=1</script>"), shown.text);
  assert.equal(await page.evaluate(() => typeof window.__pwned), "undefined");
  assert.deepEqual(await page.pageErrors(), []);
});

test("a missing WebAssembly file is reported as a missing file, not as an old browser", async (t) => {
  const page = await browser.open(t);
  // The fixture archives carry no rendered views: there is no text to fall back on.
  await page.goto(at("no-wasm/e2e/data-archive.html"));
  const shown = await page.waitForFunction(shownOnceItSays, ["#reader", "未能加载阅读器程序文件"]);
  assert.match(shown.text, /lianluo-[0-9a-f]+\.wasm/, shown.text);
  assert.ok(!shown.text.includes("此浏览器无法运行"), shown.text);
});

test("a static page becomes the full reader with scripts on, at its own issue", async (t) => {
  const page = await browser.open(t);
  await page.goto(at("data/pages/2017-15.html"));
  await settle(page);
  assert.equal(await viewHeading(page), LATEST);
  await page.click(HOST, "summary");
  await page.click(HOST, "button", { text: "衡阳市 (1)" });
  await page.waitForFunction(() => location.hash.startsWith("#/region/"));
  assert.deepEqual(await page.pageErrors(), []);
});

/** A tree's structure and text: element names, classes and text, without attributes. */
function canonical(root) {
  const walk = (node) => {
    if (node.nodeType === 3) return node.textContent;
    if (node.nodeType !== 1) return "";
    const inner = [...node.childNodes].map(walk).join("");
    return `<${node.localName}.${node.className}>${inner}</${node.localName}>`;
  };
  return walk(root);
}

for (const [address, fragment] of [
  ["", "view/latest.html"],
  ["#/issue/2017-15", "view/issue/2017-15.html"],
  ["#/article/2017-15-1", "view/article/2017-15-1.html"],
]) {
  test(`the live reader and its build-time rendering agree (${fragment})`, async (t) => {
    const page = await browser.open(t);
    await page.goto(at(address));
    await settle(page);
    const [live, built] = await page.evaluate(
      async ([url, canonicalSource]) => {
        const canon = new Function(`return ${canonicalSource}`)();
        const template = document.createElement("template");
        template.innerHTML = await (await fetch(url)).text();
        const root = document.querySelector("[data-lianluo-src]").shadowRoot;
        // The build leaves the region counts out (they change with every new issue); the
        // folded panel holds them only once the reader runs.
        const live = root.querySelector(".reader").cloneNode(true);
        for (const chips of live.querySelectorAll(".region-picker .chips")) chips.replaceChildren();
        return [canon(live), canon(template.content.firstElementChild)];
      },
      [at(`data/${fragment}`), canonical.toString()],
    );
    assert.ok(built.length > 1000, "the fragment holds the view");
    assert.equal(live, built);
  });
}
