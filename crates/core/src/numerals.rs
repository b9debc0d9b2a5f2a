//! Numbers as printed in Chinese: `五百三十五` (with units), `二〇一七` (digit by digit), and
//! Arabic digits, ASCII or full-width.

/// The value of a Chinese digit character, `〇`/`零` through `九` (and `两`).
fn digit_value(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of an Arabic digit, ASCII or full-width.
fn arabic_digit(c: char) -> Option<u32> {
    c.to_digit(10)
        .or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
}

/// The value of a unit below 万: 十, 百, 千.
fn small_unit_value(c: char) -> Option<u32> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

/// Parses a number written in Arabic digits (ASCII or full-width), Chinese digits one per
/// place (`二〇一七` → 2017) or Chinese numerals with units (`五百三十五` → 535, `十五` → 15,
/// `一千零五` → 1005, up to `九千九百九十九万…`). Returns `None` for anything else, including
/// malformed numerals such as `十十` or `五五十`, and values beyond `u32`.
pub fn parse_number(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    if text.chars().all(crate::text::is_digit) {
        return parse_positional(text.chars().filter_map(arabic_digit));
    }
    let mut chars = text.chars();
    if let (Some(only), None) = (chars.next(), chars.next()) {
        if let Some(d) = digit_value(only) {
            return Some(d);
        }
    }
    if text.chars().all(|c| digit_value(c).is_some()) && !text.contains('两') {
        return parse_positional(text.chars().filter_map(digit_value));
    }
    parse_with_units(text)
}

/// Digits in place-value order, most significant first.
fn parse_positional(mut digits: impl Iterator<Item = u32>) -> Option<u32> {
    digits.try_fold(0u32, |acc, d| acc.checked_mul(10)?.checked_add(d))
}

/// Numerals with units: sections of 千百十 below 万, the upper section multiplied by 万.
fn parse_with_units(text: &str) -> Option<u32> {
    let mut total: u32 = 0;
    let mut section: u32 = 0;
    // The digit waiting for its unit; `None` right after a unit or at the start.
    let mut pending: Option<u32> = None;
    // The unit last used in this section: the next one must be smaller.
    let mut last_unit: u32 = 10_000;
    let mut seen_wan = false;
    let mut after_zero = false;
    for c in text.chars() {
        if let Some(d) = digit_value(c) {
            if pending.is_some() {
                return None;
            }
            if d == 0 {
                if after_zero || (section == 0 && !seen_wan) {
                    return None;
                }
                after_zero = true;
            } else {
                pending = Some(d);
            }
        } else if let Some(unit) = small_unit_value(c) {
            if unit >= last_unit {
                return None;
            }
            // 十 may stand alone for 一十, but only at the head of a number.
            let d = match pending.take() {
                Some(d) => d,
                None if unit == 10 && section == 0 && !seen_wan && !after_zero => 1,
                None => return None,
            };
            section += d * unit;
            last_unit = unit;
            after_zero = false;
        } else if c == '万' {
            if seen_wan {
                return None;
            }
            section = finish_section(section, pending.take(), last_unit, after_zero, false)?;
            if section == 0 {
                return None;
            }
            total = section.checked_mul(10_000)?;
            section = 0;
            last_unit = 10_000;
            seen_wan = true;
            after_zero = false;
        } else {
            return None;
        }
    }
    let section = finish_section(section, pending, last_unit, after_zero, seen_wan)?;
    total.checked_add(section)
}

/// Closes a section (the part before 万, or after it): adds its bare final digit, which is a
/// unit digit only after 零 or 十, or when it is the section's only digit before any 万.
/// Colloquial abbreviations such as `三百五` (350) or `一万五` (15,000) are refused rather
/// than misread; so is a trailing 零.
fn finish_section(
    section: u32,
    pending: Option<u32>,
    last_unit: u32,
    after_zero: bool,
    seen_wan: bool,
) -> Option<u32> {
    match pending {
        Some(d) if after_zero || last_unit == 10 || (last_unit == 10_000 && !seen_wan) => {
            Some(section + d)
        }
        Some(_) => None,
        None if after_zero => None,
        None => Some(section),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_number;

    #[test]
    fn serial_numbers_from_the_masthead() {
        assert_eq!(parse_number("五百三十五"), Some(535));
        assert_eq!(parse_number("十五"), Some(15));
        assert_eq!(parse_number("十"), Some(10));
        assert_eq!(parse_number("一千零五"), Some(1005));
        assert_eq!(parse_number("一千零五十"), Some(1050));
        assert_eq!(parse_number("三万零四十"), Some(30_040));
        assert_eq!(parse_number("二〇一七"), Some(2017));
        assert_eq!(parse_number("2017"), Some(2017));
        assert_eq!(parse_number("１５"), Some(15));
        assert_eq!(parse_number("零"), Some(0));
        assert_eq!(parse_number("两千"), Some(2000));
        assert_eq!(parse_number("一百零一万"), Some(1_010_000));
        assert_eq!(parse_number("五万"), Some(50_000));
    }

    #[test]
    fn malformed_numerals_are_refused() {
        for bad in [
            "",
            "十十",
            "五五十",
            "百",
            "一百十十",
            "三百五",
            "五万万",
            "五千零",
            "一万五",
            "三百五万",
            "a",
        ] {
            assert_eq!(parse_number(bad), None, "{bad:?}");
        }
    }
}
