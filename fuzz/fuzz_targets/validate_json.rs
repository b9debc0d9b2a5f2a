//! Feeds arbitrary bytes to what `lianluo validate` does with a file: decode, parse as JSON,
//! convert to an issue or archive index, check it, and locate each problem in the text.
//! Never a panic; every diagnostic has a line and column from 1; a document is returned only
//! when nothing is wrong with it.
#![no_main]

use lianluo_cli::json_location::locate;
use lianluo_cli::load::document_from_json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let loaded = document_from_json(data);
    for d in &loaded.diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "{d:?}");
    }
    assert_eq!(loaded.value.is_some(), loaded.diagnostics.is_empty());
    // The locator on its own, with paths that may not exist in the JSON.
    if let Ok(json) = std::str::from_utf8(data) {
        if serde_json::from_str::<serde_json::Value>(json).is_ok() {
            for path in [
                "articles[0].title",
                "issues[3]",
                "a.b[1000000000000].c",
                "[0]",
                "",
            ] {
                let (line, column) = locate(json, path);
                assert!(line >= 1 && column >= 1);
            }
        }
    }
});
