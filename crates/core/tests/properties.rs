//! Property tests: the parser never panics whatever the text; numerals read back whether
//! written with units, digit by digit or in Arabic digits; normalisation is idempotent; the
//! gazetteer agrees with a brute-force scan of its table.

use lianluo_core::gazetteer::Gazetteer;
use lianluo_core::numerals::{parse_number, write_number};
use lianluo_core::parse::{parse_issue, ParseOptions};
use lianluo_core::text::normalize;
use proptest::prelude::*;

const SAMPLE: &str = include_str!("fixtures/lianluo-2017-15.txt");
const TABLE: &str = include_str!("../data/hunan-divisions.tsv");

/// Writes `n` digit by digit in Chinese: 二〇一七.
fn write_positional(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| {
            "〇一二三四五六七八九"
                .chars()
                .nth(c as usize - '0' as usize)
                .unwrap_or('?')
        })
        .collect()
}

#[test]
fn the_positional_writer_writes_what_people_write() {
    assert_eq!(write_positional(2017), "二〇一七");
    assert_eq!(write_positional(0), "〇");
}

/// Every name the table lists, with what it resolves to, read without the gazetteer's code.
fn table_names() -> Vec<(String, String, Option<String>)> {
    let mut names = Vec::new();
    for row in TABLE.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let cells: Vec<&str> = row.split('\t').collect();
        let county = cells
            .get(1)
            .filter(|c| !c.is_empty())
            .map(|c| c.to_string());
        let canonical = county.clone().unwrap_or_else(|| cells[0].to_string());
        let aliases = cells.get(2).map_or(Vec::new(), |a| {
            a.split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        });
        for name in std::iter::once(canonical).chain(aliases) {
            names.push((name, cells[0].to_string(), county.clone()));
        }
    }
    names
}

proptest! {
    #[test]
    fn chinese_numerals_read_back(n in 0u32..100_000_000) {
        prop_assert_eq!(parse_number(&write_number(n)), Some(n));
        prop_assert_eq!(parse_number(&write_positional(n)), Some(n));
        prop_assert_eq!(parse_number(&n.to_string()), Some(n));
    }

    #[test]
    fn parse_number_never_panics(s in "[零〇一二两三四五六七八九十百千万0-9０-９a]{0,12}") {
        let _ = parse_number(&s);
    }

    #[test]
    fn parser_never_panics_on_arbitrary_text(s in any::<String>()) {
        let outcome = parse_issue(&s, &ParseOptions::default());
        prop_assert!(outcome.issue.is_some() || outcome.has_errors());
    }

    #[test]
    fn parser_never_panics_on_issue_like_text(
        s in proptest::collection::vec(
            prop_oneof![
                Just("".to_string()),
                Just("第 15 期".to_string()),
                Just("2017 年 8 月 30 日".to_string()),
                Just("长沙市:标题".to_string()),
                Just("某镇人大：标题".to_string()),
                Just("一、小标题".to_string()),
                Just("（十）".to_string()),
                Just("送：".to_string()),
                Just("责任编辑：石 韧 联系方式：0731—8530 a@b.c".to_string()),
                Just("【编者按】".to_string()),
                "[\\PC]{0,40}",
                "[，。：:,;；\\s　\u{c}\u{feff}\r]{0,6}",
            ],
            0..40,
        ).prop_map(|lines| lines.join("\n"))
    ) {
        let outcome = parse_issue(&s, &ParseOptions::default());
        prop_assert!(outcome.issue.is_some() || outcome.has_errors());
        for d in &outcome.diagnostics {
            prop_assert!(d.line >= 1 && d.line <= s.split(['\n', '\r']).count().max(1));
        }
    }

    #[test]
    fn parser_survives_the_sample_with_lines_removed(keep in proptest::collection::vec(any::<bool>(), 120)) {
        let text: Vec<&str> = SAMPLE.lines().zip(keep.iter().cycle()).filter(|(_, k)| **k).map(|(l, _)| l).collect();
        let outcome = parse_issue(&text.join("\n"), &ParseOptions::default());
        if let Some(issue) = outcome.issue {
            prop_assert!(lianluo_core::validate::validate_issue(&issue).is_empty());
        }
    }

    #[test]
    fn normalize_is_idempotent(s in "[a-z0-9%，。：,:;；“”\\s　(（一二长沙市]{0,30}", cjk in any::<bool>()) {
        let once = normalize(&s, cjk);
        prop_assert_eq!(normalize(&once, cjk), once);
    }

    #[test]
    fn gazetteer_agrees_with_a_brute_force_longest_prefix(index in 0usize..200, tail in "(镇人大|乡|[一-龥]{0,3})") {
        let names = table_names();
        let (name, _, _) = &names[index % names.len()];
        let printed = format!("{name}{tail}");
        // The oracle: the longest table name that starts the printed text.
        let best = names.iter().filter(|(n, _, _)| printed.starts_with(n.as_str())).max_by_key(|(n, _, _)| n.chars().count());
        let region = Gazetteer::hunan().resolve(&printed);
        let (best_name, prefecture, county) = best.expect("the name itself matches");
        prop_assert_eq!(region.prefecture.as_ref(), Some(prefecture));
        if county.is_some() {
            prop_assert_eq!(&region.county, county);
        } else {
            // A prefecture followed by one of its own counties also resolves the county.
            let rest = &printed[best_name.len()..];
            let inner = names.iter().filter(|(n, p, c)| c.is_some() && p == prefecture && rest.starts_with(n.as_str())).max_by_key(|(n, _, _)| n.chars().count());
            prop_assert_eq!(region.county, inner.and_then(|(_, _, c)| c.clone()));
        }
    }
}

#[test]
fn parser_handles_huge_lines_and_files() {
    let huge_line = "长".repeat(3_000_000);
    let outcome = parse_issue(&huge_line, &ParseOptions::default());
    assert!(outcome.has_errors());
    let extra = "衡阳市：标题\n\n正文，正文。\n\n".repeat(50_000);
    let big = SAMPLE.replacen("送：", &format!("{extra}送："), 1);
    let outcome = parse_issue(&big, &ParseOptions::default());
    let issue = outcome.issue.expect("a long issue converts");
    assert_eq!(issue.articles.len(), 50_003);
    assert_eq!(issue.distribution.len(), 7);
}

#[test]
fn parser_stays_linear_on_pathological_layouts() {
    // 100,000 page-break fragments in a row join into one paragraph.
    let fragments = "片段\n\n".repeat(100_000);
    let text = SAMPLE.replacen(
        "送：",
        &format!("长沙市：标题\n\n{fragments}结束。\n\n送："),
        1,
    );
    let started = std::time::Instant::now();
    let issue = parse_issue(&text, &ParseOptions::default())
        .issue
        .expect("converts");
    let last = issue.articles.last().expect("the added article");
    assert_eq!(last.blocks.len(), 1);
    assert_eq!(last.blocks[0].text.chars().count(), 200_003);
    // A first line of a million dates is not a masthead line.
    let dates = "2017年8月30日".repeat(1_000_000);
    let outcome = parse_issue(&dates, &ParseOptions::default());
    assert!(outcome.has_errors());
    assert!(
        started.elapsed().as_secs() < 30,
        "took {:?}",
        started.elapsed()
    );
}
