//! Searching in headless Chromium: the search box's typing pause and Enter; the results' count,
//! cards with marked titles and snippets, nothing found, a failed index with its retry, the
//! other states, the order and region controls, and the cards on screen.
#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use common::{
    click, mount, settle, text, wait_until, Mounted, Recorder, WithNavigator, WithNavigatorProps,
};
use lianluo_core::archive::issue_summary as summary_of;
use lianluo_core::search::{mark_ranges, parse_query, Snippet};
use lianluo_core::test_support::{region, region_counts, sample_issue as issue};
use lianluo_core::{ArticleSummary, RegionCount};
use lianluo_reader::components::search_box::{SearchBox, SearchBoxProps, TYPING_PAUSE_MS};
use lianluo_reader::components::search_view::{Outcome, SearchView};
use lianluo_reader::components::teaser::{Excerpt, Teaser};
use lianluo_reader::error::{LoadError, LoadErrorKind};
use lianluo_reader::route::{RegionFilter, Route, SearchRoute, SearchSort};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Event, EventInit, HtmlFormElement, HtmlInputElement, InputEvent, InputEventInit};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The query the results view shows in every test of it.
const QUERY: &str = "代表工作室";

/// What the results view reports.
struct Calls {
    routes: Recorder<Route>,
    regions: Recorder<Option<RegionFilter>>,
    sorts: Recorder<SearchSort>,
    more: Recorder<()>,
    clears: Recorder<()>,
    retries: Recorder<()>,
    seen: Recorder<Vec<String>>,
}

impl Calls {
    fn new() -> Self {
        Calls {
            routes: Recorder::new(),
            regions: Recorder::new(),
            sorts: Recorder::new(),
            more: Recorder::new(),
            clears: Recorder::new(),
            retries: Recorder::new(),
            seen: Recorder::new(),
        }
    }

    /// The results view for `search` with `outcome` and region `facets`, reporting here.
    fn view(
        &self,
        search: SearchRoute,
        outcome: Outcome,
        facets: Vec<RegionCount>,
    ) -> WithNavigatorProps {
        let view = html! {
            <SearchView
                {search}
                {outcome}
                facets={Rc::new(facets)}
                on_region={self.regions.callback()}
                on_sort={self.sorts.callback()}
                on_more={self.more.callback()}
                on_clear={self.clears.callback()}
                on_retry={self.retries.callback()}
                on_seen={self.seen.callback()}
            />
        };
        WithNavigatorProps {
            show: self.routes.callback(),
            children: view,
        }
    }
}

/// A search for [`QUERY`] in every region, in `sort` order.
fn search(sort: SearchSort) -> SearchRoute {
    SearchRoute {
        query: QUERY.to_owned(),
        region: None,
        sort,
    }
}

async fn render(outcome: Outcome, sort: SearchSort) -> (Mounted<WithNavigator>, Calls) {
    let calls = Calls::new();
    let view = mount::<WithNavigator>(calls.view(search(sort), outcome, Vec::new())).await;
    (view, calls)
}

/// A result for `article` of the fixture issue, its title marked where the query matches.
fn card(article: ArticleSummary, excerpt: Excerpt) -> Teaser {
    Teaser {
        title_marks: mark_ranges(&article.title, &parse_query(QUERY)),
        highlight: Some(QUERY.to_owned()),
        ..Teaser::new(&summary_of(&issue()), &article, excerpt)
    }
}

/// Two cards of five results: the first with a snippet cut on both sides, the second waiting
/// for its issue file.
fn two_of_five() -> Outcome {
    let articles = summary_of(&issue()).articles;
    let text = "全市乡镇全部建成代表工作室，代表工作室每月开放".to_owned();
    let marks = mark_ranges(&text, &parse_query(QUERY));
    let snippet = Snippet {
        block: 0,
        text,
        marks,
        cut_before: true,
        cut_after: true,
    };
    let mut second = articles[1].clone();
    second.region = region("浏阳市", "长沙市", Some("浏阳市"));
    Outcome::Found {
        cards: Rc::new(vec![
            card(articles[0].clone(), Excerpt::Ready(snippet)),
            card(second, Excerpt::Loading),
        ]),
        total: 5,
    }
}

#[wasm_bindgen_test]
async fn results_say_how_many_and_mark_the_matches() {
    let (view, calls) = render(two_of_five(), SearchSort::Relevance).await;
    assert_eq!(text(&view.one("h2")), format!("搜索：{QUERY}"));
    assert_eq!(text(&view.one(".summary[role=status]")), "共 5 篇");
    assert_eq!(
        view.texts(".card h3"),
        [
            "建好代表工作室 密切代表同群众联系",
            "乡镇人大主席团规范履职"
        ]
    );
    assert_eq!(view.texts(".card h3 mark"), [QUERY]);
    assert_eq!(
        view.texts(".card .meta"),
        [
            "衡阳市第15期（总第535期） · 2017年8月30日",
            "浏阳市第15期（总第535期） · 2017年8月30日"
        ]
    );
    let excerpts = view.texts(".card .excerpt");
    assert_eq!(
        excerpts,
        [
            "…全市乡镇全部建成代表工作室，代表工作室每月开放…",
            "正在加载摘要…"
        ]
    );
    assert_eq!(view.texts(".card .excerpt mark"), [QUERY, QUERY]);
    click(&view.button("显示更多（还有 3 篇）")).await;
    assert_eq!(calls.more.calls().len(), 1);
}

#[wasm_bindgen_test]
async fn a_result_opens_its_article_with_the_query_marked() {
    let (view, calls) = render(two_of_five(), SearchSort::Relevance).await;
    click(&view.all(".card h3 a")[1]).await;
    assert_eq!(
        calls.routes.calls(),
        [Route::Article {
            id: "2017-15-2".to_owned(),
            highlight: Some(QUERY.to_owned()),
        }]
    );
}

#[wasm_bindgen_test]
async fn nothing_found_says_so_with_the_query() {
    let outcome = Outcome::Found {
        cards: Rc::default(),
        total: 0,
    };
    let (view, _) = render(outcome, SearchSort::Relevance).await;
    assert_eq!(
        text(&view.one(".summary[role=status]")),
        "没有找到包含“代表工作室”的文章。"
    );
    assert!(view.all(".card").is_empty());
    assert!(view.all("mark").is_empty());
    assert!(!view.text().contains("显示更多"));
}

#[wasm_bindgen_test]
async fn a_failed_index_names_the_file_and_retries() {
    let error = LoadError::new("data/search/manifest.json", LoadErrorKind::Timeout);
    let (view, calls) = render(Outcome::Failed(error), SearchSort::Relevance).await;
    assert_eq!(
        text(&view.one("[role=alert] p")),
        "获取数据文件 data/search/manifest.json 超时。"
    );
    assert!(view.find(".summary").is_none());
    click(&view.button("重试")).await;
    assert_eq!(calls.retries.calls().len(), 1);
}

#[wasm_bindgen_test]
async fn the_order_control_shows_and_reports_the_order() {
    let (view, calls) = render(two_of_five(), SearchSort::Newest).await;
    let pressed: Vec<String> = view.attributes(".sort button", "aria-pressed");
    assert_eq!(view.texts(".sort button"), ["最相关", "最新"]);
    assert_eq!(pressed, ["false", "true"]);
    click(&view.button("最相关")).await;
    assert_eq!(calls.sorts.calls(), [SearchSort::Relevance]);
}

#[wasm_bindgen_test]
async fn cards_on_screen_ask_for_their_issue_files() {
    let (view, calls) = render(two_of_five(), SearchSort::Relevance).await;
    wait_until("the cards are reported on screen", || {
        !calls.seen.calls().is_empty()
    })
    .await;
    assert_eq!(calls.seen.calls()[0], ["2017-15", "2017-15"]);
    assert_eq!(
        view.attributes("li[data-issue]", "data-issue"),
        ["2017-15", "2017-15"]
    );
}

#[wasm_bindgen_test]
async fn waiting_no_terms_and_no_index_each_say_so() {
    let calls = Calls::new();
    let sort = SearchSort::Relevance;
    let mut view =
        mount::<WithNavigator>(calls.view(search(sort), Outcome::Searching, Vec::new())).await;
    let status = |view: &Mounted<WithNavigator>| text(&view.one("[role=status]"));
    assert_eq!(status(&view), "正在加载搜索索引…");
    view.update(calls.view(search(sort), Outcome::NoQuery, Vec::new()))
        .await;
    assert_eq!(status(&view), "请输入要搜索的词语。");
    view.update(calls.view(search(sort), Outcome::NoIndex, Vec::new()))
        .await;
    assert_eq!(status(&view), "本站数据没有附带搜索索引，暂时无法搜索。");
    assert!(view.find(".sort").is_none());
    click(&view.button("清除搜索")).await;
    assert_eq!(calls.clears.calls().len(), 1);
}

#[wasm_bindgen_test]
async fn region_facets_narrow_the_results() {
    let calls = Calls::new();
    let searched = |region| SearchRoute {
        region,
        ..search(SearchSort::Relevance)
    };
    let mut view =
        mount::<WithNavigator>(calls.view(searched(None), two_of_five(), region_counts())).await;
    assert_eq!(
        view.one(".search-view .region-picker")
            .get_attribute("aria-label")
            .as_deref(),
        Some("按地区筛选搜索结果")
    );
    let pressed = |view: &Mounted<WithNavigator>| {
        view.texts(".search-view .region-picker button[aria-pressed=true]")
    };
    let counties =
        |view: &Mounted<WithNavigator>| view.texts(".search-view .region-picker .counties button");
    assert!(pressed(&view).is_empty());
    assert!(counties(&view).is_empty());
    let filter = |prefecture: &str, county: Option<&str>| {
        Some(RegionFilter {
            prefecture: prefecture.to_owned(),
            county: county.map(str::to_owned),
        })
    };
    // Each button clicked, the region it reports, and what the view shows once the app has
    // made that region the search's: the button pressed and the counties offered.
    let picks = [
        (
            "衡阳市 (12)",
            filter("衡阳市", None),
            vec!["衡阳市 (12)"],
            vec!["衡阳县 (5)", "耒阳市 (3)"],
        ),
        (
            "衡阳县 (5)",
            filter("衡阳市", Some("衡阳县")),
            vec!["衡阳县 (5)"],
            vec!["衡阳县 (5)", "耒阳市 (3)"],
        ),
        (
            "长沙市 (7)",
            filter("长沙市", None),
            vec!["长沙市 (7)"],
            vec!["浏阳市 (4)"],
        ),
        ("全部地区", None, vec![], vec![]),
    ];
    for (at, (label, region, shown_pressed, shown_counties)) in picks.into_iter().enumerate() {
        click(&view.button(label)).await;
        let reported = calls.regions.calls();
        assert_eq!(reported.len(), at + 1, "one report for {label}");
        assert_eq!(reported[at], region, "the region of {label}");
        view.update(calls.view(searched(region), two_of_five(), region_counts()))
            .await;
        assert_eq!(pressed(&view), shown_pressed, "pressed after {label}");
        assert_eq!(counties(&view), shown_counties, "counties after {label}");
    }
    assert!(
        !view
            .texts(".search-view .region-picker button")
            .contains(&"全部地区".to_owned()),
        "nothing to clear in every region"
    );
}

/// Types `value` into the search box as a reader would: set the value, fire `input`.
fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict("input", &init).expect("an input event");
    input
        .dispatch_event(&event)
        .expect("the event is dispatched");
}

/// Puts `value` in the box as an input method does while the reader is still composing.
fn compose_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    let init = InputEventInit::new();
    init.set_bubbles(true);
    init.set_is_composing(true);
    let event = InputEvent::new_with_event_init_dict("input", &init).expect("an input event");
    input
        .dispatch_event(&event)
        .expect("the event is dispatched");
}

/// Waits `ms` milliseconds.
async fn pause(ms: u32) {
    yew::platform::time::sleep(std::time::Duration::from_millis(u64::from(ms))).await;
}

async fn search_box(queries: &Recorder<String>) -> (Mounted<SearchBox>, HtmlInputElement) {
    search_box_telling(queries, &Recorder::new(), &Recorder::new()).await
}

/// A search box whose queries, first focus and typing are recorded.
async fn search_box_telling(
    queries: &Recorder<String>,
    focused: &Recorder<()>,
    typed: &Recorder<String>,
) -> (Mounted<SearchBox>, HtmlInputElement) {
    let props = SearchBoxProps {
        query: "旧查询".into(),
        on_query: queries.callback(),
        on_first_focus: focused.callback(),
        on_typing: typed.callback(),
    };
    let view = mount::<SearchBox>(props).await;
    let input: HtmlInputElement = view.one("input[type=search]").unchecked_into();
    (view, input)
}

#[wasm_bindgen_test]
async fn the_search_box_is_labelled_and_shows_the_current_query() {
    let (view, input) = search_box(&Recorder::new()).await;
    assert_eq!(input.value(), "旧查询");
    assert_eq!(text(&view.one("label[for=lianluo-search]")), "搜索全部文章");
    assert_eq!(input.id(), "lianluo-search");
    assert_eq!(
        view.one("form").get_attribute("role").as_deref(),
        Some("search")
    );
}

#[wasm_bindgen_test]
async fn the_first_focus_of_the_box_is_told_once() {
    let focused = Recorder::new();
    let (_view, input) = search_box_telling(&Recorder::new(), &focused, &Recorder::new()).await;
    assert!(focused.calls().is_empty());
    input.focus().expect("the box takes the focus");
    input.blur().expect("and leaves it");
    input.focus().expect("the box takes the focus again");
    settle().await;
    assert_eq!(focused.calls(), [()]);
}

#[wasm_bindgen_test]
async fn typing_searches_once_after_the_pause_with_the_last_text() {
    let (queries, typed) = (Recorder::new(), Recorder::new());
    let (_view, input) = search_box_telling(&queries, &Recorder::new(), &typed).await;
    type_into(&input, "代表");
    settle().await;
    type_into(&input, QUERY);
    settle().await;
    assert!(queries.calls().is_empty(), "searched before the pause");
    assert_eq!(typed.calls(), ["代表", QUERY], "each change told at once");
    pause(TYPING_PAUSE_MS * 2).await;
    assert_eq!(queries.calls(), [QUERY]);
}

#[wasm_bindgen_test]
async fn an_input_methods_spelling_is_not_told_as_typing() {
    let typed = Recorder::new();
    let (_view, input) = search_box_telling(&Recorder::new(), &Recorder::new(), &typed).await;
    type_into(&input, "代表");
    compose_into(&input, "代表gongzuo");
    settle().await;
    assert_eq!(typed.calls(), ["代表"]);
}

#[wasm_bindgen_test]
async fn a_re_render_while_typing_keeps_the_typed_text_and_a_new_query_replaces_it() {
    let queries = Recorder::new();
    let (mut view, input) = search_box(&queries).await;
    type_into(&input, "换届");
    // The reader re-renders for something else (a snippet arrived): same query, new callback.
    view.update(SearchBoxProps {
        query: "旧查询".into(),
        on_query: queries.callback(),
        on_first_focus: Callback::noop(),
        on_typing: Callback::noop(),
    })
    .await;
    assert_eq!(input.value(), "换届");
    view.update(SearchBoxProps {
        query: "换届选举".into(),
        on_query: queries.callback(),
        on_first_focus: Callback::noop(),
        on_typing: Callback::noop(),
    })
    .await;
    assert_eq!(input.value(), "换届选举");
}

#[wasm_bindgen_test]
async fn its_own_query_coming_back_late_keeps_what_was_typed_since() {
    let queries = Recorder::new();
    let (mut view, input) = search_box(&queries).await;
    let props = |query: &str| SearchBoxProps {
        query: query.into(),
        on_query: queries.callback(),
        on_first_focus: Callback::noop(),
        on_typing: Callback::noop(),
    };
    type_into(&input, "代表");
    pause(TYPING_PAUSE_MS * 2).await;
    assert_eq!(queries.calls(), ["代表"]);
    // The reader types on before the route of that query arrives (the first one comes
    // through `hashchange`, a task of its own, which a busy browser can run after the keys).
    type_into(&input, "代表工");
    view.update(props("代表")).await;
    assert_eq!(
        input.value(),
        "代表工",
        "the box's own query put back over the typing"
    );
    // A query from elsewhere (a link, back) still replaces the text.
    view.update(props("换届选举")).await;
    assert_eq!(input.value(), "换届选举");
    // And then the box's earlier query, coming from elsewhere, is shown again.
    view.update(props("代表")).await;
    assert_eq!(input.value(), "代表");
}

#[wasm_bindgen_test]
async fn enter_searches_at_once_and_cancels_the_pending_search() {
    let queries = Recorder::new();
    let (view, input) = search_box(&queries).await;
    type_into(&input, "换届选举");
    let form: HtmlFormElement = view.one("form").unchecked_into();
    form.request_submit().expect("the form submits");
    settle().await;
    assert_eq!(queries.calls(), ["换届选举"]);
    pause(TYPING_PAUSE_MS * 2).await;
    assert_eq!(queries.calls(), ["换届选举"]);
}
