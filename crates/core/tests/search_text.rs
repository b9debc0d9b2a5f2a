//! Normalisation and query parsing.

use lianluo_core::search::{normalize, normalized_chars, parse_query, Query};
use proptest::prelude::*;

fn query(required: &[&str], excluded: &[&str]) -> Query {
    Query {
        required: required.iter().map(|s| s.to_string()).collect(),
        excluded: excluded.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn full_width_forms_fold_to_ascii() {
    assert_eq!(normalize("６０％"), "60%");
    assert_eq!(normalize("ＡＢＣ－ｘｙｚ！～"), "abc-xyz!~");
}

#[test]
fn ascii_case_folds_and_cjk_is_untouched() {
    assert_eq!(normalize("ABC abc"), "abcabc");
    assert_eq!(normalize("人大代表PDF"), "人大代表pdf");
    // Letters outside ASCII keep their case: the archive has none, and folding them would
    // need Unicode tables.
    assert_eq!(normalize("ÉΩ"), "ÉΩ");
}

#[test]
fn whitespace_of_any_width_disappears() {
    assert_eq!(normalize("60% 以上"), "60%以上");
    assert_eq!(normalize("石　韧\t\n 2017 年"), "石韧2017年");
    assert_eq!(normalize(" \u{3000}\u{a0}"), "");
}

#[test]
fn normalized_chars_point_back_at_the_original_bytes() {
    let text = "６0 %";
    let mapped: Vec<(char, std::ops::Range<usize>)> = normalized_chars(text).collect();
    assert_eq!(mapped, [('6', 0..3), ('0', 3..4), ('%', 5..6)]);
}

#[test]
fn spaces_separate_required_terms() {
    assert_eq!(parse_query("代表 工作室"), query(&["代表", "工作室"], &[]));
    assert_eq!(
        parse_query("  代表　　工作室  "),
        query(&["代表", "工作室"], &[])
    );
}

#[test]
fn quotes_make_one_term_and_minus_excludes() {
    assert_eq!(parse_query("\"60% 以上\""), query(&["60%以上"], &[]));
    assert_eq!(parse_query("换届 -选举"), query(&["换届"], &["选举"]));
    assert_eq!(
        parse_query("-\"代表 工作\" 人大"),
        query(&["人大"], &["代表工作"])
    );
    // Full-width quotes and minus act like ASCII ones.
    assert_eq!(parse_query("＂Ａ Ｂ＂ －ｃ"), query(&["ab"], &["c"]));
}

#[test]
fn odd_strings_parse_without_error() {
    assert_eq!(parse_query(""), Query::default());
    assert_eq!(parse_query("\""), Query::default());
    assert_eq!(parse_query("-"), Query::default());
    assert_eq!(parse_query("- \"\" -\"\" \"　\""), Query::default());
    // A quoted minus is a character to find.
    assert_eq!(parse_query("\"-\""), query(&["-"], &[]));
    assert!(
        parse_query("-代表").is_empty(),
        "exclusions alone require nothing"
    );
    // An unclosed quote runs to the end.
    assert_eq!(parse_query("\"人大 代表"), query(&["人大代表"], &[]));
    // A minus inside a term, or a second one, is an ordinary character.
    assert_eq!(parse_query("a-b --c"), query(&["a-b"], &["-c"]));
    assert_eq!(parse_query(".*[a-z]+(?:x)"), query(&[".*[a-z]+(?:x)"], &[]));
    assert_eq!(parse_query("😀 代表"), query(&["😀", "代表"], &[]));
    // Repeated terms are listed once.
    assert_eq!(
        parse_query("代表 代表 ＡＢ ab"),
        query(&["代表", "ab"], &[])
    );
}

#[test]
fn a_very_long_query_is_one_long_term() {
    let long = "人".repeat(5_000);
    let parsed = parse_query(&long);
    assert_eq!(parsed.required.len(), 1);
    assert_eq!(parsed.required[0].chars().count(), 5_000);
}

proptest! {
    #[test]
    fn normalising_twice_changes_nothing(text in "\\PC{0,40}") {
        let once = normalize(&text);
        prop_assert_eq!(normalize(&once), once.clone());
        prop_assert!(!once.chars().any(char::is_whitespace));
    }

    #[test]
    fn any_string_parses_into_normalised_non_empty_terms(text in "\\PC{0,60}") {
        let parsed = parse_query(&text);
        for term in parsed.required.iter().chain(&parsed.excluded) {
            prop_assert!(!term.is_empty());
            prop_assert_eq!(&normalize(term), term);
            prop_assert!(!term.contains('"'));
        }
    }
}
