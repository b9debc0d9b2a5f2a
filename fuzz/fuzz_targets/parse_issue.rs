//! Feeds arbitrary bytes, decoded lossily as UTF-8, to the issue parser with both option
//! settings: it must never panic, and whatever it accepts must validate.
#![no_main]

use lianluo_core::parse::{parse_issue, ParseOptions};
use lianluo_core::validate::validate_issue;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for cjk_punctuation in [true, false] {
        let outcome = parse_issue(
            &text,
            &ParseOptions {
                cjk_punctuation,
                strict: false,
            },
        );
        if let Some(issue) = outcome.issue {
            assert!(validate_issue(&issue).is_empty());
        }
    }
});
