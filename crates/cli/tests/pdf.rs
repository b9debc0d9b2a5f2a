//! PDFs in: the sample issue printed by three producers, and in each predefined CJK CMap a 公文
//! system writes, converts to the same issue as its text; what cannot give a faithful issue is
//! refused in words, naming its pages; diagnostics name the page and line.
//!
//! The fixtures and the script that made them are in tests/fixtures/pdf/.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lianluo_core::Issue;

const FIXTURES: &str = "tests/fixtures/pdf";

fn lianluo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lianluo"))
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("the binary runs")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("paths are UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A folder `name` in a new temporary folder, holding the fixtures `(fixture, as)`; the
/// temporary folder (which holds it) and the folder's path.
fn sources(name: &str, fixtures: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join(name);
    fs::create_dir(&folder).expect("mkdir");
    for (fixture_name, saved_as) in fixtures {
        fs::copy(fixture(fixture_name), folder.join(saved_as)).expect("copies");
    }
    (dir, folder)
}

fn golden() -> Issue {
    serde_json::from_str(include_str!("../../core/tests/golden/lianluo-2017-15.json"))
        .expect("golden")
}

fn converted(name: &str) -> (Issue, String) {
    let out = lianluo(&["convert", path_str(&fixture(name))]);
    assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
    let issue = serde_json::from_slice(&out.stdout).expect("stdout is issue JSON");
    (issue, stderr(&out))
}

#[test]
fn the_sample_printed_by_three_producers_converts_to_the_same_issue_as_its_text() {
    // LibreOffice (embedded subset fonts, /ToUnicode, justified), Chromium (Type 3 fonts,
    // /ToUnicode, a running head and page numbers), ReportLab (STSong-Light, not embedded,
    // UniGB-UCS2-H, no /ToUnicode: the 公文 case).
    for name in ["libreoffice.pdf", "chromium.pdf", "reportlab-stsong.pdf"] {
        let (issue, warnings) = converted(name);
        assert_eq!(issue, golden(), "{name}");
        assert_eq!(warnings, "", "{name}");
    }
}

#[test]
fn every_predefined_cmap_of_simplified_chinese_decodes_to_the_same_issue() {
    // The ReportLab page content re-encoded: GBK and GB 2312 bytes, UTF-16, and Identity with
    // Adobe-GB1 CIDs, none with /ToUnicode.
    for name in [
        "stsong-gbk-euc.pdf",
        "stsong-gb-euc.pdf",
        "stsong-utf16.pdf",
        "stsong-identity.pdf",
    ] {
        let (issue, warnings) = converted(name);
        assert_eq!(issue, golden(), "{name}");
        assert_eq!(warnings, "", "{name}");
    }
}

/// The one error `convert` gives for a fixture, with its exit code checked.
fn refusal(name: &str) -> String {
    let out = lianluo(&["convert", path_str(&fixture(name))]);
    assert_eq!(out.status.code(), Some(1), "{name}");
    assert!(out.stdout.is_empty(), "{name}: no issue is written");
    let text = stderr(&out);
    assert!(
        text.starts_with(&format!("{}:1:1: error: ", path_str(&fixture(name)))),
        "{text}"
    );
    text
}

#[test]
fn pdfs_that_cannot_give_a_faithful_issue_are_refused_naming_why_and_where() {
    assert!(refusal("damaged.pdf").contains("cut off or damaged"));
    assert!(refusal("encrypted.pdf").contains("locked with a password"));
    assert!(refusal("scanned.pdf").contains("pages 1, 2 are images with no text (a scan)"));
    assert!(refusal("unmapped.pdf")
        .contains("the fonts of pages 1, 2, 3, 4, 5, 6, 7 do not say which characters they draw"));
}

#[test]
fn a_pdf_is_known_by_its_first_bytes_whatever_its_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let renamed = dir.path().join("第15期.txt");
    fs::copy(fixture("reportlab-stsong.pdf"), &renamed).expect("copies");
    let out = lianluo(&["convert", path_str(&renamed)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let issue: Issue = serde_json::from_slice(&out.stdout).expect("issue JSON");
    assert_eq!(issue, golden());
}

#[test]
fn a_diagnostic_names_the_page_and_the_line_it_is_on() {
    // The back matter without its e-mail address (said at its last line, 批准文号, the fifth
    // of page 7): ReportLab writes the page content
    // uncompressed, each UCS-2 character of the address as `\000` and the ASCII byte, so
    // the address can be blanked in place, keeping every offset.
    let bytes = fs::read(fixture("reportlab-stsong.pdf")).expect("fixture");
    let ucs2 = |text: &str| -> Vec<u8> {
        text.bytes()
            .flat_map(|b| [b'\\', b'0', b'0', b'0', b])
            .collect()
    };
    let address = ucs2("hnrlddt@163.com");
    let at = bytes
        .windows(address.len())
        .position(|w| w == address)
        .expect("the address is in the page content");
    let mut edited = bytes.clone();
    edited[at..at + address.len()].copy_from_slice(&ucs2(&" ".repeat(15)));
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("no-email.pdf");
    fs::write(&pdf, edited).expect("writes");
    let out = lianluo(&["convert", path_str(&pdf)]);
    let text = stderr(&out);
    let expected = format!(
        "{}:7:5: warning: page 7, line 5: the back matter lacks a contact e-mail address",
        path_str(&pdf)
    );
    assert!(text.contains(&expected), "{text}");
}

#[test]
fn build_reads_pdfs_beside_word_documents_and_texts() {
    let (dir, sources) = sources("sources", &[("libreoffice.pdf", "第15期.pdf")]);
    let site = dir.path().join("site");
    let out = lianluo(&[
        "build",
        path_str(&sources),
        "--out",
        path_str(&site),
        "--data-only",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = fs::read(site.join("issues/2017-15.json")).expect("the issue is written");
    let issue: Issue = serde_json::from_slice(&written).expect("issue JSON");
    assert_eq!(issue, golden());
}

#[test]
fn a_back_catalogue_with_bad_pdfs_is_built_from_the_others_and_the_bad_ones_are_named() {
    let (dir, sources) = sources(
        "旧刊",
        &[
            ("libreoffice.pdf", "libreoffice.pdf"),
            ("scanned.pdf", "scanned.pdf"),
            ("encrypted.pdf", "encrypted.pdf"),
        ],
    );
    let site = dir.path().join("site");
    let strict = lianluo(&[
        "build",
        path_str(&sources),
        "--out",
        path_str(&site),
        "--strict",
    ]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert!(!site.exists(), "--strict builds all or nothing");

    let out = lianluo(&[
        "build",
        path_str(&sources),
        "--out",
        path_str(&site),
        "--data-only",
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let text = stderr(&out);
    let summary = "3 files: 1 converted cleanly, 0 with warnings, 2 left out of the site";
    assert!(text.contains(summary), "{text}");
    let after = &text[text.find(summary).expect("summary")..];
    let encrypted = format!(
        "  {}: the PDF is locked",
        path_str(&sources.join("encrypted.pdf"))
    );
    let scanned = format!(
        "  {}: pages 1, 2 are images",
        path_str(&sources.join("scanned.pdf"))
    );
    assert!(
        after.contains(&encrypted) && after.contains(&scanned),
        "{after}"
    );
    let issue: Issue =
        serde_json::from_slice(&fs::read(site.join("issues/2017-15.json")).expect("written"))
            .expect("issue JSON");
    assert_eq!(issue, golden());
}

#[test]
fn a_folder_of_only_bad_pdfs_builds_nothing() {
    let (dir, sources) = sources("src", &[("damaged.pdf", "damaged.pdf")]);
    let site = dir.path().join("site");
    let out = lianluo(&["build", path_str(&sources), "--out", path_str(&site)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!site.exists());
}
