//! A query's answer as the reader lists it: its hits best first and newest first, and how
//! many come from each region. Worked out where the hits are (in the search module, for the
//! shipped reader), so that the reader's first load carries no counting or ordering of hits.

use super::evaluate::{doc_facts, DocFacts};
use super::scoring::{newest_first, Hit};
use crate::model::{ArchiveIndex, CountyCount, RegionCount};
use crate::tally::RegionTally;

/// The archive's documents as searching sees them: what evaluating needs of each, and each
/// one's region by position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDocs {
    /// Each document's title and place, in document order.
    pub facts: Vec<DocFacts>,
    /// Each document's region, in document order.
    pub regions: RegionTally,
}

/// A query's matching documents in both orders, with their counts per region.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answer {
    /// Best match first.
    pub best_first: Vec<Hit>,
    /// Newest article first.
    pub newest_first: Vec<Hit>,
    /// Article counts per prefecture (and county beneath) among all of them: most first,
    /// ties by name.
    pub facets: Vec<RegionCount>,
}

impl SearchDocs {
    /// The documents of `archive`, in document order.
    pub fn of(archive: &ArchiveIndex) -> Self {
        SearchDocs {
            facts: doc_facts(archive),
            regions: RegionTally::of_documents(archive),
        }
    }

    /// The answer whose hits, best first, are `best_first`.
    pub fn answer(&self, best_first: Vec<Hit>) -> Answer {
        Answer {
            newest_first: newest_first(&best_first),
            facets: self
                .regions
                .count(best_first.iter().map(|hit| hit.doc as usize)),
            best_first,
        }
    }
}

/// Region counts as plain names and numbers, to cross from one WebAssembly module to another:
/// for each prefecture its name, then its counties' names; its count, how many counties
/// follow, then their counts.
pub fn facets_to_parts(facets: &[RegionCount]) -> (Vec<String>, Vec<u32>) {
    let (mut names, mut numbers) = (Vec::new(), Vec::new());
    for region in facets {
        names.push(region.prefecture.clone());
        numbers.extend([region.count, region.counties.len() as u32]);
        for county in &region.counties {
            names.push(county.county.clone());
            numbers.push(county.count);
        }
    }
    (names, numbers)
}

/// Region counts from [`facets_to_parts`]'s names and numbers; `None` when they do not fit
/// together.
pub fn facets_from_parts(names: Vec<String>, numbers: &[u32]) -> Option<Vec<RegionCount>> {
    let mut names = names.into_iter();
    let mut numbers = numbers.iter().copied();
    let mut facets = Vec::new();
    while let Some(count) = numbers.next() {
        let prefecture = names.next()?;
        let counties = (0..numbers.next()?)
            .map(|_| {
                Some(CountyCount {
                    county: names.next()?,
                    count: numbers.next()?,
                })
            })
            .collect::<Option<_>>()?;
        facets.push(RegionCount {
            prefecture,
            count,
            counties,
        });
    }
    names.next().is_none().then_some(facets)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn county(name: &str, count: u32) -> CountyCount {
        CountyCount {
            county: name.into(),
            count,
        }
    }

    #[test]
    fn facets_cross_as_names_and_numbers_and_back() {
        let facets = vec![
            RegionCount {
                prefecture: "长沙市".into(),
                count: 5,
                counties: vec![county("浏阳市", 3), county("宁乡市", 1)],
            },
            RegionCount {
                prefecture: "湘潭市".into(),
                count: 2,
                counties: Vec::new(),
            },
        ];
        let (names, numbers) = facets_to_parts(&facets);
        assert_eq!(names, ["长沙市", "浏阳市", "宁乡市", "湘潭市"]);
        assert_eq!(numbers, [5, 2, 3, 1, 2, 0]);
        assert_eq!(facets_from_parts(names, &numbers), Some(facets));
        assert_eq!(facets_from_parts(Vec::new(), &[]), Some(Vec::new()));
    }

    #[test]
    fn parts_that_do_not_fit_are_refused() {
        let names = |list: &[&str]| list.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        // A county more than the names hold, a name left over, a count cut short.
        assert_eq!(facets_from_parts(names(&["长沙市"]), &[5, 1, 3]), None);
        assert_eq!(
            facets_from_parts(names(&["长沙市", "浏阳市"]), &[5, 0]),
            None
        );
        assert_eq!(facets_from_parts(names(&["长沙市"]), &[5]), None);
    }
}
