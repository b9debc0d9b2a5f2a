//! The archive index (`index.json`): every issue in brief, newest first, with per-region
//! article counts, built from the issues themselves.

use crate::model::{
    ArchiveIndex, ArticleSummary, CountyCount, Issue, IssueSummary, Region, RegionCount,
    FORMAT_VERSION,
};
use crate::parse::DEFAULT_TITLE;

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

/// Most first, ties by name. An insertion sort: the lists are a handful of regions, and the
/// reader's WebAssembly then carries no general sort routine for them.
fn by_count_then_name<T>(items: &mut [T], key: impl Fn(&T) -> (u32, &str)) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && {
            let (count, name) = key(&items[j]);
            let (before_count, before_name) = key(&items[j - 1]);
            count > before_count || (count == before_count && name < before_name)
        } {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// How many of the articles whose regions are given come from each prefecture, and from each
/// county beneath it: most first, ties by name. Articles with no known prefecture are not
/// counted. Linear lookups: there are a handful of prefectures and a few counties in each,
/// and the reader's WebAssembly then carries no map for them.
pub fn region_counts<'a>(regions: impl IntoIterator<Item = &'a Region>) -> Vec<RegionCount> {
    let mut counts: Vec<RegionCount> = Vec::new();
    for region in regions {
        let Some(prefecture) = &region.prefecture else {
            continue;
        };
        let at = match counts.iter().position(|c| &c.prefecture == prefecture) {
            Some(at) => at,
            None => {
                counts.push(RegionCount {
                    prefecture: prefecture.clone(),
                    count: 0,
                    counties: Vec::new(),
                });
                counts.len() - 1
            }
        };
        let count = &mut counts[at];
        count.count += 1;
        if let Some(county) = &region.county {
            match count.counties.iter_mut().find(|c| &c.county == county) {
                Some(c) => c.count += 1,
                None => count.counties.push(CountyCount {
                    county: county.clone(),
                    count: 1,
                }),
            }
        }
    }
    for count in &mut counts {
        by_count_then_name(&mut count.counties, |c| (c.count, &c.county));
    }
    by_count_then_name(&mut counts, |c| (c.count, &c.prefecture));
    counts
}
