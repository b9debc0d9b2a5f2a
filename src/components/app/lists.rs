//! The article lists the reader shows, as teasers worked out from the state: a region's
//! articles, and the current search's results with their snippets.

use lianluo_core::search::{mark_ranges, snippet, Snippet};
use lianluo_core::{Article, ArticleSummary, BlockKind, IssueSummary};

use crate::components::region_view::opening;
use crate::components::search_view::Outcome;
use crate::components::teaser::{Excerpt, Teaser};
use crate::route::RegionFilter;
use crate::state::{Load, State};

/// The current search's results as the view shows them, snippets from the issue files here.
pub fn search_outcome(state: &State) -> Outcome {
    let Some((search, query)) = state.search() else {
        return Outcome::NoQuery;
    };
    let typed = &search.query;
    if !state.has_search() {
        return Outcome::NoIndex;
    }
    if query.is_empty() {
        return Outcome::NoQuery;
    }
    let page = match state.search_page() {
        None => return Outcome::Searching,
        Some(Err(error)) => return Outcome::Failed(error),
        Some(Ok(page)) => page,
    };
    let cards = page
        .listed
        .iter()
        .map(|entry| {
            let excerpt = excerpt(state, entry.issue, entry.article, |article| {
                let blocks: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
                snippet(&blocks, &query)
            });
            Teaser {
                title_marks: mark_ranges(&entry.article.title, &query),
                highlight: Some(typed.clone()),
                ..Teaser::new(entry.issue, entry.article, excerpt)
            }
        })
        .collect();
    Outcome::Found {
        cards,
        total: page.total,
    }
}

/// The region's articles as teasers, as many as the state lists, and the region's total.
pub fn region_entries(state: &State, filter: &RegionFilter) -> (Vec<Teaser>, usize) {
    let all = state.region_articles(filter);
    let entries = all
        .iter()
        .take(state.region_limit)
        .map(|(issue, article)| {
            let excerpt = excerpt(state, issue, article, |article| {
                let paragraph = article
                    .blocks
                    .iter()
                    .find(|b| b.kind == BlockKind::Paragraph);
                paragraph.map(|block| opening(&block.text))
            });
            Teaser::new(issue, article, excerpt)
        })
        .collect();
    (entries, all.len())
}

/// A teaser's lines, cut by `lines` from the article in its issue file: loading while the file
/// is on its way, unavailable when it failed or does not hold the article.
fn excerpt(
    state: &State,
    issue: &IssueSummary,
    article: &ArticleSummary,
    lines: impl FnOnce(&Article) -> Option<Snippet>,
) -> Excerpt {
    match state.issues.get(&issue.id) {
        Some(Load::Ready(loaded)) => loaded
            .articles
            .iter()
            .find(|a| a.id == article.id)
            .and_then(lines)
            .map_or(Excerpt::Unavailable, Excerpt::Ready),
        Some(Load::Failed(_)) => Excerpt::Unavailable,
        _ => Excerpt::Loading,
    }
}
