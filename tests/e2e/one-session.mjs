// Runs every test file of engines/ in this one process, so that they share one browser session
// (see startBrowser in engine.mjs): how `cargo xtask test` runs them in WebKit and Firefox.
//
//   node --test-reporter=tap tests/e2e/one-session.mjs
//
// Every file is imported before any test starts, so each file's `before` runs first and its
// `after` once all have run.

import { readdirSync } from "node:fs";

const folder = new URL("./engines/", import.meta.url);
for (const name of readdirSync(folder).filter((file) => file.endsWith(".test.mjs")).sort()) {
  await import(new URL(name, folder));
}
