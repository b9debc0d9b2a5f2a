//! The reader's WebAssembly reads data files with miniserde, the publishing tool writes them
//! with serde: both must agree on every field, on fields left out and on unknown ones.
#![cfg(feature = "miniserde")]

use lianluo_core::archive::build_archive_index;
use lianluo_core::{ArchiveIndex, Issue};

const GOLDEN: &str = include_str!("golden/lianluo-2017-15.json");

fn golden() -> Issue {
    serde_json::from_str(GOLDEN).expect("golden JSON is an issue")
}

#[test]
fn an_issue_reads_the_same_with_both() {
    let read: Issue = miniserde::json::from_str(GOLDEN).expect("miniserde reads the issue");
    assert_eq!(read, golden());
    assert!(read.articles.iter().flat_map(|a| &a.blocks).count() > 3);
}

#[test]
fn an_archive_index_reads_the_same_with_both() {
    let index = build_archive_index(&[golden()]);
    let json = serde_json::to_string(&index).expect("the index serialises");
    let read: ArchiveIndex = miniserde::json::from_str(&json).expect("miniserde reads it");
    assert_eq!(read, index);
    assert!(!read.regions.is_empty());
}

#[test]
fn absent_optional_fields_are_none_and_unknown_fields_are_ignored() {
    let mut json: serde_json::Value = serde_json::from_str(GOLDEN).expect("JSON");
    let object = json.as_object_mut().expect("an object");
    object.remove("editor_note");
    object.remove("serial");
    object.insert("added_later".into(), serde_json::json!({"any": [1, "x"]}));
    let read: Issue = miniserde::json::from_str(&json.to_string()).expect("miniserde reads it");
    assert_eq!((read.editor_note, read.serial), (None, None));
    assert_eq!(read.articles, golden().articles);
}

#[test]
fn what_serde_refuses_miniserde_refuses() {
    let spoiled = |from: &str, to: &str| {
        assert!(GOLDEN.contains(from), "{from}");
        GOLDEN.replacen(from, to, 1)
    };
    for text in [
        spoiled("\"paragraph\"", "\"table\""),
        spoiled("\"title\":", "\"title\": 5, \"was\":"),
        spoiled("\"format_version\": 1", "\"format_version\": \"1\""),
        GOLDEN.chars().take(GOLDEN.chars().count() / 2).collect(),
    ] {
        assert!(serde_json::from_str::<Issue>(&text).is_err());
        assert!(miniserde::json::from_str::<Issue>(&text).is_err());
    }
}
