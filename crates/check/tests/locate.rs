//! Naming the field a data file gets wrong, in the browser: the fixture issue, written as JSON
//! and parsed by the browser like a fetched file, spoiled in one place at a time.
#![cfg(target_arch = "wasm32")]

use lianluo_check::{diagnose, locate, shape_problem, Problem};
use lianluo_core::test_support::sample_issue as issue;
use lianluo_core::Issue;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The fixture issue as the browser's JSON parser gives it, after `spoil` changed its JSON.
fn spoiled(spoil: impl FnOnce(&mut serde_json::Value)) -> JsValue {
    let mut json = serde_json::to_value(issue()).expect("the fixture serialises");
    spoil(&mut json);
    js_sys::JSON::parse(&json.to_string()).expect("the browser parses it")
}

fn convert(value: &JsValue) -> Option<String> {
    lianluo_check::convert::<Issue>(value).err()
}

/// Where the conversion of `value` fails, and the reader's sentence for it.
fn problem(value: &JsValue) -> (Option<String>, String) {
    let message = convert(value).expect("the spoiled issue fails to convert");
    let path = locate(value, &convert);
    let sentence = shape_problem(&message, path.as_deref());
    (path, sentence)
}

fn shape(detail: &str) -> Problem {
    Problem {
        version: None,
        shape: Some(detail.to_owned()),
    }
}

#[wasm_bindgen_test]
fn the_diagnosis_names_the_field_of_an_issue() {
    let value = spoiled(|json| json["articles"][1]["title"] = 5.into());
    assert_eq!(
        diagnose("issue", &value),
        shape("字段 articles[1].title 应为文字，实为数字 5")
    );
}

#[wasm_bindgen_test]
fn an_unknown_version_is_told_before_the_fields() {
    let value = spoiled(|json| {
        json["format_version"] = 2.into();
        json["articles"] = "none".into();
    });
    let problem = diagnose("issue", &value);
    assert_eq!(problem.version.as_deref(), Some("2"));
    assert_eq!(problem.shape, None);
}

#[wasm_bindgen_test]
fn a_file_that_is_not_an_object_or_lacks_its_version_is_said_so() {
    let array = js_sys::JSON::parse("[1, 2]").expect("JSON");
    assert_eq!(diagnose("index", &array), shape("应为一个 JSON 对象"));
    let value = spoiled(|json| {
        json.as_object_mut()
            .expect("an object")
            .remove("format_version");
    });
    assert_eq!(diagnose("issue", &value), shape("缺少 format_version 字段"));
    let manifest = js_sys::JSON::parse(r#"{"doc_count": 3}"#).expect("JSON");
    assert_eq!(diagnose("manifest", &manifest), shape("缺少 version 字段"));
}

#[wasm_bindgen_test]
fn what_serde_reads_is_still_a_problem_in_words() {
    // A whole number written with a decimal point: serde reads it, miniserde does not.
    let value = spoiled(|json| json["number"] = 15.0.into());
    assert_eq!(diagnose("issue", &value), shape("内容无法读取"));
}

#[wasm_bindgen_test]
fn a_sound_file_has_nothing_to_locate() {
    assert_eq!(locate(&spoiled(|_| {}), &convert), None);
}

#[wasm_bindgen_test]
fn a_number_for_a_title_is_named_with_its_article() {
    let value = spoiled(|json| json["articles"][1]["title"] = 5.into());
    assert_eq!(
        problem(&value),
        (
            Some("articles[1].title".to_owned()),
            "字段 articles[1].title 应为文字，实为数字 5".to_owned()
        )
    );
}

#[wasm_bindgen_test]
fn a_top_level_field_and_an_unknown_block_kind_are_named() {
    let value = spoiled(|json| json["editors"] = "石韧".into());
    assert_eq!(problem(&value).0.as_deref(), Some("editors"));
    let value = spoiled(|json| json["articles"][0]["blocks"][2]["kind"] = "table".into());
    assert_eq!(
        problem(&value).1,
        "字段 articles[0].blocks[2].kind 的取值“table”不是规定的取值之一"
    );
}

#[wasm_bindgen_test]
fn a_missing_field_names_the_object_that_lacks_it() {
    let value = spoiled(|json| {
        json["articles"][1]
            .as_object_mut()
            .expect("an article object")
            .remove("title");
    });
    assert_eq!(problem(&value).1, "articles[1] 缺少字段 title");
}

#[wasm_bindgen_test]
fn of_two_wrong_articles_the_first_is_named() {
    let value = spoiled(|json| {
        json["articles"][0]["region"]["printed"] = false.into();
        json["articles"][1]["region"]["printed"] = false.into();
    });
    assert_eq!(
        problem(&value).0.as_deref(),
        Some("articles[0].region.printed")
    );
}
