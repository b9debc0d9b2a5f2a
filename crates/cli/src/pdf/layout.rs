//! The printed page's paragraphs, rebuilt from where its glyphs stand: glyphs on one baseline
//! make a line; running heads, footers and page numbers go (by position and repetition); a
//! paragraph starts where a line is indented, set apart, in another size, follows a line that
//! stopped short of the margin, or opens a back-matter field (责任编辑：…), and runs on across
//! a page end.
//!
//! Pure: glyphs in, paragraphs with their page and line out. Every measure is relative to the
//! font size, so the rules hold for any paper size and type size.

use lianluo_core::parse::starts_back_matter_field;

use super::content::Glyph;

/// Glyphs whose baselines differ by less than this (× font size) share a line. Range 0.1–0.5:
/// superscripts and mixed fonts stay in their line; lines are always a leading apart.
const SAME_LINE: f64 = 0.3;

/// A gap between glyphs wider than the line's usual gap by this (× font size), with no space
/// glyph drawn, reads as a space. Range 0.2–0.5.
const WORD_GAP: f64 = 0.3;

/// A line whose glyphs stand further apart than their widths by this (× font size) is
/// justified. Range 0.001–0.01: glyphs shown in one string stand exactly their widths apart,
/// and justifying typesetters spread them by hundredths of an em.
const JUSTIFIED_SPREAD: f64 = 0.002;

/// A gap wider than this (× font size) splits a line into parts that are separate paragraphs,
/// as the masthead sets the publisher at one margin and the date at the other. Range 2–6.
const COLUMN_GAP: f64 = 3.0;

/// A line whose left edge is further in than this from the body's margin (× font size) starts
/// a paragraph: a first-line indent (two characters), a centred heading, a hanging line.
/// Range 0.5–1.5.
const INDENT: f64 = 0.8;

/// A line ending further than this short of the body's right edge (× font size) ends its
/// paragraph. Range 1–2.5: an unjustified full line stops short by up to a character.
const SHORT_LINE: f64 = 1.6;

/// Lines further apart than this (× the page's usual line pitch) are separate paragraphs.
/// Range 1.2–1.8: the space around headings and between blocks.
const SET_APART: f64 = 1.3;

/// Sizes differing by more than this share (of the larger) belong to different paragraphs: a
/// heading a point larger than the body is another paragraph. Range 0.03–0.3; a line's size is
/// the median of its glyphs', so a superscript does not change it.
const OTHER_SIZE: f64 = 0.05;

/// The top or bottom lines of pages at the same height (within this × font size) with the same
/// text (digits aside) are running heads or footers. Range 0.5–2.
const SAME_PLACE: f64 = 1.0;

/// A line of a page: glyphs on one baseline, left to right.
#[derive(Debug, Clone)]
pub struct Line {
    /// The page, counted from 1.
    pub page: usize,
    /// The line's place on its page, from the top, counted from 1 (running heads included,
    /// so that it is the line an editor counts).
    pub number: usize,
    pub baseline: f64,
    pub left: f64,
    pub right: f64,
    /// The font size most of its glyphs have.
    pub size: f64,
    pub text: String,
    /// How many of its glyphs had no text (left out of `text`).
    pub undecoded: usize,
    /// Whether it is the second or later part of a printed line split at a wide gap.
    pub continues_row: bool,
    /// The width of its first word (a Latin word, a number, an address; or one character):
    /// a line before it that stops short by less could not have held it.
    pub first_word: f64,
    /// The width of its first character: a line before it that stops short by less was cut
    /// where the characters ran out of room, not at a space.
    pub first_character: f64,
    /// Whether its glyphs are spread apart, as a justifying typesetter spreads a line it broke
    /// at a space.
    pub justified: bool,
}

/// A paragraph rebuilt, with where its first line stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    pub page: usize,
    pub line: usize,
}

/// The lines of one page, top to bottom, each row split at its wide gaps.
pub fn lines(page: usize, glyphs: &[Glyph]) -> Vec<Line> {
    let mut sorted: Vec<&Glyph> = glyphs.iter().filter(|g| g.size > 0.0).collect();
    sorted.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for glyph in sorted {
        match rows.last_mut() {
            Some(row) if (row[0].y - glyph.y).abs() < SAME_LINE * glyph.size.max(row[0].size) => {
                row.push(glyph)
            }
            _ => rows.push(vec![glyph]),
        }
    }
    let mut out = Vec::new();
    for (index, mut row) in rows.into_iter().enumerate() {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut parts: Vec<Vec<&Glyph>> = Vec::new();
        let mut right = f64::NEG_INFINITY;
        for glyph in row {
            let blank = glyph.text.as_deref().is_some_and(|t| t.trim().is_empty());
            match parts.last_mut() {
                Some(part) if glyph.x - right <= COLUMN_GAP * glyph.size => part.push(glyph),
                _ if blank => continue,
                _ => parts.push(vec![glyph]),
            }
            right = right.max(glyph.x + glyph.width);
        }
        for (n, part) in parts.iter().enumerate() {
            out.push(line(page, index + 1, part, n > 0));
        }
    }
    out
}

fn line(page: usize, number: usize, glyphs: &[&Glyph], continues_row: bool) -> Line {
    let mut sizes: Vec<f64> = glyphs.iter().map(|g| g.size).collect();
    sizes.sort_by(f64::total_cmp);
    let size = sizes[sizes.len() / 2];
    let mut text = String::new();
    let mut undecoded = 0;
    let mut previous_end: Option<f64> = None;
    // Justified lines spread every glyph alike; only a gap wider than the line's usual one is
    // a space.
    let mut gaps: Vec<f64> = glyphs
        .windows(2)
        .map(|pair| pair[1].x - (pair[0].x + pair[0].width))
        .collect();
    gaps.sort_by(f64::total_cmp);
    let usual_gap = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0).max(0.0);
    for glyph in glyphs {
        match &glyph.text {
            Some(t) => {
                let gap = previous_end.map_or(0.0, |end| glyph.x - end) - usual_gap;
                if gap > WORD_GAP * glyph.size && !text.ends_with(' ') && !t.starts_with(' ') {
                    text.push(' ');
                }
                text.push_str(t);
            }
            None => undecoded += 1,
        }
        previous_end = Some(glyph.x + glyph.width);
    }
    let visible: Vec<&&Glyph> = glyphs
        .iter()
        .filter(|g| g.text.as_deref().is_none_or(|t| !t.trim().is_empty()))
        .collect();
    let left = visible.iter().map(|g| g.x).fold(f64::INFINITY, f64::min);
    let right = visible
        .iter()
        .map(|g| g.x + g.width)
        .fold(f64::NEG_INFINITY, f64::max);
    let latin = |g: &Glyph| {
        g.text
            .as_deref()
            .is_some_and(|t| t.chars().all(|c| c.is_ascii_graphic()))
    };
    let mut word_end = visible.first().map_or(left, |g| g.x + g.width);
    if visible.first().is_some_and(|g| latin(g)) {
        for pair in visible.windows(2) {
            if !latin(pair[1]) || pair[1].x - word_end > WORD_GAP * pair[1].size {
                break;
            }
            word_end = pair[1].x + pair[1].width;
        }
    }
    Line {
        page,
        number,
        baseline: glyphs[0].y,
        left,
        right,
        size,
        text: text.trim().to_owned(),
        undecoded,
        continues_row,
        first_word: word_end - left,
        first_character: visible.first().map_or(0.0, |g| g.width),
        justified: usual_gap > JUSTIFIED_SPREAD * size,
    }
}

/// Whether a line reads as a page number: digits, perhaps in dashes, "第3页", "3/7" or
/// "第3页共7页".
fn is_page_number(text: &str) -> bool {
    let core: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '—' | '–' | '－' | '·'))
        .collect();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let of_pages = |s: &str| {
        s.strip_prefix('第')
            .and_then(|s| s.strip_suffix('页'))
            .is_some_and(digits)
    };
    digits(&core)
        || of_pages(&core)
        || core
            .split_once('/')
            .is_some_and(|(a, b)| digits(a) && digits(b))
        || core
            .split_once('共')
            .is_some_and(|(a, b)| of_pages(a) && of_pages(&format!("第{b}")))
}

/// The text with its digits made alike, so that "第 3 页" and "第 4 页" compare equal.
fn shape(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Removes running heads, footers and page numbers: a page's top or bottom line, set apart
/// from the page's other lines by more than their usual pitch, that another page repeats at
/// the same height (digits aside), or that is a page number. (Body lines that happen to open
/// two pages alike stand at the usual pitch from the next, and stay.)
pub fn without_running_lines(pages: Vec<Vec<Line>>) -> Vec<Vec<Line>> {
    let pitches = line_pitches(&pages);
    let ends: Vec<(Option<Line>, Option<Line>)> = pages
        .iter()
        .map(|lines| (lines.first().cloned(), lines.last().cloned()))
        .collect();
    let repeated = |line: &Line, page: usize, top: bool| {
        ends.iter().enumerate().any(|(other, (first, last))| {
            let end = if top { first } else { last };
            other != page
                && end.as_ref().is_some_and(|end| {
                    (end.baseline - line.baseline).abs() < SAME_PLACE * line.size
                        && shape(&end.text) == shape(&line.text)
                })
        })
    };
    pages
        .into_iter()
        .enumerate()
        .map(|(page, mut lines)| {
            // A footer with two lines (a page number under a running foot) goes line by line.
            for top in [true, false] {
                while lines.len() > 1 {
                    let (line, neighbour) = if top {
                        (&lines[0], &lines[1])
                    } else {
                        (&lines[lines.len() - 1], &lines[lines.len() - 2])
                    };
                    let row_alone = lines
                        .iter()
                        .filter(|l| (l.baseline - line.baseline).abs() < SAME_LINE * l.size)
                        .count()
                        == 1;
                    let usual = pitch_for(&pitches, neighbour.size);
                    let apart = usual
                        .is_none_or(|p| (line.baseline - neighbour.baseline).abs() > SET_APART * p);
                    let running = repeated(line, page, top) || is_page_number(&line.text);
                    if !(row_alone && apart && running) {
                        break;
                    }
                    if top {
                        lines.remove(0);
                    } else {
                        lines.pop();
                    }
                }
            }
            lines
        })
        .collect()
}

/// The paragraphs of the body lines of all pages, in order.
pub fn paragraphs(pages: &[Vec<Line>]) -> Vec<Paragraph> {
    let all: Vec<&Line> = pages
        .iter()
        .flatten()
        .filter(|l| !l.text.is_empty())
        .collect();
    let Some(margin) = most_common(all.iter().map(|l| l.left)) else {
        return Vec::new();
    };
    let body_right = all
        .iter()
        .filter(|l| (l.left - margin).abs() < INDENT * l.size)
        .map(|l| l.right)
        .fold(f64::NEG_INFINITY, f64::max);
    let pitches = line_pitches(pages);
    let pitch = |size: f64| pitch_for(&pitches, size);
    let mut out: Vec<Paragraph> = Vec::new();
    let mut previous: Option<&Line> = None;
    for line in all {
        let starts = match previous {
            None => true,
            Some(prev) => {
                let same_page = prev.page == line.page;
                let sizes = (prev.size - line.size).abs() > OTHER_SIZE * prev.size.max(line.size);
                let indented = line.left - margin > INDENT * line.size;
                let room = body_right - prev.right;
                let short =
                    room > (SHORT_LINE * prev.size).max(line.first_word + WORD_GAP * line.size);
                let apart = same_page
                    && pitch(line.size)
                        .is_some_and(|p| prev.baseline - line.baseline > SET_APART * p);
                let row = line.continues_row || (same_page && prev.baseline == line.baseline);
                // The back matter's fields are printed a line each, a full line before them
                // or not.
                let field = starts_back_matter_field(&line.text);
                sizes || indented || short || apart || row || field
            }
        };
        match out.last_mut() {
            Some(paragraph) if !starts => {
                let broke_at_space = previous.is_some_and(|prev| {
                    prev.justified || body_right - prev.right > line.first_character
                });
                join(&mut paragraph.text, &line.text, broke_at_space)
            }
            _ => out.push(Paragraph {
                text: line.text.clone(),
                page: line.page,
                line: line.number,
            }),
        }
        previous = Some(line);
    }
    out
}

/// The usual distance between the baselines of successive lines of each font size (sizes to
/// the nearest point), over all pages: body text, back matter and notes each have their own.
fn line_pitches(pages: &[Vec<Line>]) -> Vec<(f64, f64)> {
    let mut by_size: Vec<(f64, Vec<f64>)> = Vec::new();
    for pair in pages.iter().flat_map(|lines| lines.windows(2)) {
        let (upper, lower) = (&pair[0], &pair[1]);
        let gap = upper.baseline - lower.baseline;
        if gap <= 0.0 || (upper.size - lower.size).abs() > OTHER_SIZE * upper.size.max(lower.size) {
            continue;
        }
        let size = lower.size.round();
        match by_size.iter_mut().find(|(s, _)| *s == size) {
            Some((_, gaps)) => gaps.push(gap),
            None => by_size.push((size, vec![gap])),
        }
    }
    by_size
        .into_iter()
        .filter_map(|(size, gaps)| Some((size, most_common(gaps.into_iter())?)))
        .collect()
}

/// The usual pitch of lines of about `size`, from [`line_pitches`].
fn pitch_for(pitches: &[(f64, f64)], size: f64) -> Option<f64> {
    pitches
        .iter()
        .find(|(s, _)| (s - size).abs() <= OTHER_SIZE * s.max(size))
        .map(|(_, p)| *p)
}

/// Appends a line to its paragraph: Chinese runs on without a space; Latin text broken at a
/// space (the line was justified, or had room left for a character: the word did not fit)
/// gets the space back, and Latin text cut where a line of unjustified characters ran out of
/// room (a number, by character wrapping) runs on.
fn join(paragraph: &mut String, line: &str, broke_at_space: bool) {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if broke_at_space && latin(paragraph.chars().last()) && latin(line.chars().next()) {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

/// The value most lines share, to the nearest point (the lowest of equally common ones).
fn most_common(values: impl Iterator<Item = f64>) -> Option<f64> {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for v in values {
        let key = v.round() as i64;
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    counts.sort();
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(k, _)| *k as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A glyph per character of `text`, one em wide, from `x` on the baseline `y`.
    fn glyphs(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + i as f64 * size,
                y,
                width: size,
                size,
                text: Some(c.to_string()),
            })
            .collect()
    }

    /// A page of body lines: 10 characters a line from x = 100, an indent of two.
    fn page(number: usize, rows: &[(&str, f64, f64)]) -> Vec<Line> {
        let all: Vec<Glyph> = rows
            .iter()
            .flat_map(|(text, x, y)| glyphs(text, *x, *y, 10.0))
            .collect();
        lines(number, &all)
    }

    #[test]
    fn indents_short_lines_and_gaps_start_paragraphs_and_full_lines_run_on() {
        let pages = vec![page(
            1,
            &[
                ("一二三四五六七八", 120.0, 700.0),
                ("九十一二三四五六七八", 100.0, 685.0),
                ("九十。", 100.0, 670.0),
                ("标题", 140.0, 640.0),
                ("甲乙丙丁戊己庚辛", 120.0, 610.0),
                ("壬癸。", 100.0, 595.0),
            ],
        )];
        let texts: Vec<String> = paragraphs(&pages).into_iter().map(|p| p.text).collect();
        assert_eq!(
            texts,
            [
                "一二三四五六七八九十一二三四五六七八九十。",
                "标题",
                "甲乙丙丁戊己庚辛壬癸。"
            ]
        );
    }

    #[test]
    fn a_paragraph_runs_on_across_a_page_end_and_page_numbers_go() {
        let pages = without_running_lines(vec![
            page(
                1,
                &[
                    ("一二三四五六七八", 120.0, 700.0),
                    ("九十一二三四五六七八", 100.0, 685.0),
                    ("— 1 —", 140.0, 60.0),
                ],
            ),
            page(
                2,
                &[
                    ("九十。", 100.0, 700.0),
                    ("甲乙丙丁戊己庚辛", 120.0, 685.0),
                    ("— 2 —", 140.0, 60.0),
                ],
            ),
        ]);
        let found = paragraphs(&pages);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].text, "一二三四五六七八九十一二三四五六七八九十。");
        assert_eq!((found[1].page, found[1].line), (2, 2));
    }

    #[test]
    fn a_running_head_repeated_at_one_height_goes_but_a_masthead_of_the_same_words_stays() {
        let with_body = |head: (&'static str, f64, f64)| {
            [
                head,
                ("一二三四五六七八", 120.0, 700.0),
                ("九十一二三四五六七八", 100.0, 685.0),
                ("九十。", 100.0, 670.0),
            ]
        };
        let pages = without_running_lines(vec![
            page(1, &with_body(("联络动态", 130.0, 730.0))),
            page(2, &with_body(("联络动态", 130.0, 800.0))),
            page(3, &with_body(("联络动态", 130.0, 800.0))),
        ]);
        let firsts: Vec<&str> = pages.iter().map(|p| p[0].text.as_str()).collect();
        assert_eq!(firsts, ["联络动态", "一二三四五六七八", "一二三四五六七八"]);
    }

    #[test]
    fn body_lines_opening_two_pages_alike_stay() {
        let body = [
            ("一二三四五六七八九十", 100.0, 700.0),
            ("甲乙丙丁戊己庚辛壬癸", 100.0, 685.0),
            ("子丑寅卯辰巳午未申酉", 100.0, 670.0),
        ];
        let pages = without_running_lines(vec![page(1, &body), page(2, &body)]);
        assert_eq!(pages[0].len(), 3);
        assert_eq!(pages[1].len(), 3);
    }

    #[test]
    fn a_row_split_at_a_wide_gap_is_two_paragraphs_and_a_narrow_gap_a_space() {
        let mut row = glyphs("委员会编", 100.0, 700.0, 10.0);
        row.extend(glyphs("8月", 200.0, 700.0, 10.0));
        row.extend(glyphs("30日", 224.0, 700.0, 10.0));
        let found = lines(1, &row);
        let texts: Vec<&str> = found.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["委员会编", "8月 30日"]);
        assert!(found[1].continues_row);
    }

    #[test]
    fn a_line_broken_before_a_long_word_runs_on_with_a_space() {
        // The first line has room for four characters, not for the nine of the address.
        let mut rows = glyphs("联系方式：0731—8", 100.0, 700.0, 10.0);
        rows.extend(glyphs("hn@16.com", 100.0, 685.0, 10.0));
        rows.extend(glyphs("一二三四五六七八九十一二三四五", 100.0, 670.0, 10.0));
        rows.extend(glyphs("一二三", 100.0, 655.0, 10.0));
        let found = paragraphs(&[lines(1, &rows)]);
        let texts: Vec<&str> = found.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "联系方式：0731—8 hn@16.com",
                "一二三四五六七八九十一二三四五一二三"
            ]
        );
    }

    #[test]
    fn a_back_matter_field_after_a_full_line_is_a_line_of_its_own() {
        let pages = vec![page(
            1,
            &[
                ("责任编辑：石韧联系方式：", 100.0, 700.0),
                ("批准文号：湘", 100.0, 685.0),
            ],
        )];
        let texts: Vec<String> = paragraphs(&pages).into_iter().map(|p| p.text).collect();
        assert_eq!(texts, ["责任编辑：石韧联系方式：", "批准文号：湘"]);
    }

    #[test]
    fn page_numbers_are_told_from_text() {
        for number in ["3", "— 3 —", "- 12 -", "第 3 页", "3/7", "第3页共7页"] {
            assert!(is_page_number(number), "{number}");
        }
        for text in ["第 15 期", "联络动态", "3 月", "—"] {
            assert!(!is_page_number(text), "{text}");
        }
    }
}
