//! The article lists the reader shows, as teasers worked out from the state: a region's
//! articles, and the current search's results with their snippets. They are worked out in a
//! memo keyed by what they show ([`TeaserSources`]), so that a render for anything else (a
//! keystroke, another file arriving) finds snippets and marks made already.

use std::rc::Rc;

use lianluo_core::search::{mark_ranges, snippet, Query, Snippet};
use lianluo_core::{ArchiveIndex, Article, ArticleSummary, BlockKind, Issue, IssueSummary};

use crate::components::region_view::opening;
use crate::components::search_view::Outcome;
use crate::components::teaser::{Excerpt, Teaser};
use crate::state::{Load, Placed, State};

/// What the listed teasers show, and so all they are worked out from: the archive index, the
/// entries listed, the search that marks them (none for a region), and the listed issues'
/// files. Files compare by identity, so comparing sources costs no more than listing them.
#[derive(PartialEq)]
pub struct TeaserSources {
    archive: Option<Rc<ArchiveIndex>>,
    listed: Vec<Placed>,
    search: Option<(String, Rc<Query>)>,
    files: Vec<Option<Load<Rc<Issue>>>>,
}

impl TeaserSources {
    /// The sources of the list `state` shows now (none when it shows no list).
    pub fn of(state: &State) -> Self {
        let archive = match state.index() {
            Load::Ready(archive) => Some(archive),
            _ => None,
        };
        let listed = match (&archive, state.page()) {
            (Some(_), Some(Ok(page))) => page.listed.clone(),
            _ => Vec::new(),
        };
        let files = match &archive {
            Some(archive) => listed
                .iter()
                .map(|placed| state.issue(&archive.issues[placed.issue].id))
                .collect(),
            None => Vec::new(),
        };
        TeaserSources {
            archive,
            listed,
            search: state.search().query.clone(),
            files,
        }
    }
}

/// The listed entries as teasers: with the search's snippet and marks when a search lists
/// them, else with the opening of the article's first paragraph.
pub fn listed_teasers(sources: &TeaserSources) -> Vec<Teaser> {
    crate::render_count::rendered(crate::render_count::TEASERS_WORKED_OUT);
    let Some(archive) = &sources.archive else {
        return Vec::new();
    };
    let search = sources.search.as_ref();
    sources
        .listed
        .iter()
        .zip(&sources.files)
        .map(|(&placed, file)| {
            let (issue, article) = at(archive, placed);
            let excerpt = excerpt(file, article, |article| match search {
                Some((_, query)) => {
                    let blocks: Vec<&str> =
                        article.blocks.iter().map(|b| b.text.as_str()).collect();
                    snippet(&blocks, query)
                }
                None => article
                    .blocks
                    .iter()
                    .find(|b| b.kind == BlockKind::Paragraph)
                    .map(|block| opening(&block.text)),
            });
            let teaser = Teaser::new(issue, article, excerpt);
            match search {
                Some((typed, query)) => Teaser {
                    title_marks: mark_ranges(&article.title, query),
                    highlight: Some(typed.clone()),
                    ..teaser
                },
                None => teaser,
            }
        })
        .collect()
}

/// The current search's results as the view shows them: `teasers` are its listed cards.
pub fn search_outcome(state: &State, archive: &ArchiveIndex, teasers: &Rc<Vec<Teaser>>) -> Outcome {
    let Some((_, query)) = &state.search().query else {
        return Outcome::NoQuery;
    };
    if archive.search.is_none() {
        return Outcome::NoIndex;
    }
    if query.is_empty() {
        return Outcome::NoQuery;
    }
    match state.page() {
        None => Outcome::Searching,
        Some(Err(error)) => Outcome::Failed(error.clone()),
        Some(Ok(page)) => Outcome::Found {
            cards: teasers.clone(),
            total: page.total,
        },
    }
}

/// The region's total of articles (its listed ones are the teasers).
pub fn region_total(state: &State) -> usize {
    match state.page() {
        Some(Ok(page)) => page.total,
        _ => 0,
    }
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
    file: &Option<Load<Rc<Issue>>>,
    summary: &ArticleSummary,
    lines: impl FnOnce(&Article) -> Option<Snippet>,
) -> Excerpt {
    match file {
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
        let mut entries = listed_teasers(&TeaserSources::of(&state));
        assert_eq!((entries.len(), region_total(&state)), (1, 1));
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
