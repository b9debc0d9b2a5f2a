//! Where each issue and article of the archive index is, by id: sorted once when the index
//! arrives, so that a view finds its issue or article by binary search instead of reading
//! the whole index on every render.

use lianluo_core::ArchiveIndex;

/// The archive index's positions by id.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Lookup {
    /// (issue id, its position), by id.
    issues: Vec<(String, usize)>,
    /// (article id, its issue's position, its position in the issue), by id.
    articles: Vec<(String, usize, usize)>,
}

impl Lookup {
    /// The positions of everything in `archive`.
    pub fn of(archive: &ArchiveIndex) -> Lookup {
        let mut issues = Vec::with_capacity(archive.issues.len());
        let mut articles = Vec::new();
        for (at, issue) in archive.issues.iter().enumerate() {
            issues.push((issue.id.clone(), at));
            for (place, article) in issue.articles.iter().enumerate() {
                articles.push((article.id.clone(), at, place));
            }
        }
        issues.sort_unstable();
        articles.sort_unstable();
        Lookup { issues, articles }
    }

    /// The position of the issue `id` in the index.
    pub fn issue(&self, id: &str) -> Option<usize> {
        let found = self
            .issues
            .binary_search_by(|(other, _)| other.as_str().cmp(id));
        found.ok().map(|i| self.issues[i].1)
    }

    /// The position of the article `id`: its issue's, and its own within the issue.
    pub fn article(&self, id: &str) -> Option<(usize, usize)> {
        let found = self
            .articles
            .binary_search_by(|(other, ..)| other.as_str().cmp(id));
        found.ok().map(|i| (self.articles[i].1, self.articles[i].2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lianluo_core::archive::build_archive_index;
    use lianluo_core::test_support::{article, bare_issue, paragraph, region};

    #[test]
    fn issues_and_articles_are_found_by_id_where_the_index_lists_them() {
        let issue = |id: &str, date: &str, articles: usize| {
            let body = (1..=articles)
                .map(|n| {
                    let place = region("湘潭市", "湘潭市", None);
                    article(&format!("{id}-{n}"), "标题", place, vec![paragraph("正文")])
                })
                .collect();
            bare_issue(id, date, body)
        };
        let archive = build_archive_index(&[
            issue("2017-15", "2017-08-30", 2),
            issue("2018-2", "2018-02-01", 3),
            issue("2018-1", "2018-01-05", 1),
        ]);
        let lookup = Lookup::of(&archive);
        // Newest first: 2018-2, 2018-1, 2017-15.
        assert_eq!(lookup.issue("2018-2"), Some(0));
        assert_eq!(lookup.issue("2017-15"), Some(2));
        assert_eq!(lookup.issue("2017-1"), None);
        assert_eq!(lookup.article("2018-2-3"), Some((0, 2)));
        assert_eq!(lookup.article("2017-15-1"), Some((2, 0)));
        assert_eq!(lookup.article("2018-1-2"), None);
    }
}
