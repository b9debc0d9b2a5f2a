// Writes the fixture archives under tests/e2e/pages/data-*/ from the sample issue as
// `lianluo build` converts it (dist/data/issues/2017-15.json), so that they keep the model's
// shape. Run after `cargo xtask dist`:  node tests/e2e/make-fixtures.mjs
// The output is committed; hostile-data.test.mjs checks its shape against a fresh build.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAGES = path.join(HERE, "pages");
const SAMPLE = path.join(HERE, "..", "..", "dist", "data", "issues", "2017-15.json");

/** What every hostile string carries: an image whose error handler and a script set a flag. */
const MARKUP = "<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>";
/** What the hostile phone and e-mail are. */
const SCRIPT_URL = "javascript:window.__pwned=1";

const sample = JSON.parse(readFileSync(SAMPLE, "utf8"));
const copy = (value) => structuredClone(value);

function write(relative, value) {
  const file = path.join(PAGES, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof value === "string" ? value : `${JSON.stringify(value, null, 1)}\n`);
}

function summaryOf(issue, issuePath) {
  const { id, number, serial, date } = issue;
  const articles = issue.articles.map(({ id: articleId, title, region }) => ({
    id: articleId,
    title,
    region,
  }));
  return { id, number, serial, date, path: issuePath, articles };
}

/** Region counts as the index has them: most articles first, then by name (code points). */
function regionsOf(issues) {
  const counts = new Map();
  for (const article of issues.flatMap((issue) => issue.articles)) {
    const { prefecture, county } = article.region;
    if (prefecture === null) continue;
    const entry = counts.get(prefecture) ?? { prefecture, count: 0, counties: new Map() };
    entry.count += 1;
    if (county) entry.counties.set(county, (entry.counties.get(county) ?? 0) + 1);
    counts.set(prefecture, entry);
  }
  const byCountThenName = (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return [...counts.values()]
    .map((entry) => [entry.prefecture, entry.count, entry])
    .sort(byCountThenName)
    .map(([prefecture, count, entry]) => ({
      prefecture,
      count,
      counties: [...entry.counties].sort(byCountThenName).map(([name, n]) => ({ county: name, count: n })),
    }));
}

function indexOf(issuesAndPaths, title = "联络动态") {
  return {
    format_version: 1,
    title,
    issues: issuesAndPaths.map(([issue, issuePath]) => summaryOf(issue, issuePath)),
    regions: regionsOf(issuesAndPaths.map(([issue]) => issue)),
    search: null,
    volumes: null,
  };
}

const cut = (value, fraction) => {
  const text = JSON.stringify(value, null, 1);
  return text.slice(0, Math.floor(text.length * fraction));
};

// Hostile: every string field carries markup; e-mail and phone are javascript: URLs.
const hostile = copy(sample);
const hostileId = `2017-15${MARKUP}`;
Object.assign(hostile, {
  id: hostileId,
  title: `联络动态${MARKUP}`,
  date: `2017-08-30${MARKUP}`,
  publisher: `选举任免联络工作委员会${MARKUP}`,
  editor_note: `编者按正文${MARKUP}`,
  distribution: [`分送单位${MARKUP}`],
  editors: [`编辑${MARKUP}`, "石韧"],
  phone: SCRIPT_URL,
  email: SCRIPT_URL,
  approval: `批准文号${MARKUP}`,
});
hostile.articles.forEach((article, i) => {
  article.id = `${hostileId}-${i + 1}`;
  article.title = `第${i + 1}篇标题${MARKUP}`;
  article.region = {
    printed: article.region.printed + MARKUP,
    prefecture: article.region.prefecture + MARKUP,
    county: `县${MARKUP}`,
  };
  for (const block of article.blocks) block.text = block.text.slice(0, 30) + MARKUP;
  article.blocks.push({ kind: "heading", text: `小标题${MARKUP}` });
});
write("data-hostile/index.json", indexOf([[hostile, "issues/hostile.json"]], `联络动态${MARKUP}`));
write("data-hostile/issues/hostile.json", hostile);

// A well-formed index of the sample, and damaged variants of it.
const good = indexOf([[sample, "issues/2017-15.json"]]);
write("data-truncated/index.json", cut(good, 2 / 3));
write("data-missing-issue/index.json", good);
write("data-wrong-type/index.json", { ...copy(good), title: 5 });
write("data-wrong-type-issue/index.json", good);
const mistyped = copy(sample);
mistyped.articles[1].title = 5;
write("data-wrong-type-issue/issues/2017-15.json", mistyped);
write("data-future/index.json", { ...copy(good), format_version: 99 });

// Two issues, the newer one's file cut short.
const newer = copy(sample);
Object.assign(newer, { id: "2017-16", number: 16, serial: 536, date: "2017-09-15" });
newer.articles = [copy(sample.articles[0])];
Object.assign(newer.articles[0], {
  id: "2017-16-1",
  title: "乡镇代表工作室实现全覆盖",
  region: { printed: "浏阳市", prefecture: "长沙市", county: "浏阳市" },
});
write(
  "data-one-damaged/index.json",
  indexOf([
    [newer, "issues/2017-16.json"],
    [sample, "issues/2017-15.json"],
  ]),
);
write("data-one-damaged/issues/2017-15.json", sample);
write("data-one-damaged/issues/2017-16.json", cut(newer, 1 / 2));

// A small archive across two years: 23 articles from 衡阳市 (8 of them from 衡阳县), so the
// region view pages; 湘西 under both names; a county of 长沙市.
function synthetic(year, number, serial, date, regions) {
  const paragraphs = sample.articles.flatMap((article) => article.blocks);
  const issue = { ...copy(sample), id: `${year}-${number}`, number, serial, date, editor_note: null };
  issue.articles = regions.map(([printed, prefecture, county], i) => ({
    id: `${year}-${number}-${i + 1}`,
    region: { printed, prefecture, county },
    title: `${year}年第${number}期第${i + 1}篇 ${printed}工作交流`,
    blocks: [
      {
        kind: "paragraph",
        text: `${printed}第${number}期第${i + 1}篇。${paragraphs[(number + i + 1) % paragraphs.length].text}`,
      },
    ],
  }));
  return issue;
}
const hengyang = ["衡阳市", "衡阳市", null];
const archive = [
  synthetic(2018, 3, 538, "2018-03-10", Array(8).fill(["衡阳县", "衡阳市", "衡阳县"])),
  synthetic(2018, 2, 537, "2018-02-10", [
    ["湘西土家族苗族自治州", "湘西土家族苗族自治州", null],
    ["浏阳市", "长沙市", "浏阳市"],
    ...Array(7).fill(hengyang),
  ]),
  synthetic(2018, 1, 536, "2018-01-10", Array(7).fill(hengyang)),
  sample,
];
write("data-archive/index.json", indexOf(archive.map((issue) => [issue, `issues/${issue.id}.json`])));
for (const issue of archive) write(`data-archive/issues/${issue.id}.json`, issue);

// The same archive in volumes, as `lianluo build` splits a large one: the index lists the
// newest issue, a volume each the two before it and the oldest. In data-volume-missing the
// oldest volume is not there.
const withPaths = (issues) => issues.map((issue) => [issue, `issues/${issue.id}.json`]);
const volumeFiles = ["volumes/0000000a.json", "volumes/0000000b.json"];
const whole = indexOf(withPaths(archive));
const volumed = { ...whole, format_version: 2, issues: whole.issues.slice(0, 1), volumes: volumeFiles };
const volumeOf = (issues) => ({ ...indexOf(withPaths(issues)), format_version: 2, regions: [] });
for (const name of ["data-volumes", "data-volume-missing"]) {
  write(`${name}/index.json`, volumed);
  for (const issue of archive) write(`${name}/issues/${issue.id}.json`, issue);
  write(`${name}/${volumeFiles[0]}`, volumeOf(archive.slice(1, 3)));
}
write(`data-volumes/${volumeFiles[1]}`, volumeOf(archive.slice(3)));

// An index on this site naming issue files elsewhere or under other schemes.
const foreign = [
  "https://example.invalid/issues/2017-15.json",
  "data:application/json,{}",
  "javascript:window.__pwned=1//.json",
].map((issuePath, i) => {
  const issue = copy(sample);
  Object.assign(issue, { id: `2017-${15 - i}`, number: 15 - i, serial: 535 - i });
  issue.articles.forEach((article, k) => {
    article.id = `${issue.id}-${k + 1}`;
  });
  return [issue, issuePath];
});
write("data-foreign-paths/index.json", indexOf(foreign));

// An issue file whose id contradicts the index.
write("data-mismatch/index.json", good);
write("data-mismatch/issues/2017-15.json", { ...copy(sample), id: "2017-14" });

// An archive with no issues yet.
write("data-empty/index.json", indexOf([]));

// Every optional field empty: no serial, note, contacts, distribution or editors, and an
// article from a place the gazetteer does not know.
const sparse = copy(sample);
Object.assign(sparse, {
  id: "2019-7",
  number: 7,
  serial: null,
  date: "2019-05-06",
  editor_note: null,
  distribution: [],
  editors: [],
  phone: null,
  email: null,
  approval: null,
});
sparse.articles = sample.articles
  .slice(0, 2)
  .map((article, i) => ({ ...copy(article), id: `2019-7-${i + 1}` }));
sparse.articles[1].region = { printed: "某某镇人大", prefecture: null, county: null };
write("data-sparse/index.json", indexOf([[sparse, "issues/2019-7.json"]]));
write("data-sparse/issues/2019-7.json", sparse);
