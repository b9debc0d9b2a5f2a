//! The article lists the reader shows, as teasers worked out from the state: a region's
//! articles, and the current search's results with their snippets.

use lianluo_core::search::{mark_ranges, snippet, Snippet};
use lianluo_core::{ArchiveIndex, Article, ArticleSummary, BlockKind, IssueSummary};

use crate::components::region_view::opening;
use crate::components::search_view::Outcome;
use crate::components::teaser::{Excerpt, Teaser};
use crate::state::{Load, Placed, State};

/// The current search's results as the view shows them, snippets from the issue files here.
pub fn search_outcome(state: &State, archive: &ArchiveIndex) -> Outcome {
    let Some((typed, query)) = &state.search().query else {
        return Outcome::NoQuery;
    };
    if archive.search.is_none() {
        return Outcome::NoIndex;
    }
    if query.is_empty() {
        return Outcome::NoQuery;
    }
    let page = match state.page() {
        None => return Outcome::Searching,
        Some(Err(error)) => return Outcome::Failed(error.clone()),
        Some(Ok(page)) => page,
    };
    let cards = page
        .listed
        .iter()
        .map(|&placed| {
            let excerpt = excerpt(state, archive, placed, |article| {
                let blocks: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
                snippet(&blocks, query)
            });
            let (issue, article) = at(archive, placed);
            Teaser {
                title_marks: mark_ranges(&article.title, query),
                highlight: Some(typed.clone()),
                ..Teaser::new(issue, article, excerpt)
            }
        })
        .collect();
    Outcome::Found {
        cards,
        total: page.total,
    }
}

/// The region's articles as teasers, as many as the state lists, and the region's total.
pub fn region_entries(state: &State, archive: &ArchiveIndex) -> (Vec<Teaser>, usize) {
    let Some(Ok(page)) = state.page() else {
        return (Vec::new(), 0);
    };
    let entries = page
        .listed
        .iter()
        .map(|&placed| {
            let excerpt = excerpt(state, archive, placed, |article| {
                let paragraph = article
                    .blocks
                    .iter()
                    .find(|b| b.kind == BlockKind::Paragraph);
                paragraph.map(|block| opening(&block.text))
            });
            let (issue, article) = at(archive, placed);
            Teaser::new(issue, article, excerpt)
        })
        .collect();
    (entries, page.total)
}

/// The issue and the article at a place in the archive index.
fn at(archive: &ArchiveIndex, placed: Placed) -> (&IssueSummary, &ArticleSummary) {
    let issue = &archive.issues[placed.issue];
    (issue, &issue.articles[placed.article])
}

/// A teaser's lines, cut by `lines` from the article in its issue file, or the opening of its
/// first block when `lines` finds none (a search that matched the title only, an article of
/// sub-headings only): loading while the file is on its way, failed when it could not be had.
fn excerpt(
    state: &State,
    archive: &ArchiveIndex,
    placed: Placed,
    lines: impl FnOnce(&Article) -> Option<Snippet>,
) -> Excerpt {
    let (issue, summary) = at(archive, placed);
    match state.issue(&issue.id) {
        Some(Load::Ready(loaded)) => {
            let Some(article) = loaded.articles.iter().find(|a| a.id == summary.id) else {
                return Excerpt::Empty;
            };
            lines(article)
                .or_else(|| article.blocks.first().map(|block| opening(&block.text)))
                .map_or(Excerpt::Empty, Excerpt::Ready)
        }
        Some(Load::Failed(_)) => Excerpt::Failed,
        _ => Excerpt::Loading,
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use lianluo_core::archive::build_archive_index;
    use lianluo_core::test_support::{article, bare_issue, region};
    use lianluo_core::{Block, Issue};

    use super::*;
    use crate::route::{RegionFilter, Route};
    use crate::state::{Action, File, FileKey};
    use crate::text_size::TextSize;

    /// An issue of one article from 湘潭市 whose body is `blocks`.
    fn issue(blocks: Vec<Block>) -> Issue {
        let article = article("2018-1-1", "标题", region("湘潭市", "湘潭市", None), blocks);
        bare_issue("2018-1", "2018-01-05", vec![article])
    }

    /// The region list's one teaser's excerpt, with the issue file delivered as `file`.
    fn excerpt_with(file: Result<Issue, crate::error::LoadError>) -> Excerpt {
        let body = file
            .as_ref()
            .map_or_else(|_| issue(Vec::new()), Clone::clone);
        let archive = Rc::new(build_archive_index(&[body]));
        let route = Route::Region(RegionFilter {
            prefecture: "湘潭市".into(),
            county: None,
        });
        let mut state = State::new(route, TextSize::Standard);
        let index = File::index(archive.clone());
        state.apply(Action::FileArrived(FileKey::Index, Ok(index)));
        let file = file.map(|issue| File::Issue(Rc::new(issue)));
        state.apply(Action::FileArrived(FileKey::Issue("2018-1".into()), file));
        let (mut entries, total) = region_entries(&state, &archive);
        assert_eq!((entries.len(), total), (1, 1));
        entries.remove(0).excerpt
    }

    fn heading(text: &str) -> Block {
        Block {
            kind: BlockKind::Heading,
            text: text.into(),
        }
    }

    #[test]
    fn an_article_of_sub_headings_only_shows_its_first_not_a_failure() {
        let excerpt = excerpt_with(Ok(issue(vec![heading("一、选举工作")])));
        let Excerpt::Ready(lines) = excerpt else {
            panic!("expected the first sub-heading, got {excerpt:?}")
        };
        assert_eq!(lines.text, "一、选举工作");
    }

    #[test]
    fn an_article_without_blocks_shows_no_lines() {
        assert_eq!(excerpt_with(Ok(issue(Vec::new()))), Excerpt::Empty);
    }

    #[test]
    fn only_a_failed_issue_file_is_said_to_have_failed() {
        let error = crate::error::LoadError::new(
            "issues/2018-1.json",
            crate::error::LoadErrorKind::Network,
        );
        assert_eq!(excerpt_with(Err(error)), Excerpt::Failed);
    }
}
