// 长辈模式 in Chromium: the switch, what it changes (26 px text, 48 px targets, AAA contrast,
// paragraphs a line apart, no sideways scroll at 320 px), that it is remembered and shown by
// the static text before the reader takes over, and that the host page's attribute wins.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { at, axeViolations, describeViolations, inShadow, launch, openPage, screenshot, settle } from "./lib.mjs";

const HOST = "[data-lianluo-src]";

/** Every view of the reader, and what opens it. */
const VIEWS = {
  issue: "",
  "issue list": "#/issues",
  article: "#/article/2017-15-2",
  region: `#/region/${encodeURIComponent("衡阳市")}`,
  search: `#/search?q=${encodeURIComponent("代表工作室")}`,
};

/** axe's rules for WCAG 2.x at every level, AAA's enhanced contrast among them. */
const AAA = { tags: ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21a", "wcag21aa", "wcag22aa"] };

/** Stores 长辈模式 on before any script of the page runs, as a reader who chose it before. */
const STORED_ON = () => localStorage.setItem("lianluo:elder-mode", "on");

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

/**
 * Settles the reader with every result card brought on screen: a card's excerpt is fetched only
 * once it is seen, and at 26 px the cards start below a small phone's first screen.
 */
async function settleWithCardsSeen(page) {
  await page.waitForFunction(
    (host) => {
      const view = document.querySelector(host)?.shadowRoot?.querySelector(".lianluo:not([hidden]) .view");
      return view?.childElementCount > 0 && !view.querySelector('.notice[role="status"], progress');
    },
    HOST,
  );
  await inShadow(page, HOST, (root) => root.querySelector(".view .cards li:last-child")?.scrollIntoView());
  await settle(page);
}

/** What 长辈模式 changes, as laid out in the reader on `HOST`. */
function measured(page) {
  return inShadow(page, HOST, (root) => {
    const reader = root.querySelector(".lianluo:not([hidden]) > .reader") ?? root.host.querySelector(".reader");
    const shown = (element) => element.getClientRects().length > 0;
    const controls = [
      ...reader.querySelectorAll(
        "button, .button, .chip, summary, input, .contents li a, .card h3 a, .issue-list li a, .back-matter a, .breadcrumb a",
      ),
    ].filter(shown);
    const small = controls
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 48 || box.height < 48)
      .map(({ element, box }) => `${element.textContent.trim().slice(0, 12)} ${Math.round(box.width)}×${Math.round(box.height)}`);
    const paragraph = reader.querySelector(".article-body p, .card h3, .issue-list li a");
    const style = getComputedStyle(paragraph);
    return {
      elder: reader.classList.contains("elder"),
      pressed: reader.querySelector(".elder-switch")?.getAttribute("aria-pressed"),
      fontSize: parseFloat(style.fontSize),
      lineHeight: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
      small,
      sideways: document.documentElement.scrollWidth > innerWidth || reader.scrollWidth > reader.clientWidth,
    };
  });
}

test("长辈模式 from the toolbar: 26 px text, 48 px targets, remembered across a reload", async (t) => {
  const { page, problems } = await openPage(t, browser);
  await page.goto(at(VIEWS.article));
  await settle(page);
  assert.equal((await measured(page)).elder, false);
  await page.locator(`${HOST} .elder-switch`).click();
  const on = await measured(page);
  assert.equal(on.elder, true);
  assert.equal(on.pressed, "true");
  assert.ok(on.fontSize >= 26, `body text ${on.fontSize} px`);
  assert.ok(on.lineHeight >= 1.5, `line spacing ${on.lineHeight}`);
  const paragraphGap = await inShadow(page, HOST, (root) => {
    const p = root.querySelector(".article-body p");
    return parseFloat(getComputedStyle(p).marginBottom) / parseFloat(getComputedStyle(p).fontSize);
  });
  assert.ok(paragraphGap >= 1, `paragraph spacing ${paragraphGap} em`);
  assert.deepEqual(on.small, [], "controls under 48 × 48 px");
  await screenshot(page, "elder-mode-article");
  await page.reload();
  await settle(page);
  assert.equal((await measured(page)).elder, true, "remembered");
  await page.locator(`${HOST} .elder-switch`).click();
  assert.equal((await measured(page)).elder, false, "and turned off again");
  assert.deepEqual(problems.pageErrors, []);
});

for (const colorScheme of ["light", "dark"]) {
  test(`长辈模式 (${colorScheme}): every view passes axe at AAA, targets 48 px, nothing sideways at 320 px`, async (t) => {
    for (const [name, address] of Object.entries(VIEWS)) {
      for (const viewport of [{ width: 390, height: 844 }, { width: 320, height: 640 }]) {
        const { page } = await openPage(t, browser, { colorScheme, viewport });
        await page.addInitScript(STORED_ON);
        await page.goto(at(address));
        await settleWithCardsSeen(page);
        const seen = await measured(page);
        const where = `${name} at ${viewport.width} px`;
        assert.equal(seen.elder, true, where);
        assert.deepEqual(seen.small, [], `${where}: controls under 48 × 48 px`);
        assert.equal(seen.sideways, false, `${where}: scrolls sideways`);
        if (viewport.width === 390) {
          const violations = await axeViolations(page, AAA);
          assert.deepEqual(violations, [], `${where}: ${describeViolations(violations)}`);
        }
        if (colorScheme === "light") await screenshot(page, `elder-mode-${name.replace(" ", "-")}-${viewport.width}`);
        await page.close();
      }
    }
  });
}

test("长辈模式 on a static page: its text shows in the mode before the reader runs, and passes axe at AAA", async (t) => {
  const { page } = await openPage(t, browser);
  await page.addInitScript(STORED_ON);
  // The WebAssembly held back: the static text is all there is.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route("**/*.wasm", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(at("data/pages/2017-15.html"));
  await page.waitForFunction(() => document.querySelector(".reader")?.classList.contains("elder"));
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector(".article-body p")).fontSize));
  assert.ok(before >= 26, `static text at ${before} px`);
  const violations = await axeViolations(page, AAA);
  assert.deepEqual(violations, [], describeViolations(violations));
  await screenshot(page, "elder-mode-static-page");
  release();
  await settle(page);
  assert.equal((await measured(page)).elder, true, "the reader takes over in the same mode");
});

test("长辈模式 with forced colours: axe at AAA finds nothing in any view, the switch's state stands out", async (t) => {
  for (const [name, address] of Object.entries(VIEWS)) {
    const { page } = await openPage(t, browser, { forcedColors: "active" });
    await page.addInitScript(STORED_ON);
    await page.goto(at(address));
    await settleWithCardsSeen(page);
    const violations = await axeViolations(page, AAA);
    assert.deepEqual(violations, [], `${name}: ${describeViolations(violations)}`);
    const backgrounds = await inShadow(page, HOST, (root) =>
      ["true", "false"].map((state) =>
        getComputedStyle(root.querySelector(`.chip[aria-pressed="${state}"]`)).backgroundColor,
      ),
    );
    assert.notEqual(backgrounds[0], backgrounds[1], `${name}: a pressed chip stands out`);
    if (name === "search") await screenshot(page, "elder-mode-forced-colors");
    await page.close();
  }
});

for (const stored of [false, true]) {
  test(`the host's data-lianluo-elder-mode wins over the remembered choice (${stored ? "on" : "none"})`, async (t) => {
    const { page } = await openPage(t, browser);
    if (stored) await page.addInitScript(STORED_ON);
    await page.goto(at("e2e/elder-mode.html"));
    for (const [host, expected] of [["#elder-on", true], ["#elder-off", false]]) {
      await settle(page, host);
      const seen = await inShadow(page, host, (root) => {
        const reader = root.querySelector(".lianluo:not([hidden]) > .reader");
        return [reader.classList.contains("elder"), reader.querySelector(".elder-switch").getAttribute("aria-pressed")];
      });
      assert.deepEqual(seen, [expected, String(expected)], host);
    }
  });
}
