// Text first: the HTML of the view the address names is on screen before the WebAssembly, the
// reader takes over from it without a frame without text or a shift, and the text stays where
// the WebAssembly cannot run, its links leading to the static pages; static pages read with
// scripts off; markup in the data stays text in all of it.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { at, BASE_URL, inShadow, launch, openPage, screenshot, settle, viewHeading } from "./lib.mjs";

const LATEST = "联络动态第15期（总第535期）";
const STATIC_ONLY = "搜索和按地区浏览需要较新的浏览器，这里显示的是静态文本。";
const WASM = /lianluo-[0-9a-f]+\.wasm$/;
const GLUE = /lianluo-[0-9a-f]+\.js$/;

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

/** Waits until the static text shows inside the reader on `host`. */
async function staticShown(page, host = "[data-lianluo-src]") {
  await page.waitForFunction(
    (selector) =>
      document.querySelector(selector)?.shadowRoot?.querySelector(".lianluo-static .view-heading"),
    host,
    { timeout: 15_000 },
  );
}

/** Waits for the static text inside the reader on `host` and returns what it shows. */
async function staticText(page, host = "[data-lianluo-src]") {
  await staticShown(page, host);
  // The loader says it cannot run the reader only once its files failed.
  await page
    .waitForFunction(
      (selector) => document.querySelector(selector).shadowRoot.querySelector(".lianluo-static-only"),
      host,
      { timeout: 15_000 },
    )
    .catch(() => {});
  return inShadow(page, host, (root) => {
    const text = root.querySelector(".lianluo-static");
    return {
      heading: text.querySelector(".view-heading").textContent.replace(/\s+/g, ""),
      notice: text.querySelector('.notice[role="status"]')?.textContent ?? null,
      links: [...text.querySelectorAll("a")].map((a) => a.getAttribute("href")),
      live: !root.querySelector(".lianluo:not(.lianluo-static)")?.hidden,
      searchShown: getComputedStyle(text.querySelector(".search-box")).display !== "none",
    };
  });
}

for (const [what, blocked] of [
  ["the .wasm", WASM],
  ["the JavaScript glue", GLUE],
]) {
  test(`with ${what} blocked the newest issue's text stays, its links to static pages`, async (t) => {
    const { page, problems } = await openPage(t, browser);
    await page.route(blocked, (route) => route.abort());
    await page.goto(at());
    const shown = await staticText(page);
    assert.equal(shown.heading, LATEST);
    assert.equal(shown.notice, STATIC_ONLY);
    assert.equal(shown.live, false);
    assert.equal(shown.searchShown, false, "the controls that need the reader are left out");
    const pages = shown.links.filter((href) => !/^(tel|mailto):/.test(href));
    assert.ok(pages.length > 3);
    for (const href of pages) {
      assert.ok(href.startsWith(`${BASE_URL}data/pages/`), href);
    }
    assert.ok(shown.links.includes(`${BASE_URL}data/pages/2017-15.html#t-2017-15-2`));
    assert.deepEqual(problems.pageErrors, []);
    await screenshot(page, `text-first-${blocked === WASM ? "no-wasm" : "no-glue"}`);
  });
}

test("an embedding host page keeps the text when the WebAssembly is blocked", async (t) => {
  const { page, problems } = await openPage(t, browser);
  await page.route(WASM, (route) => route.abort());
  await page.goto(at("e2e/host-with-reader.html"));
  const shown = await staticText(page, "#reader");
  assert.equal(shown.heading, LATEST);
  assert.equal(shown.notice, STATIC_ONLY);
  assert.deepEqual(problems.pageErrors, []);
});

test("a deep link to an article shows that article's text without the WebAssembly", async (t) => {
  const { page } = await openPage(t, browser);
  await page.route(WASM, (route) => route.abort());
  await page.goto(at("#/article/2017-15-2"));
  const shown = await staticText(page);
  assert.ok(shown.heading.includes("湘西自治州"), shown.heading);
  assert.ok(shown.links.includes(`${BASE_URL}data/pages/2017-15.html`), "back to its issue");
  // Following a link leads to the static page, at the article.
  await page.locator("[data-lianluo-src]").getByRole("link", { name: /^下一篇/ }).click();
  await page.waitForURL(/data\/pages\/2017-15\.html#t-2017-15-3$/);
  assert.ok(await page.locator("#t-2017-15-3").isVisible());
});

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

test("a static page becomes the full reader with scripts on, at its own issue", async (t) => {
  const { page, problems } = await openPage(t, browser);
  await page.goto(at("data/pages/2017-15.html"));
  await settle(page);
  assert.equal(await viewHeading(page), LATEST);
  await page.locator("[data-lianluo-src] summary").click();
  await page.locator("[data-lianluo-src]").getByRole("button", { name: "衡阳市 (1)" }).click();
  await page.waitForFunction(() => location.hash.startsWith("#/region/"));
  assert.deepEqual(problems.pageErrors, []);
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

test("the reader's focus survives the hand-over", async (t) => {
  const { page } = await openPage(t, browser);
  await page.route(WASM, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto(at());
  await staticShown(page);
  await page.locator("[data-lianluo-src] .lianluo-static a", { hasText: "往期目录" }).focus();
  await settle(page);
  const focused = await inShadow(page, "[data-lianluo-src]", (root) => ({
    text: root.activeElement?.textContent,
    live: !root.activeElement?.closest(".lianluo-static"),
  }));
  assert.deepEqual(focused, { text: "往期目录", live: true });
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
    const { page } = await openPage(t, browser);
    await page.goto(at(address));
    await settle(page);
    const [live, built] = await page.evaluate(
      async ([url, canonicalSource]) => {
        const canon = new Function(`return ${canonicalSource}`)();
        const template = document.createElement("template");
        template.innerHTML = await (await fetch(url)).text();
        const root = document.querySelector("[data-lianluo-src]").shadowRoot;
        return [canon(root.querySelector(".reader")), canon(template.content.firstElementChild)];
      },
      [at(`data/${fragment}`), canonical.toString()],
    );
    assert.ok(built.length > 1000, "the fragment holds the view");
    assert.equal(live, built);
  });
}

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

test("markup in the data stays text in the fragment shown before the reader", async (t) => {
  const { page, problems } = await openPage(t, browser);
  await page.route(WASM, (route) => route.abort());
  await page.goto(at("e2e/poisoned.html"));
  const shown = await staticText(page, "#reader");
  assert.ok(shown.heading.includes("<script>window.__pwned=1</script>"), shown.heading);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(problems.pageErrors, []);
});
