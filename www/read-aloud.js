// 朗读: reads the issue or the article in view aloud with the browser's speech synthesis, in a
// Chinese voice, block by block: the masthead line, the headings and the text, never the
// controls. The loader fetches this module the first time a reader presses 朗读; it never
// starts by itself. The block being read is marked and kept in view; at the end of an
// article it goes on to the next; it stops when the reader goes to another view, and the
// reader can scroll and read on meanwhile.

/** The blocks read, in document order. */
const READ =
  ".masthead, .editor-note h3, .editor-note p, .article > h3, .article-single > .view-heading, .article-body p, .article-body .subheading";

/**
 * The longest utterance, in characters: some engines stop long ones part-way. Blocks are cut
 * after sentence punctuation, and a sentence longer than this at any character. Range 40–200.
 */
const MOST_CHARS = 80;

/** `text` cut into utterances of at most `MOST_CHARS` characters, after 。！？；… where it can. */
export function utterances(text) {
  const sentences = text.replace(/\s+/g, " ").trim().match(/[^。！？；…]*[。！？；…]+|[^。！？；…]+$/g) ?? [];
  const parts = [];
  for (const sentence of sentences) {
    const last = parts.length - 1;
    if (last >= 0 && [...parts[last]].length + [...sentence].length <= MOST_CHARS) {
      parts[last] += sentence;
      continue;
    }
    const chars = [...sentence.trim()];
    for (let at = 0; at < chars.length; at += MOST_CHARS) {
      parts.push(chars.slice(at, at + MOST_CHARS).join(""));
    }
  }
  return parts.map((part) => part.trim()).filter(Boolean);
}

let stopShown = null;

/** Starts reading the view of the reader in `shadow` aloud with `voice`. */
export function start(shadow, voice) {
  stopShown?.();
  const container = shadow.querySelector(".lianluo:not([hidden])");
  const view = container?.querySelector(":scope > .reader > .view");
  if (!view) return;
  const synth = globalThis.speechSynthesis;
  // Each block read gets a new number: a cancelled utterance's late events are ignored.
  let turn = 0;
  let blocks = [...view.querySelectorAll(READ)];
  let at = 0;
  let paused = false;
  let turningPage = false;
  const bar = controls(container, { previous: () => read(at - 1), toggle, next: () => read(at + 1), stop });
  const pauseButton = bar.querySelector("[data-act=toggle]");

  function mark(block) {
    view.querySelectorAll("[data-reading]").forEach((node) => node.removeAttribute("data-reading"));
    block?.setAttribute("data-reading", "");
    block?.scrollIntoView({ block: "nearest" });
  }

  function read(index) {
    turn += 1;
    synth.cancel();
    setPaused(false);
    if (index < 0) index = 0;
    if (index >= blocks.length) return ended();
    at = index;
    const block = blocks[at];
    mark(block);
    const mine = turn;
    const parts = utterances(block.innerText);
    const say = (part) => {
      if (mine !== turn) return;
      if (part === parts.length) return read(at + 1);
      const utterance = new SpeechSynthesisUtterance(parts[part]);
      utterance.lang = "zh-CN";
      utterance.voice = voice;
      utterance.onend = () => say(part + 1);
      utterance.onerror = (event) => {
        if (mine === turn && event?.error !== "interrupted" && event?.error !== "canceled") stop();
      };
      synth.speak(utterance);
    };
    say(0);
  }

  // The end of the view: an article goes on to the next one, if there is one.
  function ended() {
    const next = [...view.querySelectorAll(".issue-nav a")].find((link) =>
      link.textContent.startsWith("下一篇"),
    );
    if (!next) return stop();
    turningPage = true;
    next.click();
  }

  function setPaused(now) {
    paused = now;
    pauseButton.textContent = paused ? "继续" : "暂停";
    pauseButton.setAttribute("aria-pressed", String(paused));
  }

  function toggle() {
    if (paused) synth.resume();
    else synth.pause();
    setPaused(!paused);
  }

  function stop() {
    turn += 1;
    synth.cancel();
    observer.disconnect();
    mark(null);
    bar.remove();
    if (stopShown === stop) stopShown = null;
  }

  // Another view (another heading: the reader may reuse the elements of the last one) stops
  // the reading, unless it is the next article it asked for, read once its text is there.
  const heading = () => view.querySelector(".view-heading")?.innerText;
  let shown = heading();
  const observer = new MutationObserver(() => {
    if (heading() === shown && blocks[at]?.isConnected) return;
    if (!turningPage) return stop();
    if (!view.querySelector(".article-body p")) return;
    turningPage = false;
    shown = heading();
    blocks = [...view.querySelectorAll(READ)];
    read(0);
  });
  observer.observe(view, { childList: true, subtree: true, characterData: true });
  stopShown = stop;
  read(0);
}

/** The bar of 朗读's controls, after the reader, styled as the reader is. */
function controls(container, actions) {
  const bar = document.createElement("div");
  bar.className = "lianluo read-aloud";
  const frame = document.createElement("div");
  frame.className = container.querySelector(".reader").className;
  frame.setAttribute("role", "group");
  frame.setAttribute("aria-label", "朗读");
  frame.lang = "zh-CN";
  for (const [act, label] of [
    ["previous", "上一段"],
    ["toggle", "暂停"],
    ["next", "下一段"],
    ["stop", "停止"],
  ]) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.dataset.act = act;
    button.textContent = label;
    button.addEventListener("click", () => actions[act]());
    frame.append(button);
  }
  bar.append(frame);
  container.after(bar);
  return bar;
}
