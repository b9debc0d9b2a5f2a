//! The reader's controls in headless Chromium: the region picker and the toolbar's text size
//! and navigation, each reporting what the reader chose.
#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use common::{
    click, mount, page_hash, text, wait_until, Recorder, WithNavigator, WithNavigatorProps,
};
use lianluo_core::test_support::region_counts;
use lianluo_reader::components::link::Navigator;
use lianluo_reader::components::region_picker::{RegionPicker, RegionPickerProps};
use lianluo_reader::components::toolbar::Toolbar;
use lianluo_reader::route::{RegionFilter, Route, SearchRoute, SearchSort};
use lianluo_reader::text_size::TextSize;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn filter(prefecture: &str, county: Option<&str>) -> RegionFilter {
    RegionFilter {
        prefecture: prefecture.to_owned(),
        county: county.map(str::to_owned),
    }
}

fn picker(
    active: Option<RegionFilter>,
    picks: &Recorder<Option<RegionFilter>>,
) -> RegionPickerProps {
    RegionPickerProps {
        regions: Rc::new(region_counts()),
        active,
        on_pick: picks.callback(),
        label: "按地区浏览".into(),
    }
}

/// Each chip's label and `aria-pressed` value.
fn chips(view: &common::Host, selector: &str) -> Vec<(String, String)> {
    view.all(selector)
        .iter()
        .map(|chip| {
            (
                text(chip),
                chip.get_attribute("aria-pressed").unwrap_or_default(),
            )
        })
        .collect()
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[wasm_bindgen_test]
async fn every_prefecture_is_a_button_named_with_its_count() {
    let picks = Recorder::new();
    let view = mount::<RegionPicker>(picker(None, &picks)).await;
    assert_eq!(
        view.one(".region-picker")
            .get_attribute("aria-label")
            .as_deref(),
        Some("按地区浏览")
    );
    assert_eq!(
        chips(&view, "button"),
        owned(&[
            ("衡阳市 (12)", "false"),
            ("长沙市 (7)", "false"),
            ("湘西土家族苗族自治州 (2)", "false"),
        ])
    );
    assert!(view.find(".counties").is_none(), "{}", view.html());
}

#[wasm_bindgen_test]
async fn clicking_a_prefecture_asks_for_it() {
    let picks = Recorder::new();
    let view = mount::<RegionPicker>(picker(None, &picks)).await;
    click(&view.button("长沙市 (7)")).await;
    assert_eq!(picks.calls(), [Some(filter("长沙市", None))]);
}

#[wasm_bindgen_test]
async fn the_active_prefecture_is_pressed_and_opens_to_its_counties() {
    let picks = Recorder::new();
    let view = mount::<RegionPicker>(picker(Some(filter("衡阳市", None)), &picks)).await;
    assert_eq!(
        chips(&view, ".chips:not(.counties) > button"),
        owned(&[
            ("衡阳市 (12)", "true"),
            ("长沙市 (7)", "false"),
            ("湘西土家族苗族自治州 (2)", "false"),
            ("全部地区", "false"),
        ])
    );
    let counties = view.one(".counties");
    assert_eq!(
        counties.get_attribute("aria-label").as_deref(),
        Some("衡阳市下辖区县")
    );
    assert_eq!(
        chips(&view, ".counties button"),
        owned(&[("衡阳县 (5)", "false"), ("耒阳市 (3)", "false")])
    );
    click(&view.button("耒阳市 (3)")).await;
    click(&view.button("全部地区")).await;
    assert_eq!(
        picks.calls(),
        [Some(filter("衡阳市", Some("耒阳市"))), None]
    );
}

#[wasm_bindgen_test]
async fn an_active_county_is_pressed_and_its_prefecture_is_not() {
    let picks = Recorder::new();
    let active = filter("长沙市", Some("浏阳市"));
    let view = mount::<RegionPicker>(picker(Some(active), &picks)).await;
    assert_eq!(
        view.button("长沙市 (7)")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("false")
    );
    assert_eq!(
        chips(&view, ".counties button"),
        owned(&[("浏阳市 (4)", "true")])
    );
}

#[wasm_bindgen_test]
async fn a_prefecture_without_counties_opens_no_county_group() {
    let picks = Recorder::new();
    let active = filter("湘西土家族苗族自治州", None);
    let view = mount::<RegionPicker>(picker(Some(active), &picks)).await;
    assert_eq!(
        view.button("湘西土家族苗族自治州 (2)")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert!(view.find(".counties").is_none(), "{}", view.html());
}

/// Renders the toolbar on `route` with `size` chosen.
fn toolbar(
    route: Route,
    size: TextSize,
    sizes: &Recorder<TextSize>,
    routes: &Recorder<Route>,
) -> WithNavigatorProps {
    WithNavigatorProps {
        show: routes.callback(),
        children: html! {
            <Toolbar {route} text_size={size} on_text_size={sizes.callback()}>
                <p class="slot">{ "搜索框" }</p>
            </Toolbar>
        },
    }
}

#[wasm_bindgen_test]
async fn text_size_buttons_report_the_size_and_show_the_current_one() {
    let (sizes, routes) = (Recorder::new(), Recorder::new());
    let mut view =
        mount::<WithNavigator>(toolbar(Route::Latest, TextSize::Standard, &sizes, &routes)).await;
    let group = ".text-size[role=group] button";
    assert_eq!(
        chips(&view, group),
        owned(&[("标准", "true"), ("大", "false"), ("特大", "false")])
    );
    click(&view.button("特大")).await;
    click(&view.button("大")).await;
    assert_eq!(sizes.calls(), [TextSize::Largest, TextSize::Large]);

    view.update(toolbar(Route::Latest, TextSize::Large, &sizes, &routes))
        .await;
    assert_eq!(
        chips(&view, group),
        owned(&[("标准", "false"), ("大", "true"), ("特大", "false")])
    );
    assert!(routes.calls().is_empty());
}

#[wasm_bindgen_test]
async fn toolbar_links_mark_the_current_view_and_hold_the_search_box() {
    let (sizes, routes) = (Recorder::new(), Recorder::new());
    let view =
        mount::<WithNavigator>(toolbar(Route::Issues, TextSize::Standard, &sizes, &routes)).await;
    let links = view.all(".toolbar-links a");
    let current: Vec<(String, String)> = links
        .iter()
        .map(|link| {
            let current = link.get_attribute("aria-current").unwrap_or_default();
            (text(link), current)
        })
        .collect();
    assert_eq!(current, owned(&[("最新一期", ""), ("往期目录", "page")]));
    assert_eq!(text(&view.one(".toolbar .slot")), "搜索框");
    click(&links[0]).await;
    assert_eq!(routes.calls(), [Route::Latest]);
    assert!(sizes.calls().is_empty());
}

#[wasm_bindgen_test]
fn going_to_a_view_shows_it_at_once_and_gives_it_its_address() {
    let shown = Recorder::new();
    let navigator = Navigator::new(true, Route::Latest, shown.callback());
    let route = Route::article("2017-15-2");
    navigator.go(route.clone());
    // Before any task runs (the `hashchange` event is one): a search typed on at once is
    // then asked for from the view it started, in place.
    assert_eq!(shown.calls(), std::slice::from_ref(&route));
    let hash = web_sys::window().unwrap().location().hash().unwrap();
    assert_eq!(hash, route.to_hash());
    web_sys::window().unwrap().location().set_hash("").unwrap();
}

/// The page's history length: a new entry adds one, a replaced entry none.
fn history_length() -> u32 {
    gloo::utils::window()
        .history()
        .and_then(|history| history.length())
        .expect("the page has a history")
}

fn search(query: &str) -> Route {
    Route::Search(SearchRoute {
        query: query.into(),
        ..SearchRoute::default()
    })
}

#[wasm_bindgen_test]
async fn a_query_typed_on_before_any_render_changes_the_search_it_started() {
    let shown = Recorder::new();
    let issue = Route::Issue("2017-15".into());
    let navigator = Navigator::new(true, issue.clone(), shown.callback());
    let entries = history_length();
    // Both in one task, as a busy browser may run a second pause in typing before the
    // reader renders the first query's view: the first starts a search, the second changes it.
    navigator.search("换届选".into());
    navigator.search("换届选举".into());
    // The search changed in place is written over its entry after the paint.
    wait_until("the second query's address", || {
        page_hash() == search("换届选举").to_hash()
    })
    .await;
    assert_eq!(history_length(), entries + 1);
    assert_eq!(common::page_hash(), search("换届选举").to_hash());
    assert_eq!(shown.calls(), [search("换届选"), search("换届选举")]);

    navigator.search("  ".into());
    assert_eq!(shown.calls().last(), Some(&issue));
    assert_eq!(common::page_hash(), issue.to_hash());
    navigator.search(String::new());
    assert_eq!(
        shown.calls().len(),
        3,
        "an empty box asks for nothing outside a search"
    );
    gloo::utils::window().location().set_hash("").unwrap();
}

#[wasm_bindgen_test]
fn a_change_to_the_search_keeps_the_query_typed_since_the_last_render() {
    let shown = Recorder::new();
    let navigator = Navigator::new(false, Route::Latest, shown.callback());
    navigator.search("代表".into());
    navigator.search("代表工作室".into());
    // A sort chosen with a callback made before either was shown.
    navigator.change_search(|search| SearchRoute {
        sort: SearchSort::Newest,
        ..search
    });
    let Some(Route::Search(last)) = shown.calls().last().cloned() else {
        panic!("a search is shown");
    };
    assert_eq!(last.query, "代表工作室");
    assert_eq!(last.sort, SearchSort::Newest);
}

#[wasm_bindgen_test]
fn a_change_to_a_search_the_reader_has_left_asks_for_nothing() {
    let shown = Recorder::new();
    let navigator = Navigator::new(false, Route::Latest, shown.callback());
    navigator.search("代表".into());
    navigator.go(Route::Issues);
    navigator.change_search(|search| SearchRoute {
        sort: SearchSort::Newest,
        ..search
    });
    assert_eq!(shown.calls().last(), Some(&Route::Issues));
    assert_eq!(shown.calls().len(), 2);
}

#[wasm_bindgen_test]
async fn a_search_changed_in_place_is_written_after_the_paint_over_its_own_entry() {
    let shown = Recorder::new();
    let navigator = Navigator::new(true, Route::Issues, shown.callback());
    let entries = history_length();
    navigator.search("代表".into());
    navigator.search("代表工作室".into());
    assert_eq!(shown.calls(), [search("代表"), search("代表工作室")]);
    assert_eq!(
        page_hash(),
        search("代表").to_hash(),
        "written before the paint"
    );
    // The first query's entry arriving as `hashchange` now is the reader's own, and old news.
    navigator.address_changed(&search("代表").to_hash());
    assert_eq!(
        shown.calls().len(),
        2,
        "the echo of its own entry was followed"
    );
    wait_until("the second query's address", || {
        page_hash() == search("代表工作室").to_hash()
    })
    .await;
    assert_eq!(history_length(), entries + 1);
    gloo::utils::window().location().set_hash("").unwrap();
}

#[wasm_bindgen_test]
async fn a_rewrite_waiting_goes_to_the_search_left_not_to_the_next_entry() {
    let shown = Recorder::new();
    let navigator = Navigator::new(true, Route::Issues, shown.callback());
    navigator.search("代表".into());
    navigator.search("代表工作室".into());
    // A result followed before the paint: the search's entry keeps what was typed.
    let article = Route::article("2017-15-2");
    navigator.go(article.clone());
    assert_eq!(page_hash(), article.to_hash());
    gloo::utils::window().history().unwrap().back().unwrap();
    wait_until("back at the search", || {
        page_hash() == search("代表工作室").to_hash()
    })
    .await;
    navigator.address_changed(&page_hash());
    assert_eq!(shown.calls().last(), Some(&search("代表工作室")));

    // The page moving elsewhere (back, an edited address) drops a rewrite still waiting.
    navigator.search("代表大会".into());
    let elsewhere = Route::Issue("2017-14".into());
    navigator.address_changed(&elsewhere.to_hash());
    assert_eq!(shown.calls().last(), Some(&elsewhere));
    let written = page_hash();
    yew::platform::time::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(page_hash(), written, "a dropped rewrite was written");
    gloo::utils::window().location().set_hash("").unwrap();
}
