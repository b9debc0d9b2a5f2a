// 长辈模式 in every engine, set by the host page (data-lianluo-elder-mode="on", the first of
// the page's two readers): at the narrowest window nothing scrolls sideways, and every control
// is at least 48 px each way.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startBrowser } from "../engine.mjs";
import { at, inShadow, settle } from "../lib.mjs";

const HOST = "#elder-on";
const PAGE = "e2e/elder-mode.html";

let browser;
before(async () => {
  browser = await startBrowser();
});
after(() => browser?.close());

for (const hash of ["", "#/article/2017-15-2", "#/issues"]) {
  const view = hash || "#/";
  test(`长辈模式 on ${view}: nothing sideways at the narrowest window, every control 48 px or more`, async (t) => {
    // 320 px in Chromium; WebKit's and Firefox's windows stop at 450–500 px.
    const page = await browser.open(t, { viewport: { width: 320, height: 640 } });
    await page.goto(at(`${PAGE}${hash}`));
    await settle(page, HOST);
    const seen = await inShadow(page, HOST, (root) => {
      const reader = root.querySelector(".lianluo:not([hidden]) > .reader");
      const controls = [
        ...reader.querySelectorAll(
          "button, .button, .chip, summary, input, .contents li a, .issue-list li a, .back-matter a, .breadcrumb a",
        ),
      ].filter((node) => node.getClientRects().length > 0);
      return {
        elder: reader.classList.contains("elder"),
        fontSize: parseFloat(getComputedStyle(reader).fontSize),
        viewport: innerWidth,
        page: document.scrollingElement.scrollWidth,
        readerScroll: reader.scrollWidth,
        reader: reader.getBoundingClientRect().width,
        small: controls
          .map((node) => [node.textContent.trim().slice(0, 12), node.getBoundingClientRect()])
          .filter(([, box]) => box.width < 48 || box.height < 48)
          .map(([label, box]) => `${label} ${Math.round(box.width)}×${Math.round(box.height)}`),
      };
    });
    assert.equal(seen.elder, true, "the host's attribute turned it on");
    assert.ok(seen.fontSize >= 26, `text at ${seen.fontSize} px`);
    assert.ok(seen.viewport <= 500, `the window is ${seen.viewport} px wide, not narrow`);
    assert.ok(seen.page <= seen.viewport, `the page is ${seen.page} px wide`);
    assert.ok(seen.readerScroll <= seen.reader, `the reader's content is ${seen.readerScroll} px`);
    assert.deepEqual(seen.small, [], "controls under 48 × 48 px");
    if (hash === "") await page.screenshot("elder-mode-narrowest");
  });
}
