//! The catalogue is whole: both languages parse, hold the same messages with the same
//! placeholders, every message id the code uses is in them, and the English catalogue says
//! exactly what the core's English wording says.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use lianluo_core::parse::{parse_issue, ParseOptions};

use crate::i18n::{Catalogue, Lang, EN_FTL, ZH_FTL};

/// The variables `pattern` uses, selectors and variants included.
fn variables(pattern: &Pattern<&str>, found: &mut BTreeSet<String>) {
    fn inline(e: &InlineExpression<&str>, found: &mut BTreeSet<String>) {
        match e {
            InlineExpression::VariableReference { id } => {
                found.insert(id.name.to_string());
            }
            InlineExpression::Placeable { expression } => expression_vars(expression, found),
            _ => {}
        }
    }
    fn expression_vars(e: &Expression<&str>, found: &mut BTreeSet<String>) {
        match e {
            Expression::Inline(i) => inline(i, found),
            Expression::Select { selector, variants } => {
                inline(selector, found);
                for v in variants {
                    variables(&v.value, found);
                }
            }
        }
    }
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, found);
        }
    }
}

/// Each message's id and its placeholders; panics on any syntax error.
fn messages(source: &'static str, name: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("{name} has syntax errors: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        match entry {
            Entry::Message(m) => {
                let mut found = BTreeSet::new();
                let value = m.value.as_ref().expect("every message has a value");
                variables(value, &mut found);
                let previous = out.insert(m.id.name.to_string(), found);
                assert!(previous.is_none(), "{name}: {} twice", m.id.name);
            }
            Entry::Junk { content } => panic!("{name}: unreadable entry {content:?}"),
            _ => {}
        }
    }
    out
}

#[test]
fn both_languages_have_every_message_with_the_same_placeholders() {
    let zh = messages(ZH_FTL, "zh.ftl");
    let en = messages(EN_FTL, "en.ftl");
    let zh_ids: Vec<_> = zh.keys().collect();
    let en_ids: Vec<_> = en.keys().collect();
    assert_eq!(zh_ids, en_ids, "the same message ids in both languages");
    for (id, placeholders) in &zh {
        assert_eq!(Some(placeholders), en.get(id), "placeholders of {id}");
    }
    assert!(zh.len() >= 100, "{} messages", zh.len());
}

#[test]
fn chinese_messages_use_full_width_punctuation() {
    for (id, _) in messages(ZH_FTL, "zh.ftl") {
        let text = Catalogue::new(Lang::Zh).message(&id, &[]);
        // Half-width , ; ( ) are quoted from the text only where an editor types them.
        let quoted = ["help-no-cjk-punctuation", "usage-bad-value"];
        for mark in [',', ';', '(', ')'] {
            let plain = text.replace("(…委员会编)", "");
            assert!(
                quoted.contains(&id.as_str()) || !plain.contains(mark),
                "{id}: {text}"
            );
        }
    }
}

/// The Rust files of a source folder, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals right after each `opening` in `source` (whitespace allowed between),
/// where `opening` is not the end of a longer name (`t(` but not `expect(`).
fn literals_after(source: &str, opening: &str) -> Vec<String> {
    source
        .match_indices(opening)
        .filter(|(at, _)| {
            let before = source[..*at].chars().next_back();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
        .filter_map(|(at, _)| {
            let rest = source[at + opening.len()..].trim_start();
            let rest = rest.strip_prefix('"')?;
            Some(rest[..rest.find('"')?].to_string())
        })
        .collect()
}

#[test]
fn every_message_id_in_the_code_is_in_the_catalogue() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&manifest.join("src"), &mut files);
    rust_files(&manifest.join("../core/src"), &mut files);
    let known = messages(EN_FTL, "en.ftl");
    let mut used = BTreeSet::new();
    for file in files {
        let source = std::fs::read_to_string(&file).expect("reads");
        for opening in ["Message::new(", "t(", "(\"help-", ".message("] {
            for id in literals_after(&source, opening) {
                let id = if opening == "(\"help-" {
                    format!("help-{id}")
                } else {
                    id
                };
                if id.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !id.is_empty() {
                    used.insert(id);
                }
            }
        }
        // Ids chosen among several, written as bare literals in tuples.
        for line in source.lines() {
            let trimmed = line.trim().trim_end_matches(',');
            if let Some(id) = trimmed.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
                if id.starts_with("back-matter-no-")
                    || id.starts_with("masthead-second-")
                    || id.starts_with("heading-")
                    || id.starts_with("json-syntax-")
                {
                    used.insert(id.to_string());
                }
            }
        }
    }
    for sub in ["convert", "validate", "build", "serve"] {
        used.insert(format!("help-{sub}"));
    }
    assert!(used.len() >= 60, "found {} ids: {used:?}", used.len());
    let missing: Vec<_> = used.iter().filter(|id| !known.contains_key(*id)).collect();
    assert!(missing.is_empty(), "not in the catalogue: {missing:?}");
}

#[test]
fn english_catalogue_says_what_the_core_says() {
    let sample = include_str!("../../core/tests/fixtures/lianluo-2017-15.txt");
    let damaged = [
        sample.replace("2017 年 8 月 30 日", "2017 年 2 月 30 日"),
        sample
            .replace("第 15 期", "")
            .replace("2017 年 8 月 30 日", ""),
        sample
            .replace("联络动态", "")
            .replace("(总第", "")
            .replace("编\n", "\n")
            .replace("【编者按】", ""),
        sample
            .replace("衡阳市:", "某某县:")
            .replace("湘潭市:", "会议纪要:")
            .replace("送：", "抄：")
            .replace("0731", "电话"),
        sample.replace("第 15 期", "第 15 期\n\n第 16 期\n\n奇怪的一行字"),
        sample[..sample.find("送：").expect("back matter")].to_string(),
        String::new(),
        "\u{1}\u{2}\u{3}".repeat(10),
    ];
    let en = Catalogue::new(Lang::En);
    let mut ids = BTreeSet::new();
    for text in &damaged {
        for d in parse_issue(text, &ParseOptions::default()).diagnostics {
            // try_message, not diagnostic: that falls back to the English wording itself.
            let rendered = en.try_message(d.id, &d.args);
            assert_eq!(rendered.as_deref(), Some(d.message.as_str()), "{}", d.id);
            ids.insert(d.id);
        }
    }
    assert!(ids.len() >= 15, "{ids:?}");
}
