//! The archive index built from issues: order, summaries, paths and region counts.

use lianluo_core::archive::build_archive_index;
use lianluo_core::gazetteer::Gazetteer;
use lianluo_core::test_support::{article, bare_issue, paragraph};
use lianluo_core::{Issue, FORMAT_VERSION};

fn issue(year: u32, number: u32, date: &str, regions: &[&str]) -> Issue {
    let id = format!("{year}-{number}");
    let articles = regions
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let region = Gazetteer::hunan().resolve(r);
            let title = format!("标题{i}");
            article(
                &format!("{id}-{}", i + 1),
                &title,
                region,
                vec![paragraph("正文。")],
            )
        })
        .collect();
    Issue {
        serial: Some(500 + number),
        ..bare_issue(&id, date, articles)
    }
}

#[test]
fn issues_are_listed_newest_first_by_date_then_number() {
    let issues = [
        issue(2016, 30, "2016-12-30", &["长沙市"]),
        issue(2017, 2, "2017-01-20", &["长沙市"]),
        issue(2017, 3, "2017-01-20", &["长沙市"]),
        issue(2017, 15, "2017-08-30", &["长沙市"]),
    ];
    let index = build_archive_index(&issues);
    let ids: Vec<_> = index.issues.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["2017-15", "2017-3", "2017-2", "2016-30"]);
    assert_eq!(index.issues[0].path, "issues/2017-15.json");
    assert_eq!(index.issues[0].serial, Some(515));
    assert_eq!(index.search, None);
    assert_eq!(index.format_version, FORMAT_VERSION);
    assert_eq!(index.title, "联络动态");
}

#[test]
fn article_summaries_keep_order_title_and_region() {
    let index = build_archive_index(&[issue(2017, 15, "2017-08-30", &["湘潭市", "湘西自治州"])]);
    let articles = &index.issues[0].articles;
    assert_eq!(articles.len(), 2);
    assert_eq!(
        (articles[1].id.as_str(), articles[1].title.as_str()),
        ("2017-15-2", "标题1")
    );
    assert_eq!(
        articles[1].region.prefecture.as_deref(),
        Some("湘西土家族苗族自治州")
    );
}

/// A prefecture, its count, and its counties' counts.
type PrefectureCounts<'a> = (&'a str, u32, Vec<(&'a str, u32)>);

#[test]
fn regions_are_counted_per_prefecture_with_counties_most_first() {
    let issues = [
        issue(
            2017,
            1,
            "2017-01-01",
            &["浏阳市", "长沙市", "宁乡县", "浏阳市沙市镇人大", "衡阳县"],
        ),
        issue(
            2017,
            2,
            "2017-02-01",
            &["衡阳市", "湘西州", "湘西土家族苗族自治州", "某某县"],
        ),
    ];
    let index = build_archive_index(&issues);
    let summary: Vec<PrefectureCounts> = index
        .regions
        .iter()
        .map(|r| {
            (
                r.prefecture.as_str(),
                r.count,
                r.counties
                    .iter()
                    .map(|c| (c.county.as_str(), c.count))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("长沙市", 4, vec![("浏阳市", 2), ("宁乡市", 1)]),
            ("湘西土家族苗族自治州", 2, vec![]),
            ("衡阳市", 2, vec![("衡阳县", 1)]),
        ]
    );
}

#[test]
fn an_empty_archive_has_no_issues_and_no_regions() {
    let index = build_archive_index(&[]);
    assert!(index.issues.is_empty() && index.regions.is_empty());
    assert_eq!(index.title, "联络动态");
}
