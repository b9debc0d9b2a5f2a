// A fault in the reader's program: the shipped WebAssembly stops at once on a panic (a trap,
// docs/development.md), and the loader turns that into the reader's own message and 重试.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { alerts, at, inShadow, launch, openPage, settle } from "./lib.mjs";

const CRASHED = "阅读器遇到内部错误，已停止运行。请重试；如果问题仍然存在，请告知网站管理员。";

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

/**
 * Makes the running reader's WebAssembly trap, as a panic does: its own allocator is asked for
 * more memory than a 32-bit address space holds, which aborts. The call comes from a timer, so
 * nothing but the page's error handling sees the trap.
 */
async function crashTheProgram(page) {
  await page.evaluate(async () => {
    const glue = performance
      .getEntriesByType("resource")
      .map((entry) => entry.name)
      .find((name) => /\/lianluo-[0-9a-f]+\.js$/.test(name));
    // The glue is the page's own module instance; initialising it again returns its exports.
    const program = await (await import(glue)).default();
    setTimeout(() => program.__wbindgen_malloc(0xfffffff0, 8));
  });
}

test("a trap in the program ends in the reader's message with 重试, in every reader", async (t) => {
  const { page, problems } = await openPage(t, browser);
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
  assert.equal(problems.pageErrors.length, 1, "the trap itself is the page's one error");
  assert.match(problems.pageErrors[0], /RuntimeError/);

  // 重试 starts the reader again, from the page.
  await page.locator("#first").getByRole("button", { name: "重试" }).click();
  await page.waitForLoadState("load");
  await settle(page, "#first");
  assert.deepEqual(await alerts(page, "#first"), []);
});

test("a trap in another WebAssembly on the host page leaves the reader running", async (t) => {
  const { page } = await openPage(t, browser);
  await page.goto(at(""));
  await settle(page);
  // pages/trap.wasm exports one function, `f`, whose body is `unreachable`: its trap names
  // that file, not the reader's.
  await page.evaluate(async (url) => {
    const { instance } = await WebAssembly.instantiateStreaming(fetch(url));
    setTimeout(() => instance.exports.f());
  }, at("e2e/trap.wasm"));
  await page.waitForTimeout(300);
  assert.deepEqual(await alerts(page), []);
  const heading = await inShadow(page, "[data-lianluo-src]", (root) =>
    root.querySelector(".view .view-heading")?.textContent,
  );
  assert.match(heading ?? "", /第15期/);
});
