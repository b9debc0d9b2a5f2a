//! The real sample issue (2017 no. 15) against its golden JSON, and the facts in it checked one
//! by one so the golden file cannot drift from the text unnoticed.

use lianluo_core::parse::{parse_issue, ParseOptions};
use lianluo_core::{BlockKind, Issue};

const SAMPLE: &str = include_str!("fixtures/lianluo-2017-15.txt");
const GOLDEN: &str = include_str!("golden/lianluo-2017-15.json");

fn sample() -> Issue {
    let outcome = parse_issue(SAMPLE, &ParseOptions::default());
    assert_eq!(
        outcome.diagnostics,
        [],
        "the sample converts without diagnostics"
    );
    outcome.issue.expect("the sample converts")
}

#[test]
fn sample_matches_its_golden_json() {
    let golden: Issue = serde_json::from_str(GOLDEN).expect("golden JSON is an issue");
    assert_eq!(sample(), golden);
}

#[test]
fn sample_masthead() {
    let issue = sample();
    assert_eq!(issue.id, "2017-15");
    assert_eq!(issue.title, "联络动态");
    assert_eq!(issue.number, 15);
    assert_eq!(issue.serial, Some(535));
    assert_eq!(issue.date, "2017-08-30");
    assert_eq!(issue.publisher, "湖南省人大常委会选举任免联络工作委员会");
    let note = issue.editor_note.expect("the sample has an editor's note");
    assert!(note.starts_with("为贯彻落实2015年中央18号文件"), "{note}");
    assert!(
        note.ends_with("现将交流材料摘要分四期刊发，供各地参考。"),
        "{note}"
    );
    assert!(
        note.contains("会上，3个市州"),
        "half-width comma made full-width: {note}"
    );
}

#[test]
fn sample_articles_and_regions() {
    let issue = sample();
    let regions: Vec<_> = issue
        .articles
        .iter()
        .map(|a| {
            (
                a.id.as_str(),
                a.region.printed.as_str(),
                a.region.prefecture.as_deref(),
                a.region.county.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        regions,
        [
            ("2017-15-1", "湘潭市", Some("湘潭市"), None),
            (
                "2017-15-2",
                "湘西自治州",
                Some("湘西土家族苗族自治州"),
                None
            ),
            ("2017-15-3", "衡阳市", Some("衡阳市"), None),
        ]
    );
    let titles: Vec<_> = issue.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "加强领导 上下协同 开辟县乡人大工作和建设新航程",
            "多措并举 精准施策 扎实推进县乡人大工作和建设",
            "强化领导 严明纪律 坚决打赢换届选举翻身仗",
        ]
    );
    let block_counts: Vec<_> = issue.articles.iter().map(|a| a.blocks.len()).collect();
    assert_eq!(
        block_counts,
        [3, 5, 3],
        "page-break fragments joined, nothing else"
    );
    assert!(issue
        .articles
        .iter()
        .flat_map(|a| &a.blocks)
        .all(|b| b.kind == BlockKind::Paragraph));
}

#[test]
fn sample_page_break_joins() {
    let issue = sample();
    let text: Vec<&str> = issue
        .articles
        .iter()
        .flat_map(|a| &a.blocks)
        .map(|b| b.text.as_str())
        .collect();
    for joined in [
        "让市领导和市代表",
        "州人大常委会组成人员",
        "电子表决系统实现",
        "依法依规进行",
        "实行分片包干责任制",
    ] {
        assert_eq!(
            text.iter().filter(|t| t.contains(joined)).count(),
            1,
            "{joined}"
        );
    }
    assert!(
        text.iter().all(|t| t.ends_with('。')),
        "every paragraph ends a sentence"
    );
}

#[test]
fn sample_spaces_between_chinese_and_digits_are_removed() {
    let issue = sample();
    let all: String = issue
        .articles
        .iter()
        .flat_map(|a| &a.blocks)
        .map(|b| b.text.as_str())
        .collect();
    for expected in [
        "职数23名",
        "增加编制48个",
        "比例达到60%以上",
        "召开18次",
        "1500多次",
    ] {
        assert!(all.contains(expected), "{expected}");
    }
}

#[test]
fn sample_back_matter() {
    let issue = sample();
    assert_eq!(issue.distribution.len(), 7);
    assert_eq!(
        issue.distribution[0],
        "全国人大常委会办公厅联络局、研究室、新闻局"
    );
    assert_eq!(
        issue.distribution[6],
        "各市(州)、县(市、区)人大常委会联工委"
    );
    assert_eq!(issue.editors, ["石韧", "吴静波"]);
    assert_eq!(issue.phone.as_deref(), Some("0731-85309270"));
    assert_eq!(issue.email.as_deref(), Some("hnrlddt@163.com"));
    assert_eq!(issue.approval.as_deref(), Some("湘党简准字〔2000〕第28号"));
    assert!(issue.normalization.cjk_punctuation);
}

#[test]
fn sample_without_cjk_punctuation_keeps_half_width_commas() {
    let options = ParseOptions {
        cjk_punctuation: false,
        ..ParseOptions::default()
    };
    let issue = parse_issue(SAMPLE, &options).issue.expect("converts");
    assert!(!issue.normalization.cjk_punctuation);
    assert!(issue.editor_note.expect("note").contains("会上,3个市州"));
    assert_eq!(issue.articles[0].region.printed, "湘潭市");
}
