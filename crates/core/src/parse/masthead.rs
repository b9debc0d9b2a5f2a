//! The masthead: title, pinyin, 第 N 期, (总第…期), publisher (…编) and date, in the lines
//! before the editor's note.

use super::lines::Line;
use std::ops::Range;

use crate::calendar::Date;
use crate::diagnostic::{Diagnostic, Message};
use crate::numerals::parse_number;
use crate::text::{is_han, without_spaces};

/// The masthead as read; missing parts are `None` and the caller reports them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Masthead {
    /// The title line (`联络动态`).
    pub title: Option<String>,
    /// 第 N 期.
    pub number: Option<u32>,
    /// 总第…期.
    pub serial: Option<u32>,
    /// The publisher without its trailing 编.
    pub publisher: Option<String>,
    /// The issue date.
    pub date: Option<Date>,
}

/// Longest masthead line read for fields, in characters (spaces removed); the longest real
/// one, publisher and date together, is about 35. Longer lines are not masthead lines.
pub const MAX_MASTHEAD_LINE_CHARS: usize = 80;

/// What a masthead line says.
#[derive(Debug, PartialEq, Eq)]
enum Field {
    Pinyin,
    Number(u32),
    Serial(u32),
    NumberAndSerial(u32, u32),
    Publisher(String),
    Date(Date),
    Title(String),
    Unrecognized,
}

/// The text between `open` and the next `close` in `text`, and the text before `open`.
fn between<'t>(text: &'t str, open: &str, close: char) -> Option<(&'t str, &'t str)> {
    let start = text.find(open)?;
    let inner = &text[start + open.len()..];
    let end = inner.find(close)?;
    Some((&text[..start], &inner[..end]))
}

/// 第 N 期 (not preceded by 总).
fn issue_number(text: &str) -> Option<u32> {
    let (before, inner) = between(text, "第", '期')?;
    if before.ends_with('总') {
        let (_, rest) = text.split_once('期')?;
        return issue_number(rest);
    }
    parse_number(inner)
}

/// 总第…期, or 总…期.
fn serial_number(text: &str) -> Option<u32> {
    let (_, inner) = between(text, "总", '期')?;
    parse_number(inner.strip_prefix('第').unwrap_or(inner))
}

/// The run of numeral characters ending just before byte `end` of `text`.
fn numeral_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| parse_number(c.encode_utf8(&mut [0; 4])).is_some())
        .last()
        .map_or(end, |(i, _)| i);
    &head[start..]
}

/// `2017年8月30日` (digits or Chinese numerals), with the byte range it occupies. `Err`
/// holds the date as printed when it has the shape of a date but does not exist.
fn date(text: &str) -> Option<(Result<Date, String>, Range<usize>)> {
    if let Some(found) = numeric_date(text) {
        return Some((found, 0..text.len()));
    }
    let year_end = text.find('年')?;
    let month_end = year_end + text[year_end..].find('月')?;
    let day_end = month_end + text[month_end..].find('日')?;
    let year = numeral_before(text, year_end);
    let month = &text[year_end + '年'.len_utf8()..month_end];
    let day = &text[month_end + '月'.len_utf8()..day_end];
    let (y, m, d) = (
        parse_number(year)?,
        parse_number(month)?,
        parse_number(day)?,
    );
    let found = Date::new(y, m, d).ok_or_else(|| format!("{year}年{month}月{day}日"));
    Some((found, year_end - year.len()..day_end + '日'.len_utf8()))
}

/// A whole line written `2017.8.30`, `2017-08-30` or `2017/8/30`.
fn numeric_date(text: &str) -> Option<Result<Date, String>> {
    let parts: Vec<&str> = text.split(['.', '-', '/', '．']).collect();
    let [year, month, day] = parts[..] else {
        return None;
    };
    let digits =
        |p: &str, max: usize| (1..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if year.len() != 4 || !digits(year, 4) || !digits(month, 2) || !digits(day, 2) {
        return None;
    }
    let (y, m, d) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    Some(Date::new(y, m, d).ok_or_else(|| text.to_string()))
}

/// Reads one compacted masthead line, which may hold several fields (a publisher and the
/// date side by side, as PDF extraction often puts them).
fn fields(text: &str) -> Result<Vec<Field>, Message> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    if text.chars().nth(MAX_MASTHEAD_LINE_CHARS).is_some() {
        return Ok(vec![Field::Unrecognized]);
    }
    if let Some((found, range)) = date(text) {
        let date = found.map_err(|printed| {
            Message::new(
                "masthead-date-nonexistent",
                format!("found the date {printed}, which does not exist; expected a real date"),
            )
            .arg("date", printed)
        })?;
        let mut out = fields(&format!("{}{}", &text[..range.start], &text[range.end..]))?;
        out.push(Field::Date(date));
        return Ok(out);
    }
    if text.chars().all(|c| c.is_ascii_alphabetic()) {
        return Ok(vec![Field::Pinyin]);
    }
    let field = match (issue_number(text), serial_number(text)) {
        (Some(n), Some(s)) => Field::NumberAndSerial(n, s),
        (Some(n), None) => Field::Number(n),
        (None, Some(s)) => Field::Serial(s),
        (None, None) => match text.strip_suffix('编').filter(|p| p.chars().count() >= 2) {
            Some(publisher) => Field::Publisher(publisher.to_string()),
            // The title, with the pinyin when it shares the line (联络动态 LIANLUODONGTAI).
            None if text.chars().any(is_han) => Field::Title(
                text.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                    .to_string(),
            ),
            None => Field::Unrecognized,
        },
    };
    Ok(vec![field])
}

/// Whether `line` is the masthead's date, which ends the masthead.
pub fn is_date_line(line: &Line) -> bool {
    let text = without_spaces(&line.text);
    text.chars().nth(MAX_MASTHEAD_LINE_CHARS).is_none() && date(&text).is_some()
}

/// Reads the masthead from its lines (blank lines allowed), reporting lines it does not
/// understand and fields given twice.
pub fn read_masthead(lines: &[Line], diagnostics: &mut Vec<Diagnostic>) -> Masthead {
    let mut masthead = Masthead::default();
    for line in lines.iter().filter(|l| !l.text.is_empty()) {
        let text = without_spaces(&line.text);
        let mut warn = |message: Message| {
            diagnostics.push(Diagnostic::warning(line.number, line.column, message));
        };
        let found = match fields(&text) {
            Ok(found) => found,
            Err(message) => {
                diagnostics.push(Diagnostic::error(line.number, line.column, message));
                continue;
            }
        };
        let twice = |id: &'static str, what: &str| {
            Message::new(
                id,
                format!(
                    "found a second {what} in the masthead ({text}); expected one, the first is kept"
                ),
            )
            .arg("line", &text)
        };
        let unexpected = || {
            Message::new(
                "masthead-unrecognized",
                format!("found {text:?} in the masthead; expected the title, 第N期, (总第…期), the publisher (…编) or the date"),
            )
            .arg("line", &text)
        };
        for field in found {
            let (number, serial) = match field {
                Field::Number(n) => (Some(n), None),
                Field::Serial(s) => (None, Some(s)),
                Field::NumberAndSerial(n, s) => (Some(n), Some(s)),
                _ => (None, None),
            };
            if let Some(n) = number {
                match masthead.number {
                    Some(_) => warn(twice("masthead-second-number", "issue number")),
                    None => masthead.number = Some(n),
                }
            }
            if let Some(s) = serial {
                match masthead.serial {
                    Some(_) => warn(twice("masthead-second-serial", "serial number")),
                    None => masthead.serial = Some(s),
                }
            }
            match field {
                Field::Publisher(p) if masthead.publisher.is_none() => masthead.publisher = Some(p),
                Field::Publisher(_) => warn(twice("masthead-second-publisher", "publisher")),
                Field::Date(d) if masthead.date.is_none() => masthead.date = Some(d),
                Field::Date(_) => warn(twice("masthead-second-date", "date")),
                Field::Title(t) if masthead.title.is_none() => masthead.title = Some(t),
                Field::Title(_) | Field::Unrecognized => warn(unexpected()),
                Field::Pinyin
                | Field::Number(_)
                | Field::Serial(_)
                | Field::NumberAndSerial(..) => {}
            }
        }
    }
    masthead
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Field {
        let mut found = fields(text).expect("no error");
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.remove(0)
    }

    fn date(y: u32, m: u32, d: u32) -> Field {
        Field::Date(Date::new(y, m, d).expect("real"))
    }

    #[test]
    fn masthead_fields_are_recognised() {
        assert_eq!(one("第15期"), Field::Number(15));
        assert_eq!(one("(总第五百三十五期)"), Field::Serial(535));
        assert_eq!(one("第15期（总第535期）"), Field::NumberAndSerial(15, 535));
        assert_eq!(one("（总第535期）第15期"), Field::NumberAndSerial(15, 535));
        assert_eq!(one("2017年8月30日"), date(2017, 8, 30));
        assert_eq!(one("二〇一七年八月三十日"), date(2017, 8, 30));
        assert_eq!(one("2017.8.30"), date(2017, 8, 30));
        assert_eq!(one("2017-08-30"), date(2017, 8, 30));
        assert_eq!(one("2017/8/30"), date(2017, 8, 30));
        assert_eq!(one("2017.8"), Field::Unrecognized);
        assert_eq!(one("某某委员会编"), Field::Publisher("某某委员会".into()));
        assert_eq!(one("LIANLUODONGTAI"), Field::Pinyin);
        assert_eq!(one("联络动态"), Field::Title("联络动态".into()));
        assert_eq!(
            one("联络动态LIANLUODONGTAI"),
            Field::Title("联络动态".into())
        );
        assert_eq!(one("12345"), Field::Unrecognized);
        assert!(fields("2017年2月30日").is_err());
    }

    #[test]
    fn publisher_and_date_may_share_a_line() {
        assert_eq!(
            fields("某某委员会编2017年8月30日"),
            Ok(vec![
                Field::Publisher("某某委员会".into()),
                date(2017, 8, 30)
            ])
        );
        assert_eq!(
            fields("第15期2017年8月30日"),
            Ok(vec![Field::Number(15), date(2017, 8, 30)])
        );
    }
}
