//! Text normalisation shared by the parser: character classes, the removal of the spaces PDF
//! extraction puts between Chinese text and digits, and the optional CJK punctuation fix.
//!
//! Everything here is a pure function of its input and idempotent, so the parser may apply it
//! to a line, a joined paragraph, or both, with the same result.

/// Whether `c` is a Han ideograph (the common blocks and extension A).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
        || ('\u{20000}'..='\u{3134F}').contains(&c)
}

/// Whether `c` belongs to running Chinese text: a Han character, CJK punctuation, a full-width
/// form, or the curly quotes Chinese typesetting uses.
pub fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2018}'..='\u{201D}')
        || c == '…'
        || c == '—'
}

/// Whether `c` is whitespace as the parser sees it: ASCII and Unicode spaces, the
/// ideographic (full-width) space, form feeds and a stray byte-order mark.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// Whether `c` is a digit, ASCII or full-width.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Whether a text ending in `c` ends a sentence or clause, so a page break after it is not
/// mid-sentence. A colon counts: a paragraph ending in ： introduces what follows.
pub fn is_closing_punctuation(c: char) -> bool {
    matches!(
        c,
        '。' | '！'
            | '？'
            | '；'
            | '：'
            | '…'
            | '”'
            | '’'
            | '』'
            | '」'
            | '.'
            | '!'
            | '?'
            | ';'
            | ':'
    )
}

/// Whether a space between `before` and `after` is extraction noise to be dropped: one side is
/// Chinese text and the other a digit, a percent sign or Chinese text that is punctuation.
fn is_noise_space(before: char, after: char) -> bool {
    let numeric = |c: char| is_digit(c) || c == '%' || c == '％';
    let punct = |c: char| is_cjk(c) && !is_han(c);
    (is_cjk(before) && numeric(after))
        || (numeric(before) && is_cjk(after))
        || (punct(before) && is_cjk(after))
        || (is_cjk(before) && punct(after))
}

/// The full-width form of a half-width `,` `:` `;`, when `c` is one of them.
fn full_width_punctuation(c: char) -> Option<char> {
    match c {
        ',' => Some('，'),
        ':' => Some('：'),
        ';' => Some('；'),
        _ => None,
    }
}

/// Normalises one line or paragraph: trims it, collapses each run of whitespace to one space,
/// drops the runs that separate Chinese text from digits (`2017 年` → `2017年`, `60% 以上` →
/// `60%以上`) or from Chinese punctuation, and, when `cjk_punctuation` is set, makes a
/// half-width `,` `:` `;` full-width where it follows Chinese text and precedes Chinese text
/// or a digit (`会上,3个` → `会上，3个`); between digits (`1,000`) it is left alone.
pub fn normalize(text: &str, cjk_punctuation: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_space(c) {
            while i < chars.len() && is_space(chars[i]) {
                i += 1;
            }
            let before = out.chars().next_back();
            let after = chars.get(i).copied();
            if let (Some(b), Some(a)) = (before, after) {
                if !is_noise_space(b, a) {
                    out.push(' ');
                }
            }
            continue;
        }
        let converted = if cjk_punctuation {
            full_width_punctuation(c).filter(|_| {
                let before = out.chars().next_back();
                let after = chars[i + 1..].iter().copied().find(|&n| !is_space(n));
                before.is_some_and(is_cjk) && after.is_some_and(|a| is_cjk(a) || is_digit(a))
            })
        } else {
            None
        };
        out.push(converted.unwrap_or(c));
        i += 1;
    }
    out
}

/// Removes every whitespace character: for masthead and back-matter fields such as
/// `第 15 期` or `2017 年 8 月 30 日`, where no space is meaningful.
pub fn without_spaces(text: &str) -> String {
    text.chars().filter(|&c| !is_space(c)).collect()
}

/// Joins the lines of one block: with nothing between Chinese text, with a space between two
/// pieces of Latin text so words stay apart.
pub fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for line in lines {
        let needs_space = matches!(
            (out.chars().next_back(), line.chars().next()),
            (Some(b), Some(a)) if b.is_ascii_alphanumeric() && a.is_ascii_alphanumeric()
        );
        if needs_space {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_between_chinese_and_digits_are_removed() {
        assert_eq!(normalize("2017 年 8 月 30 日", true), "2017年8月30日");
        assert_eq!(normalize("第 15 期", true), "第15期");
        assert_eq!(normalize("增加编制 48 个", true), "增加编制48个");
        assert_eq!(normalize("达到 60% 以上", true), "达到60%以上");
    }

    #[test]
    fn spaces_between_chinese_phrases_are_kept_once() {
        assert_eq!(normalize("加强领导 　上下协同", true), "加强领导 上下协同");
        assert_eq!(normalize("  使用 App 开展 ", true), "使用 App 开展");
    }

    #[test]
    fn half_width_punctuation_between_chinese_becomes_full_width() {
        assert_eq!(
            normalize("精神,经省委同意;会上:", true),
            "精神，经省委同意；会上:"
        );
        assert_eq!(normalize("精神,经省委同意", false), "精神,经省委同意");
        assert_eq!(normalize("1,000 元", true), "1,000元");
        assert_eq!(normalize("会上,3 个市州", true), "会上，3个市州");
        assert_eq!(normalize("Hello,world", true), "Hello,world");
    }

    #[test]
    fn normalize_is_idempotent_on_examples() {
        for s in [
            "a , b",
            "省委 26 号文件 ,经 同意",
            "（ 一 ）加强",
            "x\u{3000}\u{FEFF}y",
        ] {
            let once = normalize(s, true);
            assert_eq!(normalize(&once, true), once, "input {s:?}");
        }
    }

    #[test]
    fn lines_join_with_a_space_only_between_latin_words() {
        assert_eq!(join_lines(["让市", "领导"]), "让市领导");
        assert_eq!(join_lines(["the", "quick"]), "the quick");
        assert_eq!(join_lines(["2017", "年"]), "2017年");
    }
}
