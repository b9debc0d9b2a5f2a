//! A hand-written issue in the sample's layout with the quirks editors meet: publisher and
//! date on one line, number and serial on one line, half-width colons, a prefecture followed
//! by its county, an old county name, a township, every sub-heading style, page breaks (one a
//! form feed) next to sub-headings, a paragraph ending in ：, headings without a blank line
//! before them, padded names with a full-width space, a full-width phone dash.

use lianluo_core::parse::{parse_issue, ParseOptions};
use lianluo_core::{BlockKind, Issue};

const TEXT: &str = include_str!("fixtures/quirks-2018-4.txt");
const GOLDEN: &str = include_str!("golden/quirks-2018-4.json");

fn quirks() -> Issue {
    let outcome = parse_issue(TEXT, &ParseOptions::default());
    assert_eq!(outcome.diagnostics, [], "the fixture converts cleanly");
    outcome.issue.expect("converts")
}

#[test]
fn quirks_fixture_matches_its_golden_json() {
    let golden: Issue = serde_json::from_str(GOLDEN).expect("golden JSON is an issue");
    assert_eq!(quirks(), golden);
}

#[test]
fn quirks_masthead_and_back_matter() {
    let issue = quirks();
    assert_eq!(
        (issue.id.as_str(), issue.number, issue.serial),
        ("2018-4", 4, Some(548))
    );
    assert_eq!(
        (issue.date.as_str(), issue.publisher.as_str()),
        ("2018-02-28", "湖南省人大常委会选举任免联络工作委员会")
    );
    assert_eq!(
        issue.editor_note.as_deref(),
        Some("今年以来，各地扎实推进代表工作。现刊发3篇交流材料，供参考。")
    );
    assert_eq!(
        issue.distribution,
        ["省人大常委会各位副主任、秘书长", "各市州人大常委会"]
    );
    assert_eq!(issue.editors, ["李明", "王小红"]);
    assert_eq!(issue.phone.as_deref(), Some("0731-85309270"));
    assert_eq!(issue.email.as_deref(), Some("hnrlddt@163.com"));
}

#[test]
fn quirks_regions() {
    let regions: Vec<_> = quirks()
        .articles
        .into_iter()
        .map(|a| (a.region.printed, a.region.prefecture, a.region.county))
        .collect();
    let known =
        |p: &str, pre: &str, c: &str| (p.to_string(), Some(pre.to_string()), Some(c.to_string()));
    assert_eq!(
        regions,
        [
            known("长沙市浏阳市", "长沙市", "浏阳市"),
            known("邵东县", "邵阳市", "邵东市"),
            known("望城区乔口镇人大", "长沙市", "望城区")
        ]
    );
}

#[test]
fn quirks_body_structure() {
    let issue = quirks();
    let shape: Vec<Vec<BlockKind>> = issue
        .articles
        .iter()
        .map(|a| a.blocks.iter().map(|b| b.kind).collect())
        .collect();
    use BlockKind::{Heading as H, Paragraph as P};
    assert_eq!(
        shape,
        [vec![P, H, P, H, H, P, H, P], vec![P], vec![H, P, H, P]]
    );
    let first = &issue.articles[0].blocks;
    assert!(
        first[0].text.ends_with("主要做法如下："),
        "a paragraph ending in ： stays whole"
    );
    assert_eq!(first[2].text, "全市32个乡镇（街道）全部建成代表之家，覆盖率达到100%。每个代表之家配备专职工作人员，并制定了学习、接待、活动等制度。");
    assert_eq!(issue.articles[2].title, "打造“乔口样本”");
}
