//! Every issue, newest first, grouped by year. A long archive folds every year but the
//! newest: a year's issues are rendered only once it is opened, so that the list of thousands
//! of issues renders within a frame.

use std::collections::HashSet;
use std::rc::Rc;

use lianluo_core::{ArchiveIndex, IssueSummary};
use yew::prelude::*;

use super::landmark::use_reader_name;
use super::link::{Link, StaticPages};
use crate::format::{issue_label, month_day, year};
use crate::route::Route;

/// Above how many issues the years after the newest are folded. Range 50–500: a short
/// archive reads best as one list, but on a phone rendering a few hundred rows of links
/// already takes several frames (535 issues: about 65 ms in the bench).
pub const FOLD_YEARS_ABOVE: usize = 120;

/// Props for [`IssueList`].
#[derive(Properties, PartialEq)]
pub struct IssueListProps {
    /// The archive.
    pub archive: Rc<ArchiveIndex>,
}

/// The list of issues by year.
#[function_component]
pub fn IssueList(props: &IssueListProps) -> Html {
    let name = use_reader_name();
    let opened = use_state(HashSet::<String>::new);
    let years = group_by_year(&props.archive.issues);
    let folding = props.archive.issues.len() > FOLD_YEARS_ABOVE;
    // A static page lists every issue, folded years included (browsers open them without
    // scripts, and crawlers read them); a folded year is the same height either way.
    let every_year = use_context::<StaticPages>().is_some();
    let issues = |issues: &[&IssueSummary]| {
        html! {
            <ul class="plain">
                { for issues.iter().map(|issue| html! {
                    <li>
                        <Link to={Route::Issue(issue.id.clone())}>
                            { issue_label(issue.number, issue.serial) }
                        </Link>
                        <span class="meta">
                            { format!(" · {} · {} 篇", month_day(&issue.date), issue.articles.len()) }
                        </span>
                    </li>
                }) }
            </ul>
        }
    };
    let year = |at: usize, (year, list): &(String, Vec<&IssueSummary>)| {
        if !folding || at == 0 {
            return html! {
                <section class="year" aria-label={name.landmark(year)}>
                    <h3>{ year.clone() }</h3>
                    { issues(list) }
                </section>
            };
        }
        let open = opened.contains(year);
        let listed = open || every_year;
        let ontoggle = {
            let (opened, year) = (opened.clone(), year.clone());
            Callback::from(move |event: Event| {
                let now_open = event
                    .target_unchecked_into::<web_sys::HtmlDetailsElement>()
                    .open();
                let mut years = (*opened).clone();
                if now_open {
                    years.insert(year.clone());
                } else {
                    years.remove(&year);
                }
                opened.set(years);
            })
        };
        html! {
            <details class="year" {open} {ontoggle}>
                <summary><h3>{ format!("{year}（{} 期）", list.len()) }</h3></summary>
                if listed { { issues(list) } }
            </details>
        }
    };
    html! {
        <section class="issue-list" aria-label={name.landmark("往期目录")}>
            <h2 id="issue-list-title" class="view-heading" tabindex="-1">{ "往期目录" }</h2>
            <p>{ format!("共 {} 期", props.archive.issues.len()) }</p>
            { for years.iter().enumerate().map(|(at, group)| year(at, group)) }
        </section>
    }
}

/// Consecutive issues of the same year, keeping the archive's order.
fn group_by_year(issues: &[IssueSummary]) -> Vec<(String, Vec<&IssueSummary>)> {
    let mut years: Vec<(String, Vec<&IssueSummary>)> = Vec::new();
    for issue in issues {
        let label = year(&issue.date).map_or_else(|| "日期不详".to_owned(), |y| format!("{y}年"));
        match years.last_mut() {
            Some((last, group)) if *last == label => group.push(issue),
            _ => years.push((label, vec![issue])),
        }
    }
    years
}
