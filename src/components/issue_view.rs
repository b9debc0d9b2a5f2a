//! One issue: masthead, editor's note, contents, articles and back matter. The masthead and
//! the contents come from the archive index, so they show before the issue file arrives.

use std::rc::Rc;

use lianluo_core::{Issue, IssueSummary};
use yew::prelude::*;

use super::article::{region_tag, ArticleBody};
use super::back_matter::BackMatter;
use super::landmark::{use_reader_name, ReaderName};
use super::link::Link;
use super::masthead::Masthead;
use super::notice::{failure, loading};
use crate::format::issue_label;
use crate::route::Route;
use crate::state::Load;

/// Props for [`IssueView`].
#[derive(Properties, PartialEq)]
pub struct IssueViewProps {
    /// The newsletter's title.
    pub title: AttrValue,
    /// The issue's entry in the archive index.
    pub summary: IssueSummary,
    /// The issue file, once requested.
    pub issue: Option<Load<Rc<Issue>>>,
    /// The next newer issue.
    pub newer: Option<IssueSummary>,
    /// The next older issue.
    pub older: Option<IssueSummary>,
    /// Fetch the issue file again.
    pub on_retry: Callback<()>,
}

/// The whole issue. Until its file arrives only the masthead and the way to other issues
/// show (from the archive index), so that nothing already painted moves when it comes.
#[function_component]
pub fn IssueView(props: &IssueViewProps) -> Html {
    crate::render_count::rendered("IssueView");
    let name = use_reader_name();
    let summary = &props.summary;
    let issue = props.issue.as_ref().and_then(Load::ready);
    let body = match &props.issue {
        Some(Load::Ready(issue)) => html! {
            <IssueText
                issue={issue.clone()}
                summary={summary.clone()}
                newer={props.newer.clone()}
                older={props.older.clone()}
            />
        },
        // The contents come from the index: the articles stay reachable one by one.
        Some(Load::Failed(error)) => {
            html! { <>{ failure(error, &props.on_retry) }{ contents(summary, &name) }</> }
        }
        _ => loading("本期全文"),
    };
    html! {
        <article class="issue" aria-labelledby="issue-title">
            <Masthead
                title={props.title.clone()}
                number={summary.number}
                serial={summary.serial}
                date={summary.date.clone()}
                publisher={issue.map(|issue| AttrValue::from(issue.publisher.clone()))}
            />
            <IssueNav label="翻阅其他期" newer={props.newer.clone()} older={props.older.clone()} />
            { body }
        </article>
    }
}

/// Props for [`IssueText`].
#[derive(Properties, PartialEq)]
struct IssueTextProps {
    issue: Rc<Issue>,
    summary: IssueSummary,
    newer: Option<IssueSummary>,
    older: Option<IssueSummary>,
}

/// A loaded issue: editor's note, contents, articles, back matter, and the way on.
#[function_component]
fn IssueText(props: &IssueTextProps) -> Html {
    crate::render_count::rendered("IssueText");
    let name = use_reader_name();
    html! {
        <>
            if let Some(note) = &props.issue.editor_note {
                <section class="editor-note" aria-label={name.landmark("编者按")}>
                    <h3>{ "编者按" }</h3>
                    <p>{ note.clone() }</p>
                </section>
            }
            { contents(&props.summary, &name) }
            { for props.issue.articles.iter().map(|article| html! {
                <article class="article" aria-labelledby={format!("t-{}", article.id)}>
                    <h3 id={format!("t-{}", article.id)}>
                        { region_tag(&article.region.printed) }
                        <Link to={Route::article(article.id.clone())}>{ article.title.clone() }</Link>
                    </h3>
                    <ArticleBody blocks={article.blocks.clone()} heading_level={4} />
                </article>
            }) }
            <BackMatter issue={props.issue.clone()} />
            <IssueNav label="翻阅其他期（页尾）" newer={props.newer.clone()} older={props.older.clone()} />
        </>
    }
}

/// The issue's contents, from its entry in the archive index: each article's region and title,
/// linking to the article.
fn contents(summary: &IssueSummary, name: &ReaderName) -> Html {
    html! {
        <nav class="contents" aria-label={name.landmark("本期目录")}>
            <h3>{ "本期目录" }</h3>
            <ol class="plain">
                { for summary.articles.iter().map(|article| html! {
                    <li>
                        <Link to={Route::article(article.id.clone())}>
                            { region_tag(&article.region.printed) }
                            { article.title.clone() }
                        </Link>
                    </li>
                }) }
            </ol>
        </nav>
    }
}

/// Props for [`IssueNav`].
#[derive(Properties, PartialEq)]
pub struct IssueNavProps {
    /// The landmark's name; each on a page must differ.
    pub label: AttrValue,
    /// The next newer issue.
    pub newer: Option<IssueSummary>,
    /// The next older issue.
    pub older: Option<IssueSummary>,
}

/// Links to the older and the newer issue.
#[function_component]
pub fn IssueNav(props: &IssueNavProps) -> Html {
    crate::render_count::rendered("IssueNav");
    let name = use_reader_name();
    let link = |issue: &IssueSummary, rel: &str| {
        let label = format!("{}{}", rel, issue_label(issue.number, None));
        html! { <Link class="button" to={Route::Issue(issue.id.clone())}>{ label }</Link> }
    };
    if props.older.is_none() && props.newer.is_none() {
        return html! {};
    }
    html! {
        <nav class="issue-nav" aria-label={name.landmark(&props.label)}>
            if let Some(older) = &props.older { { link(older, "上一期 · ") } }
            if let Some(newer) = &props.newer { { link(newer, "下一期 · ") } }
        </nav>
    }
}
