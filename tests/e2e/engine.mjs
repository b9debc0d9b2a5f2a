// One page API for the tests that run in every engine (tests/e2e/engines/): Chromium through
// Playwright, WebKitGTK and Firefox through a W3C WebDriver server that `cargo xtask test`
// starts (WebKitWebDriver driving MiniBrowser under Xvfb; geckodriver driving Firefox ESR).
//
// Environment, besides lib.mjs's:
//   E2E_ENGINE         chromium (the default), webkit or firefox
//   E2E_WEBDRIVER_URL  the WebDriver server for webkit and firefox, e.g. http://127.0.0.1:4444
//
// A WebDriver server runs one session at a time: run these files in one process
// (`node tests/e2e/one-session.mjs`), where they share one session, or one after another
// (`node --test --test-concurrency=1 tests/e2e/engines/`). Between tests the page goes blank
// and its storage is cleared.

import { writeFileSync } from "node:fs";
import { Capabilities, Key, WebDriver } from "selenium-webdriver";
import http from "selenium-webdriver/http/index.js";
import { launch, openPage, PHONE, screenshot, screenshotPath, SETTLE_TIMEOUT_MS } from "./lib.mjs";
import { pageSnapshot, saveStalled } from "./stalled.mjs";

/** The engine under test: `chromium`, `webkit` or `firefox`. */
const ENGINE = (process.env.E2E_ENGINE || "chromium").toLowerCase();

/** W3C capabilities that start each WebDriver engine as `cargo xtask test` runs it. */
const CAPABILITIES = {
  // MiniBrowser has no headless mode; it runs under Xvfb.
  webkit: { "webkitgtk:browserOptions": { args: ["--automation"] } },
  firefox: { browserName: "firefox", "moz:firefoxOptions": { args: ["-headless"] } },
};

/** How often a WebDriver wait asks the page again, in milliseconds. */
const POLL_MS = 50;

/**
 * @typedef {object} EnginePage A page in the engine under test.
 * @property {(url: string) => Promise<void>} goto Navigates and waits for the load event.
 * @property {() => Promise<string>} url The current address.
 * @property {(fn: Function | string, arg?: unknown) => Promise<any>} evaluate Runs `fn(arg)` (or
 *   a string expression) in the page; a returned promise is awaited.
 * @property {(fn: Function, arg?: unknown, options?: {timeout?: number}) => Promise<any>}
 *   waitForFunction Waits until `fn(arg)` in the page is truthy and returns that value.
 * @property {(host: string | null, selector: string, options?: {text?: string, hasText?: string}) => Promise<void>}
 *   click Clicks, with the pointer, the first shown element matching `selector` in the shadow
 *   root of `host` or among its children (in the document when `host` is null) whose trimmed
 *   text is `text` (or contains `hasText`), waiting for it to appear.
 * @property {(text: string) => Promise<void>} type Types `text` into the focused element.
 * @property {(key: "Tab" | "Enter" | "Backspace") => Promise<void>} press Presses one key.
 * @property {() => Promise<void>} goBack Goes back in the session history; over WebDriver it
 *   returns at once, so wait for what the previous entry shows.
 * @property {() => Promise<void>} goForward Goes forward in the session history, likewise.
 * @property {() => Promise<void>} reload Reloads and waits for the load event.
 * @property {(viewport: {width: number, height: number}) => Promise<void>} resize Asks for a
 *   viewport size; WebKit's and Firefox's windows do not go narrower than 450–500 px.
 * @property {(ms: number) => Promise<void>} waitForTimeout Waits `ms` milliseconds.
 * @property {(name: string) => Promise<string>} screenshot Saves the viewport as
 *   `E2E_OUT/<name>.png` and returns the file's path.
 * @property {() => Promise<string[]>} pageErrors Uncaught errors and unhandled rejections:
 *   every one in Chromium; over WebDriver, those of the current document after the first
 *   command the test sent to it (a script cannot watch a page before it runs).
 */

/** The browser of this process, shared by every test file that runs in it, and its users. */
let shared = null;
let users = 0;

/**
 * The engine's browser for a test file: `open(t, { viewport })` gives a page at that size (a
 * phone by default) for the test `t`; `close()` ends the file's use of it. Files that run in one
 * process (one-session.mjs) share one browser: a WebDriver session takes seconds to start, and
 * Firefox's first page in a fresh profile seconds more.
 * @returns {Promise<{open: (t: object, options?: {viewport?: {width: number, height: number}}) => Promise<EnginePage>, close: () => Promise<void>}>}
 */
export async function startBrowser() {
  users += 1;
  shared ??= launchEngine();
  const browser = await shared;
  return {
    open: browser.open,
    close: async () => {
      users -= 1;
      if (users === 0) {
        shared = null;
        await browser.close();
      }
    },
  };
}

/** Starts the browser `E2E_ENGINE` names. */
async function launchEngine() {
  if (ENGINE === "chromium") return startPlaywright();
  if (!(ENGINE in CAPABILITIES)) {
    throw new Error(`E2E_ENGINE=${ENGINE}: the engines are chromium, webkit and firefox`);
  }
  const server = process.env.E2E_WEBDRIVER_URL;
  if (!server) {
    throw new Error(
      `E2E_ENGINE=${ENGINE} needs E2E_WEBDRIVER_URL, the address of a running ` +
        (ENGINE === "webkit" ? "WebKitWebDriver" : "geckodriver") +
        " (docs/development.md says how to start one), or run `cargo xtask test`.",
    );
  }
  return startWebDriver(server, CAPABILITIES[ENGINE]);
}

/**
 * The page-side finder `click` uses: the element to click, or null while there is none. A
 * reader's elements are looked for in its shadow root, then among the host's own children
 * (static text may be shown through a slot).
 */
function findShown([host, selector, text, hasText]) {
  const element = host ? document.querySelector(host) : null;
  const scopes = host ? [element?.shadowRoot, element] : [document];
  const matches = (node) => {
    const shown = node.textContent.trim();
    if (text !== null && shown !== text) return false;
    return hasText === null || shown.includes(hasText);
  };
  const all = scopes.flatMap((scope) => (scope ? [...scope.querySelectorAll(selector)] : []));
  // Not getClientRects(): WebKit lays out the content of a closed <details>, only hiding it.
  return all.find((node) => node.checkVisibility() && matches(node)) ?? null;
}

async function startPlaywright() {
  const browser = await launch();
  return {
    async open(t, { viewport = PHONE } = {}) {
      const { page, problems } = await openPage(t, browser, { viewport });
      // A wait that runs out saves what the page held, and names the report in its error.
      const waitOrReport = async (fn, arg, timeout) => {
        try {
          return await page.waitForFunction(fn, arg, { timeout });
        } catch (error) {
          if (error?.name !== "TimeoutError") throw error;
          const report = await saveStalled({
            testName: t.name,
            waitedFor: String(fn),
            takeSnapshot: () => page.evaluate(pageSnapshot),
            takeScreenshot: (file) => page.screenshot({ path: file }),
            extra: { pageErrors: problems.pageErrors },
          });
          error.message += `\n  what the page held: ${report}`;
          throw error;
        }
      };
      return {
        goto: async (url) => {
          await page.goto(url);
        },
        url: async () => page.url(),
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        waitForFunction: async (fn, arg, { timeout = SETTLE_TIMEOUT_MS } = {}) =>
          (await waitOrReport(fn, arg, timeout)).jsonValue(),
        click: async (host, selector, { text = null, hasText = null } = {}) => {
          const found = await waitOrReport(findShown, [host, selector, text, hasText], SETTLE_TIMEOUT_MS);
          await found.asElement().click();
        },
        type: (text) => page.keyboard.type(text, { delay: 30 }),
        press: (key) => page.keyboard.press(key),
        goBack: async () => {
          await page.goBack();
        },
        goForward: async () => {
          await page.goForward();
        },
        reload: async () => {
          await page.reload();
        },
        resize: (size) => page.setViewportSize(size),
        waitForTimeout: (ms) => page.waitForTimeout(ms),
        screenshot: (name) => screenshot(page, name),
        pageErrors: async () => [...problems.pageErrors],
      };
    },
    close: () => browser.close(),
  };
}

// Runs before every script a WebDriver page is sent: from then on, the document's uncaught
// errors are kept for `pageErrors`, and what changed the search box, the address or the
// session history is kept, in order, for the report of a wait that ran out (stalled.mjs).
// The trail outlives a reload (in sessionStorage, which each test starts without): what
// happened before it is often the cause.
const WATCH_ERRORS = `if (!window.__e2eErrors) {
  window.__e2eErrors = [];
  let before = [];
  try { before = JSON.parse(sessionStorage.getItem("__e2eEvents") ?? "[]"); } catch {}
  window.__e2eEvents = before;
  const note = (what) => {
    __e2eEvents.push([Math.round(performance.now()), what + " (history " + history.length + ")"]);
    try { sessionStorage.setItem("__e2eEvents", JSON.stringify(__e2eEvents)); } catch {}
  };
  note("document at " + decodeURIComponent(location.hash || "(no hash)"));
  for (const name of ["pushState", "replaceState"]) {
    const original = history[name];
    history[name] = function (state, title, url) {
      note(name + " " + decodeURIComponent(String(url)));
      return original.apply(this, arguments);
    };
  }
  // WebKit's stack of a trap leaves out what kind it was (unreachable, out of bounds).
  addEventListener("error", (event) =>
    __e2eErrors.push(
      event.error ? event.error.name + ": " + event.error.message + "\\n" + event.error.stack : String(event.message),
    ),
  );
  // The reader says where it panicked on the console before it traps.
  const consoleError = console.error;
  console.error = function (...args) {
    note("console.error " + args.map(String).join(" "));
    return consoleError.apply(this, args);
  };
  addEventListener("unhandledrejection", (event) => __e2eErrors.push(String(event.reason?.stack ?? event.reason)));
  addEventListener("hashchange", () => note("hashchange " + decodeURIComponent(location.hash)));
  addEventListener("input", (event) => note("input " + event.composedPath()[0]?.value), true);
  const value = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value");
  Object.defineProperty(HTMLInputElement.prototype, "value", {
    ...value,
    set(text) {
      note("script set the box to " + text);
      value.set.call(this, text);
    },
  });
}
`;

const KEYS = { Tab: Key.TAB, Enter: Key.ENTER, Backspace: Key.BACK_SPACE };

async function startWebDriver(server, capabilities) {
  const driver = WebDriver.createSession(
    new http.Executor(new http.HttpClient(server)),
    new Capabilities(capabilities),
  );
  await driver.getSession();
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const script = (body, ...args) => driver.executeScript(WATCH_ERRORS + body, ...args);
  const evaluate = (fn, arg) =>
    typeof fn === "string"
      ? script(`return (${fn});`)
      : script(`return (${fn}).apply(null, arguments);`, arg);
  // A wait for `fn(arg)` on behalf of the test `testName`: when it runs out, what the page
  // held is saved, and the error names the report.
  const waitFor = (testName) => async (fn, arg, { timeout = SETTLE_TIMEOUT_MS } = {}) => {
    const deadline = Date.now() + timeout;
    let lastError = null;
    for (;;) {
      try {
        const value = await evaluate(fn, arg);
        if (value) return value;
      } catch (error) {
        // A navigation under way answers with an error; the next try finds the new document.
        lastError = error;
      }
      if (Date.now() > deadline) {
        const why = lastError ? ` (last error: ${lastError.message})` : "";
        const report = await saveStalled({
          testName,
          waitedFor: String(fn),
          takeSnapshot: () => script(`return (${pageSnapshot})();`),
          takeScreenshot: async (file) => writeFileSync(file, Buffer.from(await driver.takeScreenshot(), "base64")),
        });
        throw new Error(
          `timed out after ${timeout} ms waiting for ${String(fn).slice(0, 200)}${why}\n  what the page held: ${report}`,
        );
      }
      await sleep(POLL_MS);
    }
  };
  // The viewport last asked for: a window already at that size is left alone (a resize costs
  // half a second in Firefox).
  let asked = null;
  const resize = async ({ width, height }) => {
    if (asked?.width === width && asked?.height === height) return;
    asked = { width, height };
    // The window's frame and toolbars take some room: size the window so that the viewport
    // comes out as asked, as far as the engine allows. It stays at the screen's corner: under
    // Xvfb without a window manager, the keyboard focus is the window under the pointer, at the
    // centre of a screen made smaller than any window (see docs/development.md).
    const [innerWidth, innerHeight] = await driver.executeScript("return [innerWidth, innerHeight]");
    const rect = await driver.manage().window().getRect();
    await driver.manage().window().setRect({
      x: 0,
      y: 0,
      width: width + rect.width - innerWidth,
      height: height + rect.height - innerHeight,
    });
  };
  return {
    async open(t, { viewport = PHONE } = {}) {
      // Whatever a test did, the next one starts on a blank page without stored settings.
      t.after(async () => {
        await driver.executeScript("try { localStorage.clear(); sessionStorage.clear(); } catch {}");
        await driver.get("about:blank");
      });
      await resize(viewport);
      const waitForFunction = waitFor(t.name);
      return {
        goto: (url) => driver.get(url),
        url: () => driver.getCurrentUrl(),
        evaluate,
        waitForFunction,
        click: async (host, selector, { text = null, hasText = null } = {}) => {
          const found = await waitForFunction(findShown, [host, selector, text, hasText]);
          await driver.executeScript("arguments[0].scrollIntoView({ block: 'nearest' });", found);
          // A pointer click at the element's centre: WebKitWebDriver's element click takes
          // an element inside a shadow root for one covered by its host.
          await driver.actions().move({ origin: found }).click().perform();
        },
        type: (text) => driver.actions().sendKeys(text).perform(),
        press: (key) => driver.actions().sendKeys(KEYS[key]).perform(),
        // Through the page: after a change of the hash alone, WebKitWebDriver's Back lands
        // on an older entry than the previous one.
        goBack: () => driver.executeScript("history.back();"),
        goForward: () => driver.executeScript("history.forward();"),
        reload: () => driver.navigate().refresh(),
        resize,
        waitForTimeout: sleep,
        screenshot: async (name) => {
          // WebKit can show the previous paint for a moment after a change.
          await driver.executeAsyncScript(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300)));",
          );
          const file = screenshotPath(name);
          writeFileSync(file, Buffer.from(await driver.takeScreenshot(), "base64"));
          return file;
        },
        pageErrors: () => script("return [...window.__e2eErrors];"),
      };
    },
    close: () => driver.quit(),
  };
}
