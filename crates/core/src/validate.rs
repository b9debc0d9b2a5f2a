//! Semantic checks of issue and archive values beyond what their types enforce: real dates,
//! positive numbers, unique and well-formed ids, non-empty text, a known format version.
//! Each problem names the JSON path of the offending value (`articles[1].blocks[3].text`).

use std::collections::HashSet;
use std::fmt;

use crate::archive::issue_path;
use crate::calendar::Date;
use crate::diagnostic::Message;
use crate::model::{ArchiveIndex, Issue, Region, FORMAT_VERSION, VOLUMES_FORMAT_VERSION};

/// One semantic problem in a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path of the value, e.g. `articles[1].blocks[3].text`.
    pub path: String,
    /// What is wrong and what was expected, in English.
    pub message: String,
    /// The message's id, for showing it in another language.
    pub id: &'static str,
    /// The values of the message's placeholders (the path is not among them).
    pub args: Vec<(&'static str, String)>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Collects problems under a path prefix.
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn fail(&mut self, path: impl Into<String>, message: Message) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.english,
            id: message.id,
            args: message.args,
        });
    }

    fn format_version(&mut self, version: u32) {
        if version != FORMAT_VERSION {
            self.fail(
                "format_version",
                Message::new(
                    "json-version",
                    format!("found version {version}; expected {FORMAT_VERSION}"),
                )
                .arg("found", version)
                .arg("expected", FORMAT_VERSION),
            );
        }
    }

    fn non_empty(&mut self, path: impl Into<String>, text: &str) {
        if text.trim().is_empty() {
            self.fail(path, Message::new("json-empty", "is empty; expected text"));
        }
    }

    fn positive(&mut self, path: &str, value: u32) {
        if value == 0 {
            self.fail(
                path,
                Message::new("json-zero", "is 0; expected a positive number"),
            );
        }
    }

    fn date(&mut self, path: &str, date: &str) -> Option<Date> {
        let parsed = Date::parse_iso(date);
        if parsed.is_none() {
            self.fail(
                path,
                Message::new(
                    "json-bad-date",
                    format!("found {date:?}; expected a real date written YYYY-MM-DD"),
                )
                .arg("found", date),
            );
        }
        parsed
    }

    fn issue_id(&mut self, path: &str, id: &str, date: Option<Date>, number: u32) {
        if let Some(date) = date {
            let expected = format!("{}-{}", date.year, number);
            if id != expected {
                self.fail(
                    path,
                    Message::new(
                        "json-issue-id",
                        format!("found {id:?}; expected {expected:?} (year-number)"),
                    )
                    .arg("found", id)
                    .arg("expected", &expected),
                );
            }
        }
    }

    fn region(&mut self, path: &str, region: &Region) {
        self.non_empty(format!("{path}.printed"), &region.printed);
        if region.county.is_some() && region.prefecture.is_none() {
            self.fail(
                format!("{path}.county"),
                Message::new(
                    "json-county-without-prefecture",
                    "is set without a prefecture; expected both",
                ),
            );
        }
    }
}

/// An id found twice where each must be unique.
fn used_twice(id: &str) -> Message {
    Message::new(
        "json-id-twice",
        format!("{id:?} is used twice; expected unique ids"),
    )
    .arg("id", id)
}

/// Checks an issue; returns every problem found (none when it is valid).
pub fn validate_issue(issue: &Issue) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    c.format_version(issue.format_version);
    c.non_empty("title", &issue.title);
    c.positive("number", issue.number);
    if let Some(serial) = issue.serial {
        c.positive("serial", serial);
    }
    let date = c.date("date", &issue.date);
    c.issue_id("id", &issue.id, date, issue.number);
    if let Some(note) = &issue.editor_note {
        c.non_empty("editor_note", note);
    }
    if issue.articles.is_empty() {
        c.fail(
            "articles",
            Message::new(
                "json-no-articles",
                "is empty; expected at least one article",
            ),
        );
    }
    let mut ids = HashSet::new();
    for (i, article) in issue.articles.iter().enumerate() {
        let path = format!("articles[{i}]");
        if !ids.insert(article.id.as_str()) {
            c.fail(format!("{path}.id"), used_twice(&article.id));
        }
        let prefix = format!("{}-", issue.id);
        let suffix_ok = article
            .id
            .strip_prefix(&prefix)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if !suffix_ok {
            c.fail(
                format!("{path}.id"),
                Message::new(
                    "json-article-id",
                    format!("found {:?}; expected \"{prefix}N\"", article.id),
                )
                .arg("found", &article.id)
                .arg("expected", format!("{prefix}N")),
            );
        }
        c.non_empty(format!("{path}.title"), &article.title);
        c.region(&format!("{path}.region"), &article.region);
        for (j, block) in article.blocks.iter().enumerate() {
            c.non_empty(format!("{path}.blocks[{j}].text"), &block.text);
        }
    }
    for (i, group) in issue.distribution.iter().enumerate() {
        c.non_empty(format!("distribution[{i}]"), group);
    }
    for (i, name) in issue.editors.iter().enumerate() {
        c.non_empty(format!("editors[{i}]"), name);
    }
    c.problems
}

/// Checks an archive index; returns every problem found (none when it is valid).
pub fn validate_archive(index: &ArchiveIndex) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    // An index in volumes, and each volume, has a version of its own.
    if index.format_version != VOLUMES_FORMAT_VERSION {
        c.format_version(index.format_version);
    }
    c.non_empty("title", &index.title);
    let mut issue_ids = HashSet::new();
    let mut article_ids = HashSet::new();
    let mut previous: Option<(&str, u32)> = None;
    for (i, issue) in index.issues.iter().enumerate() {
        let path = format!("issues[{i}]");
        if !issue_ids.insert(issue.id.as_str()) {
            c.fail(
                format!("{path}.id"),
                Message::new(
                    "json-issue-listed-twice",
                    format!("{:?} is listed twice; expected unique ids", issue.id),
                )
                .arg("id", &issue.id),
            );
        }
        c.positive(&format!("{path}.number"), issue.number);
        if let Some(serial) = issue.serial {
            c.positive(&format!("{path}.serial"), serial);
        }
        let date = c.date(&format!("{path}.date"), &issue.date);
        c.issue_id(&format!("{path}.id"), &issue.id, date, issue.number);
        if issue.path != issue_path(&issue.id) {
            c.fail(
                format!("{path}.path"),
                Message::new(
                    "json-issue-path",
                    format!(
                        "found {:?}; expected {:?}",
                        issue.path,
                        issue_path(&issue.id)
                    ),
                )
                .arg("found", &issue.path)
                .arg("expected", issue_path(&issue.id)),
            );
        }
        if let Some(prev) = previous {
            if (issue.date.as_str(), issue.number) > prev {
                c.fail(
                    format!("{path}.date"),
                    Message::new(
                        "json-not-newest-first",
                        "is newer than the issue before it; expected newest first",
                    ),
                );
            }
        }
        previous = Some((issue.date.as_str(), issue.number));
        for (j, article) in issue.articles.iter().enumerate() {
            let apath = format!("{path}.articles[{j}]");
            if !article_ids.insert(article.id.as_str()) {
                c.fail(format!("{apath}.id"), used_twice(&article.id));
            }
            if !article.id.starts_with(&format!("{}-", issue.id)) {
                c.fail(
                    format!("{apath}.id"),
                    Message::new(
                        "json-article-id",
                        format!("found {:?}; expected \"{}-N\"", article.id, issue.id),
                    )
                    .arg("found", &article.id)
                    .arg("expected", format!("{}-N", issue.id)),
                );
            }
            c.non_empty(format!("{apath}.title"), &article.title);
            c.region(&format!("{apath}.region"), &article.region);
        }
    }
    for (i, region) in index.regions.iter().enumerate() {
        c.non_empty(format!("regions[{i}].prefecture"), &region.prefecture);
        c.positive(&format!("regions[{i}].count"), region.count);
        let in_counties: u32 = region.counties.iter().map(|cc| cc.count).sum();
        if in_counties > region.count {
            c.fail(
                format!("regions[{i}].count"),
                Message::new(
                    "json-region-count",
                    format!(
                        "is {} but its counties count {in_counties}; expected at least their sum",
                        region.count
                    ),
                )
                .arg("count", region.count)
                .arg("counties", in_counties),
            );
        }
    }
    if let Some(search) = &index.search {
        c.non_empty("search", search);
    }
    c.problems
}
