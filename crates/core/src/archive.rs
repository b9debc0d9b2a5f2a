//! The archive index (`index.json`): every issue in brief, newest first, with per-region
//! article counts, built from the issues themselves.

use crate::model::{ArchiveIndex, ArticleSummary, Issue, IssueSummary, FORMAT_VERSION};
use crate::parse::DEFAULT_TITLE;
use crate::tally::region_counts;

/// Path of an issue's file relative to `index.json`.
pub fn issue_path(id: &str) -> String {
    format!("issues/{id}.json")
}

/// Builds the archive index. Issues are listed newest first (by date, then number, then id so
/// the order is total); regions are counted per prefecture with the counties beneath, most
/// articles first, ties by name. Articles whose region is unknown are listed but not counted.
/// `search` is left `None`: the caller sets it when it writes a search index.
pub fn build_archive_index(issues: &[Issue]) -> ArchiveIndex {
    let mut ordered: Vec<&Issue> = issues.iter().collect();
    ordered.sort_by(|a, b| {
        (b.date.as_str(), b.number, b.id.as_str()).cmp(&(a.date.as_str(), a.number, a.id.as_str()))
    });
    let summaries = ordered.iter().map(|issue| issue_summary(issue)).collect();
    ArchiveIndex {
        format_version: FORMAT_VERSION,
        title: ordered
            .first()
            .map_or(DEFAULT_TITLE, |i| i.title.as_str())
            .to_string(),
        issues: summaries,
        regions: region_counts(issues.iter().flat_map(|i| &i.articles).map(|a| &a.region)),
        search: None,
        volumes: None,
    }
}

/// An issue's entry in the archive index: its numbers, date, file and articles in brief.
pub fn issue_summary(issue: &Issue) -> IssueSummary {
    IssueSummary {
        id: issue.id.clone(),
        number: issue.number,
        serial: issue.serial,
        date: issue.date.clone(),
        path: issue_path(&issue.id),
        articles: issue
            .articles
            .iter()
            .map(|a| ArticleSummary {
                id: a.id.clone(),
                title: a.title.clone(),
                region: a.region.clone(),
            })
            .collect(),
    }
}
