//! `parse_paragraphs`: an issue from a Word document's paragraphs. Whole paragraphs are never
//! joined as page-break parts, soft line breaks are lines of one paragraph, and diagnostics are
//! located by paragraph number.

use lianluo_core::diagnostic::Severity;
use lianluo_core::parse::{parse_issue, parse_paragraphs, ParseOptions};
use lianluo_core::BlockKind;

fn paragraphs(list: &[&str]) -> Vec<String> {
    list.iter().map(|p| p.to_string()).collect()
}

/// An issue as Word paragraphs: the masthead in one paragraph of soft breaks.
fn issue_paragraphs(body: &[&str]) -> Vec<String> {
    let mut all = vec![
        "联络动态\nLIANLUODONGTAI\n第 3 期\n（总第五百二十三期）\n湖南省人大常委会选举任免联络工作委员会编\n2017 年 3 月 1 日",
        "",
        "【编者按】现将各地做法刊发如下。",
    ];
    all.extend_from_slice(body);
    all.extend_from_slice(&[
        "送：各市州人大常委会",
        "各县市区人大常委会",
        "责任编辑：石 韧 吴静波 联系方式：0731—85309270 hnrlddt@163.com",
        "批准文号：湘党简准字〔2000〕第 28 号",
    ]);
    paragraphs(&all)
}

#[test]
fn whole_paragraphs_are_not_joined_and_the_masthead_may_use_soft_breaks() {
    let body = [
        "浏阳市：代表之家建设",
        "浏阳市建成代表之家",
        "三十二个。",
        "（一）加强阵地建设",
        "各乡镇均已完成。",
    ];
    let outcome = parse_paragraphs(&issue_paragraphs(&body), &ParseOptions::default());
    let issue = outcome.issue.expect("converts");
    assert_eq!(issue.id, "2017-3");
    assert_eq!(issue.serial, Some(523));
    assert_eq!(issue.date, "2017-03-01");
    assert_eq!(issue.editor_note.as_deref(), Some("现将各地做法刊发如下。"));
    let blocks: Vec<(BlockKind, &str)> = issue.articles[0]
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    assert_eq!(
        blocks,
        [
            (BlockKind::Paragraph, "浏阳市建成代表之家"),
            (BlockKind::Paragraph, "三十二个。"),
            (BlockKind::Heading, "（一）加强阵地建设"),
            (BlockKind::Paragraph, "各乡镇均已完成。"),
        ]
    );
    assert_eq!(
        issue.distribution,
        ["各市州人大常委会", "各县市区人大常委会"]
    );
    // The unpunctuated paragraph is paragraph 5 (masthead 1, empty 2, note 3, heading 4).
    let located: Vec<(usize, &str)> = outcome.diagnostics.iter().map(|d| (d.line, d.id)).collect();
    assert_eq!(located, [(5, "paragraph-unfinished")]);
    // The same text with blank lines between, read as text, joins them: the difference.
    let text = issue_paragraphs(&body).join("\n\n");
    let as_text = parse_issue(&text, &ParseOptions::default())
        .issue
        .expect("converts");
    assert_eq!(
        as_text.articles[0].blocks[0].text,
        "浏阳市建成代表之家三十二个。"
    );
}

#[test]
fn diagnostics_name_the_paragraph() {
    let body = ["", "", "某某县：代表工作", "某某县的代表工作有声有色。"];
    let outcome = parse_paragraphs(&issue_paragraphs(&body), &ParseOptions::default());
    let unknown = outcome
        .diagnostics
        .iter()
        .find(|d| d.id == "heading-unknown-region")
        .expect("warned");
    assert_eq!((unknown.line, unknown.column), (6, 1));
    assert_eq!(unknown.args, [("region", "某某县".to_string())]);
    assert_eq!(unknown.severity, Severity::Warning);
}

#[test]
fn empty_and_binary_paragraphs_are_refused() {
    let empty = parse_paragraphs(
        &paragraphs(&["", "  ", "\u{3000}"]),
        &ParseOptions::default(),
    );
    assert_eq!(empty.diagnostics[0].id, "text-empty");
    assert!(empty.issue.is_none());
    let binary = parse_paragraphs(
        &paragraphs(&["\u{1}\u{2}\u{3}\u{4}"]),
        &ParseOptions::default(),
    );
    assert_eq!(binary.diagnostics[0].id, "text-binary");
}
