// Isolation both ways, in every engine: the host's CSS cannot restyle the reader, the reader
// changes nothing of the host, and the host's own #anchors keep working beside the reader's
// hash routes.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startBrowser } from "../engine.mjs";
import { at, inShadow, settle, showsView, viewHeading } from "../lib.mjs";

const HOST = "#reader";
let browser;
before(async () => {
  browser = await startBrowser();
});
after(() => browser?.close());

test("a hostile host stylesheet does not reach the reader", async (t) => {
  const page = await browser.open(t);
  await page.goto(at("e2e/hostile-css.html"));
  await settle(page, HOST);

  // The host's rules are in force on the host's own elements…
  const host = await page.evaluate(() => {
    const style = (node) => getComputedStyle(node);
    return {
      rootSize: style(document.documentElement).fontSize,
      heading: style(document.querySelector("h1")).color,
      paragraph: style(document.querySelector("main > p")).display,
    };
  });
  assert.deepEqual(host, { rootSize: "10px", heading: "rgb(255, 0, 0)", paragraph: "none" });

  // …and nowhere inside the reader.
  const reader = await inShadow(page, HOST, (root) => {
    const paragraphs = [...root.querySelectorAll(".article-body p, .editor-note p")];
    const look = (node) => {
      const style = getComputedStyle(node);
      const box = node.getBoundingClientRect();
      return {
        display: style.display,
        visible: box.width > 0 && box.height > 0,
        color: style.color,
        letterSpacing: style.letterSpacing,
        fontSize: parseFloat(style.fontSize),
      };
    };
    return {
      count: paragraphs.length,
      paragraphs: paragraphs.map(look),
      title: look(root.querySelector(".masthead-title")),
      buttons: [...root.querySelectorAll("button, a.button")]
        .filter((node) => node.checkVisibility())
        .map((node) => node.getBoundingClientRect().height),
    };
  });
  assert.equal(reader.count, 12);
  for (const paragraph of reader.paragraphs) {
    assert.equal(paragraph.display, "block");
    assert.equal(paragraph.visible, true);
    assert.equal(paragraph.color, "rgb(31, 31, 31)");
    assert.equal(paragraph.letterSpacing, "normal");
    assert.ok(paragraph.fontSize >= 16, `body text is ${paragraph.fontSize} px`);
  }
  assert.equal(reader.title.color, "rgb(163, 29, 29)");
  assert.ok(
    reader.buttons.length >= 5 && reader.buttons.every((height) => height >= 44),
    `${reader.buttons}`,
  );
  assert.deepEqual(await page.pageErrors(), []);
});

/** Every computed property of the host's own elements, with the page's stylesheets. */
async function hostPicture(page) {
  return page.evaluate(() => {
    // Both pages scroll, so that where a scrollbar takes room (Firefox) the taller page's does
    // not narrow everything.
    document.documentElement.style.overflowY = "scroll";
    // html and body grow with the reader's content; their sizes (and what derives from them)
    // are allowed to change, nothing else is.
    const sizeDependent = new Set(["height", "block-size", "perspective-origin", "transform-origin"]);
    const picture = {};
    const elements = [
      ["html", document.documentElement],
      ["body", document.body],
      ...[...document.querySelectorAll("[id^='site-'], [id^='host-'], #news, .item, .summary")].map(
        (node, index) => [`${node.tagName.toLowerCase()}#${node.id || index}`, node],
      ),
    ];
    for (const [name, node] of elements) {
      const style = getComputedStyle(node);
      const entries = {};
      for (const property of style) {
        if ((name === "html" || name === "body") && sizeDependent.has(property)) continue;
        entries[property] = style.getPropertyValue(property);
      }
      picture[name] = entries;
    }
    return {
      picture,
      elementCount: elements.length,
      stylesheets: [...document.styleSheets].map((sheet) => sheet.href),
      adopted: document.adoptedStyleSheets.length,
      rootAttributes: [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`),
      bodyAttributes: [...document.body.attributes].map((a) => `${a.name}=${a.value}`),
      scrollY: window.scrollY,
      focused: document.activeElement === document.body,
      hash: location.hash,
    };
  });
}

test("the reader changes nothing of the host page", async (t) => {
  // One page after the other: a WebDriver session has one window.
  const plain = await browser.open(t);
  await plain.goto(at("e2e/host-without-reader.html"));
  const without = await hostPicture(plain);

  const embedded = await browser.open(t);
  await embedded.goto(at("e2e/host-with-reader.html"));
  await settle(embedded, HOST);
  const withReader = await hostPicture(embedded);

  assert.equal(without.elementCount, 16);
  assert.equal(withReader.elementCount, without.elementCount);
  for (const [name, properties] of Object.entries(without.picture)) {
    const changed = Object.keys(properties).filter((p) => properties[p] !== withReader.picture[name][p]);
    assert.deepEqual(
      changed.map((p) => `${p}: ${properties[p]} → ${withReader.picture[name][p]}`),
      [],
      `${name} was restyled by the reader`,
    );
  }
  assert.deepEqual(withReader.stylesheets, without.stylesheets);
  assert.equal(withReader.adopted, 0);
  assert.deepEqual(withReader.rootAttributes, without.rootAttributes);
  assert.deepEqual(withReader.bodyAttributes, without.bodyAttributes);
  assert.equal(withReader.scrollY, 0, "the reader does not scroll the page when it loads");
  assert.equal(withReader.focused, true, "the reader does not take focus when it loads");
  assert.equal(withReader.hash, "", "the reader does not write the hash when it loads");
});

test("the host's own #anchors keep working and leave the reader where it is", async (t) => {
  const page = await browser.open(t);
  await page.goto(at("e2e/anchors.html"));
  await settle(page, HOST);
  await page.click(HOST, "nav[aria-label='本期目录'] a", { hasText: "多措并举" });
  await page.waitForFunction(() => location.hash === "#/article/2017-15-2");
  await settle(page, HOST);
  const article = await viewHeading(page, HOST);
  assert.ok(article.startsWith("湘西自治州多措并举"), article);

  await page.click(null, "#to-contact");
  await page.waitForFunction(() => location.hash === "#contact");
  const target = await page.evaluate(() => ({
    targeted: document.querySelector(":target")?.id ?? null,
    top: Math.round(document.getElementById("contact").getBoundingClientRect().top),
    scrollY: window.scrollY,
    height: innerHeight,
  }));
  assert.equal(target.targeted, "contact");
  assert.ok(target.scrollY > 0, "the page scrolled to the host's anchor");
  assert.ok(target.top >= 0 && target.top < target.height, `the anchor is ${target.top} px from the top`);
  assert.equal(await viewHeading(page, HOST), article, "the reader stays on its article");

  await page.goBack();
  await page.waitForFunction(() => location.hash === "#/article/2017-15-2");
  await showsView(page, article, HOST);
});

test("a page opened at a host anchor shows the newest issue and keeps the anchor", async (t) => {
  const page = await browser.open(t);
  await page.goto(at("e2e/anchors.html#contact"));
  await showsView(page, "联络动态第15期（总第535期）", HOST);
  assert.equal(new URL(await page.url()).hash, "#contact");
  assert.equal(await page.evaluate(() => document.querySelector(":target")?.id), "contact");
});

test("a host link to a reader address opens that view in the reader", async (t) => {
  const page = await browser.open(t);
  await page.goto(at("e2e/anchors.html"));
  await settle(page, HOST);
  await page.click(null, "#to-article");
  await page.waitForFunction(() => location.hash === "#/article/2017-15-3");
  await showsView(page, "衡阳市强化领导严明纪律坚决打赢换届选举翻身仗", HOST);
});
