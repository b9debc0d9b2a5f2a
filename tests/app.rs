//! The whole reader through `mount`, as the loader mounts it, in headless Chromium:
//! what it says when its data cannot be had. The test runner's own server answers 404 for
//! anything but its own files, which makes a missing archive.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{click, text, wait_until, Host};
use lianluo_reader::{mount, MountOptions};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlFormElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// An archive address on the test page's own server where nothing is.
const MISSING: &str = "/no-such/index.json";

/// Mounts a reader without URL sync on `src` into a fresh host element.
fn reader(src: &str) -> Host {
    let host = Host::attach();
    mount(host.container.clone(), src, MountOptions::default());
    host
}

/// The message of the reader's error notice, once it shows one.
async fn alert_text(host: &Host) -> String {
    wait_until("the reader shows an error", || {
        host.find("[role=alert] p").is_some()
    })
    .await;
    text(&host.one("[role=alert] p"))
}

/// How many times the browser fetched `url`, from its resource timing entries.
fn fetches_of(url: &str) -> u32 {
    gloo::utils::window()
        .performance()
        .expect("the page has performance timing")
        .get_entries_by_name(url)
        .length()
}

fn page_origin() -> String {
    gloo::utils::window()
        .location()
        .origin()
        .expect("the page has an origin")
}

#[wasm_bindgen_test]
async fn a_missing_archive_is_named_with_a_retry_button() {
    let host = reader(MISSING);
    let message = alert_text(&host).await;
    assert_eq!(
        message,
        format!("找不到数据文件 {}{MISSING}（HTTP 404）。", page_origin())
    );
    assert_eq!(text(&host.one("[role=alert] button")), "重试");
    let root = host.one(".reader");
    assert_eq!(root.get_attribute("lang").as_deref(), Some("zh-CN"));
    assert_eq!(host.texts(".toolbar-links a"), ["最新一期", "往期目录"]);
    assert!(host.all(".region-panel button").is_empty());
}

#[wasm_bindgen_test]
async fn retrying_fetches_the_archive_again() {
    let url = format!("{}/no-such/retried/index.json", page_origin());
    let host = reader(&url);
    alert_text(&host).await;
    wait_until("the first fetch is on record", || fetches_of(&url) == 1).await;
    click(&host.button("重试")).await;
    wait_until("a second fetch is on record", || fetches_of(&url) == 2).await;
    let message = alert_text(&host).await;
    assert_eq!(message, format!("找不到数据文件 {url}（HTTP 404）。"));
}

#[wasm_bindgen_test]
async fn an_empty_source_says_the_page_names_no_data() {
    let host = reader("  ");
    assert_eq!(
        alert_text(&host).await,
        "页面没有指定数据地址：阅读器所在元素的 data-lianluo-src 属性为空（data-lianluo-src）。"
    );
}

#[wasm_bindgen_test]
async fn another_site_or_a_script_address_is_refused_without_fetching() {
    for src in [
        "https://example.com/lianluo/index.json",
        "javascript:alert(1)",
    ] {
        let host = reader(src);
        let message = alert_text(&host).await;
        assert!(
            message.starts_with(&format!("数据地址 {src} 不在本站，阅读器没有加载它。")),
            "{message}"
        );
        assert_eq!(fetches_of(src), 0, "{src}");
    }
}

/// Whether `element`'s class attribute lists `class`.
fn has_class(element: &web_sys::HtmlElement, class: &str) -> bool {
    let classes = element.get_attribute("class").unwrap_or_default();
    classes.split_whitespace().any(|listed| listed == class)
}

/// Where the reader remembers 长辈模式 (`storage.rs`); the loader reads it too.
const ELDER_MODE_KEY: &str = "lianluo:elder-mode";

/// A reader without URL sync on `src`, with 长辈模式 as a host attribute would set it.
fn reader_with_elder_mode(src: &str, elder_mode: Option<bool>) -> Host {
    let host = Host::attach();
    let options = MountOptions {
        elder_mode,
        ..MountOptions::default()
    };
    mount(host.container.clone(), src, options);
    host
}

#[wasm_bindgen_test]
async fn elder_mode_is_remembered_and_the_hosts_attribute_wins() {
    let storage = gloo::utils::window()
        .local_storage()
        .expect("storage is allowed")
        .expect("the page has storage");
    storage
        .remove_item(ELDER_MODE_KEY)
        .expect("storage is writable");
    let first = reader_with_elder_mode(MISSING, None);
    alert_text(&first).await;
    let switch = first.button("长辈模式");
    assert!(!has_class(&first.one(".reader"), "elder"));
    assert_eq!(
        switch.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    click(&switch).await;
    assert!(has_class(&first.one(".reader"), "elder"));
    assert_eq!(
        switch.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    let stored = storage
        .get_item(ELDER_MODE_KEY)
        .expect("storage is readable");
    assert_eq!(stored.as_deref(), Some("on"));

    // The next reader opens in it, unless its host says otherwise.
    let remembered = reader_with_elder_mode(MISSING, None);
    alert_text(&remembered).await;
    assert!(has_class(&remembered.one(".reader"), "elder"));
    let host_says_off = reader_with_elder_mode(MISSING, Some(false));
    alert_text(&host_says_off).await;
    assert!(!has_class(&host_says_off.one(".reader"), "elder"));
    // Opening as the host says is not the reader's choice: nothing new is remembered.
    let stored = storage
        .get_item(ELDER_MODE_KEY)
        .expect("storage is readable");
    assert_eq!(stored.as_deref(), Some("on"));
    storage
        .remove_item(ELDER_MODE_KEY)
        .expect("storage is writable");
    let host_says_on = reader_with_elder_mode(MISSING, Some(true));
    alert_text(&host_says_on).await;
    assert!(has_class(&host_says_on.one(".reader"), "elder"));
    assert_eq!(storage.get_item(ELDER_MODE_KEY).expect("readable"), None);
}

/// Where the reader remembers the text size (`storage.rs`).
const TEXT_SIZE_KEY: &str = "lianluo:text-size";

#[wasm_bindgen_test]
async fn a_chosen_text_size_applies_and_is_remembered_for_the_next_reader() {
    let storage = gloo::utils::window()
        .local_storage()
        .expect("storage is allowed")
        .expect("the page has storage");
    storage
        .remove_item(TEXT_SIZE_KEY)
        .expect("storage is writable");
    let first = reader(MISSING);
    alert_text(&first).await;
    let root = first.one(".reader");
    assert!(has_class(&root, "size-standard"));
    click(&first.button("特大")).await;
    assert!(has_class(&root, "size-largest"));
    assert!(!has_class(&root, "size-standard"));
    assert_eq!(
        first
            .button("特大")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        storage
            .get_item(TEXT_SIZE_KEY)
            .expect("storage is readable")
            .as_deref(),
        Some("size-largest")
    );

    let second = reader(MISSING);
    alert_text(&second).await;
    assert!(has_class(&second.one(".reader"), "size-largest"));
    storage
        .remove_item(TEXT_SIZE_KEY)
        .expect("storage is writable");
}

#[wasm_bindgen_test]
async fn two_queries_asked_for_before_a_render_make_one_history_entry() {
    let window = gloo::utils::window();
    window.location().set_hash("").unwrap();
    let host = Host::attach();
    let options = MountOptions {
        routing: true,
        ..MountOptions::default()
    };
    mount(host.container.clone(), MISSING, options);
    wait_until("the search box shows", || {
        host.find("input[type=search]").is_some()
    })
    .await;
    let input: HtmlInputElement = host.one("input[type=search]").unchecked_into();
    let form: HtmlFormElement = host.one("form[role=search]").unchecked_into();
    let history = window.history().unwrap();
    let entries = history.length().unwrap();
    // Enter, then Enter again on more text, in one task: no render runs in between, as none
    // may on a busy phone between a pause in typing and the next key.
    for query in ["换届选", "换届选举"] {
        input.set_value(query);
        form.request_submit().unwrap();
    }
    // The second query is written over the first's new entry after the paint.
    let address = || js_sys::decode_uri_component(&window.location().hash().unwrap()).unwrap();
    wait_until("the second query's address", || {
        address() == "#/search?q=换届选举"
    })
    .await;
    assert_eq!(history.length().unwrap(), entries + 1);
    assert_eq!(address(), "#/search?q=换届选举");
    window.location().set_hash("").unwrap();
}
