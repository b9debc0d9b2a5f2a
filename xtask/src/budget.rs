//! The byte budget for first-load files, read from the committed `budget.json`: gzip bytes per
//! file pattern and in total. The test command fails when the build grows past it.

use crate::sizes::{matches, FileSize, LaterProgram};
use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The committed budget. The file's `about` text, for people, is not read.
#[derive(Debug, Clone, Deserialize)]
pub struct Budget {
    /// Limit on the sum of the first-load files' gzip sizes, in bytes.
    pub total_gzip_bytes: u64,
    /// Limit per file pattern (`lianluo-*.wasm`), gzip bytes.
    pub files: BTreeMap<String, u64>,
    /// Limit on the gzip bytes fetched before the newest issue's text is on screen
    /// ([`crate::sizes::FIRST_TEXT_FILES`]).
    pub first_text_gzip_bytes: u64,
    /// Limit on each later program's files together ([`crate::sizes::LATER_PROGRAMS`]), by
    /// its name, gzip bytes: what the search engine adds to a reader's first search, and
    /// what the check program adds to a damaged file's message.
    pub later_programs_gzip_bytes: BTreeMap<String, u64>,
}

impl Budget {
    /// Reads and parses the budget file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the byte budget {}", path.display()))?;
        serde_json::from_str(&text)
            .with_context(|| format!("{} is not a valid budget", path.display()))
    }

    /// Every way `sizes` break the budget, in words; empty when within it.
    pub fn violations(&self, sizes: &[FileSize]) -> Vec<String> {
        let mut problems = Vec::new();
        for (pattern, limit) in &self.files {
            let matching: Vec<&FileSize> =
                sizes.iter().filter(|s| matches(pattern, &s.name)).collect();
            if matching.is_empty() {
                problems.push(format!(
                    "no first-load file matches {pattern}; is dist/ complete?"
                ));
            }
            for size in matching {
                if size.gzip > *limit {
                    problems.push(format!(
                        "{} is {} bytes gzip, over its budget of {limit} ({pattern})",
                        size.name, size.gzip
                    ));
                }
            }
        }
        for size in sizes {
            if !self
                .files
                .keys()
                .any(|pattern| matches(pattern, &size.name))
            {
                problems.push(format!("{} has no budget in budget.json", size.name));
            }
        }
        let total: u64 = sizes.iter().map(|s| s.gzip).sum();
        if total > self.total_gzip_bytes {
            problems.push(format!(
                "first-load total is {total} bytes gzip, over the budget of {}",
                self.total_gzip_bytes
            ));
        }
        problems
    }

    /// Why `program`'s files (`sizes`) break the budget, are missing, or have no limit, if so.
    pub fn later_program_violation(
        &self,
        program: &LaterProgram,
        sizes: &[FileSize],
    ) -> Option<String> {
        let name = program.name;
        let Some(&limit) = self.later_programs_gzip_bytes.get(name) else {
            return Some(format!("the {name} program has no budget in budget.json"));
        };
        if sizes.len() != program.patterns.len() {
            return Some(format!(
                "the {name} program's glue or WebAssembly is missing from dist/"
            ));
        }
        let total: u64 = sizes.iter().map(|s| s.gzip).sum();
        (total > limit).then(|| {
            format!("the {name} program is {total} bytes gzip, over the budget of {limit}")
        })
    }

    /// Why the files before the first text break the budget, if they do.
    pub fn first_text_violation(&self, sizes: &[FileSize]) -> Option<String> {
        let total: u64 = sizes.iter().map(|s| s.gzip).sum();
        (total > self.first_text_gzip_bytes).then(|| {
            format!(
                "the newest issue's text needs {total} bytes gzip before it shows, over the budget of {}",
                self.first_text_gzip_bytes
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(name: &str, gzip: u64) -> FileSize {
        FileSize {
            name: name.to_owned(),
            raw: gzip * 3,
            gzip,
            brotli: gzip - 1,
        }
    }

    fn budget() -> Budget {
        serde_json::from_str(
            r#"{"about": "test", "total_gzip_bytes": 1000,
                "files": {"index.html": 100, "lianluo-*.wasm": 900},
                "first_text_gzip_bytes": 150,
                "later_programs_gzip_bytes": {"search": 300}}"#,
        )
        .unwrap()
    }

    #[test]
    fn within_budget_has_no_violations() {
        let sizes = [
            size("index.html", 100),
            size("lianluo-0123456789.wasm", 900),
        ];
        assert_eq!(budget().violations(&sizes), Vec::<String>::new());
    }

    #[test]
    fn a_file_over_its_limit_and_the_total_are_both_reported() {
        let sizes = [
            size("index.html", 101),
            size("lianluo-0123456789.wasm", 900),
        ];
        let problems = budget().violations(&sizes);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("index.html is 101 bytes gzip"));
        assert!(problems[1].contains("total is 1001 bytes"));
    }

    #[test]
    fn the_bytes_before_the_first_text_have_their_own_limit() {
        let within = [size("index.html", 100), size("data/view/latest.html", 50)];
        assert_eq!(budget().first_text_violation(&within), None);
        let over = [size("index.html", 100), size("data/view/latest.html", 51)];
        let problem = budget().first_text_violation(&over).expect("over");
        assert!(problem.contains("151 bytes gzip"), "{problem}");
    }

    #[test]
    fn a_later_program_has_its_own_limit_and_must_be_there() {
        let [search, check, _] = crate::sizes::LATER_PROGRAMS;
        let within = [
            size("lianluo-0123456789.search.js", 100),
            size("lianluo-0123456789.search.wasm", 200),
        ];
        assert_eq!(budget().later_program_violation(&search, &within), None);
        let over = [
            within[0].clone(),
            size("lianluo-0123456789.search.wasm", 201),
        ];
        let problem = budget()
            .later_program_violation(&search, &over)
            .expect("over");
        assert!(problem.contains("301 bytes gzip"), "{problem}");
        let missing = budget()
            .later_program_violation(&search, &within[..1])
            .expect("missing");
        assert!(missing.contains("missing"), "{missing}");
        let unbudgeted = budget()
            .later_program_violation(&check, &within)
            .expect("no limit");
        assert!(
            unbudgeted.contains("check program has no budget"),
            "{unbudgeted}"
        );
    }

    #[test]
    fn missing_and_unbudgeted_files_are_reported() {
        let sizes = [size("index.html", 10), size("lianluo.js", 10)];
        let problems = budget().violations(&sizes);
        assert_eq!(
            problems,
            [
                "no first-load file matches lianluo-*.wasm; is dist/ complete?",
                "lianluo.js has no budget in budget.json",
            ]
        );
    }

    #[test]
    fn the_committed_budget_parses_and_covers_every_first_load_file() {
        let committed =
            Budget::load(&crate::paths::budget_file(&crate::paths::repo_root())).unwrap();
        let per_file: u64 = committed.files.values().sum();
        assert!(
            committed.total_gzip_bytes <= per_file,
            "the total is the binding limit"
        );
        for pattern in crate::sizes::FIRST_LOAD_PATTERNS {
            assert!(
                committed.files.contains_key(pattern),
                "no budget for {pattern}"
            );
        }
    }
}
