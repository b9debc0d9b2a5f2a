//! The masthead: title, pinyin, 第 N 期, (总第…期), publisher (…编) and date, in the lines
//! before the editor's note.

use super::lines::Line;
use crate::calendar::Date;
use crate::diagnostic::Diagnostic;
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

/// `2017年8月30日` (digits or Chinese numerals). `Err` holds the date as printed when it has
/// the shape of a date but does not exist.
fn date(text: &str) -> Option<Result<Date, String>> {
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
    Some(Date::new(y, m, d).ok_or_else(|| format!("{year}年{month}月{day}日")))
}

/// Reads one compacted masthead line.
fn field(text: &str) -> Result<Option<Field>, String> {
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_alphabetic()) {
        return Ok(Some(Field::Pinyin));
    }
    if let Some(found) = date(text) {
        return found.map(|d| Some(Field::Date(d))).map_err(|printed| {
            format!("found the date {printed}, which does not exist; expected a real date")
        });
    }
    match (issue_number(text), serial_number(text)) {
        (Some(n), Some(s)) => return Ok(Some(Field::NumberAndSerial(n, s))),
        (Some(n), None) => return Ok(Some(Field::Number(n))),
        (None, Some(s)) => return Ok(Some(Field::Serial(s))),
        (None, None) => {}
    }
    if let Some(publisher) = text.strip_suffix('编').filter(|p| p.chars().count() >= 2) {
        return Ok(Some(Field::Publisher(publisher.to_string())));
    }
    if text.chars().any(is_han) {
        return Ok(Some(Field::Title(text.to_string())));
    }
    Ok(None)
}

/// Whether `line` is the masthead's date, which ends the masthead.
pub fn is_date_line(line: &Line) -> bool {
    date(&without_spaces(&line.text)).is_some()
}

/// Reads the masthead from its lines (blank lines allowed), reporting lines it does not
/// understand and fields given twice.
pub fn read_masthead(lines: &[Line], diagnostics: &mut Vec<Diagnostic>) -> Masthead {
    let mut masthead = Masthead::default();
    for line in lines.iter().filter(|l| !l.text.is_empty()) {
        let text = without_spaces(&line.text);
        let warn_twice = |what: &str, diagnostics: &mut Vec<Diagnostic>| {
            diagnostics.push(Diagnostic::warning(
                line.number,
                line.column,
                format!("found a second {what} in the masthead ({text}); expected one, the first is kept"),
            ));
        };
        match field(&text) {
            Err(message) => diagnostics.push(Diagnostic::error(line.number, line.column, message)),
            Ok(None) => diagnostics.push(Diagnostic::warning(
                line.number,
                line.column,
                format!("found {text:?} in the masthead; expected the title, 第N期, (总第…期), the publisher (…编) or the date"),
            )),
            Ok(Some(Field::Pinyin)) => {}
            Ok(Some(found)) => {
                let (number, serial) = match &found {
                    Field::Number(n) => (Some(*n), None),
                    Field::Serial(s) => (None, Some(*s)),
                    Field::NumberAndSerial(n, s) => (Some(*n), Some(*s)),
                    _ => (None, None),
                };
                if let Some(n) = number {
                    if masthead.number.is_some() {
                        warn_twice("issue number", diagnostics);
                    } else {
                        masthead.number = Some(n);
                    }
                }
                if let Some(s) = serial {
                    if masthead.serial.is_some() {
                        warn_twice("serial number", diagnostics);
                    } else {
                        masthead.serial = Some(s);
                    }
                }
                match found {
                    Field::Publisher(p) if masthead.publisher.is_none() => masthead.publisher = Some(p),
                    Field::Publisher(_) => warn_twice("publisher", diagnostics),
                    Field::Date(d) => masthead.date = Some(d),
                    Field::Title(t) if masthead.title.is_none() => masthead.title = Some(t),
                    Field::Title(_) => diagnostics.push(Diagnostic::warning(
                        line.number,
                        line.column,
                        format!("found {text:?} in the masthead; expected the title, 第N期, (总第…期), the publisher (…编) or the date"),
                    )),
                    _ => {}
                }
            }
        }
    }
    masthead
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masthead_fields_are_recognised() {
        assert_eq!(field("第15期"), Ok(Some(Field::Number(15))));
        assert_eq!(field("(总第五百三十五期)"), Ok(Some(Field::Serial(535))));
        assert_eq!(
            field("第15期（总第535期）"),
            Ok(Some(Field::NumberAndSerial(15, 535)))
        );
        assert_eq!(
            field("（总第535期）第15期"),
            Ok(Some(Field::NumberAndSerial(15, 535)))
        );
        assert_eq!(
            field("2017年8月30日"),
            Ok(Some(Field::Date(Date::new(2017, 8, 30).expect("real"))))
        );
        assert_eq!(
            field("二〇一七年八月三十日"),
            Ok(Some(Field::Date(Date::new(2017, 8, 30).expect("real"))))
        );
        assert_eq!(
            field("某某委员会编"),
            Ok(Some(Field::Publisher("某某委员会".into())))
        );
        assert_eq!(field("LIANLUODONGTAI"), Ok(Some(Field::Pinyin)));
        assert_eq!(field("联络动态"), Ok(Some(Field::Title("联络动态".into()))));
        assert!(field("2017年2月30日").is_err());
    }
}
