//! Semantic validation of issues and archive indexes: each rule, with the JSON path it names.

use lianluo_core::archive::build_archive_index;
use lianluo_core::parse::{parse_issue, ParseOptions};
use lianluo_core::validate::{validate_archive, validate_issue};
use lianluo_core::Issue;

fn sample() -> Issue {
    let text = include_str!("fixtures/lianluo-2017-15.txt");
    parse_issue(text, &ParseOptions::default())
        .issue
        .expect("the sample converts")
}

fn paths(problems: Vec<lianluo_core::validate::Problem>) -> Vec<String> {
    problems.into_iter().map(|p| p.path).collect()
}

#[test]
fn the_sample_and_its_index_are_valid() {
    let issue = sample();
    assert_eq!(validate_issue(&issue), []);
    assert_eq!(validate_archive(&build_archive_index(&[issue])), []);
}

#[test]
fn impossible_dates_and_zero_numbers_are_named() {
    let mut issue = sample();
    issue.date = "2017-02-30".into();
    issue.number = 0;
    issue.serial = Some(0);
    assert_eq!(paths(validate_issue(&issue)), ["number", "serial", "date"]);
}

#[test]
fn the_issue_id_must_be_year_and_number() {
    let mut issue = sample();
    issue.id = "2017-16".into();
    let problems = validate_issue(&issue);
    assert_eq!(problems[0].path, "id");
    assert!(
        problems[0].message.contains("\"2017-15\""),
        "{}",
        problems[0].message
    );
}

#[test]
fn duplicate_and_foreign_article_ids_are_named() {
    let mut issue = sample();
    issue.articles[1].id = "2017-15-1".into();
    issue.articles[2].id = "2016-1-3".into();
    assert_eq!(
        paths(validate_issue(&issue)),
        ["articles[1].id", "articles[2].id"]
    );
}

#[test]
fn empty_paragraphs_and_titles_are_named() {
    let mut issue = sample();
    issue.articles[1].blocks[3].text = " ".into();
    issue.articles[0].title.clear();
    assert_eq!(
        paths(validate_issue(&issue)),
        ["articles[0].title", "articles[1].blocks[3].text"]
    );
}

#[test]
fn unknown_format_version_and_no_articles_are_named() {
    let mut issue = sample();
    issue.format_version = 99;
    issue.articles.clear();
    assert_eq!(
        paths(validate_issue(&issue)),
        ["format_version", "articles"]
    );
}

#[test]
fn archive_problems_are_named() {
    let issue = sample();
    let mut other = sample();
    other.id = "2017-16".into();
    other.number = 16;
    other.date = "2017-09-10".into();
    for a in &mut other.articles {
        a.id = a.id.replace("2017-15", "2017-16");
    }
    let mut index = build_archive_index(&[issue, other]);
    assert_eq!(validate_archive(&index), []);
    // Oldest first now; the older issue gets a wrong path, the newer one an id from the other.
    index.issues.swap(0, 1);
    index.issues[0].path = "elsewhere.json".into();
    index.issues[1].articles[0].id = "2017-15-1".into();
    index.regions[0].count = 0;
    assert_eq!(
        paths(validate_archive(&index)),
        [
            "issues[0].path",
            "issues[1].date",
            "issues[1].articles[0].id",
            "issues[1].articles[0].id",
            "regions[0].count"
        ]
    );
}
