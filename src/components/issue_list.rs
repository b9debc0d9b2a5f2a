//! Every issue, newest first, grouped by year.

use std::rc::Rc;

use lianluo_core::{ArchiveIndex, IssueSummary};
use yew::prelude::*;

use super::landmark::use_reader_name;
use super::link::Link;
use crate::format::{issue_label, month_day, year};
use crate::route::Route;

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
    let years = group_by_year(&props.archive.issues);
    html! {
        <section class="issue-list" aria-label={name.landmark("往期目录")}>
            <h2 id="issue-list-title" class="view-heading" tabindex="-1">{ "往期目录" }</h2>
            <p>{ format!("共 {} 期", props.archive.issues.len()) }</p>
            { for years.into_iter().map(|(year, issues)| html! {
                <section class="year" aria-label={name.landmark(&year)}>
                    <h3>{ year }</h3>
                    <ul class="plain">
                        { for issues.into_iter().map(|issue| html! {
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
                </section>
            }) }
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
