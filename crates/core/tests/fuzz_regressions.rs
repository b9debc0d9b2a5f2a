//! Inputs the fuzz targets (`fuzz/`) once crashed on, kept as tests of the code they broke.
//! Each is also a seed of its target (`fuzz/corpus/<target>/`), so every fuzz run replays it.

use lianluo_core::parse::{parse_issue, ParseOptions};
use lianluo_core::validate::validate_issue;

/// What the `parse_issue` target asserts: whatever the parser accepts validates.
fn parses_to_a_valid_issue_or_none(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for cjk_punctuation in [true, false] {
        let options = ParseOptions {
            cjk_punctuation,
            strict: false,
        };
        if let Some(issue) = parse_issue(&text, &options).issue {
            let problems = validate_issue(&issue);
            assert!(problems.is_empty(), "{problems:?}");
        }
    }
}

#[test]
fn issue_number_zero() {
    parses_to_a_valid_issue_or_none(include_bytes!("fixtures/fuzz/parse_issue-5bcd8548.txt"));
}

#[test]
fn issue_and_serial_number_zero_are_errors() {
    let sample = include_str!("fixtures/quirks-2018-4.txt");
    assert!(sample.contains("第 4 期（总第五百四十八期）"));
    for (printed, said) in [
        ("第 0 期（总第五百四十八期）", "issue number is 0"),
        ("第 4 期（总第零期）", "serial number is 0"),
    ] {
        let text = sample.replace("第 4 期（总第五百四十八期）", printed);
        let outcome = parse_issue(&text, &ParseOptions::default());
        assert!(outcome.issue.is_none(), "{printed}");
        assert!(
            outcome.diagnostics.iter().any(|d| d.message.contains(said)),
            "{:?}",
            outcome.diagnostics
        );
    }
}
