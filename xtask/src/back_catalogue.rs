//! `cargo xtask bench --back-catalogue`: a back catalogue of one-issue PDFs, as a 公文 system
//! prints them (synthetic issues, `synth/pdf.rs`), built by `lianluo build` in one command:
//! its time, whether it showed progress and a summary, how many issues came out as their
//! texts convert, and the peak memory of converting one PDF.

use crate::run::step;
use crate::{paths, synth};
use anyhow::{bail, Context, Result};
use lianluo_core::parse::{parse_issue, ParseOptions};
use lianluo_core::Issue;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// The back catalogue's size: the real archive's issues today.
pub const BACK_CATALOGUE_ISSUES: u32 = 535;

/// What the bench measured.
#[derive(serde::Serialize)]
pub struct Figures {
    pub issues: u32,
    pub seconds: f64,
    pub progress_lines: usize,
    /// The summary line `lianluo build` ended with, if it printed one.
    pub summary: Option<String>,
    /// Issues whose JSON from the PDF equals their text's conversion.
    pub same_as_text: usize,
    /// Peak resident memory converting the largest PDF, in KiB (GNU time's figure).
    pub peak_kib: Option<u64>,
}

/// Prints the synthetic archive as PDFs under `out`, builds them with `cli`, and measures.
pub fn measure(cli: &Path, out: &Path) -> Result<Figures> {
    let sources = out.join("back-catalogue-pdfs");
    let site = out.join("back-catalogue-site");
    for folder in [&sources, &site] {
        if folder.exists() {
            fs::remove_dir_all(folder)?;
        }
    }
    fs::create_dir_all(&sources)?;
    step(format!(
        "Printing {BACK_CATALOGUE_ISSUES} synthetic issues as PDFs"
    ));
    let mut expected: Vec<Issue> = Vec::new();
    let mut largest = (0, sources.join("none.pdf"));
    for synthetic in synth::archive(BACK_CATALOGUE_ISSUES, synth::DEFAULT_SEED) {
        let issue = parse_issue(&synthetic.text, &ParseOptions::default())
            .issue
            .with_context(|| format!("{} does not convert", synthetic.file_name))?;
        let back_lines: Vec<&str> = synthetic
            .text
            .rsplit_once("\n\n送：")
            .map(|(_, back)| back)
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        let mut printed_back = vec![format!("送：{}", back_lines.first().unwrap_or(&""))];
        printed_back.extend(back_lines.iter().skip(1).map(|l| (*l).to_owned()));
        let lines: Vec<&str> = printed_back.iter().map(String::as_str).collect();
        let pdf = synth::pdf::issue_pdf(&issue, &lines);
        let path = sources.join(synthetic.file_name.replace(".txt", ".pdf"));
        if pdf.len() > largest.0 {
            largest = (pdf.len(), path.clone());
        }
        fs::write(&path, pdf)?;
        expected.push(issue);
    }
    step(format!("lianluo build of {BACK_CATALOGUE_ISSUES} PDFs"));
    let began = Instant::now();
    let output = Command::new(cli)
        .args(["--lang", "en", "build"])
        .arg(&sources)
        .arg("--out")
        .arg(&site)
        .arg("--data-only")
        .output()
        .context("running lianluo build")?;
    let seconds = began.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !matches!(output.status.code(), Some(0 | 3)) {
        bail!("lianluo build failed: {stderr}");
    }
    let progress_lines = stderr
        .lines()
        .filter(|l| l.starts_with("converting:"))
        .count();
    let summary = stderr
        .lines()
        .find(|l| l.contains(" converted cleanly, "))
        .map(str::to_owned);
    let same_as_text = expected
        .iter()
        .filter(|issue| {
            let file = site.join("issues").join(format!("{}.json", issue.id));
            fs::read(file)
                .ok()
                .and_then(|bytes| serde_json::from_slice::<Issue>(&bytes).ok())
                .is_some_and(|built| &built == *issue)
        })
        .count();
    Ok(Figures {
        issues: BACK_CATALOGUE_ISSUES,
        seconds,
        progress_lines,
        summary,
        same_as_text,
        peak_kib: peak_kib(cli, &largest.1),
    })
}

/// GNU time's peak resident memory of `lianluo convert PDF`; `None` without /usr/bin/time.
fn peak_kib(cli: &Path, pdf: &Path) -> Option<u64> {
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(cli)
        .arg("convert")
        .arg(pdf)
        .output()
        .ok()?;
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()
}

/// The bench's lines: the bars of the back catalogue.
pub fn markdown(md: &mut String, f: &Figures) {
    use std::fmt::Write as _;
    let _ = writeln!(md, "| back catalogue | bar | now |\n| --- | --- | --- |");
    let _ = writeln!(
        md,
        "| {} one-issue PDFs, `lianluo build` | ≤ 60 s, progress shown, a summary | {:.1} s, {} progress lines, summary: {} |",
        f.issues,
        f.seconds,
        f.progress_lines,
        f.summary.as_deref().unwrap_or("none")
    );
    let _ = writeln!(
        md,
        "| issues equal to their text's conversion | {} / {} | {} / {} |",
        f.issues, f.issues, f.same_as_text, f.issues
    );
    let peak = f.peak_kib.map_or("n/a (no /usr/bin/time)".to_owned(), |k| {
        format!("{:.1} MB", k as f64 / 1024.0)
    });
    let _ = writeln!(
        md,
        "| peak memory converting one issue's PDF | ≤ 100 MB | {peak} |"
    );
}

/// Builds `lianluo` and runs the back-catalogue bench alone.
pub fn bench(root: &Path) -> Result<()> {
    crate::dist::build(root)?;
    let out = paths::bench_out(root);
    fs::create_dir_all(&out)?;
    let figures = measure(&paths::cli_binary(root), &out)?;
    let mut md = String::new();
    markdown(&mut md, &figures);
    println!("\n{md}");
    Ok(())
}
