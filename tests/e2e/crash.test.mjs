// A trap in a host page's own WebAssembly is not the reader's: the loader tells them apart by
// the file a trap's stack names. Chromium only: WebKit names no file in a trap's stack, so
// there the loader counts every trap as the reader's. The reader's own trap, in every engine,
// is engines/crash.test.mjs.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { alerts, at, inShadow, launch, openPage, settle } from "./lib.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

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
