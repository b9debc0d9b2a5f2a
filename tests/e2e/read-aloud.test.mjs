// 朗读 in Chromium, against a fake speechSynthesis installed before the page's scripts: what is
// read, in which language and order, the marked block following the speech, pause and stop,
// the next article, a view change, and no 朗读 where the browser cannot speak Chinese.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { at, inShadow, launch, openPage, SAMPLE_TITLES, screenshot, settle } from "./lib.mjs";

const HOST = "[data-lianluo-src]";

/**
 * A speechSynthesis that speaks each utterance for `ms` milliseconds (ending it only while
 * not paused) with voices of `langs`, and records in `window.__spoken` each utterance with
 * its language, voice, and the text of the block the reader had marked when it began.
 */
function fakeSpeech({ langs, ms }) {
  const voices = langs.map((lang) => ({ lang, name: `假 ${lang}`, voiceURI: lang, localService: true, default: false }));
  const spoken = [];
  let queue = [];
  let current = null;
  let paused = false;
  let due = false;
  const marked = () =>
    document.querySelector("[data-lianluo-src]")?.shadowRoot?.querySelector("[data-reading]")?.innerText ?? null;
  const finish = (utterance) => {
    if (current !== utterance) return;
    current = null;
    utterance.onend?.({});
    pump();
  };
  const pump = () => {
    if (paused || current || queue.length === 0) return;
    const utterance = (current = queue.shift());
    spoken.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice?.name, marked: marked() });
    setTimeout(() => {
      if (paused) due = true;
      else finish(utterance);
    }, ms);
  };
  window.__spoken = spoken;
  window.SpeechSynthesisUtterance = class {
    constructor(text) {
      this.text = text;
    }
  };
  // speechSynthesis is a read-only attribute of the window: it is replaced, not assigned.
  const synth = {
    getVoices: () => voices,
    addEventListener() {},
    speak(utterance) {
      queue.push(utterance);
      pump();
    },
    cancel() {
      queue = [];
      const was = current;
      current = null;
      was?.onerror?.({ error: "interrupted" });
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      if (due && current) {
        due = false;
        finish(current);
      } else pump();
    },
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
}

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

async function reader(t, address, speech) {
  const { page, problems } = await openPage(t, browser);
  if (speech) await page.addInitScript(fakeSpeech, speech);
  else await page.addInitScript(() => Object.defineProperty(window, "speechSynthesis", { value: undefined }));
  await page.goto(at(address));
  await settle(page);
  return { page, problems };
}

const startButton = (page) => page.locator(`${HOST} .read-aloud-start`);
const bar = (page, label) => page.locator(`${HOST} .read-aloud button`, { hasText: label });
const spoken = (page) => page.evaluate(() => window.__spoken.map((utterance) => ({ ...utterance })));

/** The blocks of the article view as the reader shows them: heading, then paragraphs. */
const blocksOf = (page) =>
  inShadow(page, HOST, (root) =>
    [...root.querySelectorAll(".article-single > .view-heading, .article-body p, .article-body .subheading")].map(
      (node) => node.innerText.replace(/\s+/g, " ").trim(),
    ),
  );

test("朗读 reads the article's heading and text in order, in zh-CN, marking the block read, then the next article", async (t) => {
  const { page, problems } = await reader(t, "#/article/2017-15-2", { langs: ["en-US", "zh-CN"], ms: 5 });
  const blocks = await blocksOf(page);
  await startButton(page).click();
  // Until the next article's heading is read.
  await page.waitForFunction((title) => window.__spoken.some((u) => u.marked?.includes(title)), SAMPLE_TITLES[2]);
  const said = await spoken(page);
  // Each block is read whole, in utterances of at most 80 characters, in order.
  let read = 0;
  for (const block of blocks) {
    let text = "";
    while (text.length < block.replace(/ /g, "").length) {
      const utterance = said[read++];
      assert.ok(utterance, `nothing read of ${block}`);
      assert.ok([...utterance.text].length <= 80, utterance.text);
      assert.equal(utterance.lang, "zh-CN");
      assert.equal(utterance.voice, "假 zh-CN");
      assert.ok(utterance.marked.replace(/\s+/g, " ").includes(utterance.text), `${utterance.text} read while ${utterance.marked} was marked`);
      text += utterance.text.replace(/ /g, "");
    }
    assert.equal(text, block.replace(/ /g, ""));
  }
  // Then the next article: its view is shown and read from its heading.
  assert.equal(await page.evaluate(() => location.hash), "#/article/2017-15-3");
  const next = await blocksOf(page);
  assert.ok(next[0].includes(said[read].text), `${said[read].text} opens ${next[0]}`);
  assert.deepEqual(problems.pageErrors, []);
});

test("朗读's pause holds the speech, 继续 goes on, 停止 ends it and clears the mark", async (t) => {
  const { page } = await reader(t, "#/article/2017-15-1", { langs: ["zh-CN"], ms: 120 });
  await startButton(page).click();
  await page.waitForFunction(() => window.__spoken.length >= 1);
  await bar(page, "暂停").click();
  const held = (await spoken(page)).length;
  await page.waitForTimeout(500);
  assert.equal((await spoken(page)).length, held, "nothing more while paused");
  await screenshot(page, "read-aloud-paused");
  await bar(page, "继续").click();
  await page.waitForFunction((count) => window.__spoken.length > count, held);
  await bar(page, "停止").click();
  const stopped = (await spoken(page)).length;
  await page.waitForTimeout(400);
  assert.equal((await spoken(page)).length, stopped, "nothing more once stopped");
  const left = await inShadow(page, HOST, (root) => ({
    marked: root.querySelectorAll("[data-reading]").length,
    bar: root.querySelectorAll(".read-aloud").length,
  }));
  assert.deepEqual(left, { marked: 0, bar: 0 });
});

test("朗读 stops when the reader goes to another view", async (t) => {
  const { page } = await reader(t, "", { langs: ["zh-CN"], ms: 100 });
  await startButton(page).click();
  await page.waitForFunction(() => window.__spoken.length >= 1);
  const first = (await spoken(page))[0];
  assert.ok(first.text.startsWith("联络动态"), `the masthead line first: ${first.text}`);
  await page.locator(`${HOST} .toolbar-links a`, { hasText: "往期目录" }).click();
  await settle(page);
  const stopped = (await spoken(page)).length;
  await page.waitForTimeout(400);
  assert.equal((await spoken(page)).length, stopped);
  assert.equal(await inShadow(page, HOST, (root) => root.querySelectorAll(".read-aloud").length), 0);
});

for (const [what, speech] of [
  ["no speechSynthesis", null],
  ["no Chinese voice", { langs: ["en-US"], ms: 5 }],
]) {
  test(`with ${what}, there is no 朗读`, async (t) => {
    const { page } = await reader(t, "#/article/2017-15-1", speech);
    await page.waitForTimeout(3_200);
    assert.equal(await startButton(page).isVisible(), false);
    const tree = await page.locator(HOST).ariaSnapshot();
    assert.ok(!tree.includes("朗读"), tree);
  });
}
