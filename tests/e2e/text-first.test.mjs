// Text first, where Chromium alone can say: the reader takes over from the text without a frame
// without text or a shift, and keeps the focus (the WebAssembly held back by request
// interception, every frame sampled from a script that runs before the page's own); static
// pages read with scripts off, and markup in the data stays text in them. What shows where the
// WebAssembly cannot load is checked in every engine, in engines/text-first.test.mjs.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { at, inShadow, launch, openPage, screenshot, settle } from "./lib.mjs";

const WASM = /lianluo-[0-9a-f]+\.wasm$/;

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

/**
 * Waits until the static text shows in the reader on `host`: a fetched fragment inside it, or
 * the page's own text shown through its slot.
 */
async function staticShown(page, host = "[data-lianluo-src]") {
  await page.waitForFunction(
    (selector) => {
      const element = document.querySelector(selector);
      const root = element?.shadowRoot;
      return (
        root?.querySelector(".lianluo-static .view-heading") ??
        (root?.querySelector("slot") && element.querySelector(":scope > .lianluo .view-heading"))
      );
    },
    host,
    { timeout: 15_000 },
  );
}

test("with scripts off the fallback leads to an issue's text in two clicks", async (t) => {
  const { page } = await openPage(t, browser, { javaScriptEnabled: false });
  await page.goto(at());
  await page.getByRole("link", { name: "各期的静态页面" }).click();
  await page.waitForURL(/data\/pages\/index\.html$/);
  assert.equal(await page.locator("h2").first().textContent(), "往期目录");
  await page.getByRole("link", { name: "第15期（总第535期）" }).click();
  await page.waitForURL(/data\/pages\/2017-15\.html$/);
  assert.equal((await page.locator("h1").count()), 1);
  assert.equal(await page.locator("html").getAttribute("lang"), "zh-CN");
  assert.equal(await page.locator("time").first().getAttribute("datetime"), "2017-08-30");
  assert.ok(await page.getByText("让市领导和市代表").first().isVisible());
  assert.equal(await page.locator(".search-box").isVisible(), false, "no control that cannot work");
  await screenshot(page, "static-page-scripts-off");
});

/**
 * Opens `path` with the WebAssembly held back by `delayMs`, sampling the reader on every
 * animation frame (is there text? which?) and summing layout shifts, until it settles.
 */
async function sampledTakeOver(t, path, delayMs) {
  const { page, problems } = await openPage(t, browser);
  await page.addInitScript(() => {
    window.__frames = [];
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
    const sample = () => {
      const root = document.querySelector("[data-lianluo-src]")?.shadowRoot;
      const text = root?.querySelector(".view .view-heading, ::slotted(*)");
      const live = root?.querySelector(".lianluo:not(.lianluo-static):not([hidden]) .view-heading");
      const slotted = root?.querySelector("slot") ? "static" : null;
      window.__frames.push(live ? "live" : text ? "static" : slotted ?? "none");
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  await page.route(WASM, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    await route.continue();
  });
  await page.goto(at(path));
  await settle(page);
  await page.waitForTimeout(200);
  const { frames, shift } = await page.evaluate(() => ({ frames: window.__frames, shift: window.__shift }));
  return { page, frames, shift, problems };
}

test("the reader takes over from the text with no frame without text and no shift", async (t) => {
  const { frames, shift, problems } = await sampledTakeOver(t, "", 1500);
  const first = frames.findIndex((frame) => frame !== "none");
  assert.ok(first >= 0, "text showed");
  const after = frames.slice(first);
  assert.ok(after.includes("static") && after.includes("live"), after.join(" "));
  assert.deepEqual(
    after.filter((frame) => frame === "none"),
    [],
    "every frame after the first text has text",
  );
  assert.equal(after.lastIndexOf("static") < after.indexOf("live"), true, "one hand-over");
  assert.equal(shift, 0, "no layout shift");
  assert.deepEqual(problems.pageErrors, []);
});

test("a static page hands over to the reader with no shift", async (t) => {
  const { frames, shift } = await sampledTakeOver(t, "data/pages/2017-15.html", 800);
  assert.ok(frames.includes("live"));
  assert.equal(shift, 0, "no layout shift");
});

/** The standalone page with the WebAssembly held back 1.5 s, once its own text shows. */
async function openWithTheReaderHeld(t) {
  const { page } = await openPage(t, browser);
  await page.route(WASM, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto(at());
  await staticShown(page);
  return page;
}

test("the reader's focus survives the hand-over", async (t) => {
  const page = await openWithTheReaderHeld(t);
  await page.locator("[data-lianluo-src] > .lianluo a", { hasText: "往期目录" }).focus();
  await settle(page);
  const focused = await inShadow(page, "[data-lianluo-src]", (root) => ({
    text: root.activeElement?.textContent,
    live: !root.activeElement?.closest(".lianluo-static"),
  }));
  assert.deepEqual(focused, { text: "往期目录", live: true });
});

test("a query typed and entered in the page's own text is searched once the reader runs", async (t) => {
  const page = await openWithTheReaderHeld(t);
  const box = page.locator("[data-lianluo-src] > .lianluo input[type='search']");
  await box.fill("代表");
  await box.press("Enter");
  await page.waitForFunction(() => location.hash.startsWith("#/search"), null, { timeout: 15_000 });
  assert.equal(new URL(page.url()).search, "", "the page was not submitted");
  assert.equal(decodeURIComponent(new URL(page.url()).hash), "#/search?q=代表");
});

test("markup in the data stays text in static pages, with scripts on and off", async (t) => {
  for (const javaScriptEnabled of [false, true]) {
    const { page, problems } = await openPage(t, browser, { javaScriptEnabled });
    await page.goto(at("poisoned/pages/2017-15.html"));
    if (javaScriptEnabled) await settle(page);
    else await page.waitForLoadState("load");
    await page.waitForTimeout(300);
    if (javaScriptEnabled) {
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
    }
    // Nothing from the data became an element: the page's one script is the loader.
    assert.equal(await page.locator("img, iframe, object, embed").count(), 0);
    assert.deepEqual(
      await page.locator("script").evaluateAll((all) => all.map((s) => s.getAttribute("src"))),
      ["../../lianluo.js"],
    );
    const text = javaScriptEnabled
      ? await inShadow(page, "[data-lianluo-src]", (root) => root.querySelector(".reader").textContent)
      : await page.locator(".reader").textContent();
    assert.ok(text.includes("<script>window.__pwned=1</script>"), "shown as text");
    const links = javaScriptEnabled
      ? await inShadow(page, "[data-lianluo-src]", (root) =>
          [...root.querySelectorAll("a")].map((a) => a.getAttribute("href")),
        )
      : await page.locator("a").evaluateAll((all) => all.map((a) => a.getAttribute("href")));
    assert.ok(!links.some((href) => /^javascript:/i.test(href ?? "")), links.join(" "));
    assert.deepEqual(problems.pageErrors, []);
  }
});
