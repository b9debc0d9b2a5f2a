//! Word documents in: the sample issue written as Word writes it converts to the same issue as
//! its text; Word's quirks are read as an editor means them; what is not text is skipped with
//! a warning naming its paragraph; what is not a Word document is said so.

mod word;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lianluo_core::{ArchiveIndex, Issue};
use word::{docx, paragraph, runs, sample_as_word, Block, Piece};

const SAMPLE: &str = include_str!("../../core/tests/fixtures/lianluo-2017-15.txt");

/// The committed sample .docx (rewritten from [`sample_as_word`] with
/// `LIANLUO_WRITE_FIXTURES=1`), which the Windows build is also tried on.
const SAMPLE_DOCX: &str = "tests/fixtures/lianluo-2017-15.docx";

fn lianluo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lianluo"))
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

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("writes");
    path
}

fn golden() -> Issue {
    serde_json::from_str(include_str!("../../core/tests/golden/lianluo-2017-15.json"))
        .expect("golden")
}

fn converted(out: &Output) -> Issue {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("stdout is issue JSON")
}

#[test]
fn the_sample_as_word_converts_to_the_same_issue_as_its_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = write(dir.path(), "sample.txt", SAMPLE);
    let from_text = lianluo(&["convert", path_str(&text)]);
    // Runs of 1, 3 and 7 characters: every split inside 2017, 第 15 期, 石 韧, 0731—85309270.
    for run_size in [1, 3, 7, usize::MAX] {
        let input = write(
            dir.path(),
            "sample.docx",
            docx(&sample_as_word(SAMPLE, run_size)),
        );
        let out = lianluo(&["convert", path_str(&input)]);
        assert_eq!(converted(&out), golden(), "runs of {run_size}");
        assert_eq!(stderr(&out), "", "runs of {run_size}");
        assert_eq!(
            out.stdout, from_text.stdout,
            "byte for byte, runs of {run_size}"
        );
    }
}

#[test]
fn the_committed_sample_docx_converts_to_the_same_issue_as_its_text() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE_DOCX);
    if std::env::var_os("LIANLUO_WRITE_FIXTURES").is_some() {
        fs::write(&path, docx(&sample_as_word(SAMPLE, 5))).expect("writes the fixture");
    }
    let out = lianluo(&["convert", path_str(&path)]);
    assert_eq!(converted(&out), golden());
    assert_eq!(stderr(&out), "");
}

#[test]
fn the_sample_made_by_python_docx_converts_to_the_same_issue_as_its_text() {
    // Written by tests/fixtures/make_sample_docx.py on Word's default template: a package
    // with styles, settings and theme, from a writer other than this crate's.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lianluo-2017-15-python-docx.docx");
    let out = lianluo(&["convert", path_str(&path)]);
    assert_eq!(converted(&out), golden());
    assert_eq!(stderr(&out), "");
}

#[test]
fn the_sample_as_wps_saves_it_converts_to_the_same_issue_as_its_text() {
    // Written by tests/fixtures/make_wps_docx.py: WPS's namespace, its per-run fonts with
    // w:hint="eastAsia", indents in characters, the _GoBack bookmark, KSOProductBuildVer.
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lianluo-2017-15-wps.docx");
    let out = lianluo(&["convert", path_str(&path)]);
    assert_eq!(converted(&out), golden());
    assert_eq!(stderr(&out), "");
}

/// A small issue with Word's quirks, paragraph by paragraph (numbers in the comments).
fn quirky_issue() -> Vec<Block> {
    vec![
        // 1: the masthead in one paragraph, its lines soft breaks, full-width and
        // non-breaking spaces inside.
        Block::Paragraph(
            [
                runs("联络动态", 2),
                vec![Piece::LineBreak],
                runs("第\u{3000}16\u{A0}期", 2),
                vec![Piece::LineBreak],
                runs("（总第五百三十六期）", 4),
                vec![Piece::LineBreak],
                runs("湖南省人大常委会选举任免联络工作委员会编", 6),
                vec![Piece::LineBreak, Piece::Tab],
                runs("2017年9月15日", 3),
            ]
            .concat(),
        ),
        // 2, 3: empty paragraphs.
        Block::Paragraph(Vec::new()),
        Block::Paragraph(Vec::new()),
        // 4: the note, indented with a tab and full-width spaces.
        Block::Paragraph(
            [
                vec![Piece::Tab],
                runs("\u{3000}\u{3000}【编者按】现将各地做法摘编如下。", 5),
            ]
            .concat(),
        ),
        // A table before 5.
        Block::Table("统计表".into()),
        // 5: a heading with a picture in it.
        Block::Paragraph([runs("浏阳市：代表之家建设", 3), vec![Piece::Image]].concat()),
        // 6: a paragraph with a page break inside a run sequence.
        Block::Paragraph(
            [
                runs("浏阳市建成代表之家", 4),
                vec![Piece::PageBreak],
                runs("三十二个。", 2),
            ]
            .concat(),
        ),
        // 7: a paragraph without closing punctuation: whole in Word, never joined.
        paragraph("下一段不应接上"),
        // 8
        paragraph("各乡镇均已完成。"),
        // 9, 10, 11
        paragraph("送：各市州人大常委会"),
        paragraph("责任编辑：石\u{A0}韧 联系方式：0731—85309270 hnrlddt@163.com"),
        paragraph("批准文号：湘内资字〔2017〕第28号"),
    ]
}

#[test]
fn word_quirks_are_read_as_the_editor_means_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "第16期.docx", docx(&quirky_issue()));
    let out = lianluo(&["--lang", "en", "convert", path_str(&input)]);
    let issue = converted(&out);
    assert_eq!(issue.id, "2017-16");
    assert_eq!(issue.serial, Some(536));
    assert_eq!(issue.date, "2017-09-15");
    assert_eq!(issue.publisher, "湖南省人大常委会选举任免联络工作委员会");
    assert_eq!(issue.editor_note.as_deref(), Some("现将各地做法摘编如下。"));
    assert_eq!(issue.articles.len(), 1);
    let article = &issue.articles[0];
    assert_eq!(article.region.printed, "浏阳市");
    assert_eq!(article.title, "代表之家建设");
    let texts: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "浏阳市建成代表之家三十二个。",
            "下一段不应接上",
            "各乡镇均已完成。"
        ]
    );
    assert_eq!(issue.editors, ["石韧"]);
    assert_eq!(issue.phone.as_deref(), Some("0731-85309270"));
    let file = input.display();
    assert_eq!(
        stderr(&out),
        format!(
            "{file}:5:1: warning: paragraph 5: a table before this paragraph was skipped; expected text only (if it belongs to the issue, write its content as paragraphs)\n\
             {file}:5:1: warning: paragraph 5: an image in this paragraph was skipped; expected text only\n\
             {file}:7:1: warning: paragraph 7: the paragraph ending \"…下一段不应接上\" has no closing punctuation and nothing follows it to join; expected 。 or the rest of the sentence\n"
        )
    );
    let zh = lianluo(&["--lang", "zh", "convert", path_str(&input)]);
    assert!(
        stderr(&zh).contains(&format!(
            "{file}:5:1: 警告: 第 5 段：本段中的一张图片已跳过；应只有文字\n"
        )),
        "{}",
        stderr(&zh)
    );
    let strict = lianluo(&["--lang", "en", "convert", "--strict", path_str(&input)]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(strict.stdout.is_empty());
}

#[test]
fn what_is_not_a_word_document_is_said_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = docx(&sample_as_word(SAMPLE, 7));
    let cases: [(&str, Vec<u8>, &str); 5] = [
        (
            "renamed.docx",
            word::zip_of(&[("readme.txt", "x")]),
            "this zip archive holds no Word document body",
        ),
        (
            "truncated.docx",
            sample[..sample.len() * 2 / 3].to_vec(),
            "this is not a Word document, or the file is incomplete",
        ),
        (
            "text.docx",
            SAMPLE.as_bytes().to_vec(),
            "this is not a Word document",
        ),
        (
            "empty.docx",
            docx(&[Block::Paragraph(Vec::new()), paragraph("\u{3000}")]),
            "the text is empty; expected an issue's text",
        ),
        (
            "broken.docx",
            word::zip_of(&[("word/document.xml", "<w:document><w:body><w:p></w:body>")]),
            "the Word document is damaged",
        ),
    ];
    for (name, bytes, expected) in cases {
        let input = write(dir.path(), name, bytes);
        let out = lianluo(&["--lang", "en", "convert", path_str(&input)]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let text = stderr(&out);
        let prefix = format!("{}:1:1: error: ", input.display());
        assert!(
            text.starts_with(&format!("{prefix}{expected}")),
            "{name}: {text}"
        );
        assert!(!text.contains("panicked"), "{name}");
    }
}

#[test]
fn build_reads_word_documents_beside_texts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("稿件");
    fs::create_dir(&src).expect("mkdir");
    write(&src, "第15期.docx", docx(&sample_as_word(SAMPLE, 4)));
    write(&src, "第16期.docx", docx(&quirky_issue()));
    let out_dir = dir.path().join("data");
    let out = lianluo(&[
        "--lang",
        "en",
        "build",
        path_str(&src),
        "--out",
        path_str(&out_dir),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let index: ArchiveIndex =
        serde_json::from_slice(&fs::read(out_dir.join("index.json")).expect("index"))
            .expect("json");
    let ids: Vec<&str> = index.issues.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["2017-16", "2017-15"]);
    let issue: Issue =
        serde_json::from_slice(&fs::read(out_dir.join("issues/2017-15.json")).expect("issue"))
            .expect("json");
    assert_eq!(issue, golden());
    // The same issue as text and as Word is one issue twice: the second is left out.
    write(&src, "lianluo-2017-15.txt", SAMPLE);
    let out = lianluo(&[
        "--lang",
        "en",
        "build",
        path_str(&src),
        "--out",
        path_str(&out_dir),
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("issue id 2017-15 is also the id of"),
        "{}",
        stderr(&out)
    );
}
