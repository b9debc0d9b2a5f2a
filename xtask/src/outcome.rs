//! Reading test counts out of the tools' own output: cargo's (and wasm-bindgen-test-runner's)
//! `test result:` lines and node's test-runner summary.

/// How many tests passed and failed in one layer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Tests that passed.
    pub passed: u32,
    /// Tests that failed.
    pub failed: u32,
}

impl Counts {
    /// Tests that ran at all.
    pub fn total(self) -> u32 {
        self.passed + self.failed
    }
}

/// Sums every `test result: … N passed; M failed; …` line (one per test binary and doctest
/// run), as printed by `cargo test` and by wasm-bindgen-test-runner.
pub fn parse_cargo_test(output: &str) -> Counts {
    output
        .lines()
        .filter_map(|line| line.trim().strip_prefix("test result: "))
        .fold(Counts::default(), |sum, result| Counts {
            passed: sum.passed + count_before(result, "passed"),
            failed: sum.failed + count_before(result, "failed"),
        })
}

/// Reads node's test-runner summary: `# pass N` / `# fail N` (TAP reporter) or `ℹ pass N` /
/// `ℹ fail N` (spec reporter). The last summary wins, as it covers the whole run.
pub fn parse_node_test(output: &str) -> Counts {
    let mut counts = Counts::default();
    for line in output.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("# ").or_else(|| line.strip_prefix("ℹ ")) else {
            continue;
        };
        let mut words = rest.split_whitespace();
        let (Some(key), Some(value), None) = (words.next(), words.next(), words.next()) else {
            continue;
        };
        let Ok(value) = value.parse() else {
            continue;
        };
        match key {
            "pass" => counts.passed = value,
            "fail" => counts.failed = value,
            _ => {}
        }
    }
    counts
}

/// The number just before `word` in `text` (`"3 passed"` → 3), or 0.
fn count_before(text: &str, word: &str) -> u32 {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ';' || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .find(|pair| pair[1] == word)
        .and_then(|pair| pair[0].parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_results_are_summed_over_every_binary() {
        let output = "\
running 12 tests
test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s

running 0 tests
test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
test result: FAILED. 3 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out; finished in 1.20s
";
        assert_eq!(
            parse_cargo_test(output),
            Counts {
                passed: 15,
                failed: 2
            }
        );
    }

    #[test]
    fn wasm_bindgen_test_runner_results_are_read() {
        let output = "running 2 tests\ntest document_exists ... ok\ntest arithmetic ... ok\n\n\
test result: ok. 2 passed; 0 failed; 0 ignored; 0 filtered out; finished in 0.05s\n";
        assert_eq!(
            parse_cargo_test(output),
            Counts {
                passed: 2,
                failed: 0
            }
        );
    }

    #[test]
    fn cargo_output_without_results_counts_nothing() {
        assert_eq!(
            parse_cargo_test("error[E0425]: cannot find value `x`\n").total(),
            0
        );
    }

    #[test]
    fn node_tap_summary_is_read() {
        let output = "\
TAP version 13
# Subtest: loads the newest issue
ok 1 - loads the newest issue
# tests 7
# suites 2
# pass 6
# fail 1
# cancelled 0
";
        assert_eq!(
            parse_node_test(output),
            Counts {
                passed: 6,
                failed: 1
            }
        );
    }

    #[test]
    fn node_spec_summary_is_read_and_comments_ignored() {
        let output = "ℹ tests 4\nℹ pass 4\nℹ fail 0\n# pass the salt please\n";
        assert_eq!(
            parse_node_test(output),
            Counts {
                passed: 4,
                failed: 0
            }
        );
    }
}
