//! `cargo xtask synth`: a deterministic synthetic archive of issue texts in the printed layout
//! of the sample — masthead, optional editor's note, articles headed "地区：标题" with regions
//! from the gazetteer, back matter — with the sample's quirks: page breaks inside paragraphs,
//! both colons, spaces between CJK and digits, sub-headings.

mod corpus;
pub mod pdf;
mod rng;

use anyhow::{Context, Result};
use corpus::Corpus;
use lianluo_core::numerals::write_number;
use rng::Rng;
use std::path::Path;

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 535;

/// The year of the first synthetic issue.
const FIRST_YEAR: u32 = 2000;

/// Issues per year: the newsletter prints a few dozen; 20–28 averages the ~24 seen in print.
const ISSUES_PER_YEAR: (usize, usize) = (20, 28);

/// Articles per issue, as in print: 2–5.
const ARTICLES_PER_ISSUE: (usize, usize) = (2, 5);

/// Sentences per paragraph. 2–6 gives paragraphs of roughly 60–400 characters, like the sample.
const SENTENCES_PER_PARAGRAPH: (usize, usize) = (2, 6);

/// Percent of issues with an editor's note.
const NOTE_PERCENT: usize = 40;

/// Percent of articles whose body is divided by sub-headings.
const SUBHEADINGS_PERCENT: usize = 35;

/// Percent of paragraphs split by a page break.
const PAGE_BREAK_PERCENT: usize = 15;

/// Percent of paragraphs (and mastheads) printed with spaces between CJK and digits.
const DIGIT_SPACING_PERCENT: usize = 40;

/// The shortest first part of a page-broken paragraph, in characters, so that it never looks
/// like a heading or sub-heading.
const MIN_FRAGMENT_CHARS: usize = 40;

/// The masthead lines that do not vary.
const TITLE: &str = "联络动态";
const PINYIN: &str = "LIANLUODONGTAI";
const PUBLISHER_LINE: &str = "湖南省人大常委会选举任免联络工作委员会编";

/// Title parts: a title is "lead pair goal", "lead goal" or "goal".
const TITLE_LEADS: [&str; 10] = [
    "加强领导",
    "强化担当",
    "创新机制",
    "夯实基础",
    "突出重点",
    "真抓实干",
    "统筹推进",
    "守正创新",
    "多措并举",
    "聚焦主业",
];
const TITLE_PAIRS: [&str; 8] = [
    "上下联动",
    "精准施策",
    "务求实效",
    "依法履职",
    "规范运行",
    "服务大局",
    "密切联系",
    "补齐短板",
];
const TITLE_GOALS: [&str; 7] = [
    "推进县乡人大工作和建设",
    "开创代表工作新局面",
    "提升代表履职实效",
    "做好换届选举工作",
    "建好用好代表工作室",
    "加强乡镇人大规范化建设",
    "推动代表建议办理落地见效",
];

/// Sub-heading texts (short and unpunctuated, as printed).
const SUBHEADINGS: [&str; 10] = [
    "加强思想建设",
    "加强组织建设",
    "规范工作机构",
    "加强队伍建设",
    "改善工作条件",
    "完善运行机制",
    "畅通民意渠道",
    "严明换届纪律",
    "创新代表活动方式",
    "健全联系群众制度",
];

/// Township names for "XX县XX镇人大" headings; chosen not to contain a division's name.
const TOWNSHIPS: [&str; 10] = [
    "白沙", "青山", "杨林", "桃花", "柳塘", "枫林", "新塘", "金鸡", "花桥", "清水",
];

/// Chinese ordinals for 一、 and (一) sub-headings.
const ORDINALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// One synthetic issue: its file name and text.
pub struct SynthIssue {
    /// `lianluo-{year}-{number:02}.txt`.
    pub file_name: String,
    /// The issue text, as extracted from a PDF.
    pub text: String,
}

/// Writes `issues` issue texts into `out`.
pub fn write_archive(out: &Path, issues: u32, seed: u64) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    for issue in archive(issues, seed) {
        let path = out.join(&issue.file_name);
        std::fs::write(&path, issue.text).with_context(|| format!("writing {}", path.display()))?;
    }
    println!(
        "Wrote {issues} synthetic issues (seed {seed}) to {}",
        out.display()
    );
    Ok(())
}

/// The synthetic archive: issue `i` depends only on the seed and `i`, so a smaller archive is
/// a prefix of a larger one.
pub fn archive(issues: u32, seed: u64) -> Vec<SynthIssue> {
    let corpus = Corpus::load();
    let mut schedule = Rng::new(seed);
    let (mut year, mut number) = (FIRST_YEAR, 0);
    let mut this_year = schedule.between(ISSUES_PER_YEAR.0, ISSUES_PER_YEAR.1);
    (1..=issues)
        .map(|serial| {
            number += 1;
            if number > this_year {
                year += 1;
                number = 1;
                this_year = schedule.between(ISSUES_PER_YEAR.0, ISSUES_PER_YEAR.1);
            }
            let mut rng = Rng::for_item(seed, u64::from(serial));
            let date = date_in_year(&mut rng, number, this_year);
            let place = Place {
                year,
                number: number as u32,
                serial,
                date,
            };
            SynthIssue {
                file_name: format!("lianluo-{year}-{number:02}.txt"),
                text: issue_text(&corpus, &mut rng, &place),
            }
        })
        .collect()
}

/// Where an issue sits in the archive.
struct Place {
    year: u32,
    number: u32,
    serial: u32,
    /// (month, day).
    date: (u32, u32),
}

/// A date for issue `number` of `count` in a year, in order: the year is cut into equal slots
/// of a 12 × 28-day calendar (so every day exists) and the issue falls somewhere in its slot.
fn date_in_year(rng: &mut Rng, number: usize, count: usize) -> (u32, u32) {
    let slot = 336 / count;
    let day_of_year = (number - 1) * slot + rng.below(slot);
    ((day_of_year / 28 + 1) as u32, (day_of_year % 28 + 1) as u32)
}

fn issue_text(corpus: &Corpus, rng: &mut Rng, place: &Place) -> String {
    let mut blocks = masthead(rng, place);
    if rng.chance(NOTE_PERCENT) {
        let count = rng.between(2, corpus.note_sentences.len());
        let start = rng.below(corpus.note_sentences.len() - count + 1);
        let note: String = corpus.note_sentences[start..start + count].concat();
        blocks.push(format!("【编者按】{note}"));
    }
    for _ in 0..rng.between(ARTICLES_PER_ISSUE.0, ARTICLES_PER_ISSUE.1) {
        blocks.extend(article(corpus, rng));
    }
    blocks.push(corpus.back_matter.clone());
    // The extracted text starts with two blank lines, like the sample.
    format!("\n\n{}\n", blocks.join("\n\n"))
}

fn masthead(rng: &mut Rng, place: &Place) -> Vec<String> {
    let spaced = rng.chance(DIGIT_SPACING_PERCENT);
    let gap = if spaced { " " } else { "" };
    let (month, day) = place.date;
    vec![
        TITLE.to_owned(),
        PINYIN.to_owned(),
        format!("第{gap}{}{gap}期", place.number),
        format!("(总第{}期)", write_number(place.serial)),
        PUBLISHER_LINE.to_owned(),
        format!("{}{gap}年{gap}{month}{gap}月{gap}{day}{gap}日", place.year),
    ]
}

/// An article: its heading block, then paragraphs, maybe under sub-headings.
fn article(corpus: &Corpus, rng: &mut Rng) -> Vec<String> {
    let colon = if rng.chance(50) { "：" } else { ":" };
    let mut blocks = vec![format!("{}{colon}{}", region(corpus, rng), title(rng))];
    if rng.chance(SUBHEADINGS_PERCENT) {
        let style = rng.below(3);
        for (index, _) in (0..rng.between(2, 4)).enumerate() {
            let text = *rng.pick(&SUBHEADINGS);
            blocks.push(subheading(style, index, text));
            for _ in 0..rng.between(1, 2) {
                blocks.push(paragraph(corpus, rng));
            }
        }
    } else {
        for _ in 0..rng.between(2, 5) {
            blocks.push(paragraph(corpus, rng));
        }
    }
    blocks
}

/// A region as a heading prints it: a prefecture, a county, or a township in a county, by
/// canonical name or another name the gazetteer knows.
fn region(corpus: &Corpus, rng: &mut Rng) -> String {
    match rng.below(10) {
        0..=3 => rng.pick(&corpus.prefectures).clone(),
        4..=7 => rng.pick(&corpus.counties).clone(),
        _ => {
            let county = rng.pick(&corpus.canonical_counties);
            let kind = if rng.chance(70) { "镇" } else { "乡" };
            format!("{county}{}{kind}人大", rng.pick(&TOWNSHIPS))
        }
    }
}

fn title(rng: &mut Rng) -> String {
    let goal = rng.pick(&TITLE_GOALS);
    match rng.below(3) {
        0 => format!(
            "{} {} {goal}",
            rng.pick(&TITLE_LEADS),
            rng.pick(&TITLE_PAIRS)
        ),
        1 => format!("{} {goal}", rng.pick(&TITLE_LEADS)),
        _ => (*goal).to_owned(),
    }
}

/// A sub-heading in one of the printed numbering styles: 一、… (一)… 1. …
fn subheading(style: usize, index: usize, text: &str) -> String {
    match style {
        0 => format!("{}、{text}", ORDINALS[index]),
        1 => format!("({}){text}", ORDINALS[index]),
        _ => format!("{}. {text}", index + 1),
    }
}

/// Sentences of the sample, maybe with spaces around digits, maybe split by a page break.
fn paragraph(corpus: &Corpus, rng: &mut Rng) -> String {
    let count = rng.between(SENTENCES_PER_PARAGRAPH.0, SENTENCES_PER_PARAGRAPH.1);
    let mut text: String = (0..count)
        .map(|_| rng.pick(&corpus.body_sentences).as_str())
        .collect();
    if rng.chance(DIGIT_SPACING_PERCENT) {
        text = space_digits(&text);
    }
    if rng.chance(PAGE_BREAK_PERCENT) {
        if let Some(split) = page_break_position(&text, rng) {
            text.insert_str(split, "\n\n");
        }
    }
    text
}

/// Puts a space between a CJK character and an adjacent run of ASCII digits, as PDF
/// extraction does ("2017 年 8 月").
fn space_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = previous {
            if (is_cjk(p) && c.is_ascii_digit()) || (p.is_ascii_digit() && is_cjk(c)) {
                out.push(' ');
            }
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// A byte offset between two CJK ideographs, at least [`MIN_FRAGMENT_CHARS`] into the text and
/// two characters before its end, where a page break can fall mid-sentence; `None` if there is
/// none.
fn page_break_position(text: &str, rng: &mut Rng) -> Option<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let candidates: Vec<usize> = (MIN_FRAGMENT_CHARS..chars.len().saturating_sub(2))
        .filter(|&i| is_cjk(chars[i - 1].1) && is_cjk(chars[i].1))
        .map(|i| chars[i].0)
        .collect();
    (!candidates.is_empty()).then(|| *rng.pick(&candidates))
}

/// CJK unified ideographs (the basic block is all the sample uses).
fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    /// The SHA-256 of `archive(30, DEFAULT_SEED)`, committed so that output that drifts between
    /// machines, toolchains or versions fails here instead of silently changing every archive
    /// that benchmarks and tests are measured on.
    const DEFAULT_ARCHIVE_SHA256: &str =
        "bc1643ec01c08539b7979cbf174aeb2ae7bf5421c62fe0b01508c35870ca0466";

    /// SHA-256 over every file's name and bytes, by name, each part followed by its length so
    /// that bytes moved from one part to the next change the hash.
    fn archive_sha256(mut issues: Vec<SynthIssue>) -> String {
        issues.sort_by(|a, b| a.file_name.cmp(&b.file_name));
        let mut hasher = Sha256::new();
        for issue in &issues {
            for part in [issue.file_name.as_bytes(), issue.text.as_bytes()] {
                hasher.update(part);
                hasher.update((part.len() as u64).to_le_bytes());
            }
        }
        hasher
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }

    #[test]
    fn the_default_seed_gives_the_committed_bytes() {
        let hash = archive_sha256(archive(30, DEFAULT_SEED));
        assert_eq!(
            hash, DEFAULT_ARCHIVE_SHA256,
            "30 synthetic issues with the default seed are not the committed bytes. If the \
             generator, its corpus (the sample issue, the gazetteer) or the numerals changed on \
             purpose, set DEFAULT_ARCHIVE_SHA256 to {hash} in the same commit and say in its \
             message why the archive changed; if not, the change is a bug: a seed must give the \
             same archive on every machine and version."
        );
    }

    #[test]
    fn another_seed_gives_other_bytes() {
        assert_ne!(
            archive_sha256(archive(30, DEFAULT_SEED)),
            archive_sha256(archive(30, DEFAULT_SEED + 1))
        );
    }

    #[test]
    fn a_smaller_archive_is_a_prefix_of_a_larger_one() {
        let small = archive(25, 3);
        let large = archive(60, 3);
        for (a, b) in small.iter().zip(&large) {
            assert_eq!(a.file_name, b.file_name);
            assert_eq!(a.text, b.text);
        }
    }

    #[test]
    fn numbers_reset_each_year_and_serials_run_on() {
        let issues = archive(60, DEFAULT_SEED);
        let names: Vec<&str> = issues.iter().map(|i| i.file_name.as_str()).collect();
        assert_eq!(names[0], "lianluo-2000-01.txt");
        assert!(names.contains(&"lianluo-2001-01.txt"));
        assert!(names.contains(&"lianluo-2002-01.txt"));
        assert!(issues[0].text.contains("(总第一期)"));
        assert!(issues[9].text.contains("(总第十期)"));
        assert!(issues[59].text.contains("(总第六十期)"));
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), 60);
    }

    #[test]
    fn dates_rise_within_a_year_and_exist() {
        let mut rng = Rng::new(1);
        for count in ISSUES_PER_YEAR.0..=ISSUES_PER_YEAR.1 {
            let dates: Vec<_> = (1..=count)
                .map(|n| date_in_year(&mut rng, n, count))
                .collect();
            assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
            assert!(dates
                .iter()
                .all(|&(m, d)| (1..=12).contains(&m) && (1..=28).contains(&d)));
        }
    }

    #[test]
    fn issues_have_the_printed_layout_and_quirks() {
        let issues = archive(200, DEFAULT_SEED);
        let corpus = Corpus::load();
        let (mut both_colons, mut notes, mut subheadings, mut breaks) = ([false; 2], 0, 0, 0);
        for issue in &issues {
            let text = &issue.text;
            assert!(text.starts_with("\n\n联络动态\n\nLIANLUODONGTAI\n\n第"));
            assert!(text.ends_with("批准文号：湘党简准字〔2000〕第 28 号\n"));
            let blocks: Vec<&str> = text.split("\n\n").map(str::trim).collect();
            let headings: Vec<&&str> = blocks
                .iter()
                .filter(|b| {
                    b.chars().count() < 60
                        && (b.contains('：') || b.contains(':'))
                        && !b.starts_with("送")
                        && !b.starts_with("责任编辑")
                        && !b.starts_with("批准文号")
                })
                .collect();
            assert!(
                (2..=5).contains(&headings.len()),
                "{}: {headings:?}",
                issue.file_name
            );
            for heading in &headings {
                let region = heading.split(['：', ':']).next().unwrap();
                let known = corpus
                    .prefectures
                    .iter()
                    .chain(&corpus.counties)
                    .any(|r| region.starts_with(r.as_str()));
                assert!(known, "unknown region in {heading}");
                both_colons[usize::from(heading.contains(':'))] = true;
            }
            notes += usize::from(text.contains("【编者按】"));
            subheadings += blocks
                .iter()
                .filter(|b| b.starts_with("一、") || b.starts_with("(一)") || b.starts_with("1. "))
                .count();
            breaks += blocks
                .iter()
                .filter(|b| {
                    b.chars().count() >= MIN_FRAGMENT_CHARS && b.ends_with(|c: char| is_cjk(c))
                })
                .count();
        }
        assert_eq!(both_colons, [true, true]);
        assert!((40..=120).contains(&notes), "{notes} notes in 200 issues");
        assert!(subheadings > 50, "{subheadings}");
        assert!(breaks > 50, "{breaks}");
    }

    #[test]
    fn digits_are_spaced_from_cjk_only() {
        assert_eq!(space_digits("今年4月组织60%以上"), "今年 4 月组织 60%以上");
        assert_eq!(space_digits("2017 年"), "2017 年");
    }

    #[test]
    fn page_breaks_fall_between_ideographs_after_the_minimum() {
        let text = "一".repeat(MIN_FRAGMENT_CHARS) + "二三。";
        let mut rng = Rng::new(4);
        let split = page_break_position(&text, &mut rng).unwrap();
        assert_eq!(&text[..split], "一".repeat(MIN_FRAGMENT_CHARS));
        assert_eq!(page_break_position("短句。", &mut rng), None);
    }

    /// Article headings as written: short "region：title" lines before the back matter.
    fn headings(text: &str) -> usize {
        let body = text.split("\n\n送：").next().unwrap();
        body.split("\n\n")
            .filter(|b| b.chars().count() < 60 && (b.contains('：') || b.contains(':')))
            .count()
    }

    #[test]
    fn the_project_parser_reads_every_synthetic_issue_back() {
        use lianluo_core::model::BlockKind;
        use lianluo_core::parse::{parse_issue, ParseOptions};
        for (index, issue) in archive(120, DEFAULT_SEED).iter().enumerate() {
            let outcome = parse_issue(&issue.text, &ParseOptions::default());
            let parsed = outcome
                .issue
                .unwrap_or_else(|| panic!("{}: {:?}", issue.file_name, outcome.diagnostics));
            let stem = issue
                .file_name
                .trim_start_matches("lianluo-")
                .trim_end_matches(".txt");
            let (year, number) = stem.split_once('-').unwrap();
            assert_eq!(
                parsed.id,
                format!("{year}-{}", number.trim_start_matches('0'))
            );
            assert_eq!(parsed.serial, Some(index as u32 + 1));
            assert!(parsed.date.starts_with(year), "{}", parsed.date);
            assert_eq!(
                parsed.articles.len(),
                headings(&issue.text),
                "{}",
                issue.file_name
            );
            for article in &parsed.articles {
                assert!(article.region.prefecture.is_some(), "{:?}", article.region);
                for block in &article.blocks {
                    if block.kind == BlockKind::Paragraph {
                        assert!(
                            block.text.ends_with(['。', '！', '？', '；']),
                            "{}: {}",
                            issue.file_name,
                            block.text
                        );
                    }
                }
            }
            assert_eq!(parsed.editors, ["石韧", "吴静波"]);
        }
    }
}
