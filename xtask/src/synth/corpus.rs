//! The material synthetic issues are made of: the sample issue's sentences and back matter,
//! and the gazetteer's regions.

/// The real sample issue, as extracted from its PDF.
const SAMPLE: &str = include_str!("../../../www/archive/lianluo-2017-15.txt");

/// The regions gazetteer: prefecture, county (empty on a prefecture's row), aliases.
const GAZETTEER: &str = include_str!("../../../crates/core/data/hunan-divisions.tsv");

/// Punctuation that ends a sentence (and so a block that is complete).
const SENTENCE_ENDS: [char; 5] = ['。', '！', '？', '；', '”'];

/// What the synthetic issues are built from.
pub struct Corpus {
    /// Sentences of the sample's editor's note, in order, without the 【编者按】 bracket.
    pub note_sentences: Vec<String>,
    /// Sentences of the sample's articles, page-break fragments joined.
    pub body_sentences: Vec<String>,
    /// The sample's back matter (送：… to the approval number), verbatim.
    pub back_matter: String,
    /// Prefecture names, canonical and as otherwise printed (湘西自治州).
    pub prefectures: Vec<String>,
    /// County-level names, canonical and as otherwise printed (宁乡县).
    pub counties: Vec<String>,
    /// Canonical county-level names, to place townships in.
    pub canonical_counties: Vec<String>,
}

impl Corpus {
    /// Reads the embedded sample and gazetteer.
    pub fn load() -> Self {
        let blocks = blocks(SAMPLE);
        let note = blocks
            .iter()
            .find_map(|b| b.strip_prefix("【编者按】"))
            .expect("the sample has an editor's note");
        let back_start = blocks
            .iter()
            .position(|b| b.starts_with("送："))
            .expect("the sample has a distribution list");
        let first_heading = blocks
            .iter()
            .position(|b| is_article_heading(b))
            .expect("the sample has articles");
        let body = join_page_breaks(
            blocks[first_heading..back_start]
                .iter()
                .filter(|b| !is_article_heading(b))
                .cloned(),
        );
        let (prefectures, counties, canonical_counties) = regions();
        Self {
            note_sentences: sentences(note),
            body_sentences: body.iter().flat_map(|p| sentences(p)).collect(),
            back_matter: blocks[back_start..].join("\n\n"),
            prefectures,
            counties,
            canonical_counties,
        }
    }
}

/// The text's blocks: runs of non-blank lines, trimmed, lines joined by `\n`.
fn blocks(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|b| b.trim().to_owned())
        .filter(|b| !b.is_empty())
        .collect()
}

/// "地区：标题" lines in the sample: short, with a colon, not ending a sentence.
fn is_article_heading(block: &str) -> bool {
    block.chars().count() <= 40
        && (block.contains('：') || block.contains(':'))
        && !block.ends_with(SENTENCE_ENDS)
}

/// Joins blocks split by a page break: a block not ending a sentence continues in the next.
fn join_page_breaks(blocks: impl Iterator<Item = String>) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut open = false;
    for block in blocks {
        match paragraphs.last_mut() {
            Some(last) if open => last.push_str(&block),
            _ => paragraphs.push(block),
        }
        open = !paragraphs
            .last()
            .is_some_and(|p| p.ends_with(SENTENCE_ENDS));
    }
    paragraphs
}

/// Splits a paragraph after each sentence end; a trailing fragment without one is dropped.
fn sentences(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in paragraph.chars() {
        current.push(c);
        if SENTENCE_ENDS.contains(&c) && c != '”' {
            out.push(std::mem::take(&mut current).trim().to_owned());
        }
    }
    out.retain(|s| s.chars().count() > 1);
    out
}

/// (prefecture names, county names, canonical county names) from the gazetteer, aliases
/// included in the first two.
fn regions() -> (Vec<String>, Vec<String>, Vec<String>) {
    let (mut prefectures, mut counties, mut canonical) = (Vec::new(), Vec::new(), Vec::new());
    for line in GAZETTEER.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let mut columns = line.split('\t');
        let prefecture = columns.next().unwrap_or_default();
        let county = columns.next().unwrap_or_default();
        let aliases = columns
            .next()
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned);
        if county.is_empty() {
            prefectures.push(prefecture.to_owned());
            // Bare short forms (长沙, 郴州, 张家界) are printed in running text, not headings;
            // 湘西州 and 湘西自治州 are printed in headings.
            prefectures
                .extend(aliases.filter(|a| a.ends_with(['市', '州']) && a.chars().count() > 2));
        } else {
            counties.push(county.to_owned());
            canonical.push(county.to_owned());
            counties.extend(aliases);
        }
    }
    (prefectures, counties, canonical)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_yields_its_note_sentences_body_and_back_matter() {
        let corpus = Corpus::load();
        assert_eq!(
            corpus.note_sentences.len(),
            5,
            "{:?}",
            corpus.note_sentences
        );
        assert!(corpus.note_sentences[0].starts_with("为贯彻落实"));
        assert!(corpus.body_sentences.len() > 60);
        assert!(corpus
            .body_sentences
            .iter()
            .all(|s| s.ends_with(['。', '！', '？', '；'])));
        // The page break inside "让市 ⏎⏎ 领导和市代表" is joined.
        assert!(corpus
            .body_sentences
            .iter()
            .any(|s| s.contains("让市领导和市代表")));
        assert!(!corpus.body_sentences.iter().any(|s| s.contains("湘潭市:")));
        assert!(corpus.back_matter.starts_with("送："));
        assert!(corpus.back_matter.ends_with("第 28 号"));
    }

    #[test]
    fn the_gazetteer_yields_every_division_and_heading_aliases() {
        let corpus = Corpus::load();
        assert_eq!(corpus.canonical_counties.len(), 122);
        assert!(corpus.prefectures.contains(&"湘西自治州".to_owned()));
        assert!(corpus.prefectures.contains(&"湘西州".to_owned()));
        assert!(!corpus.prefectures.contains(&"长沙".to_owned()));
        assert!(corpus.counties.contains(&"宁乡县".to_owned()));
        let others: Vec<_> = corpus
            .prefectures
            .iter()
            .filter(|p| !p.starts_with("湘西"))
            .collect();
        assert_eq!(others.len(), 13, "{others:?}");
    }
}
