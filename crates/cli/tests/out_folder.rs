//! `lianluo build --out DIR` never loses a folder: DIR is replaced only when it is absent,
//! empty, or an earlier build's output (its marker, or for older outputs their names alone);
//! a folder of anyone else's files, the source folder, one holding it or one inside it is
//! refused with nothing changed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE: &str = include_str!("../../core/tests/fixtures/lianluo-2017-15.txt");

/// The marker every build leaves at the top of its output, and its content.
const MARKER: &str = ".lianluo-site";
const MARKER_CONTENT: &str = "{\"tool\":\"lianluo build\",\"format\":1}\n";

/// `lianluo --lang LANG build SRC --out OUT`.
fn build_in(lang: &str, src: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lianluo"))
        .args(["--lang", lang, "build"])
        .arg(src)
        .arg("--out")
        .arg(out)
        .output()
        .expect("the binary runs")
}

fn build(src: &Path, out: &Path) -> Output {
    build_in("en", src, out)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn succeeded(run: &Output) {
    assert_eq!(run.status.code(), Some(0), "{}", stderr(run));
}

/// A work folder holding `src/` with one issue.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    fs::create_dir(&src).expect("mkdir");
    fs::write(src.join("2017-15.txt"), SAMPLE).expect("writes");
    (dir, src)
}

/// Every file and folder under `dir`, files with their bytes, for comparing trees.
fn tree(dir: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in fs::read_dir(&d).expect("lists") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                out.push((path.clone(), None));
                pending.push(path);
            } else {
                let bytes = fs::read(&path).expect("reads");
                out.push((path, Some(bytes)));
            }
        }
    }
    out.sort();
    out
}

/// The names directly in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("lists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Asserts `run` was refused with exactly one error on `out` that begins with `begins`.
fn refused(run: &Output, out: &Path, begins: &str) {
    assert_eq!(run.status.code(), Some(1), "{}", stderr(run));
    let text = stderr(run);
    let first = text.lines().next().unwrap_or_default();
    let expected = format!("{}:1:1: error: {begins}", out.display());
    assert!(first.starts_with(&expected), "{text}");
}

#[test]
fn a_folder_of_other_files_is_refused_and_left_byte_for_byte() {
    let (dir, src) = workspace();
    let out = dir.path().join("site");
    fs::create_dir_all(out.join("docs")).expect("mkdir");
    fs::write(out.join("docs/important.txt"), "年度工作总结\n").expect("writes");
    fs::write(out.join("notes.txt"), b"\xE7\xAC\x94\xE8\xAE\xB0 notes").expect("writes");
    let before = tree(&out);

    let run = build(&src, &out);
    refused(
        &run,
        &out,
        &format!(
            "{} holds docs/, notes.txt and is not a site or data folder written by lianluo build; replacing it would delete them, so nothing was changed; expected an empty or new folder, or one lianluo build wrote",
            out.display()
        ),
    );
    assert_eq!(tree(&out), before, "the folder is exactly as it was");
    assert_eq!(
        names(dir.path()),
        ["site", "src"],
        "no staging folder left beside it"
    );

    let zh = build_in("zh", &src, &out);
    assert_eq!(zh.status.code(), Some(1));
    assert!(
        stderr(&zh).starts_with(&format!(
            "{}:1:1: 错误: {} 中有 docs/、notes.txt，不是 lianluo build 生成的网站或数据文件夹",
            out.display(),
            out.display()
        )),
        "{}",
        stderr(&zh)
    );
    assert_eq!(tree(&out), before);
}

#[test]
fn a_refused_folder_names_five_entries_and_counts_the_rest() {
    let (dir, src) = workspace();
    let out = dir.path().join("site");
    fs::create_dir(&out).expect("mkdir");
    for name in [
        "g.txt", "a.txt", "f.txt", "c.txt", "e.txt", "b.txt", "d.txt",
    ] {
        fs::write(out.join(name), name).expect("writes");
    }
    let run = build(&src, &out);
    refused(
        &run,
        &out,
        &format!(
            "{} holds a.txt, b.txt, c.txt, d.txt, e.txt and 2 more and is not",
            out.display()
        ),
    );
    let zh = build_in("zh", &src, &out);
    assert!(
        stderr(&zh).contains("中有 a.txt、b.txt、c.txt、d.txt、e.txt 等（另有 2 项），"),
        "{}",
        stderr(&zh)
    );
    assert_eq!(names(&out).len(), 7);
}

#[test]
fn an_absent_or_empty_folder_is_built_with_the_marker() {
    let (dir, src) = workspace();
    let absent = dir.path().join("new/data");
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).expect("mkdir");
    for out in [&absent, &empty] {
        succeeded(&build(&src, out));
        assert_eq!(
            fs::read_to_string(out.join(MARKER)).expect("the marker is written"),
            MARKER_CONTENT
        );
        assert!(out.join("issues/2017-15.json").is_file());
    }
    assert_eq!(names(dir.path()), ["empty", "new", "src"]);
}

#[test]
fn an_earlier_output_is_replaced_by_its_marker() {
    let (dir, src) = workspace();
    let out = dir.path().join("site");
    succeeded(&build(&src, &out));
    // What the other builds will put beside the data is still the tool's: the marker says so.
    fs::write(out.join("lianluo.js"), "// the reader").expect("writes");
    fs::write(
        src.join("2017-15.txt"),
        SAMPLE.replace("第 15 期", "第 16 期"),
    )
    .expect("writes");
    succeeded(&build(&src, &out));
    assert!(out.join("issues/2017-16.json").is_file());
    assert!(!out.join("issues/2017-15.json").exists(), "replaced whole");
    assert_eq!(
        fs::read_to_string(out.join(MARKER)).expect("marker"),
        MARKER_CONTENT
    );
}

#[test]
fn an_output_older_than_the_marker_is_recognised_by_its_names_alone() {
    let (dir, src) = workspace();
    let out = dir.path().join("site");
    succeeded(&build(&src, &out));
    // Older versions wrote neither the marker nor `.gz` siblings nor the change lists.
    for later in [
        MARKER,
        "index.json.gz",
        ".lianluo-upload.txt",
        ".lianluo-removed.txt",
    ] {
        fs::remove_file(out.join(later)).expect("as older versions left it");
    }
    assert_eq!(
        names(&out),
        ["index.json", "issues", "pages", "search", "view"]
    );
    succeeded(&build(&src, &out));
    assert!(out.join(MARKER).is_file(), "marked from now on");

    fs::remove_file(out.join(MARKER)).expect("removes");
    fs::write(out.join("notes.txt"), "mine").expect("writes");
    let before = tree(&out);
    let run = build(&src, &out);
    refused(
        &run,
        &out,
        &format!(
            "{} holds .lianluo-removed.txt, .lianluo-upload.txt, index.json, index.json.gz, issues/ and 4 more",
            out.display()
        ),
    );
    assert_eq!(tree(&out), before);

    // The names without the index are not an output either.
    let partial = dir.path().join("partial");
    fs::create_dir_all(partial.join("issues")).expect("mkdir");
    refused(
        &build(&src, &partial),
        &partial,
        &format!("{} holds issues/ and is not", partial.display()),
    );
}

#[test]
fn an_output_inside_the_sources_is_refused_and_the_sources_left_alone() {
    let (dir, src) = workspace();
    fs::create_dir(src.join("old")).expect("mkdir");
    let before = tree(&src);
    let inside = src.join("data");
    refused(
        &build(&src, &inside),
        &inside,
        &format!(
            "{} is inside the source folder, where the output would mix with the sources; expected a folder outside it",
            inside.display()
        ),
    );
    // Reached through a folder that does not exist yet, and one that does.
    let roundabout = dir.path().join("new/../src/old/../data");
    refused(
        &build(&src, &roundabout),
        &roundabout,
        &format!("{} is inside the source folder", roundabout.display()),
    );
    assert_eq!(tree(&src), before, "nothing added to the sources");
    assert_eq!(names(dir.path()), ["src"]);
}

#[test]
fn the_sources_or_a_folder_holding_them_is_refused() {
    let (dir, src) = workspace();
    let before = tree(dir.path());
    refused(
        &build(&src, &src),
        &src,
        &format!(
            "{} is the source folder; replacing it would delete the sources",
            src.display()
        ),
    );
    let same = src.join(".");
    refused(&build(&src, &same), &same, "");
    refused(
        &build(&src, dir.path()),
        dir.path(),
        &format!(
            "would replace {}, which holds the sources; expected a separate folder",
            dir.path().display()
        ),
    );
    assert_eq!(tree(dir.path()), before);
}
