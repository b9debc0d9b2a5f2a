//! Feeds arbitrary bytes to `convert`'s PDF path: the structure (lopdf), the content streams,
//! the fonts' maps and the layout. Never a panic; a refusal has words; diagnostics are located
//! from page 1, line 1; paragraphs come with their page and line.
#![no_main]

use lianluo_cli::load::issue_from_pdf;
use lianluo_cli::pdf::read_pdf;
use lianluo_core::parse::ParseOptions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match read_pdf(data) {
        Ok(text) => {
            assert!(!text.paragraphs.is_empty());
            for p in &text.paragraphs {
                assert!(p.page >= 1 && p.line >= 1, "{p:?}");
            }
        }
        Err(message) => assert!(!message.id.is_empty() && !message.english.is_empty()),
    }
    let loaded = issue_from_pdf(data, &ParseOptions::default());
    for d in &loaded.diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "{d:?}");
    }
});
