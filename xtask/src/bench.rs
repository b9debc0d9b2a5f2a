//! `cargo xtask bench`: figures, with the machine they were measured on — first-load sizes,
//! Lighthouse (mobile defaults, served with gzip), CLI convert and build times, and search.
//! Prints a Markdown table and writes `target/bench/report.json` and `report.md`. No pass/fail.

use crate::back_catalogue;
use crate::compress::{files_under, relative_slash_path};
use crate::incremental;
use crate::install;
use crate::machine::{self, Machine};
use crate::paths;
use crate::preview_latency;
use crate::run::{run, step};
use crate::serve::{self, Mount};
use crate::size_profile::{profile, Profile, TOP_FUNCTIONS};
use crate::sizes::{
    first_load_sizes, first_text_sizes, later_program_sizes, FileSize, LATER_PROGRAMS,
};
use crate::synth;
use anyhow::{bail, Context, Result};
use serde::Serialize;
use serde_json::Value;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Runs of `lianluo convert` on the sample whose median is reported. 31 runs take about a
/// second and make the median stable to a fraction of a millisecond; odd so the median is a run.
const CONVERT_RUNS: usize = 31;

/// Synthetic archive sizes timed with `lianluo build`: the real archive's size today (535
/// issues) and ten years beyond it.
const BUILD_ARCHIVE_SIZES: [u32; 2] = [535, 5_000];

/// The synthetic archive search is measured on: the size of the real archive today.
const SEARCH_ARCHIVE_SIZES: [u32; 2] = [535, 5_000];

/// The synthetic archives render times are measured on: the size of the real archive today,
/// and ten times as many issues.
const RENDER_ARCHIVE_SIZES: [u32; 2] = [535, 5_000];

/// The most a cold query may fetch, in encoded bytes: the manifest, the shards of every
/// segment it reads, and the first screen's issue files. Phone readers pay it on their first
/// search; an index of several segments must not cost much more than one.
const COLD_QUERY_BAR_BYTES: u64 = 60_000;

/// Queries for the search figures: phrases readers look for (DESIGN.md), a frequent pair, a
/// single character, and two terms with an exclusion.
const SEARCH_QUERIES: [&str; 5] = ["代表工作室", "换届选举", "人大", "选", "代表 -换届"];

/// Chromium flags for Lighthouse: headless, and nothing that fetches from the network on its own
/// or makes timings noisy.
const CHROME_FLAGS: &str = "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
--disable-background-networking --disable-component-update --disable-sync";

/// The whole report.
#[derive(Serialize)]
struct Report {
    machine: Machine,
    sizes: Sizes,
    size_profile: Profile,
    lighthouse: Vec<Lighthouse>,
    cli: CliTimes,
    search: Value,
    render: Value,
    /// How many components render for a keystroke, a file's arrival and a navigation, one
    /// line each (see [`component_renders`]).
    component_renders: Vec<String>,
    back_catalogue: Option<back_catalogue::Figures>,
}

#[derive(Serialize)]
struct Sizes {
    files: Vec<FileSize>,
    total_raw: u64,
    total_gzip: u64,
    total_brotli: u64,
    /// Gzip bytes fetched before the newest issue's text is on screen.
    first_text_gzip: u64,
    /// Each later program's files, by name: the search engine, fetched on a reader's first
    /// search, and the check program, fetched when a data file cannot be read.
    later_programs: Vec<(String, Vec<FileSize>)>,
}

#[derive(Debug, Serialize)]
struct Lighthouse {
    /// The page measured, relative to the site.
    page: String,
    performance: f64,
    accessibility: f64,
    best_practices: f64,
    seo: f64,
    largest_contentful_paint_ms: f64,
    cumulative_layout_shift: f64,
    /// The fastest and slowest LCP of all runs, when there were several.
    lcp_range_ms: Option<(f64, f64)>,
}

/// Lighthouse runs per page; the report gives the median run by LCP with the range of all
/// runs, as Lighthouse's guidance on variability advises (a single run of the same page
/// varies by a few hundred milliseconds here). Range 1–9; odd, so that the median is a run.
const LIGHTHOUSE_RUNS: usize = 5;

/// The pages Lighthouse measures: the standalone reader and a static issue page.
const LIGHTHOUSE_PAGES: [&str; 2] = ["", "data/pages/2017-15.html"];

#[derive(Serialize)]
struct CliTimes {
    convert_sample_median_ms: f64,
    /// (issues, seconds) for each synthetic archive: a whole site, reader and `.gz` siblings
    /// included.
    build_seconds: Vec<(u32, f64)>,
    /// (issues, milliseconds of each timed save, sorted) for the preview: from a source file
    /// saved to the page it reloads arrived (see [`preview_latency`]).
    preview_ms: Vec<(u32, Vec<f64>)>,
    /// (name, bytes) of each release archive in `target/lianluo-release/`, when
    /// `cargo xtask release` made them.
    release_archives: Vec<(String, u64)>,
    /// What adding one issue to each synthetic archive changes (see [`incremental`]).
    one_more: Vec<incremental::OneMore>,
}

/// Builds, measures, prints and writes the report.
pub fn measure(root: &Path) -> Result<()> {
    install::ensure_browser_tools(root)?;
    let dist = crate::dist::build(root)?;
    let out = paths::bench_out(root);
    fs::create_dir_all(&out)?;

    step("Measuring first-load sizes");
    let files = first_load_sizes(&dist)?;
    let sizes = Sizes {
        total_raw: files.iter().map(|f| f.raw).sum(),
        total_gzip: files.iter().map(|f| f.gzip).sum(),
        total_brotli: files.iter().map(|f| f.brotli).sum(),
        first_text_gzip: first_text_sizes(&dist)?.iter().map(|f| f.gzip).sum(),
        later_programs: LATER_PROGRAMS
            .iter()
            .map(|program| {
                Ok((
                    program.name.to_owned(),
                    later_program_sizes(&dist, program)?,
                ))
            })
            .collect::<Result<_>>()?,
        files,
    };
    step("Profiling the WebAssembly's size by crate and function");
    let size_profile = size_profile(root, &out)?;
    let lighthouse = LIGHTHOUSE_PAGES
        .iter()
        .map(|page| lighthouse(root, &dist, &out, page))
        .collect::<Result<Vec<_>>>()?;
    let cli = cli_times(root, &out)?;
    // The figures gathered so far are worth a report even when a browser run fails.
    let mut search = serde_json::Map::new();
    for issues in SEARCH_ARCHIVE_SIZES {
        let figures = search_figures(root, &out, issues).unwrap_or_else(|error| {
            eprintln!("search figures for {issues} issues not measured: {error:#}");
            serde_json::json!({ "error": format!("{error:#}") })
        });
        search.insert(issues.to_string(), figures);
    }
    let search = Value::Object(search);
    let render = render_figures(root, &out).unwrap_or_else(|error| {
        eprintln!("render figures not measured: {error:#}");
        serde_json::json!({ "error": format!("{error:#}") })
    });
    let component_renders = component_renders(root).unwrap_or_else(|error| {
        eprintln!("component renders not counted: {error:#}");
        vec![format!("not counted: {error:#}")]
    });
    let back_catalogue = back_catalogue::measure(&paths::cli_binary(root), &out)
        .map_err(|error| eprintln!("back-catalogue figures not measured: {error:#}"))
        .ok();
    let report = Report {
        machine: machine::describe(),
        sizes,
        size_profile,
        lighthouse,
        cli,
        search,
        render,
        component_renders,
        back_catalogue,
    };
    let markdown = markdown(&report);
    println!("\n{markdown}");
    fs::write(
        out.join("report.json"),
        serde_json::to_string_pretty(&report)?,
    )?;
    fs::write(out.join("report.md"), &markdown)?;
    step(format!(
        "Wrote {} and report.md",
        out.join("report.json").display()
    ));
    Ok(())
}

/// The publishing figures alone: for each synthetic archive, what adding issues one by one
/// uploads, and search on the site that leaves (see [`ADDED_ONE_BY_ONE`]); printed as the
/// whole bench prints them.
pub fn publishing(root: &Path) -> Result<()> {
    install::ensure_browser_tools(root)?;
    crate::dist::build(root)?;
    let out = paths::bench_out(root);
    fs::create_dir_all(&out)?;
    let cli = paths::cli_binary(root);
    let mut md = String::new();
    for issues in BUILD_ARCHIVE_SIZES {
        step(format!(
            "Adding {ADDED_ONE_BY_ONE} issues one by one to {} synthetic issues",
            issues + 1 - ADDED_ONE_BY_ONE as u32
        ));
        let more = incremental::one_more(
            &cli,
            issues + 1,
            ADDED_ONE_BY_ONE,
            &segmented_site(&out, issues),
        )?;
        one_more_markdown(&mut md, &more);
        let search = search_figures(root, &out, issues)?;
        search_markdown(&mut md, &issues.to_string(), &search);
    }
    println!("\n{md}");
    Ok(())
}

/// The size profile of the reader's WebAssembly, optimised as shipped but with its names.
fn size_profile(root: &Path, out: &Path) -> Result<Profile> {
    let folder = out.join("size-profile");
    fs::create_dir_all(&folder)?;
    let bound = crate::dist::bind(root, &crate::dist::READER, &folder)?;
    let named = folder.join("named.wasm");
    crate::dist::optimise(root, &bound, &named, &["-g"])?;
    profile(&fs::read(&named)?)
}

/// Lighthouse with its mobile defaults against `page` of the site, served with gzip by our
/// own server.
fn lighthouse(root: &Path, dist: &Path, out: &Path, page: &str) -> Result<Lighthouse> {
    let server = serve::spawn(vec![Mount::root(dist.to_path_buf())])?;
    let url = format!("{}{page}", server.url);
    step(format!("Lighthouse (mobile defaults) on {url}"));
    let name = if page.is_empty() {
        "index"
    } else {
        "static-page"
    };
    let mut runs = Vec::with_capacity(LIGHTHOUSE_RUNS);
    for run_number in 1..=LIGHTHOUSE_RUNS {
        let json = out.join(format!("lighthouse-{name}-{run_number}.json"));
        run(Command::new(paths::node_bin(root, "lighthouse"))
            .arg(&url)
            .args(["--output=json", "--quiet"])
            .arg(format!("--output-path={}", json.display()))
            .arg(format!("--chrome-path={}", install::CHROMIUM))
            .arg(format!("--chrome-flags={CHROME_FLAGS}"))
            .env("CHROME_PATH", install::CHROMIUM)
            .current_dir(root))?;
        let result: Value = serde_json::from_str(&fs::read_to_string(&json)?)
            .context("reading Lighthouse's JSON report")?;
        runs.push(lighthouse_scores(&result, page)?);
    }
    median_run(runs).context("Lighthouse ran no time")
}

/// The run with the median LCP, carrying the range of all runs' LCP.
fn median_run(mut runs: Vec<Lighthouse>) -> Option<Lighthouse> {
    runs.sort_by(|a, b| {
        a.largest_contentful_paint_ms
            .total_cmp(&b.largest_contentful_paint_ms)
    });
    let range = (
        runs.first()?.largest_contentful_paint_ms,
        runs.last()?.largest_contentful_paint_ms,
    );
    let mut median = runs.swap_remove(runs.len() / 2);
    median.lcp_range_ms = Some(range);
    Some(median)
}

/// The category scores (0–100), LCP and CLS from a Lighthouse JSON report of `page`.
fn lighthouse_scores(result: &Value, page: &str) -> Result<Lighthouse> {
    let score = |category: &str| {
        result["categories"][category]["score"]
            .as_f64()
            .map(|s| (s * 100.0).round())
            .with_context(|| format!("Lighthouse reported no {category} score"))
    };
    let audit = |name: &str| {
        result["audits"][name]["numericValue"]
            .as_f64()
            .with_context(|| format!("Lighthouse reported no {name}"))
    };
    Ok(Lighthouse {
        page: if page.is_empty() { "/" } else { page }.to_owned(),
        performance: score("performance")?,
        accessibility: score("accessibility")?,
        best_practices: score("best-practices")?,
        seo: score("seo")?,
        largest_contentful_paint_ms: audit("largest-contentful-paint")?,
        cumulative_layout_shift: audit("cumulative-layout-shift")?,
        lcp_range_ms: None,
    })
}

/// `lianluo convert` on the sample (median of many runs) and `lianluo build` on synthetic
/// archives.
fn cli_times(root: &Path, out: &Path) -> Result<CliTimes> {
    let cli = paths::cli_binary(root);
    let sample = paths::archive(root).join("lianluo-2017-15.txt");
    step(format!(
        "Timing lianluo convert on the sample ({CONVERT_RUNS} runs)"
    ));
    let mut runs = Vec::with_capacity(CONVERT_RUNS);
    for _ in 0..CONVERT_RUNS {
        let began = Instant::now();
        quiet(Command::new(&cli).arg("convert").arg(&sample))?;
        runs.push(began.elapsed().as_secs_f64() * 1000.0);
    }
    let mut build_seconds = Vec::new();
    for issues in BUILD_ARCHIVE_SIZES {
        let archive = out.join(format!("synth-{issues}"));
        if archive.exists() {
            fs::remove_dir_all(&archive)?;
        }
        synth::write_archive(&archive, issues, synth::DEFAULT_SEED)?;
        let site = out.join(format!("site-{issues}"));
        step(format!("Timing lianluo build on {issues} synthetic issues"));
        let began = Instant::now();
        quiet(
            Command::new(&cli)
                .arg("build")
                .arg(&archive)
                .arg("--out")
                .arg(&site),
        )?;
        build_seconds.push((issues, began.elapsed().as_secs_f64()));
    }
    let mut preview_ms = Vec::new();
    for (issues, sources) in [
        (1, paths::archive(root)),
        (
            BUILD_ARCHIVE_SIZES[0],
            out.join(format!("synth-{}", BUILD_ARCHIVE_SIZES[0])),
        ),
    ] {
        step(format!("Timing the preview's saves on {issues} issue(s)"));
        let work = out.join(format!("preview-{issues}"));
        preview_ms.push((
            issues,
            preview_latency::save_to_page_ms(&cli, &sources, &work)?,
        ));
    }
    let mut one_more = Vec::new();
    for issues in BUILD_ARCHIVE_SIZES {
        step(format!(
            "Adding {ADDED_ONE_BY_ONE} issues one by one to {} synthetic issues",
            issues + 1 - ADDED_ONE_BY_ONE as u32
        ));
        let work = segmented_site(out, issues);
        one_more.push(incremental::one_more(
            &cli,
            issues + 1,
            ADDED_ONE_BY_ONE,
            &work,
        )?);
    }
    Ok(CliTimes {
        convert_sample_median_ms: median(&mut runs),
        build_seconds,
        preview_ms,
        release_archives: release_archives(root)?,
        one_more,
    })
}

/// The release archives `cargo xtask release` left, with their sizes.
fn release_archives(root: &Path) -> Result<Vec<(String, u64)>> {
    let dir = crate::release::release_dir(root);
    let mut archives = Vec::new();
    if dir.is_dir() {
        for file in files_under(&dir)? {
            let name = relative_slash_path(&dir, &file);
            archives.push((name, fs::metadata(&file)?.len()));
        }
    }
    Ok(archives)
}

/// How many issues [`cli_times`] adds one build at a time to each synthetic archive: seven
/// leave a search index of five segments (the first build's, one merged of four one-issue
/// segments, and three of one issue), the last addition being one that merges nothing.
const ADDED_ONE_BY_ONE: usize = 7;

/// Where [`cli_times`] builds a synthetic archive of `issues` + 1 issues one addition at a
/// time; its `site` is what search is measured on.
fn segmented_site(out: &Path, issues: u32) -> std::path::PathBuf {
    out.join(format!("one-more-{issues}"))
}

/// Search on a synthetic archive of `issues` (+ 1) issues: the index's size, and in Chromium
/// what cold queries fetch and how long warm ones take. The page is the whole site `lianluo
/// build` wrote one addition at a time (in [`cli_times`]), an index of several segments as a
/// published archive has, reader and `.gz` siblings included, served like the real site;
/// `tests/bench/search.mjs` drives Chromium and prints its figures as JSON.
fn search_figures(root: &Path, out: &Path, issues: u32) -> Result<Value> {
    let site = segmented_site(out, issues).join("site");
    if !site.join("index.html").is_file() {
        bail!("{} is not a whole site", site.display());
    }
    let index = index_figures(&site.join("data").join("search"))?;

    let server = serve::spawn(vec![Mount::root(site)])?;
    step(format!("Search in Chromium on {}", server.url));
    let mut figures = browser_script(root, "tests/bench/search.mjs", &server.url, &SEARCH_QUERIES)?;
    figures["index"] = index;
    Ok(figures)
}

/// How long views take to render (`lianluo:render`) in Chromium as a reader moves between
/// issues, regions, articles and the issue list, on each site of [`RENDER_ARCHIVE_SIZES`]
/// that [`cli_times`] built; `tests/bench/render.mjs` drives Chromium and prints its figures
/// as JSON. Keyed by the archive's size.
fn render_figures(root: &Path, out: &Path) -> Result<Value> {
    let mut figures = serde_json::Map::new();
    for issues in RENDER_ARCHIVE_SIZES {
        let site = out.join(format!("site-{issues}"));
        if !site.exists() {
            bail!("{} was not assembled", site.display());
        }
        let server = serve::spawn(vec![Mount::root(site)])?;
        step(format!("Render times in Chromium on {}", server.url));
        let measured = browser_script(root, "tests/bench/render.mjs", &server.url, &[])?;
        figures.insert(issues.to_string(), measured);
    }
    Ok(Value::Object(figures))
}

/// Runs a Playwright script of `tests/bench/` against `url` and reads the JSON it prints.
fn browser_script(root: &Path, script: &str, url: &str, args: &[&str]) -> Result<Value> {
    let output = Command::new("node")
        .arg(script)
        .arg(url)
        .args(args)
        .env("CHROMIUM_PATH", install::CHROMIUM)
        .current_dir(root)
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("running {script}"))?;
    if !output.status.success() {
        bail!("{script} failed ({})", output.status);
    }
    serde_json::from_slice(&output.stdout)
        .with_context(|| format!("{script} printed something other than JSON"))
}

/// Milliseconds from a browser figure, to the tenth: the browser's clock ticks in tenths of a
/// millisecond, and the JSON keeps float noise (10.100000000093132).
fn tenths(ms: &Value) -> String {
    format!("{:.1}", ms.as_f64().unwrap_or(f64::NAN))
}

/// The render figures as a table, each kind of move with its median, p90 and max.
fn render_markdown(md: &mut String, render: &Value) {
    if let Some(error) = render["error"].as_str() {
        let _ = writeln!(md, "\nRender times were not measured: {error}");
        return;
    }
    let Some(archives) = render.as_object() else {
        return;
    };
    for (issues, kinds) in archives {
        render_table(md, issues, kinds);
    }
}

/// One archive's render figures as a table.
fn render_table(md: &mut String, issues: &str, kinds: &Value) {
    let _ = writeln!(
        md,
        "\n| `lianluo:render`, {issues} synthetic issues (one frame: 16.7 ms) | runs | median | p90 | max |\n| --- | ---: | ---: | ---: | ---: |"
    );
    let Some(kinds) = kinds.as_object() else {
        return;
    };
    for (kind, figures) in kinds {
        let ms = |key: &str| format!("{} ms", tenths(&figures[key]));
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            kind.replace('_', " "),
            figures["runs"],
            ms("median"),
            ms("p90"),
            ms("max")
        );
    }
}

/// The search index's files under `dir`: how many, their raw and gzip bytes, the largest.
fn index_figures(dir: &Path) -> Result<Value> {
    let (mut files, mut raw, mut gzip, mut largest) = (0u64, 0u64, 0u64, 0u64);
    for file in files_under(dir)? {
        let name = file.to_string_lossy();
        if name.ends_with(".gz") || name.ends_with(".br") {
            continue;
        }
        let size = fs::metadata(&file)?.len();
        let packed = fs::metadata(format!("{name}.gz")).map_or(size, |meta| meta.len());
        files += 1;
        raw += size;
        gzip += packed;
        largest = largest.max(size);
    }
    Ok(serde_json::json!({
        "files": files, "raw_bytes": raw, "gzip_bytes": gzip, "largest_file_bytes": largest
    }))
}

/// What adding one issue changed, as a row of the report's table.
fn one_more_markdown(md: &mut String, more: &incremental::OneMore) {
    let _ = writeln!(
        md,
        "| `lianluo build`, {} synthetic issues + 1: files / bytes to upload, build time, search segments; files after the same sources again | {} / {:.2} MB, {:.2} s, {}; {} |",
        more.issues - 1,
        more.files,
        more.bytes as f64 / 1e6,
        more.seconds,
        more.segments,
        more.files_after_same_sources
    );
}

/// How many components render for a search keystroke, a file's arrival and a navigation:
/// the component test `tests/renders.rs` counts them in a debug build in headless Chromium
/// and prints a line for each, which is taken from its output.
fn component_renders(root: &Path) -> Result<Vec<String>> {
    step("Counting component renders (tests/renders.rs, headless Chromium)");
    let output = Command::new("cargo")
        .args([
            "test",
            "-p",
            "lianluo-reader",
            "--target",
            install::WASM_TARGET,
        ])
        .args(["--test", "renders", "--", "--nocapture"])
        .env("PATH", paths::path_with_tools(root))
        .env("CHROMEDRIVER", install::CHROMEDRIVER)
        .current_dir(root)
        .stderr(Stdio::inherit())
        .output()?;
    if !output.status.success() {
        bail!("the render-count test failed");
    }
    let lines: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.trim().strip_prefix("renders, "))
        .map(str::to_owned)
        .collect();
    if lines.is_empty() {
        bail!("the render-count test printed no counts");
    }
    Ok(lines)
}

/// The search figures for one archive size, as Markdown.
fn search_markdown(md: &mut String, issues: &str, search: &Value) {
    if let Some(error) = search["error"].as_str() {
        let _ = writeln!(md, "\nSearch on {issues} issues was not measured: {error}");
        return;
    }
    let index = &search["index"];
    let _ = writeln!(
        md,
        "\nSearch index, {issues} synthetic issues: {} files, {} bytes raw, {} bytes gzip, largest file {} bytes.",
        index["files"], index["raw_bytes"], index["gzip_bytes"], index["largest_file_bytes"]
    );
    let _ = writeln!(
        md,
        "\n| search, {issues} synthetic issues: cold query, opened as a search address | results | to results (search module, manifest, shards) | bytes fetched (encoded) | shard files | issue files |\n| --- | --- | ---: | ---: | ---: | ---: |"
    );
    if let Some(cold) = search["cold_query_bytes"].as_object() {
        for (query, figures) in cold {
            let _ = writeln!(
                md,
                "| `{query}` | {} | {} ms | {} | {} | {} |",
                figures["results"]
                    .as_str()
                    .unwrap_or("?")
                    .replace('\n', " "),
                tenths(&figures["ms"]),
                figures["query_total"],
                figures["shard_files"],
                figures["issue_files"]
            );
        }
        let most = cold
            .iter()
            .filter_map(|(query, figures)| Some((figures["query_total"].as_u64()?, query)))
            .max();
        if let Some((bytes, query)) = most {
            let verdict = if bytes <= COLD_QUERY_BAR_BYTES {
                "met"
            } else {
                "missed"
            };
            let _ = writeln!(
                md,
                "\nThe most a cold query fetched on {issues} issues: {bytes} bytes (`{query}`); bar {COLD_QUERY_BAR_BYTES} bytes: {verdict}."
            );
        }
    }
    for (kind, key) in [
        ("New query, ended by the typing pause,", "new_ms"),
        ("New query, ended by Enter,", "new_enter_ms"),
        ("Warm query, ended by the typing pause,", "warm_ms"),
        ("Warm query, ended by Enter,", "warm_enter_ms"),
    ] {
        let runs = &search[key];
        if runs.is_null() {
            continue;
        }
        let ms = |key: &str| tenths(&runs[key]);
        let _ = writeln!(
            md,
            "\n{kind} on {issues} issues, {} runs ({} without a measure): median {} ms, p90 {} ms, max {} ms.",
            runs["runs"],
            runs["missed_measures"],
            ms("median"),
            ms("p90"),
            ms("max")
        );
    }
}

/// Runs a command with its output discarded; failure is an error with its stderr.
fn quiet(command: &mut Command) -> Result<()> {
    let output = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()?;
    if !output.status.success() {
        bail!(
            "{} failed: {}",
            crate::run::describe(command),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(())
}

/// The median of a non-empty list (the mean of the middle two for an even count).
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len() % 2 == 1 {
        values[middle]
    } else {
        (values[middle - 1] + values[middle]) / 2.0
    }
}

fn markdown(report: &Report) -> String {
    let m = &report.machine;
    let mut md = String::new();
    let _ = writeln!(md, "# Benchmark report\n");
    let _ = writeln!(
        md,
        "{} · {} cores · {} MiB · {} · {}\n",
        m.cpu, m.cores, m.memory_mib, m.os, m.date
    );
    let _ = writeln!(
        md,
        "| first-load file | raw | gzip | brotli |\n| --- | ---: | ---: | ---: |"
    );
    for f in &report.sizes.files {
        let _ = writeln!(md, "| {} | {} | {} | {} |", f.name, f.raw, f.gzip, f.brotli);
    }
    let s = &report.sizes;
    let _ = writeln!(
        md,
        "| **total** | {} | {} | {} |\n",
        s.total_raw, s.total_gzip, s.total_brotli
    );
    let _ = writeln!(md, "| measure | value |\n| --- | ---: |");
    let _ = writeln!(
        md,
        "| bytes before the newest issue's text (gzip; no WebAssembly) | {} |",
        s.first_text_gzip
    );
    for program in &LATER_PROGRAMS {
        let files = s
            .later_programs
            .iter()
            .find(|(name, _)| name == program.name);
        let _ = writeln!(
            md,
            "| the {} program, fetched {} (glue + wasm, gzip) | {} |",
            program.name,
            program.when,
            files.map_or(0, |(_, files)| files.iter().map(|f| f.gzip).sum::<u64>())
        );
    }
    for l in &report.lighthouse {
        let _ = writeln!(
            md,
            "| Lighthouse (mobile) on `{}`: performance / accessibility / best practices / SEO | {} / {} / {} / {} |",
            l.page, l.performance, l.accessibility, l.best_practices, l.seo
        );
        let range = l
            .lcp_range_ms
            .map(|(low, high)| format!(" (LCP of all runs {low:.0}–{high:.0} ms)"))
            .unwrap_or_default();
        let _ = writeln!(
            md,
            "| LCP / CLS on `{}`, median run of {LIGHTHOUSE_RUNS}{range} | {:.0} ms / {:.3} |",
            l.page, l.largest_contentful_paint_ms, l.cumulative_layout_shift
        );
    }
    let _ = writeln!(
        md,
        "| `lianluo convert` on the sample (median of {CONVERT_RUNS}) | {:.1} ms |",
        report.cli.convert_sample_median_ms
    );
    for (issues, seconds) in &report.cli.build_seconds {
        let _ = writeln!(
            md,
            "| `lianluo build`, {issues} synthetic issues | {seconds:.2} s |"
        );
    }
    for more in &report.cli.one_more {
        one_more_markdown(&mut md, more);
    }
    for (issues, times) in &report.cli.preview_ms {
        let mut times = times.clone();
        let _ = writeln!(
            md,
            "| preview: a saved source to the reloaded page, {issues} issue(s), median of {} (all {}) | {:.0} ms |",
            times.len(),
            times.iter().map(|ms| format!("{ms:.0}")).collect::<Vec<_>>().join(", "),
            median(&mut times)
        );
    }
    if report.cli.release_archives.is_empty() {
        let _ = writeln!(
            md,
            "| release archives | not made (`cargo xtask release`) |"
        );
    }
    for (name, bytes) in &report.cli.release_archives {
        let _ = writeln!(
            md,
            "| release archive `{name}` | {:.2} MB |",
            *bytes as f64 / 1e6
        );
    }
    if let Some(archives) = report.search.as_object() {
        for (issues, figures) in archives {
            search_markdown(&mut md, issues, figures);
        }
    }
    render_markdown(&mut md, &report.render);
    let _ = writeln!(
        md,
        "\nComponents rendered (a debug build, `tests/renders.rs`):\n"
    );
    for line in &report.component_renders {
        let _ = writeln!(md, "- {line}");
    }
    if let Some(figures) = &report.back_catalogue {
        md.push('\n');
        back_catalogue::markdown(&mut md, figures);
    }
    profile_markdown(&mut md, &report.size_profile);
    md
}

/// The size profile as three tables: by crate, by module of the reader, largest functions.
fn profile_markdown(md: &mut String, profile: &Profile) {
    let _ = writeln!(
        md,
        "\nWebAssembly size profile (`wasm-opt -Oz -g`, uncompressed): {} bytes of code, {} of data\n",
        profile.code_bytes, profile.data_bytes
    );
    let tables = [
        ("crate", &profile.by_crate, 15),
        ("module of the reader", &profile.by_reader_module, 25),
        ("function", &profile.top_functions, TOP_FUNCTIONS),
    ];
    for (what, rows, limit) in tables {
        let _ = writeln!(md, "| {what} | bytes | share |\n| --- | ---: | ---: |");
        for (name, bytes) in rows.iter().take(limit) {
            let share = 100.0 * *bytes as f64 / profile.code_bytes.max(1) as f64;
            // Closure names hold `|`, which a table would read as a cell's end.
            let name = name.replace('|', "\\|");
            let _ = writeln!(md, "| `{name}` | {bytes} | {share:.1} % |");
        }
        md.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_lists() {
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), 3.0);
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
    }

    #[test]
    fn lighthouse_scores_are_read_as_percentages() {
        let report = serde_json::json!({
            "categories": {
                "performance": {"score": 0.99},
                "accessibility": {"score": 1},
                "best-practices": {"score": 0.96},
                "seo": {"score": 1}
            },
            "audits": {
                "largest-contentful-paint": {"numericValue": 1234.5},
                "cumulative-layout-shift": {"numericValue": 0.0}
            }
        });
        let scores = lighthouse_scores(&report, "").unwrap();
        assert_eq!(scores.page, "/");
        assert_eq!(scores.seo, 100.0);
        assert_eq!(scores.cumulative_layout_shift, 0.0);
        assert_eq!(scores.performance, 99.0);
        assert_eq!(scores.accessibility, 100.0);
        assert_eq!(scores.best_practices, 96.0);
        assert_eq!(scores.largest_contentful_paint_ms, 1234.5);
        let missing = serde_json::json!({"categories": {}});
        assert!(lighthouse_scores(&missing, "")
            .unwrap_err()
            .to_string()
            .contains("performance"));
    }

    #[test]
    fn the_median_run_by_lcp_is_reported_with_the_range() {
        let run = |lcp: f64, performance: f64| Lighthouse {
            page: "/".into(),
            performance,
            accessibility: 100.0,
            best_practices: 100.0,
            seo: 100.0,
            largest_contentful_paint_ms: lcp,
            cumulative_layout_shift: 0.0,
            lcp_range_ms: None,
        };
        let runs = vec![run(1300.0, 99.0), run(1000.0, 100.0), run(2000.0, 97.0)];
        let median = median_run(runs).unwrap();
        assert_eq!(median.largest_contentful_paint_ms, 1300.0);
        assert_eq!(median.performance, 99.0, "the scores of that same run");
        assert_eq!(median.lcp_range_ms, Some((1000.0, 2000.0)));
        assert!(median_run(Vec::new()).is_none());
    }

    #[test]
    fn the_markdown_report_carries_every_figure() {
        let report = Report {
            machine: Machine {
                cpu: "Test CPU".into(),
                cores: 2,
                memory_mib: 2048,
                os: "Debian".into(),
                date: "2026-01-01T00:00:00Z".into(),
            },
            sizes: Sizes {
                files: vec![FileSize {
                    name: "index.html".into(),
                    raw: 900,
                    gzip: 500,
                    brotli: 400,
                }],
                total_raw: 900,
                total_gzip: 500,
                total_brotli: 400,
                first_text_gzip: 14_000,
                later_programs: vec![(
                    "check".into(),
                    vec![FileSize {
                        name: "lianluo-0123456789.check.wasm".into(),
                        raw: 3000,
                        gzip: 1200,
                        brotli: 1000,
                    }],
                )],
            },
            size_profile: Profile {
                code_bytes: 1000,
                data_bytes: 300,
                by_crate: vec![("yew".into(), 600), ("lianluo_reader".into(), 400)],
                by_reader_module: vec![("components::issue_list".into(), 400)],
                top_functions: vec![("lianluo_reader::f::{{closure}}|x|".into(), 250)],
            },
            lighthouse: vec![Lighthouse {
                page: "/".into(),
                performance: 98.0,
                accessibility: 100.0,
                best_practices: 100.0,
                seo: 100.0,
                largest_contentful_paint_ms: 1500.4,
                cumulative_layout_shift: 0.0,
                lcp_range_ms: Some((1001.0, 1999.6)),
            }],
            cli: CliTimes {
                convert_sample_median_ms: 2.25,
                build_seconds: vec![(535, 0.5), (5000, 4.25)],
                preview_ms: vec![(1, vec![310.0, 320.0, 400.0])],
                release_archives: vec![("lianluo-0.1.0-windows-x86_64.zip".into(), 2_500_000)],
                one_more: vec![incremental::OneMore {
                    issues: 536,
                    files: 38,
                    bytes: 640_000,
                    seconds: 1.25,
                    files_after_same_sources: 0,
                    segments: 5,
                }],
            },
            search: serde_json::json!({
                "535": {
                    "index": {"files": 10, "raw_bytes": 2000, "gzip_bytes": 1000, "largest_file_bytes": 300},
                    "cold_query_bytes": {"换届选举": {"results": "12 篇", "ms": 95.25, "query_total": 3456, "shard_files": 2, "issue_files": 3}},
                    "new_ms": {"runs": 15, "missed_measures": 1, "median": 12.5, "p90": 20, "max": 31},
                    "warm_ms": {"runs": 25, "missed_measures": 0, "median": 1.5, "p90": 2.5, "max": 4}
                },
                "5000": {"error": "browser gone"}
            }),
            render: serde_json::json!({
                "535": {"previous_issue": {"runs": 8, "median": 1.25, "p90": 2.5, "max": 3}},
                "5000": {"issue_list": {"runs": 8, "median": 4.5, "p90": 6.3, "max": 7}}
            }),
            component_renders: vec!["a search keystroke: 33 (App 7, Link 20)".into()],
            back_catalogue: Some(back_catalogue::Figures {
                issues: 535,
                seconds: 12.5,
                progress_lines: 10,
                summary: Some("535 files: 535 converted cleanly".into()),
                same_as_text: 534,
                peak_kib: Some(20_480),
            }),
        };
        let md = markdown(&report);
        for expected in [
            "Test CPU · 2 cores · 2048 MiB · Debian · 2026-01-01T00:00:00Z",
            "| index.html | 900 | 500 | 400 |",
            "| **total** | 900 | 500 | 400 |",
            "| bytes before the newest issue's text (gzip; no WebAssembly) | 14000 |",
            "| the check program, fetched when a data file cannot be read (glue + wasm, gzip) | 1200 |",
            "| the search program, fetched on a reader's first search (glue + wasm, gzip) | 0 |",
            "| Lighthouse (mobile) on `/`: performance / accessibility / best practices / SEO | 98 / 100 / 100 / 100 |",
            "| LCP / CLS on `/`, median run of 5 (LCP of all runs 1001–2000 ms) | 1500 ms / 0.000 |",
            "(median of 31) | 2.2 ms |",
            "| `lianluo build`, 5000 synthetic issues | 4.25 s |",
            "| `lianluo build`, 535 synthetic issues + 1: files / bytes to upload, build time, search segments; files after the same sources again | 38 / 0.64 MB, 1.25 s, 5; 0 |",
            "| preview: a saved source to the reloaded page, 1 issue(s), median of 3 (all 310, 320, 400) | 320 ms |",
            "| release archive `lianluo-0.1.0-windows-x86_64.zip` | 2.50 MB |",
            "| `换届选举` | 12 篇 | 95.2 ms | 3456 | 2 | 3 |",
            "New query, ended by the typing pause, on 535 issues, 15 runs (1 without a measure): median 12.5 ms, p90 20.0 ms, max 31.0 ms",
            "Warm query, ended by the typing pause, on 535 issues, 25 runs (0 without a measure): median 1.5 ms, p90 2.5 ms, max 4.0 ms",
            "Search index, 535 synthetic issues: 10 files, 2000 bytes raw, 1000 bytes gzip, largest file 300 bytes.",
            "Search on 5000 issues was not measured: browser gone",
            "- a search keystroke: 33 (App 7, Link 20)",
            "The most a cold query fetched on 535 issues: 3456 bytes (`换届选举`); bar 60000 bytes: met.",
            "| previous issue | 8 | 1.2 ms | 2.5 ms | 3.0 ms |",
            "| `lianluo:render`, 5000 synthetic issues (one frame: 16.7 ms) | runs | median | p90 | max |",
            "| issue list | 8 | 4.5 ms | 6.3 ms | 7.0 ms |",
            "| 535 one-issue PDFs, `lianluo build` | ≤ 60 s, progress shown, a summary | 12.5 s, 10 progress lines, summary: 535 files: 535 converted cleanly |",
            "| issues equal to their text's conversion | 535 / 535 | 534 / 535 |",
            "| peak memory converting one issue's PDF | ≤ 100 MB | 20.0 MB |",
            "1000 bytes of code, 300 of data",
            "| `yew` | 600 | 60.0 % |",
            "| `components::issue_list` | 400 | 40.0 % |",
            "| `lianluo_reader::f::{{closure}}\\|x\\|` | 250 | 25.0 % |",
        ] {
            assert!(md.contains(expected), "missing {expected:?} in\n{md}");
        }
    }
}
