//! The data model: one issue of 联络动态, and the archive index that lists every issue.
//!
//! These types are the JSON format (see `docs/format.md` and the schemas in `schema/`). Field
//! names are part of the format: renaming one is a format change and bumps [`FORMAT_VERSION`].
//!
//! With the feature `miniserde` the types also derive miniserde's `Deserialize`: the reader's
//! WebAssembly reads `index.json` and issue files with it, as it takes far less code than
//! serde's derived visitors.

use serde::{Deserialize, Serialize};

/// The version of the JSON format written by this crate. Readers refuse other versions.
pub const FORMAT_VERSION: u32 = 1;

/// The version of an archive index whose older issues are in volume files
/// ([`ArchiveIndex::volumes`]), and of those files: a reader of version 1 would list only the
/// newest issues, so it is told the index is newer than it instead.
pub const VOLUMES_FORMAT_VERSION: u32 = 2;

/// One issue of the newsletter, as converted from its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "miniserde", derive(miniserde::Deserialize))]
pub struct Issue {
    /// Always [`FORMAT_VERSION`] when written by this crate.
    pub format_version: u32,
    /// Stable id: `{year}-{number}`, e.g. `2017-15`.
    pub id: String,
    /// The masthead title, e.g. `联络动态`.
    pub title: String,
    /// The issue number within its year (第 15 期 → 15).
    pub number: u32,
    /// The running serial number across all years (总第五百三十五期 → 535), when printed.
    pub serial: Option<u32>,
    /// The issue date, ISO 8601 (`2017-08-30`).
    pub date: String,
    /// Who publishes it (…委员会编 → …委员会).
    pub publisher: String,
    /// The editor's note without its 【编者按】 bracket, when there is one.
    pub editor_note: Option<String>,
    /// The articles, in printed order.
    pub articles: Vec<Article>,
    /// The distribution list (送：…), one group per printed line.
    pub distribution: Vec<String>,
    /// The responsible editors' names, padding removed (石 韧 → 石韧).
    pub editors: Vec<String>,
    /// Contact phone with a plain ASCII dash (0731-85309270).
    pub phone: Option<String>,
    /// Contact e-mail.
    pub email: Option<String>,
    /// The approval number (批准文号), e.g. `湘党简准字〔2000〕第28号`.
    pub approval: Option<String>,
    /// Which opinionated normalisations the converter applied to the text.
    pub normalization: Normalization,
}

/// Opinionated text normalisations, recorded so a reader of the JSON knows what was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "miniserde", derive(miniserde::Deserialize))]
pub struct Normalization {
    /// Half-width `,` `:` `;` between CJK characters were made full-width (`，` `：` `；`).
    pub cjk_punctuation: bool,
}

/// One article: a report from a region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "miniserde", derive(miniserde::Deserialize))]
pub struct Article {
    /// Stable id: `{issue id}-{position from 1}`, e.g. `2017-15-2`.
    pub id: String,
    /// Where the article reports from.
    pub region: Region,
    /// The title, without the region prefix.
    pub title: String,
    /// The body: paragraphs and sub-headings in order.
    pub blocks: Vec<Block>,
}

/// A region as printed in a heading and as resolved through the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "miniserde", derive(miniserde::Deserialize))]
pub struct Region {
    /// Exactly as printed before the colon (`湘西自治州`, `浏阳市…镇人大`).
    pub printed: String,
    /// The canonical prefecture-level division (`湘西土家族苗族自治州`), when known.
    pub prefecture: Option<String>,
    /// The canonical county-level division (`浏阳市`), when the region is one or lies in one.
    pub county: Option<String>,
}

/// One block of an article's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "miniserde", derive(miniserde::Deserialize))]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its text, page-break fragments joined.
    pub text: String,
}

/// The kinds of body block. Each variant names its JSON spelling itself, as miniserde (see
/// the crate's `miniserde` feature) reads no `rename_all`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "miniserde", derive(miniserde::Deserialize))]
pub enum BlockKind {
    /// A paragraph of running text.
    #[serde(rename = "paragraph")]
    Paragraph,
    /// A sub-heading on its own line (一、… (一)… 1. …).
    #[serde(rename = "heading")]
    Heading,
}

/// `index.json`: every issue in brief, newest first, so the reader can list issues and count
/// regions without fetching every issue file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "miniserde", derive(miniserde::Deserialize))]
pub struct ArchiveIndex {
    /// [`FORMAT_VERSION`], or [`VOLUMES_FORMAT_VERSION`] when the index is in volumes.
    pub format_version: u32,
    /// The newsletter's title (`联络动态`).
    pub title: String,
    /// Every issue, newest first (by date, then number).
    pub issues: Vec<IssueSummary>,
    /// Article counts per prefecture, with the counties beneath, most articles first.
    pub regions: Vec<RegionCount>,
    /// Path of the search manifest relative to `index.json`, when a search index was built.
    pub search: Option<String>,
    /// Paths relative to `index.json` of the volumes that hold the older issues, newest
    /// first: their issues follow `issues` (see [`crate::volumes`]). `null` (or absent, in
    /// indexes written before volumes) when every issue is listed here.
    pub volumes: Option<Vec<String>>,
}

impl ArchiveIndex {
    /// Whether every issue is listed here: no volumes (or an empty list of them) to join.
    pub fn is_whole(&self) -> bool {
        self.volumes.as_ref().is_none_or(Vec::is_empty)
    }

    /// Every article's id, in document order (issues newest first, articles in printed
    /// order): the order the search index numbers documents in.
    pub fn article_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.issues
            .iter()
            .flat_map(|issue| &issue.articles)
            .map(|article| article.id.as_str())
    }
}

/// One issue in the archive index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "miniserde", derive(miniserde::Deserialize))]
pub struct IssueSummary {
    /// The issue id (`2017-15`).
    pub id: String,
    /// Number within the year.
    pub number: u32,
    /// Running serial number, when printed.
    pub serial: Option<u32>,
    /// ISO date.
    pub date: String,
    /// Path of the issue file relative to `index.json` (`issues/2017-15.json`).
    pub path: String,
    /// Each article's id, title and region, in printed order.
    pub articles: Vec<ArticleSummary>,
}

/// One article in the archive index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "miniserde", derive(miniserde::Deserialize))]
pub struct ArticleSummary {
    /// The article id (`2017-15-2`).
    pub id: String,
    /// The title, without the region prefix.
    pub title: String,
    /// Where it reports from.
    pub region: Region,
}

/// How many articles report from one prefecture, and from which of its counties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "miniserde", derive(miniserde::Deserialize))]
pub struct RegionCount {
    /// Canonical prefecture name.
    pub prefecture: String,
    /// Articles from the prefecture or any place in it.
    pub count: u32,
    /// Articles per county beneath it, most first; articles about the prefecture as a whole
    /// are counted in `count` only.
    pub counties: Vec<CountyCount>,
}

/// Article count for one county.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "miniserde", derive(miniserde::Deserialize))]
pub struct CountyCount {
    /// Canonical county name.
    pub county: String,
    /// Articles from it.
    pub count: u32,
}
