//! Feeds arbitrary bytes to the CLI's encoding detection and decoding, with and without a
//! forced encoding, and on to `convert`'s whole reading path: never a panic, every error
//! located at a line and column from 1, and valid UTF-8 read as itself.
#![no_main]

use lianluo_cli::decode::{decode, Encoding};
use lianluo_cli::load::issue_from_text;
use lianluo_core::parse::ParseOptions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for forced in [
        None,
        Some(Encoding::Utf8),
        Some(Encoding::Gb18030),
        Some(Encoding::Gbk),
    ] {
        match decode(data, forced) {
            Ok(text) => {
                if forced == Some(Encoding::Utf8) {
                    let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
                    assert_eq!(text.as_bytes(), body, "UTF-8 is read as itself");
                }
            }
            Err(e) => {
                assert!(e.line >= 1 && e.column >= 1, "{e:?}");
                assert!(!e.message.id.is_empty() && !e.message.english.is_empty());
            }
        }
    }
    if let Ok(utf8) = std::str::from_utf8(data) {
        let bom_free = !data.starts_with(b"\xFF\xFE") && !data.starts_with(b"\xFE\xFF");
        if bom_free && !data.contains(&0) {
            let body = utf8.strip_prefix('\u{FEFF}').unwrap_or(utf8);
            assert_eq!(decode(data, None).as_deref(), Ok(body));
        }
    }
    let loaded = issue_from_text(data, &ParseOptions::default(), None);
    for d in &loaded.diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "{d:?}");
    }
});
