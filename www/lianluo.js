// The one script a host page includes (as a module). It gives every element that carries
// data-lianluo-src a shadow root holding the reader's own stylesheet, shows the text of the view
// the address names at once (HTML rendered at build time by the reader's own components), and
// hands over to the reader when its WebAssembly has run. Where the WebAssembly cannot run, the
// text stays and its links lead to the static pages. It also exports mount(element, options).
//
// Every file is found relative to this file or to the data address, so the folder works under
// any path of any static server.

const GLUE = new URL("./lianluo_reader.js", import.meta.url).href;
const STYLESHEET = new URL("./lianluo.css", import.meta.url).href;
// The build names each WebAssembly like its JavaScript glue (lianluo-<hash>.js and .wasm).
const wasmOf = (glue) => glue.replace(/\.js$/, ".wasm");
const READER_WASM = wasmOf(GLUE);
// The reader's other programs, each fetched the first time the reader asks for it: the
// search engine when a reader first turns to search, and the check program when a data file
// cannot be read (it says what is wrong with it).
const PROGRAMS = {
  search: new URL("./lianluo_search.js", import.meta.url).href,
  check: new URL("./lianluo_check.js", import.meta.url).href,
};
// 朗读, fetched the first time a reader presses it.
const READ_ALOUD = new URL("./read-aloud.js", import.meta.url).href;
const programs = new Map();
const mounted = new WeakSet();
let engine = null;
let hashTaken = false;
let readers = 0;

const OLD_BROWSER = "此浏览器无法运行联络动态阅读器（需要支持 WebAssembly 的浏览器）。";
const STATIC_ONLY = "搜索和按地区浏览需要较新的浏览器，这里显示的是静态文本。";
const CRASHED = "阅读器遇到内部错误，已停止运行。请重试；如果问题仍然存在，请告知网站管理员。";
// Every running reader's container, for the message when the program stops.
const running = new Set();

// Starts the reader's program once for the page: its glue, then its WebAssembly.
function startEngine() {
  if (!engine) {
    engine = (async () => {
      if (typeof WebAssembly !== "object") throw new Error(OLD_BROWSER);
      const glue = await import(GLUE);
      await glue.default({ module_or_path: READER_WASM });
      addEventListener("error", (event) => stopped(event.error));
      addEventListener("unhandledrejection", (event) => stopped(event.reason));
      return glue;
    })();
  }
  return engine;
}

// Fetches and starts one of the reader's other programs (a name of PROGRAMS) once for the
// page; after a failure it is fetched again the next time it is asked for.
function loadProgram(name) {
  if (!programs.has(name)) {
    const glueFile = PROGRAMS[name];
    const started = (async () => {
      const glue = await import(glueFile);
      await glue.default({ module_or_path: wasmOf(glueFile) });
      return glue;
    })();
    started.catch(() => programs.delete(name));
    programs.set(name, started);
  }
  return programs.get(name);
}

// How long to wait, after two frames, for the browser to report the text's paint, in ms. It
// reports none where larger content is already on the page. Range 0–300.
const PAINT_REPORT_WAIT_MS = 100;

// Resolves once the text is on screen: when the browser reports a largest contentful paint
// after `since` (the report comes when the frame is presented, which can be frames after it
// was drawn), else two frames on, plus PAINT_REPORT_WAIT_MS where such reports exist.
function textPainted(since) {
  const frames = () =>
    new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve))));
  const reported = globalThis.PerformanceObserver?.supportedEntryTypes ?? [];
  if (!reported.includes("largest-contentful-paint")) return frames();
  return new Promise((resolve) => {
    const observer = new PerformanceObserver((entries) => {
      if (entries.getEntries().some((entry) => entry.startTime >= since)) done();
    });
    const done = () => {
      observer.disconnect();
      resolve();
    };
    observer.observe({ type: "largest-contentful-paint", buffered: true });
    frames().then(() => setTimeout(done, PAINT_REPORT_WAIT_MS));
  });
}

const isTrap = (error) =>
  typeof WebAssembly === "object" && error instanceof WebAssembly.RuntimeError;

// A fault in the reader's program (a panic, running out of memory) stops it with a trap: a
// WebAssembly.RuntimeError thrown to whatever called it. The program's state can no longer
// be trusted, so every reader on the page says so and offers to start again.
function stopped(error) {
  if (!isTrap(error)) return;
  // WebKit names no file in a trap's stack; where one is named, it must be the reader's.
  const files = String(error.stack ?? "").match(/[^\s()@]+\.wasm\b/g) ?? [];
  const ours = (file) =>
    file.startsWith(READER_WASM) || Object.values(PROGRAMS).some((glue) => file.startsWith(wasmOf(glue)));
  if (files.length > 0 && !files.some(ours)) return;
  for (const container of running) {
    // The markup of the reader's own failure notices, in its frame.
    const frame = document.createElement("div");
    frame.className = "reader";
    const notice = document.createElement("div");
    notice.className = "notice notice-error";
    notice.setAttribute("role", "alert");
    const words = document.createElement("p");
    words.textContent = CRASHED;
    const retry = document.createElement("button");
    retry.type = "button";
    retry.className = "button";
    retry.textContent = "重试";
    retry.addEventListener("click", () => location.reload());
    notice.append(words, retry);
    frame.append(notice);
    container.replaceChildren(frame);
    container.hidden = false;
  }
  running.clear();
}

function optionsFrom(element, options) {
  const routing = options.routing ?? element.getAttribute("data-lianluo-routing") ?? "hash";
  return {
    src: options.src ?? element.getAttribute("data-lianluo-src") ?? "",
    routing: routing !== "none",
    allowCrossOrigin:
      options.allowCrossOrigin ?? element.hasAttribute("data-lianluo-allow-cross-origin"),
    view: element.getAttribute("data-lianluo-view") ?? "",
    elderMode: options.elderMode ?? element.getAttribute("data-lianluo-elder-mode"),
  };
}

// The data folder's address, when the reader may read it (as the reader itself decides).
function dataBase(src, allowCrossOrigin) {
  try {
    const url = new URL(src, document.baseURI);
    const web = url.protocol === "http:" || url.protocol === "https:";
    if (src.trim() && web && (allowCrossOrigin || url.origin === location.origin)) return url;
  } catch {}
  return null;
}

// The fragment showing the view a reader address names: an issue, an article, the newest
// issue; for every other view the reader's waiting frame.
function fragmentFor(hash) {
  // Ids are letters, digits and dashes (docs/format.md); anything else names no fragment.
  const match = /^#\/(issue|article)\/([\w-]+)(?:[?#]|$)/.exec(hash);
  if (match) return `view/${match[1]}/${match[2]}.html`;
  return /^#\/?$|^$/.test(hash) ? "view/latest.html" : "view/shell.html";
}

// The static page that shows what a reader address names (docs/format.md: an article id is
// its issue's id and its position).
function pageFor(hash) {
  const match = /^#\/(issue|article)\/([\w-]+)(?:[?#]|$)/.exec(hash);
  if (!match) return "pages/index.html";
  const id = match[2];
  const issue = match[1] === "issue" ? id : id.replace(/-\d+$/, "");
  return match[1] === "article" ? `pages/${issue}.html#t-${id}` : `pages/${issue}.html`;
}

// Markup the build writes; anything else in a fragment is dropped, so that a damaged or
// tampered file cannot run script or load anything.
const TAGS = new Set(
  ("a article button details div dd dl dt footer form h2 h3 h4 header input label li mark " +
    "nav ol p progress section span summary time ul").split(" "),
);
const ATTRIBUTES = /^(class|id|href|lang|role|tabindex|type|for|placeholder|enterkeyhint|autocomplete|datetime|open|value|max|aria-[a-z]+|data-issue)$/;

function cleaned(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  for (const element of [...template.content.querySelectorAll("*")]) {
    if (!TAGS.has(element.localName)) {
      element.remove();
      continue;
    }
    for (const { name, value } of [...element.attributes]) {
      const badLink = name === "href" && !/^(#|https?:|mailto:|tel:)/.test(value);
      if (!ATTRIBUTES.test(name) || badLink) element.removeAttribute(name);
    }
  }
  return template.content;
}

// The reader's remembered text size and 长辈模式 (the host's data-lianluo-elder-mode wins),
// applied to static text so that nothing jumps when the reader takes over.
function rememberedSettings(root, elderMode) {
  let size = null;
  let elder = null;
  try {
    size = localStorage.getItem("lianluo:text-size");
    elder = localStorage.getItem("lianluo:elder-mode");
  } catch {}
  const reader = root.querySelector(".reader");
  if (!reader) return;
  if (/^size-(standard|large|largest)$/.test(size ?? "")) {
    reader.classList.remove("size-standard");
    reader.classList.add(size);
  }
  const on = (elderMode === "on" || elderMode === "off" ? elderMode : elder) === "on";
  reader.classList.toggle("elder", on);
  reader.querySelector(".elder-switch")?.setAttribute("aria-pressed", String(on));
}

// The position of `node` below `root`, as child indexes, to find its twin in another tree.
function pathTo(node, root) {
  if (!root.contains(node)) return null;
  const path = [];
  for (; node !== root; node = node.parentNode) {
    path.unshift([...node.parentNode.children].indexOf(node));
  }
  return path;
}

/**
 * Mounts a reader on `element`.
 * options: { src: data URL (default: the element's data-lianluo-src),
 *            routing: "hash" | "none" (default: data-lianluo-routing, else "hash"),
 *            allowCrossOrigin: boolean (default: data-lianluo-allow-cross-origin present),
 *            elderMode: "on" | "off" (default: data-lianluo-elder-mode, else the reader's
 *            remembered choice) }.
 * Only the first reader on a page keeps its view in the URL hash.
 */
export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError("mount() needs an element");
  if (mounted.has(element)) return;
  mounted.add(element);
  const { src, routing: wantsRouting, allowCrossOrigin, view, elderMode } = optionsFrom(
    element,
    options,
  );
  const routing = wantsRouting && !hashTaken;
  if (routing) hashTaken = true;
  const base = dataBase(src, allowCrossOrigin);

  const shadow = element.shadowRoot ?? element.attachShadow({ mode: "open" });
  const stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = STYLESHEET;
  const styled = new Promise((resolve) => {
    stylesheet.onload = resolve;
    stylesheet.onerror = resolve;
  });
  const container = document.createElement("div");
  container.className = "lianluo";
  container.hidden = true;
  // Every reader after the first names its landmarks apart (data-lianluo-name, or a number).
  readers += 1;
  const name = element.getAttribute("data-lianluo-name") ?? (readers > 1 ? `阅读器 ${readers}` : "");
  if (name) container.setAttribute("data-reader-name", name);

  // The static text: the page's own (shown through a slot, styled by the page), or the
  // fragment of the view the address names, fetched beside the WebAssembly. A static page's
  // own text stays until the reader takes over; the standalone page's, which says the view it
  // shows (data-lianluo-shows), gives way to the fragment of any other view.
  let text = null;
  let handedOver = false;
  // Set when the reader cannot run: why, for text that arrives afterwards.
  let failure = null;
  const wanted = () => (routing ? location.hash : "") || view;
  let ownText = element.querySelector(":scope > .lianluo");
  const shows = ownText?.getAttribute("data-lianluo-shows");
  const replaceable = shows != null;
  if (replaceable && fragmentFor(shows) !== fragmentFor(wanted())) {
    ownText.remove();
    ownText = null;
  }
  if (ownText) {
    // Enter in the page's own search box must not reload the page before the reader runs:
    // the reader searches for what was typed when it takes over.
    ownText.addEventListener("submit", (event) => event.preventDefault());
    text = document.createElement("slot");
    rememberedSettings(ownText, elderMode);
    shadow.replaceChildren(stylesheet, text, container);
  } else {
    shadow.replaceChildren(stylesheet, container);
  }
  // When the fragment's text was put on the page.
  let shownAt = 0;
  const showFragment = async (hash) => {
    if (!base || (ownText && !replaceable)) return;
    try {
      const response = await fetch(new URL(fragmentFor(hash), base));
      if (!response.ok) return;
      const fragment = document.createElement("div");
      fragment.className = "lianluo lianluo-static";
      fragment.append(cleaned(await response.text()));
      rememberedSettings(fragment, elderMode);
      // Typing in the static search box must not send the page anywhere.
      fragment.addEventListener("submit", (event) => event.preventDefault());
      await styled;
      if (handedOver || hash !== wanted()) return;
      text?.remove();
      ownText?.remove();
      ownText = null;
      text = fragment;
      container.before(fragment);
      shownAt = performance.now();
      if (failure) showUnavailable({ fragment, ownText, container, base, reason: failure });
    } catch {}
  };
  // The text's bytes first, then the program's: on a slow link they would share it, and the
  // text would wait for the program, which it does not need. The text's paint first too, before the
  // program's download and compilation compete with it.
  const engineStarted = (ownText ? Promise.resolve() : showFragment(wanted()))
    .then(() => textPainted(shownAt))
    .then(startEngine);
  // Until the reader runs, a followed link shows its view's text too.
  const following = () => showFragment(wanted());
  if (routing && (!ownText || replaceable)) addEventListener("hashchange", following);

  // The reader takes over in one step, in the same frame: its view is complete and laid out
  // like the text it replaces, and keeps the reader's focus.
  const handOver = () => {
    handedOver = true;
    removeEventListener("hashchange", following);
    const focused = ownText ? document.activeElement : shadow.activeElement;
    const at = text && focused ? pathTo(focused, ownText ?? text) : null;
    const typed = (ownText ?? text)?.querySelector?.('input[type="search"]')?.value;
    container.hidden = false;
    text?.remove();
    if (ownText) ownText.remove();
    // What the reader typed into the static search box is searched for by the reader.
    const box = container.querySelector('input[type="search"]');
    if (typed && box) {
      box.value = typed;
      box.dispatchEvent(new Event("input", { bubbles: true }));
    }
    if (at) {
      let twin = container;
      for (const index of at) twin = twin?.children[index];
      twin?.focus?.({ preventScroll: true });
    }
  };

  try {
    const [glue] = await Promise.all([engineStarted, styled]);
    // A task of its own for the reader's first render, apart from the module's instantiation.
    await new Promise((resolve) => setTimeout(resolve));
    glue.mountReader(container, src, {
      routing,
      allowCrossOrigin,
      view,
      onReady: handOver,
      loadProgram,
      elderMode,
    });
    running.add(container);
    offerReadAloud(shadow, container);
  } catch (error) {
    if (isTrap(error)) {
      running.add(container);
      stopped(error);
      return;
    }
    console.error("联络动态阅读器无法启动：", error);
    failure = typeof WebAssembly !== "object" || error instanceof WebAssembly.CompileError
      ? OLD_BROWSER
      : `未能加载阅读器程序文件 ${READER_WASM}，请检查网络后刷新页面。`;
    const fragment = text && text !== ownText && text.localName !== "slot" ? text : null;
    showUnavailable({ fragment, ownText, container, base, reason: failure });
  }
}

// 朗读 where the browser can speak Chinese: the reader's 朗读 button is shown (it keeps its
// place until then, so nothing moves), and a press fetches the module that reads.
async function offerReadAloud(shadow, container) {
  const synth = globalThis.speechSynthesis;
  if (!synth) return;
  const chinese = () => synth.getVoices().find((voice) => /^zh/i.test(voice.lang));
  if (!chinese()) {
    await new Promise((resolve) => {
      synth.addEventListener?.("voiceschanged", resolve, { once: true });
      setTimeout(resolve, 3000);
    });
  }
  if (!chinese()) return;
  container.setAttribute("data-speech", "");
  shadow.addEventListener("click", async (event) => {
    if (!event.target.closest?.(".read-aloud-start")) return;
    const { start } = await import(READ_ALOUD);
    start(shadow, chinese());
  });
}

// Said when the reader cannot run here. Static text stays, its reader links turned into links
// to the static pages, with one sentence on what is missing; without it, the reason in words
// and a link to the archive's static pages.
function showUnavailable({ fragment, ownText, container, base, reason }) {
  const notice = document.createElement("p");
  notice.className = "notice notice-error";
  notice.setAttribute("role", "status");
  const shown = fragment ?? ownText;
  if (shown) {
    notice.textContent = STATIC_ONLY;
    shown.classList.add("lianluo-static-only");
    if (base) {
      for (const link of shown.querySelectorAll('a[href^="#/"]')) {
        link.href = new URL(pageFor(link.getAttribute("href")), base).href;
      }
    }
    shown.querySelector(".view")?.before(notice);
    container.replaceChildren();
    container.hidden = true;
    return;
  }
  notice.setAttribute("role", "alert");
  notice.append(reason);
  if (base) {
    const link = document.createElement("a");
    link.href = new URL("pages/index.html", base).href;
    link.textContent = "各期的静态页面";
    notice.append("您可以阅读", link, "。");
  }
  container.replaceChildren(notice);
  container.hidden = false;
}

function mountAll() {
  for (const element of document.querySelectorAll("[data-lianluo-src]")) {
    mount(element);
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll, { once: true });
} else {
  mountAll();
}
