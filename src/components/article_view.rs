//! One article on its own: the view a shared link opens.

use std::rc::Rc;

use lianluo_core::{Issue, IssueSummary};
use yew::prelude::*;

use lianluo_core::search::{mark_ranges, Query};

use super::article::{marked, region_tag, ArticleBody};
use super::landmark::use_reader_name;
use super::link::Link;
use super::notice::{failure, loading};
use crate::format::{chinese_date, issue_label};
use crate::route::Route;
use crate::state::Load;

/// Props for [`ArticleView`].
#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    /// The issue the article belongs to, from the archive index.
    pub summary: IssueSummary,
    /// The article's id.
    pub article_id: AttrValue,
    /// The issue file, once requested.
    pub issue: Option<Load<Rc<Issue>>>,
    /// Fetch the issue file again.
    pub on_retry: Callback<()>,
    /// Mark this query's matches, and bring the first into view.
    #[prop_or_default]
    pub highlight: Option<Query>,
}

/// The article with its issue, date and region, and links to its neighbours in the issue.
#[function_component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    crate::render_count::rendered("ArticleView");
    let name = use_reader_name();
    let body_ref = use_node_ref();
    let loaded = matches!(props.issue, Some(Load::Ready(_)));
    {
        let body_ref = body_ref.clone();
        let marking = props.highlight.is_some();
        use_effect_with((props.article_id.clone(), marking, loaded), move |_| {
            if marking {
                scroll_to_first_mark(&body_ref);
            }
        });
    }
    let summary = &props.summary;
    let Some(at) = summary
        .articles
        .iter()
        .position(|article| article.id == props.article_id)
    else {
        return html! {};
    };
    let entry = &summary.articles[at];
    let body = match &props.issue {
        Some(Load::Ready(issue)) => match issue.articles.iter().find(|a| a.id == entry.id) {
            Some(article) => html! {
                <ArticleBody
                    blocks={article.blocks.clone()}
                    heading_level={3}
                    highlight={props.highlight.clone()}
                />
            },
            None => html! { <p class="notice">{ "本期文件中没有这篇文章。" }</p> },
        },
        Some(Load::Failed(error)) => failure(error, &props.on_retry),
        _ => loading("全文"),
    };
    let sibling = |index: Option<usize>, rel: &str| {
        let article = summary.articles.get(index?)?;
        let label = format!("{rel}：{}", article.title);
        Some(
            html! { <Link class="button" to={Route::article(article.id.clone())}>{ label }</Link> },
        )
    };
    html! {
        <article class="article article-single" aria-labelledby="article-title">
            <p class="breadcrumb">
                <Link to={Route::Issue(summary.id.clone())}>
                    { format!("联络动态 {} · {}", issue_label(summary.number, summary.serial), chinese_date(&summary.date)) }
                </Link>
            </p>
            <h2 id="article-title" class="view-heading" tabindex="-1">
                { region_tag(&entry.region.printed) }
                { match &props.highlight {
                    Some(query) => marked(&entry.title, &mark_ranges(&entry.title, query)),
                    None => html! { entry.title.clone() },
                } }
            </h2>
            <div ref={body_ref}>{ body }</div>
            <nav class="issue-nav" aria-label={name.landmark("本期其他文章")}>
                { for sibling(at.checked_sub(1), "上一篇") }
                { for sibling(Some(at + 1), "下一篇") }
                <Link class="button" to={Route::Issue(summary.id.clone())}>{ "返回本期" }</Link>
            </nav>
        </article>
    }
}

/// Brings the first marked match under `container` into the middle of the screen.
fn scroll_to_first_mark(container: &NodeRef) {
    let mark = container
        .cast::<web_sys::Element>()
        .and_then(|body| body.query_selector("mark").ok().flatten());
    if let Some(mark) = mark {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        mark.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
