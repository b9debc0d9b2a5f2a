//! The `lianluo` binary end to end: exit codes, the `FILE:LINE:COL` diagnostic format, each
//! input encoding, hostile inputs, atomic outputs, and the convert → validate → build round
//! trip.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lianluo_core::{ArchiveIndex, Issue};

const SAMPLE: &str = include_str!("../../core/tests/fixtures/lianluo-2017-15.txt");

/// Runs `lianluo` in English, the language these tests' expected messages are in.
fn lianluo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lianluo"))
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// A second issue in the sample's layout: a different number, date and articles.
fn other_issue_text() -> String {
    SAMPLE
        .replace("第 15 期", "第 16 期")
        .replace("五百三十五", "五百三十六")
        .replace("8 月 30 日", "9 月 15 日")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("writes");
    path
}

fn converted(out: &Output) -> Issue {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("stdout is issue JSON")
}

fn golden() -> Issue {
    serde_json::from_str(include_str!("../../core/tests/golden/lianluo-2017-15.json"))
        .expect("golden")
}

/// Every stderr line that is a diagnostic has the form `FILE:LINE:COL: warning|error: …`.
fn diagnostics(out: &Output, file: &Path) -> Vec<(usize, usize, String, String)> {
    let prefix = format!("{}:", file.display());
    stderr(out)
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .map(|rest| {
            let mut parts = rest.splitn(4, ':');
            let line = parts
                .next()
                .and_then(|n| n.parse().ok())
                .expect("a line number");
            let col = parts.next().and_then(|n| n.parse().ok()).expect("a column");
            let severity = parts.next().expect("a severity").trim().to_string();
            (
                line,
                col,
                severity,
                parts.next().expect("a message").trim().to_string(),
            )
        })
        .collect()
}

#[test]
fn convert_the_sample_to_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "in.txt", SAMPLE);
    let out = lianluo(&["convert", path_str(&input)]);
    assert_eq!(converted(&out), golden());
    assert_eq!(stderr(&out), "");
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("{\n  \"format_version\": 1,"),
        "pretty JSON"
    );
}

#[test]
fn encoding_gb18030_is_detected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (bytes, _, _) = encoding_rs::GB18030.encode(SAMPLE);
    let input = write(dir.path(), "gb.txt", &bytes);
    assert_eq!(
        converted(&lianluo(&["convert", path_str(&input)])),
        golden()
    );
    assert_eq!(
        converted(&lianluo(&[
            "convert",
            "--encoding",
            "gbk",
            path_str(&input)
        ])),
        golden()
    );
}

#[test]
fn encoding_gb18030_with_crlf_on_a_hand_written_issue() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = include_str!("../../core/tests/fixtures/quirks-2018-4.txt").replace('\n', "\r\n");
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let input = write(dir.path(), "quirks-gb.txt", &bytes);
    let expected: Issue =
        serde_json::from_str(include_str!("../../core/tests/golden/quirks-2018-4.json"))
            .expect("golden");
    let out = lianluo(&["convert", path_str(&input)]);
    assert_eq!(converted(&out), expected);
    assert_eq!(stderr(&out), "");
}

#[test]
fn encoding_forced_utf8_on_gb18030_bytes_is_an_error_at_the_first_bad_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (bytes, _, _) = encoding_rs::GB18030.encode(SAMPLE);
    let input = write(dir.path(), "gb.txt", &bytes);
    let out = lianluo(&["convert", "--encoding", "utf-8", path_str(&input)]);
    assert_eq!(out.status.code(), Some(1));
    let found = diagnostics(&out, &input);
    assert_eq!(
        (found[0].0, found[0].1, found[0].2.as_str()),
        (3, 1, "error"),
        "{found:?}"
    );
}

#[test]
fn encoding_utf8_with_bom_crlf_and_cr() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bom = write(dir.path(), "bom.txt", format!("\u{FEFF}{SAMPLE}"));
    let crlf = write(dir.path(), "crlf.txt", SAMPLE.replace('\n', "\r\n"));
    let cr = write(dir.path(), "cr.txt", SAMPLE.replace('\n', "\r"));
    for input in [bom, crlf, cr] {
        assert_eq!(
            converted(&lianluo(&["convert", path_str(&input)])),
            golden(),
            "{}",
            input.display()
        );
    }
}

#[test]
fn warnings_are_printed_as_file_line_col_and_strict_fails() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = SAMPLE.replace("衡阳市:强化领导", "某某县:强化领导");
    let input = write(dir.path(), "unknown.txt", &text);
    let line = text
        .lines()
        .position(|l| l.starts_with("某某县"))
        .expect("present")
        + 1;
    let out = lianluo(&["convert", path_str(&input)]);
    assert_eq!(converted(&out).articles[2].region.prefecture, None);
    let found = diagnostics(&out, &input);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0, found[0].1, found[0].2.as_str()),
        (line, 1, "warning")
    );
    assert!(found[0].3.contains("某某县"));
    let strict = lianluo(&["convert", "--strict", path_str(&input)]);
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(strict.stdout, b"");
    assert_eq!(diagnostics(&strict, &input)[0].2, "error");
}

#[test]
fn no_cjk_punctuation_is_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "in.txt", SAMPLE);
    let issue = converted(&lianluo(&[
        "convert",
        "--no-cjk-punctuation",
        path_str(&input),
    ]));
    assert!(!issue.normalization.cjk_punctuation);
    assert!(issue.editor_note.expect("note").contains("精神,经省委同意"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(lianluo(&[]).status.code(), Some(2));
    assert_eq!(lianluo(&["convert"]).status.code(), Some(2));
    assert_eq!(
        lianluo(&["convert", "x.txt", "--encoding", "latin1"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(lianluo(&["build", "src"]).status.code(), Some(2));
    assert_eq!(lianluo(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn hostile_inputs_are_clear_errors_never_panics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    binary.extend(b"\x89PNG");
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("empty.txt", vec![], "empty"),
        ("binary.bin", binary, "binary"),
        (
            "issue.json",
            include_bytes!("../../core/tests/golden/lianluo-2017-15.json").to_vec(),
            "this is JSON",
        ),
        (
            "masthead-only.txt",
            SAMPLE.as_bytes()[..SAMPLE.find("【编者按】").expect("note")].to_vec(),
            "no articles",
        ),
        ("missing.txt", vec![], "cannot read"),
    ];
    for (name, bytes, expected) in cases {
        let input = if name == "missing.txt" {
            dir.path().join(name)
        } else {
            write(dir.path(), name, &bytes)
        };
        let out = lianluo(&["convert", path_str(&input)]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        let found = diagnostics(&out, &input);
        assert!(
            found
                .iter()
                .any(|d| d.2 == "error" && d.3.contains(expected)),
            "{name}: {found:?}"
        );
        assert!(!stderr(&out).contains("panicked"), "{name}");
    }
}

#[test]
fn a_15_megabyte_file_converts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = "衡阳市：强化领导 严明纪律\n\n强化党的领导，坚持党的领导、人民当家作主和依法治国有机统一。去年市县乡三级人大换届时，衡阳市深刻汲取教训。\n\n";
    let count = 15 * 1024 * 1024 / article.len() + 1;
    let text = SAMPLE.replacen("送：", &format!("{}送：", article.repeat(count)), 1);
    assert!(text.len() >= 15 * 1024 * 1024);
    let input = write(dir.path(), "big.txt", &text);
    let out_path = dir.path().join("big.json");
    let out = lianluo(&["convert", path_str(&input), "-o", path_str(&out_path)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let issue: Issue =
        serde_json::from_slice(&fs::read(out_path).expect("written")).expect("issue");
    assert_eq!(issue.articles.len(), count + 3);
}

#[test]
fn failed_convert_leaves_an_existing_output_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = write(dir.path(), "out.json", "previous content");
    let bad = write(dir.path(), "bad.txt", "no masthead here");
    let out = lianluo(&["convert", path_str(&bad), "-o", path_str(&output)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        fs::read_to_string(&output).expect("still there"),
        "previous content"
    );
    let good = write(dir.path(), "good.txt", SAMPLE);
    let fresh = dir.path().join("fresh.json");
    assert_eq!(
        lianluo(&["convert", path_str(&good), "-o", path_str(&fresh)])
            .status
            .code(),
        Some(0)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&fresh).expect("written").permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "a new output is readable by others");
        fs::set_permissions(&output, fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    let out = lianluo(&["convert", path_str(&good), "-o", path_str(&output)]);
    assert_eq!(out.status.code(), Some(0));
    let issue: Issue =
        serde_json::from_str(&fs::read_to_string(&output).expect("written")).expect("issue");
    assert_eq!(issue, golden());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&output).expect("written").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "a replaced output keeps its permissions");
    }
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("lists")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".lianluo"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left");
}

#[test]
fn validate_reports_serde_errors_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = include_str!("../../core/tests/golden/lianluo-2017-15.json").replacen(
        "\"number\": 15",
        "\"number\": \"15\"",
        1,
    );
    let line = json
        .lines()
        .position(|l| l.contains("\"number\": \"15\""))
        .expect("present")
        + 1;
    let file = write(dir.path(), "bad.json", &json);
    let out = lianluo(&["validate", path_str(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let found = diagnostics(&out, &file);
    assert_eq!(
        (found[0].0, found[0].2.as_str()),
        (line, "error"),
        "{found:?}"
    );
}

#[test]
fn validate_reports_semantic_problems_at_their_json_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut issue = golden();
    issue.articles[1].blocks[3].text = String::new();
    issue.date = "2017-02-30".into();
    let json = serde_json::to_string_pretty(&issue).expect("json");
    let file = write(dir.path(), "semantic.json", &json);
    let out = lianluo(&["validate", path_str(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let found = diagnostics(&out, &file);
    let date_line = json
        .lines()
        .position(|l| l.contains("\"date\""))
        .expect("present")
        + 1;
    let empty_line = json
        .lines()
        .position(|l| l.contains("\"text\": \"\""))
        .expect("present")
        + 1;
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (date_line, 3));
    assert!(found[0].3.starts_with("date:"));
    assert_eq!(found[1].0, empty_line);
    assert!(found[1].3.starts_with("articles[1].blocks[3].text:"));
}

#[test]
fn round_trip_convert_validate_build_read_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    fs::create_dir(&src).expect("mkdir");
    let text = write(&src, "2017-15.txt", SAMPLE);
    let json_path = dir.path().join("2017-16.json");
    let other = write(dir.path(), "2017-16.txt", other_issue_text());
    assert_eq!(
        lianluo(&["convert", path_str(&other), "-o", path_str(&json_path)])
            .status
            .code(),
        Some(0)
    );
    let validated = lianluo(&["validate", path_str(&json_path)]);
    assert_eq!(validated.status.code(), Some(0), "{}", stderr(&validated));
    fs::copy(&json_path, src.join("2017-16.json")).expect("copies");
    let site = dir.path().join("site");
    let built = lianluo(&["build", path_str(&src), "--out", path_str(&site)]);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));

    let index: ArchiveIndex =
        serde_json::from_slice(&fs::read(site.join("index.json")).expect("index"))
            .expect("index JSON");
    let ids: Vec<_> = index.issues.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["2017-16", "2017-15"]);
    assert_eq!(
        index.search.as_deref(),
        Some(lianluo_core::search::MANIFEST_PATH)
    );
    assert!(site.join(lianluo_core::search::MANIFEST_PATH).is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&site).expect("built").permissions().mode() & 0o777;
        assert_eq!(mode, 0o755, "the data folder is readable by a web server");
    }
    let read_back: Issue =
        serde_json::from_slice(&fs::read(site.join("issues/2017-15.json")).expect("issue file"))
            .expect("issue JSON");
    let converted = converted(&lianluo(&["convert", path_str(&text)]));
    assert_eq!(read_back, converted);
    let second: Issue =
        serde_json::from_slice(&fs::read(site.join("issues/2017-16.json")).expect("issue file"))
            .expect("issue JSON");
    let from_json: Issue =
        serde_json::from_slice(&fs::read(&json_path).expect("json")).expect("issue");
    assert_eq!(second, from_json);
    let check = lianluo(&[
        "validate",
        path_str(&site.join("index.json")),
        path_str(&site.join("issues/2017-16.json")),
    ]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn build_refuses_duplicate_ids_naming_both_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    fs::create_dir(&src).expect("mkdir");
    let first = write(&src, "a.txt", SAMPLE);
    let second = write(&src, "b.txt", SAMPLE);
    let site = dir.path().join("site");
    let strict = lianluo(&[
        "build",
        path_str(&src),
        "--out",
        path_str(&site),
        "--strict",
    ]);
    assert_eq!(strict.status.code(), Some(1));
    let found = diagnostics(&strict, &second);
    assert_eq!(found.len(), 1, "{}", stderr(&strict));
    assert!(
        found[0].3.contains("2017-15") && found[0].3.contains(path_str(&first)),
        "{found:?}"
    );
    assert!(!site.exists());
    // Without --strict the second file is left out, said so, and the first is built.
    let out = lianluo(&["build", path_str(&src), "--out", path_str(&site)]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 left out of the site"),
        "{}",
        stderr(&out)
    );
    let index: ArchiveIndex =
        serde_json::from_slice(&fs::read(site.join("index.json")).expect("index")).expect("JSON");
    assert_eq!(index.issues.len(), 1);
}

#[test]
fn build_skips_words_lock_and_temporary_files_beside_an_open_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    fs::create_dir(&src).expect("mkdir");
    write(&src, "第15期.txt", SAMPLE);
    // What Word leaves beside a document it has open, and a hidden file: none is an issue.
    write(&src, "~$第15期.docx", b"\x0e\x00owner\x00\x00");
    write(&src, "~WRL0001.tmp", b"PK\x03\x04 half written");
    write(&src, "~WRD0002.docx", b"PK\x03\x04 half written");
    write(&src, ".第15期.txt.swp", b"\x00\x01");
    let site = dir.path().join("site");
    let out = lianluo(&["build", path_str(&src), "--out", path_str(&site)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains('~'), "{}", stderr(&out));
    let index: ArchiveIndex =
        serde_json::from_slice(&fs::read(site.join("index.json")).expect("index")).expect("JSON");
    assert_eq!(index.issues.len(), 1);
}

#[test]
fn failed_build_leaves_the_previous_folder_exactly_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    fs::create_dir(&src).expect("mkdir");
    write(&src, "2017-15.txt", SAMPLE);
    let site = dir.path().join("site");
    assert_eq!(
        lianluo(&["build", path_str(&src), "--out", path_str(&site)])
            .status
            .code(),
        Some(0)
    );
    fs::write(site.join("marker.txt"), "kept").expect("writes");
    let snapshot = tree(&site);

    write(&src, "broken.txt", "第 1 期\n\n没有日期");
    let out = lianluo(&[
        "build",
        path_str(&src),
        "--out",
        path_str(&site),
        "--strict",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(tree(&site), snapshot);
    assert!(diagnostics(&out, &src.join("broken.txt"))
        .iter()
        .any(|d| d.2 == "error"));

    fs::remove_file(src.join("broken.txt")).expect("removes");
    write(&src, "2017-16.txt", other_issue_text());
    assert_eq!(
        lianluo(&["build", path_str(&src), "--out", path_str(&site)])
            .status
            .code(),
        Some(0)
    );
    assert!(
        !site.join("marker.txt").exists(),
        "a successful build replaces the folder whole"
    );
    assert!(site.join("issues/2017-16.json").is_file());
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("lists")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".lianluo"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folders left");
}

#[test]
fn build_refuses_to_replace_its_sources_or_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    fs::create_dir(&src).expect("mkdir");
    let text = write(&src, "2017-15.txt", SAMPLE);
    for out in [src.clone(), dir.path().to_path_buf(), text.clone()] {
        let run = lianluo(&["build", path_str(&src), "--out", path_str(&out)]);
        assert_eq!(run.status.code(), Some(1), "{}", out.display());
        assert_eq!(diagnostics(&run, &out)[0].2, "error");
    }
    assert_eq!(
        fs::read_to_string(&text).expect("the source is intact"),
        SAMPLE
    );
}

#[test]
fn build_prints_warnings_from_every_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    fs::create_dir(&src).expect("mkdir");
    let a = write(&src, "a.txt", SAMPLE.replace("衡阳市:强化", "某甲县:强化"));
    let b = write(
        &src,
        "b.txt",
        other_issue_text().replace("衡阳市:强化", "某乙县:强化"),
    );
    let out = lianluo(&[
        "build",
        path_str(&src),
        "--out",
        path_str(&dir.path().join("site")),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(diagnostics(&out, &a).len(), 1);
    assert_eq!(diagnostics(&out, &b).len(), 1);
    let strict = lianluo(&[
        "build",
        "--strict",
        path_str(&src),
        "--out",
        path_str(&dir.path().join("site")),
    ]);
    assert_eq!(strict.status.code(), Some(1));
}

/// Every file under `dir` with its content, for comparing folders.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in fs::read_dir(&d).expect("lists") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = fs::read(&path).expect("reads");
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    out
}
