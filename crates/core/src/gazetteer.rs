//! The regions gazetteer: Hunan's prefecture- and county-level divisions with the other names
//! they are printed under, and the resolution of a printed region to canonical names.
//!
//! The data is `data/hunan-divisions.tsv`, compiled in. A printed region resolves by the
//! longest known name at its start, so `湘潭县` is the county even though `湘潭` (the
//! prefecture's short form) is also a prefix; a prefecture may be followed by one of its
//! counties (`长沙市浏阳市`), and anything after the county (a township, `…镇人大`) is kept
//! only in the printed form.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::Region;

/// The divisions table, tab-separated: prefecture, county (empty on a prefecture's own row),
/// comma-separated other names.
const HUNAN_DIVISIONS_TSV: &str = include_str!("../data/hunan-divisions.tsv");

/// How the province may be printed before a region, longest first.
const PROVINCE_PREFIXES: [&str; 2] = ["湖南省", "湖南"];

/// What a known name stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Division {
    prefecture: String,
    county: Option<String>,
}

/// Known names (canonical and other) of every division, for resolving printed regions.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    by_name: HashMap<String, Division>,
    /// The longest known name, in characters: the most a prefix match needs to look at.
    longest_name: usize,
}

impl Gazetteer {
    /// The compiled-in gazetteer of Hunan, parsed once.
    pub fn hunan() -> &'static Gazetteer {
        static HUNAN: OnceLock<Gazetteer> = OnceLock::new();
        HUNAN.get_or_init(|| {
            Gazetteer::parse(HUNAN_DIVISIONS_TSV)
                .unwrap_or_else(|e| panic!("the compiled-in gazetteer is invalid: {e}"))
        })
    }

    /// Parses a divisions table (see [`HUNAN_DIVISIONS_TSV`] for the layout); `#` lines are
    /// comments and the first other line is the header. Fails, naming the line, on a row
    /// without a prefecture or a name claimed by two divisions.
    pub fn parse(tsv: &str) -> Result<Gazetteer, String> {
        let mut by_name: HashMap<String, Division> = HashMap::new();
        let rows = tsv
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1);
        for (index, row) in rows {
            let line = index + 1;
            let mut cells = row.split('\t').map(str::trim);
            let prefecture = cells.next().unwrap_or_default();
            let county = cells.next().unwrap_or_default();
            let aliases = cells.next().unwrap_or_default();
            if prefecture.is_empty() {
                return Err(format!(
                    "line {line}: a row needs a prefecture in its first column"
                ));
            }
            let division = Division {
                prefecture: prefecture.to_string(),
                county: (!county.is_empty()).then(|| county.to_string()),
            };
            let canonical = if county.is_empty() {
                prefecture
            } else {
                county
            };
            let names = std::iter::once(canonical).chain(
                aliases
                    .split([',', '，'])
                    .map(str::trim)
                    .filter(|a| !a.is_empty()),
            );
            for name in names {
                match by_name.get(name) {
                    Some(existing) if *existing != division => {
                        return Err(format!("line {line}: the name {name} is already used"));
                    }
                    _ => {
                        by_name.insert(name.to_string(), division.clone());
                    }
                }
            }
        }
        let longest_name = by_name.keys().map(|n| n.chars().count()).max().unwrap_or(0);
        Ok(Gazetteer {
            by_name,
            longest_name,
        })
    }

    /// Resolves a region as printed in a heading. Unknown regions keep their printed form with
    /// no prefecture or county; the caller decides whether to warn.
    pub fn resolve(&self, printed: &str) -> Region {
        let unknown = Region {
            printed: printed.to_string(),
            prefecture: None,
            county: None,
        };
        // The province is sometimes printed first (湖南省长沙市); every division is in it.
        let local = PROVINCE_PREFIXES
            .iter()
            .find_map(|p| printed.strip_prefix(p))
            .unwrap_or(printed);
        let Some((first, rest)) = self.longest_prefix(local) else {
            return unknown;
        };
        let county = match &first.county {
            Some(county) => Some(county.clone()),
            // A prefecture may be followed by one of its own counties: 长沙市浏阳市.
            None => self
                .longest_prefix(rest)
                .filter(|(d, _)| d.prefecture == first.prefecture)
                .and_then(|(d, _)| d.county.clone()),
        };
        Region {
            printed: printed.to_string(),
            prefecture: Some(first.prefecture.clone()),
            county,
        }
    }

    /// The division whose name is the longest prefix of `text`, with the text after it.
    fn longest_prefix<'t>(&self, text: &'t str) -> Option<(&Division, &'t str)> {
        let ends: Vec<usize> = text.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
        ends.iter()
            .take(self.longest_name)
            .rev()
            .find_map(|&end| self.by_name.get(&text[..end]).map(|d| (d, &text[end..])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(printed: &str) -> (Option<String>, Option<String>) {
        let r = Gazetteer::hunan().resolve(printed);
        assert_eq!(r.printed, printed);
        (r.prefecture, r.county)
    }

    fn known(prefecture: &str, county: Option<&str>) -> (Option<String>, Option<String>) {
        (Some(prefecture.to_string()), county.map(str::to_string))
    }

    #[test]
    fn the_table_has_every_division() {
        let g = Gazetteer::hunan();
        let prefectures: std::collections::HashSet<_> =
            g.by_name.values().map(|d| d.prefecture.clone()).collect();
        let counties: std::collections::HashSet<_> = g
            .by_name
            .values()
            .filter_map(|d| d.county.clone())
            .collect();
        assert_eq!(prefectures.len(), 14);
        assert_eq!(counties.len(), 122);
    }

    #[test]
    fn short_forms_and_old_names_resolve() {
        let xiangxi = known("湘西土家族苗族自治州", None);
        assert_eq!(resolve("湘西自治州"), xiangxi);
        assert_eq!(resolve("湘西州"), xiangxi);
        assert_eq!(resolve("湘西土家族苗族自治州"), xiangxi);
        assert_eq!(resolve("邵东县"), known("邵阳市", Some("邵东市")));
        assert_eq!(resolve("浏阳市"), known("长沙市", Some("浏阳市")));
    }

    #[test]
    fn longest_match_beats_a_short_alias_that_is_a_prefix() {
        assert_eq!(resolve("湘潭"), known("湘潭市", None));
        assert_eq!(resolve("湘潭市"), known("湘潭市", None));
        assert_eq!(resolve("湘潭县"), known("湘潭市", Some("湘潭县")));
        assert_eq!(resolve("衡阳县"), known("衡阳市", Some("衡阳县")));
    }

    #[test]
    fn a_township_resolves_to_its_county_and_prefecture() {
        assert_eq!(resolve("浏阳市沙市镇人大"), known("长沙市", Some("浏阳市")));
        assert_eq!(
            resolve("长沙市望城区乔口镇人大"),
            known("长沙市", Some("望城区"))
        );
        assert_eq!(resolve("望城区乔口镇人大"), known("长沙市", Some("望城区")));
    }

    #[test]
    fn a_printed_province_prefix_is_skipped() {
        assert_eq!(resolve("湖南省浏阳市"), known("长沙市", Some("浏阳市")));
        assert_eq!(resolve("湖南湘潭县"), known("湘潭市", Some("湘潭县")));
        assert_eq!(resolve("湖南省"), (None, None));
    }

    #[test]
    fn a_county_of_another_prefecture_after_a_prefecture_is_not_taken() {
        assert_eq!(resolve("长沙市衡阳县"), known("长沙市", None));
    }

    #[test]
    fn unknown_regions_stay_as_printed() {
        assert_eq!(resolve("北京市"), (None, None));
        assert_eq!(resolve(""), (None, None));
    }

    #[test]
    fn a_name_claimed_twice_is_refused_with_its_line() {
        let tsv = "p\tc\ta\nA市\t\tA\nB市\t\tA\n";
        assert_eq!(
            Gazetteer::parse(tsv).unwrap_err(),
            "line 3: the name A is already used"
        );
    }
}
