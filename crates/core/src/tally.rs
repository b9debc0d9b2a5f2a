//! Counting articles per region: the archive index's region counts, and the region facets of
//! a search's results, which are counted anew for every query and so by positions, not names.

use crate::model::{ArchiveIndex, CountyCount, Region, RegionCount};

/// Each article's prefecture and county as positions in lists of names, so that any set of
/// articles can be counted per region without comparing names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegionTally {
    /// Prefecture names, in order of first appearance.
    prefectures: Vec<String>,
    /// County names with the position of their prefecture, in order of first appearance.
    counties: Vec<(usize, String)>,
    /// For each article, in the order given: its prefecture's and county's positions.
    places: Vec<Option<(usize, Option<usize>)>>,
}

impl RegionTally {
    /// The tally of the articles whose regions are given, in order: article `i` is the `i`-th.
    /// Articles with no known prefecture are never counted.
    pub fn new<'a>(regions: impl IntoIterator<Item = &'a Region>) -> Self {
        let mut tally = RegionTally::default();
        for region in regions {
            let place = region.prefecture.as_ref().map(|prefecture| {
                let p = match tally.prefectures.iter().position(|name| name == prefecture) {
                    Some(p) => p,
                    None => {
                        tally.prefectures.push(prefecture.clone());
                        tally.prefectures.len() - 1
                    }
                };
                let county = region.county.as_ref().map(|county| {
                    match tally
                        .counties
                        .iter()
                        .position(|(of, name)| *of == p && name == county)
                    {
                        Some(c) => c,
                        None => {
                            tally.counties.push((p, county.clone()));
                            tally.counties.len() - 1
                        }
                    }
                });
                (p, county)
            });
            tally.places.push(place);
        }
        tally
    }

    /// The tally of an archive's articles in search document order (issues as listed,
    /// articles as printed; see `search::doc_facts`), so that a query's hits count by their
    /// document numbers.
    pub fn of_documents(archive: &ArchiveIndex) -> Self {
        RegionTally::new(
            archive
                .issues
                .iter()
                .flat_map(|issue| &issue.articles)
                .map(|article| &article.region),
        )
    }

    /// The names of article `i`'s prefecture and county, when known.
    pub fn names_of(&self, i: usize) -> (Option<&str>, Option<&str>) {
        match self.places.get(i).copied().flatten() {
            None => (None, None),
            Some((prefecture, county)) => (
                Some(self.prefectures[prefecture].as_str()),
                county.map(|c| self.counties[c].1.as_str()),
            ),
        }
    }

    /// How many of the given articles (by position; unknown positions are skipped) come from
    /// each prefecture, and from each county beneath it: most first, ties by name.
    pub fn count(&self, articles: impl IntoIterator<Item = usize>) -> Vec<RegionCount> {
        let mut per_prefecture = vec![0u32; self.prefectures.len()];
        let mut per_county = vec![0u32; self.counties.len()];
        for (prefecture, county) in articles
            .into_iter()
            .filter_map(|i| self.places.get(i).copied().flatten())
        {
            per_prefecture[prefecture] += 1;
            if let Some(county) = county {
                per_county[county] += 1;
            }
        }
        let mut counts: Vec<RegionCount> = Vec::new();
        for (p, name) in self.prefectures.iter().enumerate() {
            if per_prefecture[p] == 0 {
                continue;
            }
            let mut counties: Vec<CountyCount> = self
                .counties
                .iter()
                .zip(&per_county)
                .filter(|((of, _), count)| *of == p && **count > 0)
                .map(|((_, county), count)| CountyCount {
                    county: county.clone(),
                    count: *count,
                })
                .collect();
            by_count_then_name(&mut counties, |c| (c.count, &c.county));
            counts.push(RegionCount {
                prefecture: name.clone(),
                count: per_prefecture[p],
                counties,
            });
        }
        by_count_then_name(&mut counts, |c| (c.count, &c.prefecture));
        counts
    }
}

/// How many of the articles whose regions are given come from each prefecture, and from each
/// county beneath it: most first, ties by name. Articles with no known prefecture are not
/// counted.
pub fn region_counts<'a>(regions: impl IntoIterator<Item = &'a Region>) -> Vec<RegionCount> {
    let tally = RegionTally::new(regions);
    tally.count(0..tally.places.len())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn region(prefecture: Option<&str>, county: Option<&str>) -> Region {
        Region {
            printed: String::new(),
            prefecture: prefecture.map(str::to_owned),
            county: county.map(str::to_owned),
        }
    }

    /// The counts worked out the slow way, independently of the tally: by name, in ordered
    /// maps, sorted with the standard sort.
    fn counted_by_name<'a>(regions: impl IntoIterator<Item = &'a Region>) -> Vec<RegionCount> {
        use std::collections::BTreeMap;
        let mut prefectures: BTreeMap<&str, (u32, BTreeMap<&str, u32>)> = BTreeMap::new();
        for region in regions {
            let Some(prefecture) = region.prefecture.as_deref() else {
                continue;
            };
            let (count, counties) = prefectures.entry(prefecture).or_default();
            *count += 1;
            if let Some(county) = region.county.as_deref() {
                *counties.entry(county).or_default() += 1;
            }
        }
        let mut counts: Vec<RegionCount> = prefectures
            .into_iter()
            .map(|(prefecture, (count, counties))| {
                let mut counties: Vec<CountyCount> = counties
                    .into_iter()
                    .map(|(county, count)| CountyCount {
                        county: county.to_owned(),
                        count,
                    })
                    .collect();
                counties.sort_by(|a, b| b.count.cmp(&a.count).then(a.county.cmp(&b.county)));
                RegionCount {
                    prefecture: prefecture.to_owned(),
                    count,
                    counties,
                }
            })
            .collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.prefecture.cmp(&b.prefecture)));
        counts
    }

    #[test]
    fn a_subset_is_counted_like_the_same_articles_by_name() {
        let regions = [
            region(Some("长沙市"), Some("浏阳市")),
            region(Some("衡阳市"), None),
            region(None, None),
            region(Some("长沙市"), Some("宁乡市")),
            region(Some("长沙市"), Some("浏阳市")),
            region(Some("衡阳市"), Some("衡山县")),
        ];
        let tally = RegionTally::new(&regions);
        for subset in [
            vec![0, 1, 2, 3, 4, 5],
            vec![1, 5],
            vec![0, 4, 2],
            vec![],
            vec![9, 3],
        ] {
            let by_name = counted_by_name(subset.iter().filter_map(|&i| regions.get(i)));
            assert_eq!(tally.count(subset.iter().copied()), by_name, "{subset:?}");
        }
        let all = tally.count(0..regions.len());
        assert_eq!(all[0].prefecture, "长沙市");
        assert_eq!(all[0].count, 3);
        assert_eq!(all[0].counties[0].county, "浏阳市");
        assert_eq!(all[0].counties[0].count, 2);
        assert_eq!(all[1].counties.len(), 1);
        assert_eq!(region_counts(&regions), counted_by_name(&regions));
    }

    proptest::proptest! {
        #[test]
        fn any_subset_is_counted_like_the_slow_way(
            picks in proptest::collection::vec((0usize..4, 0usize..4), 0..40),
            subset in proptest::collection::vec(0usize..45, 0..30),
        ) {
            const PREFECTURES: [Option<&str>; 4] = [None, Some("长沙市"), Some("衡阳市"), Some("湘潭市")];
            const COUNTIES: [Option<&str>; 4] = [None, Some("浏阳市"), Some("衡山县"), Some("湘潭县")];
            let regions: Vec<Region> = picks
                .iter()
                .map(|&(p, c)| region(PREFECTURES[p], PREFECTURES[p].and(COUNTIES[c])))
                .collect();
            let tally = RegionTally::new(&regions);
            // Each article at most once, as the reader hands over a query's hits.
            let mut unique = subset.clone();
            unique.sort_unstable();
            unique.dedup();
            let expected = counted_by_name(unique.iter().filter_map(|&i| regions.get(i)));
            proptest::prop_assert_eq!(tally.count(unique.iter().copied()), expected);
        }
    }
}
