//! How many components render for what a reader does, in headless Chromium: a key typed on
//! into a search, a file arriving, a move to another view. The reader is mounted as the
//! loader mounts it, over a `fetch` that serves a built archive from memory and can hold a
//! file back; `render_count` counts renders in this debug build. Each figure is printed (the
//! bench reads them) and the keystroke is held to its bar: the search view and the results
//! that changed, nothing else.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{settle, text, wait_until, Host};
use lianluo_core::archive::{build_archive_index, issue_path};
use lianluo_core::search::{build_index, MANIFEST_PATH};
use lianluo_core::test_support::{article, bare_issue, paragraph, region};
use lianluo_core::Issue;
use lianluo_reader::render_count::{self, TEASERS_WORKED_OUT};
use lianluo_reader::{mount, MountOptions};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Event, EventInit, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Where the served archive's `index.json` is, on the test page's own origin.
const INDEX: &str = "/served/index.json";

/// Issues in the served archive: enough that a query has more results than one screen.
const ISSUES: usize = 30;

/// `fetch` over a map of paths to bodies (`globalThis.servedFiles`), answering 404 for other
/// paths. A path in `servedFiles.held` is answered only when the test calls its resolver in
/// `servedFiles.waiting`.
const FAKE_FETCH: &str = r#"
const files = globalThis.servedFiles;
const path = new URL(url, location.href).pathname;
const body = files.get(path);
const respond = () => body === undefined
  ? new Response("", { status: 404 })
  : new Response(body, { status: 200 });
if (files.held.has(path)) {
  return new Promise(resolve => files.waiting.set(path, () => resolve(respond())));
}
return Promise.resolve(respond());
"#;

/// The archive: issues of three articles from two regions, every one holding 代表工作室 and
/// most 代表工作, so that typing on from 代表工作 to 代表工作室 changes the results.
fn issues() -> Vec<Issue> {
    (1..=ISSUES)
        .map(|n| {
            let id = format!("2020-{n}");
            let date = format!("2020-{:02}-{:02}", 1 + (n - 1) / 28, 1 + (n - 1) % 28);
            let articles = (1..=3)
                .map(|a| {
                    let (printed, prefecture) = if a == 1 {
                        ("浏阳市", "长沙市")
                    } else {
                        ("衡阳市", "衡阳市")
                    };
                    let body = if a == 3 {
                        "代表工作站接待选民。"
                    } else {
                        "代表工作室接待选民，代表工作室每月开放。"
                    };
                    article(
                        &format!("{id}-{a}"),
                        &format!("第{n}期第{a}篇"),
                        region(printed, prefecture, None),
                        vec![paragraph(body)],
                    )
                })
                .collect();
            bare_issue(&id, &date, articles)
        })
        .collect()
}

/// Serves the archive (its index, issue files and search index) under `/served/`.
fn serve_archive() -> js_sys::Map {
    let issues = issues();
    let mut archive = build_archive_index(&issues);
    archive.search = Some(MANIFEST_PATH.to_owned());
    let files = js_sys::Map::new();
    let put = |path: &str, body: JsValue| {
        files.set(&JsValue::from_str(&format!("/served/{path}")), &body);
    };
    put(
        "index.json",
        serde_json::to_string(&archive).unwrap().into(),
    );
    for issue in &issues {
        put(
            &issue_path(&issue.id),
            serde_json::to_string(issue).unwrap().into(),
        );
    }
    for file in build_index(&archive, &issues) {
        put(&file.path, js_sys::Uint8Array::from(&file.bytes[..]).into());
    }
    let set = |name: &str, value: &JsValue| {
        js_sys::Reflect::set(&files, &name.into(), value).unwrap();
    };
    set("held", &js_sys::Set::new(&JsValue::UNDEFINED));
    set("waiting", &js_sys::Map::new());
    let global = js_sys::global();
    js_sys::Reflect::set(&global, &"servedFiles".into(), &files).unwrap();
    let fetch = js_sys::Function::new_with_args("url", FAKE_FETCH);
    js_sys::Reflect::set(&global, &"fetch".into(), &fetch).unwrap();
    files
}

/// Holds back the served file at `path` (under `/served/`) until [`release`].
fn hold(files: &js_sys::Map, path: &str) {
    let held: js_sys::Set = js_sys::Reflect::get(files, &"held".into())
        .unwrap()
        .unchecked_into();
    held.add(&JsValue::from_str(&format!("/served/{path}")));
}

/// Answers the held request for `path`, once it has been made.
async fn release(files: &js_sys::Map, path: &str) {
    let waiting: js_sys::Map = js_sys::Reflect::get(files, &"waiting".into())
        .unwrap()
        .unchecked_into();
    let key = JsValue::from_str(&format!("/served/{path}"));
    wait_until("the held file is asked for", || waiting.has(&key)).await;
    let answer: js_sys::Function = waiting.get(&key).unchecked_into();
    answer.call0(&JsValue::NULL).unwrap();
}

/// Types `value` into the search box as a reader would: set the value, fire `input`.
fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

/// The renders since the last take, printed for the bench under `what`: the components'
/// total, then each count (the teasers worked out among them, not in the total).
fn renders(what: &str) -> Vec<(&'static str, u32)> {
    let counts = render_count::take();
    let total: u32 = counts
        .iter()
        .filter(|(name, _)| *name != TEASERS_WORKED_OUT)
        .map(|(_, n)| n)
        .sum();
    let listed: Vec<String> = counts
        .iter()
        .map(|(name, n)| format!("{name} {n}"))
        .collect();
    wasm_bindgen_test::console_log!("renders, {what}: {total} ({})", listed.join(", "));
    counts
}

fn count_of(counts: &[(&str, u32)], name: &str) -> u32 {
    counts
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(0, |(_, n)| *n)
}

#[wasm_bindgen_test]
async fn a_keystroke_renders_the_search_view_and_the_results_that_changed() {
    let files = serve_archive();
    let host = Host::attach();
    mount(host.container.clone(), INDEX, MountOptions::default());
    wait_until("the newest issue shows", || {
        host.find(".masthead").is_some() && host.texts(".article h3").len() == 3
    })
    .await;
    settle().await;
    render_count::take();

    // A move to another view: the issue list.
    host.one(".toolbar-links a:nth-child(2)").click();
    wait_until("the issue list shows", || {
        host.find(".issue-list").is_some()
    })
    .await;
    settle().await;
    let navigation = renders("a navigation to the issue list");
    assert_eq!(count_of(&navigation, "IssueList"), 1);
    for unchanged in ["RegionPanel", "RegionPicker"] {
        assert_eq!(
            count_of(&navigation, unchanged),
            0,
            "{unchanged}: {navigation:?}"
        );
    }

    // A file arriving: the oldest issue, opened while its file is held back.
    hold(&files, &issue_path("2020-1"));
    host.all(".issue-list a")
        .into_iter()
        .find(|link| text(link).contains("第1期"))
        .expect("the oldest issue is listed")
        .click();
    settle().await;
    render_count::take();
    release(&files, &issue_path("2020-1")).await;
    wait_until("the oldest issue's text shows", || {
        host.texts(".article h3").len() == 3
    })
    .await;
    settle().await;
    let arrival = renders("the shown issue's file arriving");
    assert_eq!(count_of(&arrival, "IssueText"), 1);
    for unchanged in [
        "Toolbar",
        "SearchBox",
        "RegionPanel",
        "RegionPicker",
        TEASERS_WORKED_OUT,
    ] {
        assert_eq!(count_of(&arrival, unchanged), 0, "{unchanged}: {arrival:?}");
    }

    // A search, then one more key typed.
    let input: HtmlInputElement = host.one("input[type=search]").unchecked_into();
    type_into(&input, "代表工作");
    wait_until("the first query's results show", || {
        host.find(".search-view .summary")
            .is_some_and(|summary| text(&summary).contains("90"))
    })
    .await;
    settle().await;
    render_count::take();
    type_into(&input, "代表工作室");
    wait_until("the second query's results show", || {
        host.find(".search-view .summary")
            .is_some_and(|summary| text(&summary).contains("60"))
    })
    .await;
    settle().await;
    let keystroke = renders("a search keystroke");
    // The box and its bar show the new query, the view its results, the region chips their
    // new counts; no other part of the page renders, and a result's link is part of its card.
    // Snippets and marks are worked out again only when the results or their files changed,
    // not on every render of the reader.
    let app = count_of(&keystroke, "App");
    let teasers = count_of(&keystroke, TEASERS_WORKED_OUT);
    assert!(
        (1..app).contains(&teasers),
        "teasers worked out {teasers} times in {app} renders: {keystroke:?}"
    );
    let at_most = [
        ("App", u32::MAX),
        (TEASERS_WORKED_OUT, u32::MAX),
        ("Toolbar", 1),
        ("SearchBox", 1),
        ("SearchView", 2),
        ("SortControl", 1),
        ("RegionPicker", 1),
    ];
    for (name, count) in &keystroke {
        let bar = at_most.iter().find(|(allowed, _)| allowed == name);
        assert!(
            bar.is_some_and(|(_, most)| count <= most),
            "a keystroke rendered {name} {count} times: {keystroke:?}"
        );
    }
    let global: js_sys::Object = js_sys::global();
    js_sys::Reflect::delete_property(&global, &"fetch".into()).unwrap();
}
