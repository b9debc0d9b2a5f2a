// A fault in the reader's program, in every engine: the shipped WebAssembly stops at once on a
// panic (a trap, docs/development.md), and the loader turns that into the reader's own message
// and 重试. WebKit names no file in a trap's stack, Chromium and Firefox do; the loader counts a
// trap naming no file as the reader's.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startBrowser } from "../engine.mjs";
import { alerts, at, inShadow, settle } from "../lib.mjs";

const CRASHED = "阅读器遇到内部错误，已停止运行。请重试；如果问题仍然存在，请告知网站管理员。";

let browser;
before(async () => {
  browser = await startBrowser();
});
after(() => browser?.close());

/**
 * Makes the running reader's WebAssembly trap, as a panic does: its own allocator is asked for
 * more memory than a 32-bit address space holds, which aborts. A module script of the page
 * imports the page's own glue (a WebDriver script would get a copy of its own in Firefox), and
 * the call comes from a timer, so nothing but the page's error handling sees the trap.
 */
async function crashTheProgram(page) {
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.type = "module";
    script.src = "data:text/javascript," + encodeURIComponent(`
      const glue = performance.getEntriesByType("resource").map((entry) => entry.name)
        .find((name) => /\\/lianluo-[0-9a-f]+\\.js$/.test(name));
      const program = await (await import(glue)).default();
      setTimeout(() => program.__wbindgen_malloc(0xfffffff0, 8));`);
    document.head.append(script);
  });
}

test("a trap in the program ends in the reader's message with 重试, in every reader", async (t) => {
  const page = await browser.open(t);
  await page.goto(at("e2e/two-readers.html"));
  await settle(page, "#first");
  await settle(page, "#second");

  await crashTheProgram(page);
  await page.waitForFunction(() =>
    [...document.querySelectorAll("[data-lianluo-src]")].every((host) =>
      host.shadowRoot?.querySelector('[role="alert"]'),
    ),
  );
  for (const host of ["#first", "#second"]) {
    assert.deepEqual(await alerts(page, host), [`${CRASHED}重试`]);
    const shown = await inShadow(page, host, (root) => ({
      views: root.querySelectorAll(".view").length,
      retry: root.querySelector(".lianluo button")?.textContent,
    }));
    assert.deepEqual(shown, { views: 0, retry: "重试" }, `${host}: only the message remains`);
  }

  // 重试 starts the reader again, from the page: a new document, without the old one's mark.
  await page.evaluate(() => {
    window.beforeRetry = true;
  });
  await page.click("#first", "button", { text: "重试" });
  await page.waitForFunction(() => !window.beforeRetry && document.readyState === "complete");
  await settle(page, "#first");
  assert.deepEqual(await alerts(page, "#first"), []);
});
