//! Snippet windows and mark ranges.

use lianluo_core::search::{mark_ranges, parse_query, snippet, SNIPPET_CHARS};
use proptest::prelude::*;

#[test]
fn marks_cover_what_normalisation_removed_inside_a_match() {
    let text = "全省有 60% 以上的代表参加。";
    let marks = mark_ranges(text, &parse_query("60%以上"));
    assert_eq!(marks.len(), 1);
    assert_eq!(&text[marks[0].clone()], "60% 以上");
}

#[test]
fn marks_find_full_width_text_for_ascii_queries() {
    let text = "ＡＢＣ和abc";
    let marks = mark_ranges(text, &parse_query("abc"));
    let marked: Vec<&str> = marks.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(marked, ["ＡＢＣ", "abc"]);
}

#[test]
fn overlapping_matches_merge_and_exclusions_are_not_marked() {
    let text = "人人人大会";
    let marks = mark_ranges(text, &parse_query("人人 -大会"));
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0], 0..9);
    let marks = mark_ranges("代表代表", &parse_query("代表"));
    assert_eq!(marks, [0..6, 6..12]);
}

#[test]
fn the_densest_window_is_chosen() {
    let filler = "一二三四五六七八九十".repeat(12);
    let sparse = format!("代表{filler}");
    let dense = format!("{filler}代表和代表，代表工作室{filler}");
    let blocks = [sparse.as_str(), dense.as_str()];
    let s = snippet(&blocks, &parse_query("代表")).unwrap();
    assert_eq!(s.block, 1);
    assert_eq!(s.marks.len(), 3);
    assert!(s.cut_before && s.cut_after);
    assert_eq!(s.text.chars().count(), SNIPPET_CHARS);
    for m in &s.marks {
        assert_eq!(&s.text[m.clone()], "代表");
    }
}

#[test]
fn a_window_with_every_term_beats_one_with_more_of_one_term() {
    let filler = "一二三四五六七八九十".repeat(12);
    let one_term = format!("人大人大人大人大{filler}");
    let both = format!("{filler}人大和代表{filler}");
    let blocks = [one_term.as_str(), both.as_str()];
    let s = snippet(&blocks, &parse_query("人大 代表")).unwrap();
    assert_eq!(s.block, 1);
    let marked: Vec<&str> = s.marks.iter().map(|m| &s.text[m.clone()]).collect();
    assert_eq!(marked, ["人大", "代表"]);
}

#[test]
fn a_short_block_is_shown_whole() {
    let s = snippet(&["", "换届选举顺利完成。"], &parse_query("选举")).unwrap();
    assert_eq!(s.block, 1);
    assert_eq!(s.text, "换届选举顺利完成。");
    assert_eq!(s.marks.len(), 1);
    assert_eq!(s.marks[0], 6..12);
    assert!(!s.cut_before && !s.cut_after);
}

#[test]
fn without_a_match_the_snippet_is_the_beginning() {
    let long = "这是开头".repeat(40);
    let s = snippet(&["  ", &long], &parse_query("没有")).unwrap();
    assert_eq!(s.block, 1);
    assert!(s.marks.is_empty());
    assert!(!s.cut_before && s.cut_after);
    assert!(long.starts_with(&s.text));
    assert!(snippet(&["", " "], &parse_query("没有")).is_none());
}

proptest! {
    #[test]
    fn marks_fall_on_character_boundaries_and_hold_the_term(
        text in "[人大代表 ６Ａa０]{0,40}",
        term in "[人大代表６Ａa0]{1,3}",
    ) {
        let query = parse_query(&format!("\"{term}\""));
        let wanted = lianluo_core::search::normalize(&term);
        let marks = mark_ranges(&text, &query);
        for pair in marks.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start);
        }
        for m in &marks {
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert!(lianluo_core::search::normalize(&text[m.clone()]).contains(&wanted));
        }
        if let Some(s) = snippet(&[&text], &query) {
            for m in &s.marks {
                prop_assert!(s.text.is_char_boundary(m.start) && s.text.is_char_boundary(m.end));
            }
            prop_assert!(text.contains(&s.text));
        }
    }
}
