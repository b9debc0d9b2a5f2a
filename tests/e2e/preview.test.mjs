// The editors' live preview in Chromium: `lianluo serve` (the release tool, carrying the
// reader) on a folder of its own, open in the browser while the sources change, as an editor
// saving in Word would see it. `cargo xtask test` sets LIANLUO_CLI to that tool.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { after, before, test } from "node:test";
import { launch, openPage, screenshot, settle } from "./lib.mjs";

const HOST = "[data-lianluo-src]";
const SAMPLE = readFileSync("www/archive/lianluo-2017-15.txt", "utf8");
const FIRST_TITLE = "加强领导 上下协同 开辟县乡人大工作和建设新航程";
/** How long the page may take to show a saved change: the bench measures the time itself. */
const CHANGE_SHOWN_MS = 10_000;

const CLI = (() => {
  const cli = process.env.LIANLUO_CLI;
  if (!cli) {
    throw new Error("LIANLUO_CLI is not set: it must name a lianluo that carries the reader.");
  }
  return cli;
})();

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

/** `lianluo serve` on a new folder holding the sample as 第15期.txt; its address and folder. */
async function startPreview(t) {
  const dir = mkdtempSync(path.join(tmpdir(), "lianluo-e2e-preview-"));
  const src = path.join(dir, "稿件");
  mkdirSync(src);
  mkdirSync(path.join(dir, "tmp"));
  writeFileSync(path.join(src, "第15期.txt"), SAMPLE);
  const child = spawn(CLI, ["--lang", "en", "serve", "--no-open", "--port", "0", src], {
    env: { ...process.env, TMPDIR: path.join(dir, "tmp") },
    stdio: ["ignore", "pipe", "ignore"],
  });
  t.after(async () => {
    child.kill("SIGINT");
    if (child.exitCode === null) await once(child, "exit");
    rmSync(dir, { recursive: true, force: true });
  });
  for await (const line of createInterface({ input: child.stdout })) {
    const url = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(line)?.[0];
    if (url) return { url, src };
  }
  throw new Error("lianluo serve ended without saying its address");
}

/** Whether the page shows `words`, in the reader or in the text before it. */
function shows(words) {
  const host = document.querySelector("[data-lianluo-src]");
  return `${host?.textContent ?? ""}${host?.shadowRoot?.textContent ?? ""}`.includes(words);
}

test("the preview shows the whole site, follows a saved change, and shows a broken file's problem", async (t) => {
  const { url, src } = await startPreview(t);
  const { page, problems } = await openPage(t, browser);
  await page.goto(url);
  await settle(page);
  assert.ok(await page.evaluate(shows, FIRST_TITLE), "the reader shows the sample");

  const changed = "联络动态预览中的新标题";
  writeFileSync(path.join(src, "第15期.txt"), SAMPLE.replace(FIRST_TITLE, changed));
  await page.waitForFunction(shows, changed, { timeout: CHANGE_SHOWN_MS });
  await settle(page);

  writeFileSync(path.join(src, "第16期.docx"), "not a Word document");
  const panel = page.locator("#lianluo-preview-problems");
  await panel.filter({ hasText: "第16期.docx" }).waitFor({ timeout: CHANGE_SHOWN_MS });
  await screenshot(page, "preview-problem");
  assert.equal(await panel.getAttribute("role"), "alert");
  assert.ok(await page.evaluate(shows, changed), "the last good build stays on screen");
  assert.deepEqual(problems.pageErrors, []);
});
