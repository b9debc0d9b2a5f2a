//! The published JSON Schemas (`schema/`) accept what the tools write — the golden issue and
//! a built archive index — and reject values that break them.

use std::process::Command;

use serde_json::{json, Value};

fn schema(name: &str) -> jsonschema::Validator {
    let path = format!("{}/../../schema/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let value: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::draft202012::new(&value).unwrap_or_else(|e| panic!("{name} is a valid schema: {e}"))
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

fn golden() -> Value {
    serde_json::from_str(include_str!("../../core/tests/golden/lianluo-2017-15.json"))
        .expect("golden")
}

#[test]
fn the_golden_issue_matches_the_issue_schema() {
    assert_eq!(
        errors(&schema("issue.schema.json"), &golden()),
        Vec::<String>::new()
    );
}

#[test]
fn the_issue_schema_rejects_broken_issues() {
    let validator = schema("issue.schema.json");
    let mut issue = golden();
    issue["date"] = json!("2017-8-30");
    issue["articles"][0]["blocks"][0]["kind"] = json!("table");
    issue["number"] = json!(0);
    issue["extra"] = json!(true);
    let found = errors(&validator, &issue);
    assert_eq!(found.len(), 4, "{found:?}");
}

#[test]
fn a_built_index_matches_the_archive_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    std::fs::create_dir(&src).expect("mkdir");
    std::fs::write(
        src.join("2017-15.txt"),
        include_str!("../../core/tests/fixtures/lianluo-2017-15.txt"),
    )
    .expect("writes");
    let site = dir.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_lianluo"))
        .args([
            "build",
            src.to_str().expect("utf-8"),
            "--out",
            site.to_str().expect("utf-8"),
        ])
        .status()
        .expect("runs");
    assert!(status.success());
    let index: Value =
        serde_json::from_slice(&std::fs::read(site.join("index.json")).expect("index"))
            .expect("JSON");
    let validator = schema("archive.schema.json");
    assert_eq!(errors(&validator, &index), Vec::<String>::new());
    let issue: Value =
        serde_json::from_slice(&std::fs::read(site.join("issues/2017-15.json")).expect("issue"))
            .expect("JSON");
    assert_eq!(
        errors(&schema("issue.schema.json"), &issue),
        Vec::<String>::new()
    );

    let archive: lianluo_core::ArchiveIndex = serde_json::from_value(index.clone()).expect("model");
    let (mut head, volumes) = lianluo_core::volumes::split(&archive, 1);
    head.volumes = Some(vec!["volumes/0123abcd.json".into()]);
    for part in std::iter::once(&head).chain(&volumes) {
        let part = serde_json::to_value(part).expect("JSON");
        assert_eq!(errors(&validator, &part), Vec::<String>::new(), "{part}");
    }

    let mut broken = index;
    broken["regions"][0]["count"] = json!(0);
    broken["issues"][0]["path"] = json!("../etc/passwd");
    assert_eq!(errors(&validator, &broken).len(), 2);
}
