//! Every issue, newest first, grouped by year. A long archive folds every year but the
//! newest: a year's issues are rendered only once it is opened; a very long one folds those
//! years again by decade. So the list of thousands of issues renders within a frame.

use std::collections::HashSet;
use std::rc::Rc;

use lianluo_core::{ArchiveIndex, IssueSummary};
use yew::prelude::*;

use super::link::use_navigator;
use crate::format::{issue_label, month_day, year};
use crate::route::Route;

/// Above how many issues the years after the newest are folded. Range 50–500: a short
/// archive reads best as one list, but on a phone rendering a few hundred rows of links
/// already takes several frames (535 issues: about 65 ms in the bench).
pub const FOLD_YEARS_ABOVE: usize = 120;

/// Above how many folded years those years are folded again, by decade. Range 20–60: a
/// folded year is one line, but 200 of them (5,000 issues) take a phone several frames.
pub const FOLD_DECADES_ABOVE: usize = 30;

/// Props for [`IssueList`].
#[derive(Properties, PartialEq)]
pub struct IssueListProps {
    /// The archive.
    pub archive: Rc<ArchiveIndex>,
}

/// The list of issues by year.
#[function_component]
pub fn IssueList(props: &IssueListProps) -> Html {
    crate::render_count::rendered("IssueList");
    let navigator = use_navigator();
    let name = navigator.reader_name();
    let opened = use_state(HashSet::<String>::new);
    let years = group_by_year(&props.archive.issues);
    let folding = props.archive.issues.len() > FOLD_YEARS_ABOVE;
    // A static page lists every issue, folded years included (browsers open them without
    // scripts, and crawlers read them); a folded year is the same height either way.
    let every_year = navigator.links_pages();
    let issues = |issues: &[&IssueSummary]| {
        html! {
            <ul class="plain">
                { for issues.iter().map(|issue| html! {
                    <li>
                        { navigator.anchor(
                            Route::Issue(issue.id.clone()),
                            Classes::new(),
                            None,
                            Html::from(issue_label(issue.number, issue.serial)),
                        ) }
                        <span class="meta">
                            { format!(" · {} · {} 篇", month_day(&issue.date), issue.articles.len()) }
                        </span>
                    </li>
                }) }
            </ul>
        }
    };
    // Opening or closing a fold (a year, or a decade) named `key`.
    let toggle = |key: &str| {
        let (opened, key) = (opened.clone(), key.to_owned());
        Callback::from(move |event: Event| {
            let now_open = event
                .target_unchecked_into::<web_sys::HtmlDetailsElement>()
                .open();
            let mut keys = (*opened).clone();
            if now_open {
                keys.insert(key.clone());
            } else {
                keys.remove(&key);
            }
            opened.set(keys);
        })
    };
    let fold = |class: &'static str,
                heading: &'static str,
                label: String,
                count,
                body: &dyn Fn() -> Html| {
        // A year and a decade may share a label (日期不详): the class keeps them apart.
        let key = format!("{class} {label}");
        let open = opened.contains(&key);
        let ontoggle = toggle(&key);
        html! {
            <details {class} {open} {ontoggle}>
                <summary><@{heading}>{ format!("{label}（{count} 期）") }</@></summary>
                if open || every_year { { body() } }
            </details>
        }
    };
    let folded_year = |heading, (year, list): &YearGroup| {
        fold("year", heading, year.clone(), list.len(), &|| issues(list))
    };
    let (newest, older) = match years.split_first() {
        Some((newest, older)) if folding => (Some(newest), older),
        _ => (None, years.as_slice()),
    };
    let section = |(year, list): &YearGroup| {
        html! {
            <section class="year" aria-label={name.landmark(year)}>
                <h3>{ year.clone() }</h3>
                { issues(list) }
            </section>
        }
    };
    let older = if newest.is_none() {
        older.iter().map(section).collect::<Html>()
    } else if older.len() <= FOLD_DECADES_ABOVE {
        older
            .iter()
            .map(|group| folded_year("h3", group))
            .collect::<Html>()
    } else {
        group_by_decade(older)
            .into_iter()
            .map(|(decade, years)| {
                let count = years.iter().map(|(_, list)| list.len()).sum::<usize>();
                let body = || {
                    years
                        .iter()
                        .map(|group| folded_year("h4", group))
                        .collect::<Html>()
                };
                fold("decade", "h3", decade, count, &body)
            })
            .collect::<Html>()
    };
    html! {
        <section class="issue-list" aria-label={name.landmark("往期目录")}>
            <h2 id="issue-list-title" class="view-heading" tabindex="-1">{ "往期目录" }</h2>
            <p>{ format!("共 {} 期", props.archive.issues.len()) }</p>
            { for newest.map(section) }
            { older }
        </section>
    }
}

/// A year's label (`2017年`) and its issues.
type YearGroup<'a> = (String, Vec<&'a IssueSummary>);

/// Consecutive issues of the same year, keeping the archive's order.
fn group_by_year(issues: &[IssueSummary]) -> Vec<YearGroup<'_>> {
    let mut years: Vec<YearGroup> = Vec::new();
    for issue in issues {
        let label = year(&issue.date).map_or_else(|| "日期不详".to_owned(), |y| format!("{y}年"));
        match years.last_mut() {
            Some((last, group)) if *last == label => group.push(issue),
            _ => years.push((label, vec![issue])),
        }
    }
    years
}

/// Consecutive years of the same decade (`2010–2019年`), keeping their order.
fn group_by_decade<'a, 'b>(years: &'b [YearGroup<'a>]) -> Vec<(String, Vec<&'b YearGroup<'a>>)> {
    let mut decades: Vec<(String, Vec<&YearGroup>)> = Vec::new();
    for group in years {
        let first_year = group.1.first().and_then(|issue| year(&issue.date));
        let label = first_year.map_or_else(
            || "日期不详".to_owned(),
            |y| format!("{}–{}年", y / 10 * 10, y / 10 * 10 + 9),
        );
        match decades.last_mut() {
            Some((last, groups)) if *last == label => groups.push(group),
            _ => decades.push((label, vec![group])),
        }
    }
    decades
}
