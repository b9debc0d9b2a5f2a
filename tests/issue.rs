//! One issue in headless Chromium: masthead, contents, articles and back matter rendered from
//! a hand-made issue, content shown as text only, and links that navigate without routing.
#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use common::{click, mount, page_hash, text, Mounted, Recorder, WithNavigator, WithNavigatorProps};
use lianluo_core::archive::issue_summary as summary_of;
use lianluo_core::test_support::{bare_summary, sample_issue as issue, PUBLISHER};
use lianluo_core::Issue;
use lianluo_reader::components::issue_view::IssueView;
use lianluo_reader::components::masthead::{Masthead, MastheadProps};
use lianluo_reader::error::{LoadError, LoadErrorKind};
use lianluo_reader::route::Route;
use lianluo_reader::state::Load;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// What a rendered issue view reports through its links and its retry button.
struct Calls {
    routes: Recorder<Route>,
    retries: Recorder<()>,
}

/// Renders `IssueView` for `issue`'s archive entry, with `file` as the state of its issue file,
/// between issues 2017-14 (older) and 2017-16 (newer).
async fn render(issue: &Issue, file: Option<Load<Rc<Issue>>>) -> (Mounted<WithNavigator>, Calls) {
    let calls = Calls {
        routes: Recorder::new(),
        retries: Recorder::new(),
    };
    let view = html! {
        <IssueView
            title="联络动态"
            summary={summary_of(issue)}
            issue={file}
            newer={Some(bare_summary("2017-16", 16, 536, "2017-09-15"))}
            older={Some(bare_summary("2017-14", 14, 534, "2017-08-20"))}
            on_retry={calls.retries.callback()}
        />
    };
    let props = WithNavigatorProps {
        show: calls.routes.callback(),
        children: view,
    };
    (mount::<WithNavigator>(props).await, calls)
}

async fn render_loaded(issue: Issue) -> (Mounted<WithNavigator>, Calls) {
    render(&issue.clone(), Some(Load::Ready(Rc::new(issue)))).await
}

#[wasm_bindgen_test]
async fn masthead_shows_title_number_serial_date_and_publisher() {
    let (view, _) = render_loaded(issue()).await;
    assert_eq!(text(&view.one(".masthead-title")), "联络动态");
    assert_eq!(text(&view.one(".masthead-number")), "第15期（总第535期）");
    let date = view.one(".masthead time");
    assert_eq!(text(&date), "2017年8月30日");
    assert_eq!(
        date.get_attribute("datetime").as_deref(),
        Some("2017-08-30")
    );
    assert_eq!(text(&view.one(".masthead .publisher")), PUBLISHER);
    assert_eq!(
        text(&view.one(".editor-note p")),
        "现将各地交流材料摘要刊发，供各地参考。"
    );
}

#[wasm_bindgen_test]
async fn a_masthead_without_serial_or_publisher_shows_neither() {
    let props = MastheadProps {
        title: "联络动态".into(),
        number: 3,
        serial: None,
        date: "2018-02-09".into(),
        publisher: None,
    };
    let view = mount::<Masthead>(props).await;
    assert_eq!(text(&view.one(".masthead-number")), "第3期");
    assert_eq!(text(&view.one(".dateline time")), "2018年2月9日");
    assert!(text(&view.one(".publisher")).trim().is_empty());
}

#[wasm_bindgen_test]
async fn contents_list_each_article_by_region_and_title_with_its_address() {
    let (view, _) = render_loaded(issue()).await;
    assert_eq!(
        view.texts(".contents li a"),
        [
            "衡阳市建好代表工作室 密切代表同群众联系",
            "浏阳市乡镇人大主席团规范履职"
        ]
    );
    assert_eq!(view.texts(".contents li .region-tag"), ["衡阳市", "浏阳市"]);
    assert_eq!(
        view.attributes(".contents li a", "href"),
        ["#/article/2017-15-1", "#/article/2017-15-2"]
    );
}

#[wasm_bindgen_test]
async fn articles_show_their_paragraphs_and_subheadings_in_order() {
    let (view, _) = render_loaded(issue()).await;
    let titles: Vec<String> = view.texts("article.article h3");
    assert_eq!(
        titles,
        [
            "衡阳市建好代表工作室 密切代表同群众联系",
            "浏阳市乡镇人大主席团规范履职"
        ]
    );
    let first: Vec<(String, String)> = view
        .all("article.article:first-of-type .article-body > *")
        .iter()
        .map(|block| (block.tag_name(), text(block)))
        .collect();
    let expected = [
        ("P", "全市乡镇全部建成代表工作室，代表每月进室接待群众。"),
        ("H4", "一、健全工作制度"),
        ("P", "工作室实行登记、交办、督办、反馈的闭环办理。"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(tag, body)| ((*tag).to_owned(), (*body).to_owned()))
        .collect();
    assert_eq!(first, expected);
    assert_eq!(
        view.texts("#t-2017-15-2 ~ .article-body p"),
        ["各乡镇人大主席团每季度至少召开一次会议。"]
    );
}

#[wasm_bindgen_test]
async fn back_matter_links_the_phone_and_the_mail_address() {
    let (view, _) = render_loaded(issue()).await;
    assert_eq!(
        view.texts(".back-matter dt"),
        ["送", "责任编辑", "联系电话", "电子邮箱", "批准文号"]
    );
    assert_eq!(
        view.texts(".back-matter li"),
        ["省人大常委会领导", "各市州人大常委会"]
    );
    assert_eq!(
        view.attributes(".back-matter a", "href"),
        ["tel:0731-85309270", "mailto:hnrlddt@163.com"]
    );
    assert_eq!(
        view.texts(".back-matter a"),
        ["0731-85309270", "hnrlddt@163.com"]
    );
    let values = view.texts(".back-matter dd");
    assert_eq!(values[1], "石韧、李明");
    assert_eq!(values[4], "湘党简准字〔2000〕第28号");
}

#[wasm_bindgen_test]
async fn a_script_address_is_shown_as_text_and_never_linked() {
    let mut hostile = issue();
    hostile.email = Some("javascript:alert(1)".to_owned());
    hostile.phone = Some("javascript:alert(2)".to_owned());
    let (view, _) = render_loaded(hostile).await;
    assert!(view.all(".back-matter a").is_empty(), "{}", view.html());
    let values = view.texts(".back-matter dd");
    assert_eq!(values[2], "javascript:alert(2)");
    assert_eq!(values[3], "javascript:alert(1)");
    assert!(view.all("a").iter().all(|a| !a
        .get_attribute("href")
        .unwrap_or_default()
        .contains("javascript")));
}

#[wasm_bindgen_test]
async fn markup_in_a_title_is_shown_as_characters() {
    let payload = "<img src=x onerror=alert(1)>";
    let mut hostile = issue();
    hostile.articles[0].title = payload.to_owned();
    hostile.articles[1].blocks[0].text = format!("段落{payload}<b>粗</b>");
    let (view, _) = render_loaded(hostile).await;
    assert!(view.all("img").is_empty(), "{}", view.html());
    assert!(view.all("b").is_empty(), "{}", view.html());
    assert_eq!(view.texts(".contents li a")[0], format!("衡阳市{payload}"));
    assert_eq!(view.texts("#t-2017-15-1 a"), [payload]);
    assert_eq!(
        view.texts("#t-2017-15-2 ~ .article-body p"),
        [format!("段落{payload}<b>粗</b>")]
    );
}

#[wasm_bindgen_test]
async fn a_contents_link_asks_for_its_article_and_leaves_the_address_alone() {
    let (view, calls) = render_loaded(issue()).await;
    let hash_before = page_hash();
    click(&view.all(".contents li a")[1]).await;
    assert_eq!(
        calls.routes.calls(),
        [Route::Article {
            id: "2017-15-2".to_owned(),
            highlight: None,
        }]
    );
    assert_eq!(page_hash(), hash_before);
}

#[wasm_bindgen_test]
async fn issue_navigation_names_and_opens_the_neighbours() {
    let (view, calls) = render_loaded(issue()).await;
    let labels = view.texts("nav.issue-nav a");
    assert_eq!(
        labels,
        [
            "上一期 · 第14期",
            "下一期 · 第16期",
            "上一期 · 第14期",
            "下一期 · 第16期"
        ]
    );
    click(&view.one("nav.issue-nav a")).await;
    assert_eq!(calls.routes.calls(), [Route::Issue("2017-14".to_owned())]);
}

#[wasm_bindgen_test]
async fn before_the_issue_file_arrives_only_the_masthead_and_the_way_on_show() {
    let (view, _) = render(&issue(), Some(Load::Pending)).await;
    assert_eq!(text(&view.one(".masthead-number")), "第15期（总第535期）");
    assert_eq!(
        view.texts("nav.issue-nav a"),
        ["上一期 · 第14期", "下一期 · 第16期"]
    );
    assert_eq!(text(&view.one("[role=status]")), "正在加载本期全文…");
    assert!(text(&view.one(".masthead .publisher")).trim().is_empty());
    assert!(view.find(".contents").is_none());
    assert!(view.find("article.article").is_none());
    assert!(view.find(".back-matter").is_none());
}

#[wasm_bindgen_test]
async fn a_missing_issue_file_is_named_and_can_be_retried() {
    let error = LoadError::new("data/issues/2017-15.json", LoadErrorKind::NotFound);
    let (view, calls) = render(&issue(), Some(Load::Failed(error))).await;
    assert_eq!(
        text(&view.one("[role=alert] p")),
        "找不到数据文件 data/issues/2017-15.json（HTTP 404）。"
    );
    assert!(calls.retries.calls().is_empty());
    click(&view.button("重试")).await;
    assert_eq!(calls.retries.calls().len(), 1);
    assert!(calls.routes.calls().is_empty());
}
