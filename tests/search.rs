//! Search results in headless Chromium: the count, cards with marked titles and snippets,
//! nothing found, a failed index with its retry, the order control, and the cards on screen.
#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use common::fixtures::{issue, region, summary_of};
use common::{
    click, mount, text, wait_until, Mounted, Recorder, WithNavigator, WithNavigatorProps,
};
use lianluo_core::search::{mark_ranges, parse_query, Snippet};
use lianluo_core::ArticleSummary;
use lianluo_reader::components::search_view::{Outcome, ResultCard, SearchView, SnippetState};
use lianluo_reader::error::{LoadError, LoadErrorKind};
use lianluo_reader::route::{Route, SearchRoute, SearchSort};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The query every test searches for.
const QUERY: &str = "代表工作室";

/// What the results view reports.
struct Calls {
    routes: Recorder<Route>,
    sorts: Recorder<SearchSort>,
    more: Recorder<()>,
    retries: Recorder<()>,
    seen: Recorder<Vec<String>>,
}

async fn render(outcome: Outcome, sort: SearchSort) -> (Mounted<WithNavigator>, Calls) {
    let calls = Calls {
        routes: Recorder::new(),
        sorts: Recorder::new(),
        more: Recorder::new(),
        retries: Recorder::new(),
        seen: Recorder::new(),
    };
    let search = SearchRoute {
        query: QUERY.to_owned(),
        region: None,
        sort,
    };
    let view = html! {
        <SearchView
            {search}
            {outcome}
            facets={Rc::new(Vec::new())}
            on_region={Callback::noop()}
            on_sort={calls.sorts.callback()}
            on_more={calls.more.callback()}
            on_clear={Callback::noop()}
            on_retry={calls.retries.callback()}
            on_seen={calls.seen.callback()}
        />
    };
    let props = WithNavigatorProps {
        show: calls.routes.callback(),
        children: view,
    };
    (mount::<WithNavigator>(props).await, calls)
}

/// A card for `article` of the fixture issue, its title marked where the query matches.
fn card(article: ArticleSummary, snippet: SnippetState) -> ResultCard {
    let title_marks = mark_ranges(&article.title, &parse_query(QUERY));
    ResultCard {
        issue: summary_of(&issue()),
        article,
        title_marks,
        snippet,
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
        cards: vec![
            card(articles[0].clone(), SnippetState::Ready(snippet)),
            card(second, SnippetState::Loading),
        ],
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
        cards: Vec::new(),
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
