// The system's own settings, which Chromium can emulate: more contrast (prefers-contrast: more)
// and forced colours (Windows 高对比度, forced-colors: active): text contrast, and the states
// colour alone would show (a pressed control, a match).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { at, axeViolations, describeViolations, inShadow, launch, openPage, screenshot, settle } from "./lib.mjs";

const HOST = "[data-lianluo-src]";

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

for (const colorScheme of ["light", "dark"]) {
  test(`more contrast (${colorScheme}): every text at 7:1 or more, on an issue and on search results`, async (t) => {
    for (const address of ["", `#/search?q=${encodeURIComponent("代表工作室")}`]) {
      const { page } = await openPage(t, browser, { colorScheme, contrast: "more" });
      await page.goto(at(address));
      await settle(page);
      const violations = await axeViolations(page, ["color-contrast-enhanced", "color-contrast"]);
      assert.deepEqual(violations, [], describeViolations(violations));
      if (address === "" && colorScheme === "light") await screenshot(page, "more-contrast");
    }
  });
}

test("forced colours: controls keep their borders, pressed and marked stand out, axe finds nothing", async (t) => {
  const { page } = await openPage(t, browser, { forcedColors: "active" });
  await page.goto(at(`#/search?q=${encodeURIComponent("代表工作室")}`));
  await settle(page);
  const seen = await inShadow(page, HOST, (root) => {
    const style = (element) => getComputedStyle(element);
    const [pressed, other] = ["true", "false"].map((state) =>
      root.querySelector(`.sort .chip[aria-pressed="${state}"]`),
    );
    const mark = root.querySelector(".card mark");
    const excerpt = mark.closest(".excerpt");
    return {
      pressedBackground: style(pressed).backgroundColor,
      otherBackground: style(other).backgroundColor,
      otherBorder: style(other).borderTopStyle,
      boxBorder: style(root.querySelector(".search-box input")).borderTopStyle,
      markBackground: style(mark).backgroundColor,
      textBackground: style(excerpt).backgroundColor,
    };
  });
  assert.notEqual(seen.pressedBackground, seen.otherBackground, "the pressed chip stands out");
  assert.equal(seen.otherBorder, "solid", "a chip keeps its border");
  assert.equal(seen.boxBorder, "solid", "the search box keeps its border");
  assert.notEqual(seen.markBackground, seen.textBackground, "a match stands out from its text");
  await screenshot(page, "forced-colors");
  const violations = await axeViolations(page, ["color-contrast", "link-in-text-block"]);
  assert.deepEqual(violations, [], describeViolations(violations));
});
