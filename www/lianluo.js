// The one script a host page includes (as a module). It gives every element that carries
// data-lianluo-src a shadow root holding the reader's own stylesheet, and mounts a reader in it.
// It also exports mount(element, options) for pages that add readers themselves.
//
// The WebAssembly and the stylesheet are found relative to this file, so the folder works
// under any path of any static server.

import init, { mountReader } from "./lianluo_reader.js";

const STYLESHEET = new URL("./lianluo.css", import.meta.url).href;
// The build names the WebAssembly like its JavaScript glue (lianluo-<hash>.js and .wasm).
const ENGINE = new URL("./lianluo_reader.js", import.meta.url).href.replace(/\.js$/, ".wasm");
const mounted = new WeakSet();
let engine = null;
let hashTaken = false;
let readers = 0;

const OLD_BROWSER = "此浏览器无法运行联络动态阅读器（需要支持 WebAssembly 的浏览器）。";

function startEngine() {
  if (!engine) engine = init({ module_or_path: ENGINE });
  return engine;
}

function optionsFrom(element, options) {
  const routing = options.routing ?? element.getAttribute("data-lianluo-routing") ?? "hash";
  return {
    src: options.src ?? element.getAttribute("data-lianluo-src") ?? "",
    routing: routing !== "none",
    allowCrossOrigin:
      options.allowCrossOrigin ?? element.hasAttribute("data-lianluo-allow-cross-origin"),
  };
}

// Said when the reader cannot run here: in words, with a link to the data itself. `reason`
// is the first sentence: the browser is too old, or the reader's own file did not load.
function showUnavailable(container, src, reason) {
  const message = document.createElement("p");
  message.className = "notice notice-error";
  message.setAttribute("role", "alert");
  message.append(reason);
  let href = null;
  try {
    const url = new URL(src, document.baseURI);
    if (url.protocol === "http:" || url.protocol === "https:") href = url.href;
  } catch {
    href = null;
  }
  if (href) {
    const link = document.createElement("a");
    link.href = href;
    link.textContent = "查看数据文件";
    message.append("您可以直接", link, "。");
  }
  container.replaceChildren(message);
  container.hidden = false;
}

/**
 * Mounts a reader on `element`.
 * options: { src: data URL (default: the element's data-lianluo-src),
 *            routing: "hash" | "none" (default: data-lianluo-routing, else "hash"),
 *            allowCrossOrigin: boolean (default: data-lianluo-allow-cross-origin present) }.
 * Only the first reader on a page keeps its view in the URL hash.
 */
export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError("mount() needs an element");
  if (mounted.has(element)) return;
  mounted.add(element);
  const { src, routing: wantsRouting, allowCrossOrigin } = optionsFrom(element, options);
  const routing = wantsRouting && !hashTaken;
  if (routing) hashTaken = true;

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
  shadow.replaceChildren(stylesheet, container);

  if (typeof WebAssembly !== "object") {
    showUnavailable(container, src, OLD_BROWSER);
    return;
  }
  try {
    await Promise.all([startEngine(), styled]);
    container.hidden = false;
    mountReader(container, src, routing, allowCrossOrigin);
  } catch (error) {
    console.error("联络动态阅读器无法启动：", error);
    const tooOld = error instanceof WebAssembly.CompileError;
    showUnavailable(container, src, tooOld ? OLD_BROWSER : `未能加载阅读器程序文件 ${ENGINE}，请检查网络后刷新页面。`);
  }
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
