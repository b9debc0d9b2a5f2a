//! An article as one entry of a list, a region's articles or search results: its title (a
//! link to the article, search matches marked), region, issue and date, and a few lines of
//! its text. A plain function rather than a component: lists re-render it as a whole, and it
//! holds no state of its own.

use std::ops::Range;

use lianluo_core::search::Snippet;
use lianluo_core::{ArticleSummary, IssueSummary};
use yew::prelude::*;

use super::article::{marked, region_tag};
use super::link::Navigator;
use crate::format::{chinese_date, issue_label};
use crate::route::Route;

/// The lines of text a teaser shows under its title.
#[derive(Debug, Clone, PartialEq)]
pub enum Excerpt {
    /// The issue file is on its way.
    Loading,
    /// A stretch of the article, its matches marked.
    Ready(Snippet),
    /// The article has no text to show.
    Empty,
    /// The issue file could not be loaded.
    Failed,
}

/// What a teaser shows, worked out by the list that holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Teaser {
    /// The article's id.
    pub id: String,
    /// Its issue's id.
    pub issue_id: String,
    /// The title.
    pub title: String,
    /// Where the title matches a search, when there is one.
    pub title_marks: Vec<Range<usize>>,
    /// The search query the article link carries, so that the article marks its matches.
    pub highlight: Option<String>,
    /// The region as printed.
    pub region: String,
    /// The issue and its date (`第15期（总第535期） · 2017年8月30日`).
    pub issue: String,
    /// The lines of text.
    pub excerpt: Excerpt,
}

impl Teaser {
    /// A teaser for `article` of `issue`, with no marks and no query.
    pub fn new(issue: &IssueSummary, article: &ArticleSummary, excerpt: Excerpt) -> Self {
        Teaser {
            id: article.id.clone(),
            issue_id: issue.id.clone(),
            title: article.title.clone(),
            title_marks: Vec::new(),
            highlight: None,
            region: article.region.printed.clone(),
            issue: format!(
                "{} · {}",
                issue_label(issue.number, issue.serial),
                chinese_date(&issue.date)
            ),
            excerpt,
        }
    }
}

/// The teaser as an `<article>` card, named by its title, its link made by `navigator`.
pub fn teaser(teaser: &Teaser, navigator: &Navigator) -> Html {
    let to = Route::Article {
        id: teaser.id.clone(),
        highlight: teaser.highlight.clone(),
    };
    html! {
        <article class="card" aria-label={teaser.title.clone()}>
            <h3>{ navigator.anchor(to, Classes::new(), None, marked(&teaser.title, &teaser.title_marks)) }</h3>
            <p class="meta">{ region_tag(&teaser.region) }{ teaser.issue.clone() }</p>
            { match &teaser.excerpt {
                Excerpt::Loading => html! { <p class="excerpt pending">{ "正在加载摘要…" }</p> },
                Excerpt::Empty => html! {},
                Excerpt::Failed => html! { <p class="excerpt">{ "（本期文件暂时无法加载）" }</p> },
                Excerpt::Ready(snippet) => html! {
                    <p class="excerpt">
                        if snippet.cut_before { { "…" } }
                        { marked(&snippet.text, &snippet.marks) }
                        if snippet.cut_after { { "…" } }
                    </p>
                },
            } }
        </article>
    }
}
