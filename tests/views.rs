//! The other views in headless Chromium: one article on its own, the issue list by year, and
//! a region's articles with their loading progress.
#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use common::{
    click, mount, text, wait_until, Mounted, Recorder, WithNavigator, WithNavigatorProps,
};
use lianluo_core::archive::issue_summary as summary_of;
use lianluo_core::search::parse_query;
use lianluo_core::test_support::{bare_summary, sample_issue as issue};
use lianluo_core::ArchiveIndex;
use lianluo_reader::components::article_view::ArticleView;
use lianluo_reader::components::issue_list::{IssueList, FOLD_DECADES_ABOVE, FOLD_YEARS_ABOVE};
use lianluo_reader::components::region_view::{opening, RegionView};
use lianluo_reader::components::teaser::{Excerpt, Teaser};
use lianluo_reader::route::{RegionFilter, Route};
use lianluo_reader::state::{Load, Progress};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Wraps `view` in a navigator whose routes go to `routes`.
async fn render(view: Html, routes: &Recorder<Route>) -> Mounted<WithNavigator> {
    let props = WithNavigatorProps {
        show: routes.callback(),
        children: view,
    };
    mount::<WithNavigator>(props).await
}

/// Renders article `id` of the fixture issue, loaded, marking `highlight` when given.
async fn article(
    id: &str,
    highlight: Option<&str>,
    routes: &Recorder<Route>,
) -> Mounted<WithNavigator> {
    let view = html! {
        <ArticleView
            summary={summary_of(&issue())}
            article_id={id.to_owned()}
            issue={Some(Load::Ready(Rc::new(issue())))}
            on_retry={Callback::noop()}
            highlight={highlight.map(parse_query)}
        />
    };
    render(view, routes).await
}

#[wasm_bindgen_test]
async fn an_article_shows_its_issue_region_title_and_body() {
    let routes = Recorder::new();
    let view = article("2017-15-1", None, &routes).await;
    assert_eq!(
        text(&view.one(".breadcrumb a")),
        "联络动态 第15期（总第535期） · 2017年8月30日"
    );
    assert_eq!(
        text(&view.one("h2#article-title")),
        "衡阳市建好代表工作室 密切代表同群众联系"
    );
    let blocks: Vec<String> = view
        .all(".article-body > *")
        .iter()
        .map(|block| format!("{}:{}", block.tag_name(), text(block)))
        .collect();
    assert_eq!(
        blocks,
        [
            "P:全市乡镇全部建成代表工作室，代表每月进室接待群众。",
            "H3:一、健全工作制度",
            "P:工作室实行登记、交办、督办、反馈的闭环办理。"
        ]
    );
    assert!(view.all("mark").is_empty());
}

#[wasm_bindgen_test]
async fn an_article_links_to_its_neighbours_and_its_issue() {
    let routes = Recorder::new();
    let view = article("2017-15-1", None, &routes).await;
    assert_eq!(
        view.texts(".issue-nav a"),
        ["下一篇：乡镇人大主席团规范履职", "返回本期"]
    );
    click(&view.all(".issue-nav a")[0]).await;
    click(&view.all(".issue-nav a")[1]).await;
    assert_eq!(
        routes.calls(),
        [
            Route::article("2017-15-2"),
            Route::Issue("2017-15".to_owned())
        ]
    );

    let last = article("2017-15-2", None, &Recorder::new()).await;
    assert_eq!(
        last.texts(".issue-nav a"),
        ["上一篇：建好代表工作室 密切代表同群众联系", "返回本期"]
    );
}

#[wasm_bindgen_test]
async fn an_article_opened_from_search_marks_the_query_in_its_title() {
    let view = article("2017-15-1", Some("代表工作室"), &Recorder::new()).await;
    assert_eq!(view.texts("h2#article-title mark"), ["代表工作室"]);
    assert_eq!(
        text(&view.one("h2#article-title")),
        "衡阳市建好代表工作室 密切代表同群众联系"
    );
}

#[wasm_bindgen_test]
async fn an_article_missing_from_its_issue_file_says_so() {
    let mut listed = summary_of(&issue());
    let mut extra = listed.articles[1].clone();
    extra.id = "2017-15-3".to_owned();
    listed.articles.push(extra);
    let view = html! {
        <ArticleView
            summary={listed}
            article_id="2017-15-3"
            issue={Some(Load::Ready(Rc::new(issue())))}
            on_retry={Callback::noop()}
        />
    };
    let view = render(view, &Recorder::new()).await;
    assert_eq!(text(&view.one(".notice")), "本期文件中没有这篇文章。");
    assert!(view.find(".article-body").is_none());
}

#[wasm_bindgen_test]
async fn the_issue_list_groups_issues_by_year_newest_first() {
    let archive = ArchiveIndex {
        format_version: lianluo_core::FORMAT_VERSION,
        title: "联络动态".to_owned(),
        issues: vec![
            bare_summary("2018-1", 1, 537, "2018-01-10"),
            bare_summary("2017-16", 16, 536, "2017-09-15"),
            summary_of(&issue()),
        ],
        regions: Vec::new(),
        search: None,
        volumes: None,
    };
    let routes = Recorder::new();
    let view = html! { <IssueList archive={Rc::new(archive)} /> };
    let view = render(view, &routes).await;
    assert_eq!(text(&view.one("h2")), "往期目录");
    assert_eq!(text(&view.one(".issue-list > p")), "共 3 期");
    assert_eq!(view.texts("section.year > h3"), ["2018年", "2017年"]);
    let entries: Vec<String> = view.texts("section.year li");
    assert_eq!(
        entries,
        [
            "第1期（总第537期） · 1月10日 · 0 篇",
            "第16期（总第536期） · 9月15日 · 0 篇",
            "第15期（总第535期） · 8月30日 · 2 篇"
        ]
    );
    click(&view.all("section.year li a")[2]).await;
    assert_eq!(routes.calls(), [Route::Issue("2017-15".to_owned())]);
}

/// An archive of `years` years of 25 issues each, the newest in 2025.
fn archive_of_years(years: u32) -> ArchiveIndex {
    let count = years * 25;
    let issues = (0..count)
        .map(|i| {
            let (year, number) = (2025 - i / 25, 25 - i % 25);
            let id = format!("{year}-{number}");
            bare_summary(
                &id,
                number,
                count - i,
                &format!("{year}-{:02}-01", number / 3 + 1),
            )
        })
        .collect();
    ArchiveIndex {
        format_version: lianluo_core::FORMAT_VERSION,
        title: "联络动态".to_owned(),
        issues,
        regions: Vec::new(),
        search: None,
        volumes: None,
    }
}

#[wasm_bindgen_test]
async fn a_long_archive_folds_every_year_but_the_newest_until_it_is_opened() {
    // 28 years of 25 issues: more than the list shows unfolded, too few to fold by decade.
    let archive = archive_of_years(28);
    assert!(archive.issues.len() > FOLD_YEARS_ABOVE);
    let view = html! { <IssueList archive={Rc::new(archive)} /> };
    let view = render(view, &Recorder::new()).await;
    assert_eq!(view.texts("section.year > h3"), ["2025年"]);
    assert_eq!(view.all("section.year li").len(), 25);
    let folded = view.texts("details.year > summary");
    assert_eq!(folded.len(), 27);
    assert!(folded.len() <= FOLD_DECADES_ABOVE);
    assert_eq!(folded[0], "2024年（25 期）");
    assert!(view.find("details.decade").is_none());
    assert!(
        view.find("details.year li").is_none(),
        "folded years are not rendered"
    );

    click(&view.all("details.year > summary")[0]).await;
    wait_until("the opened year lists its issues", || {
        view.all("details.year li").len() == 25
    })
    .await;
    assert_eq!(
        view.texts("details.year li")[0],
        "第25期（总第675期） · 9月1日 · 0 篇"
    );
}

#[wasm_bindgen_test]
async fn a_very_long_archive_folds_its_older_years_by_decade() {
    // 60 years: 2025 listed, 2024 back to 1966 folded into decades.
    let archive = archive_of_years(60);
    let view = html! { <IssueList archive={Rc::new(archive)} /> };
    let view = render(view, &Recorder::new()).await;
    assert_eq!(view.texts("section.year > h3"), ["2025年"]);
    let decades = view.texts("details.decade > summary");
    assert_eq!(
        decades,
        [
            "2020–2029年（125 期）",
            "2010–2019年（250 期）",
            "2000–2009年（250 期）",
            "1990–1999年（250 期）",
            "1980–1989年（250 期）",
            "1970–1979年（250 期）",
            "1960–1969年（100 期）"
        ]
    );
    assert!(
        view.find("details.year").is_none(),
        "years are folded inside"
    );

    click(&view.all("details.decade > summary")[1]).await;
    wait_until("the opened decade lists its years", || {
        view.all("details.year").len() == 10
    })
    .await;
    assert_eq!(view.texts("details.year h4")[0], "2019年（25 期）");
    assert!(view.find("details.year li").is_none());

    click(&view.all("details.year > summary")[0]).await;
    wait_until("the opened year lists its issues", || {
        view.all("details.year li").len() == 25
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_decade_and_a_year_of_the_same_label_open_apart() {
    // Issues without a date fold as 日期不详, both as a decade and as its one year.
    let mut archive = archive_of_years(60);
    let undated = (1..=3).map(|n| bare_summary(&format!("x-{n}"), n, n, "日期不详"));
    archive.issues.extend(undated);
    let view = html! { <IssueList archive={Rc::new(archive)} /> };
    let view = render(view, &Recorder::new()).await;
    let decades = view.all("details.decade > summary");
    assert_eq!(
        view.texts("details.decade > summary")
            .last()
            .map(String::as_str),
        Some("日期不详（3 期）")
    );
    click(decades.last().expect("the undated decade")).await;
    wait_until("the undated decade shows its year", || {
        view.all("details.year").len() == 1
    })
    .await;
    assert_eq!(view.texts("details.year h4"), ["日期不详（3 期）"]);
    assert!(
        view.find("details.year li").is_none(),
        "opening the decade leaves its year folded"
    );
}

/// The fixture's 浏阳市 article as a region card with `excerpt`.
fn liuyang(excerpt: Excerpt) -> Teaser {
    let summary = summary_of(&issue());
    Teaser::new(&summary, &summary.articles[1], excerpt)
}

#[wasm_bindgen_test]
async fn a_region_shows_its_count_progress_and_cards() {
    let (routes, more, clear) = (Recorder::new(), Recorder::new(), Recorder::new());
    let filter = RegionFilter {
        prefecture: "长沙市".to_owned(),
        county: Some("浏阳市".to_owned()),
    };
    // The same article thrice, named apart: cards are keyed by article.
    let entries = vec![
        liuyang(Excerpt::Ready(opening(
            &"各乡镇人大主席团每季度".repeat(20),
        ))),
        Teaser {
            id: "copy-1".to_owned(),
            ..liuyang(Excerpt::Loading)
        },
        Teaser {
            id: "copy-2".to_owned(),
            ..liuyang(Excerpt::Failed)
        },
    ];
    let view = html! {
        <RegionView
            {filter}
            entries={Rc::new(entries)}
            total={7}
            progress={Progress { settled: 1, wanted: 3, failed: 0 }}
            on_more={more.callback()}
            on_clear={clear.callback()}
        />
    };
    let view = render(view, &routes).await;
    assert_eq!(text(&view.one("h2")), "长沙市 · 浏阳市");
    assert_eq!(
        text(&view.one(".summary[role=status]")),
        "长沙市 · 浏阳市：共 7 篇（正在加载，1/3 期）"
    );
    let progress = view.one("progress");
    assert_eq!(progress.get_attribute("value").as_deref(), Some("1"));
    assert_eq!(progress.get_attribute("max").as_deref(), Some("3"));
    assert_eq!(
        view.texts(".card .excerpt"),
        [
            format!("{}各乡镇人大主…", "各乡镇人大主席团每季度".repeat(6)),
            "正在加载摘要…".to_owned(),
            "（本期文件暂时无法加载）".to_owned()
        ]
    );
    assert_eq!(
        view.texts(".card .meta")[0],
        "浏阳市第15期（总第535期） · 2017年8月30日"
    );
    click(&view.button("显示更多（还有 4 篇）")).await;
    click(&view.button("清除地区筛选")).await;
    click(&view.one(".card h3 a")).await;
    assert_eq!(more.calls().len(), 1);
    assert_eq!(clear.calls().len(), 1);
    assert_eq!(routes.calls(), [Route::article("2017-15-2")]);
}

/// The whole of 长沙市.
fn changsha() -> RegionFilter {
    RegionFilter {
        prefecture: "长沙市".to_owned(),
        county: None,
    }
}

#[wasm_bindgen_test]
async fn a_fully_loaded_region_shows_no_progress() {
    let view = html! {
        <RegionView
            filter={changsha()}
            entries={Rc::new(vec![liuyang(Excerpt::Loading)])}
            total={1}
            progress={Progress { settled: 1, wanted: 1, failed: 0 }}
            on_more={Callback::noop()}
            on_clear={Callback::noop()}
        />
    };
    let view = render(view, &Recorder::new()).await;
    assert_eq!(text(&view.one(".summary")), "长沙市：共 1 篇");
    assert!(view.find("progress").is_none());
    assert!(!view.text().contains("显示更多"));
}

#[wasm_bindgen_test]
async fn issue_files_that_failed_are_said_once_with_a_retry() {
    let retries = Recorder::new();
    let view = html! {
        <RegionView
            filter={changsha()}
            entries={Rc::new(vec![liuyang(Excerpt::Failed)])}
            total={1}
            progress={Progress { settled: 2, wanted: 2, failed: 2 }}
            on_retry={retries.callback()}
            on_more={Callback::noop()}
            on_clear={Callback::noop()}
        />
    };
    let view = render(view, &Recorder::new()).await;
    assert_eq!(
        view.texts("[role=alert] p"),
        ["有 2 期的文件未能加载，其中文章的摘要暂缺。"]
    );
    click(&view.button("重试")).await;
    assert_eq!(retries.calls().len(), 1);
}

#[wasm_bindgen_test]
async fn an_article_opened_from_search_marks_the_query_in_its_body() {
    let view = article("2017-15-1", Some("代表工作室"), &Recorder::new()).await;
    assert_eq!(view.texts(".article-body mark"), ["代表工作室"]);
    assert_eq!(
        view.texts(".article-body p")[0],
        "全市乡镇全部建成代表工作室，代表每月进室接待群众。"
    );
}
