//! Numbers as printed in Chinese: `五百三十五` (with units), `二〇一七` (digit by digit), and
//! Arabic digits, ASCII or full-width, read by [`parse_number`]; and numbers written with units
//! by [`write_number`], as the masthead prints the serial (总第五百三十五期).

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

/// The digits as [`write_number`] writes them.
const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Units within a group of four digits, highest first.
const UNITS: [&str; 4] = ["千", "百", "十", ""];

/// Writes `n` (below 10^8) in Chinese numerals the way print does: 535 → 五百三十五, 15 → 十五
/// (a leading 一十 is shortened), 110 → 一百一十, 1005 → 一千零五, 10010 → 一万零一十. Zeros
/// between digits are read as one 零; trailing zeros are silent. [`parse_number`] reads every
/// such numeral back.
///
/// # Panics
///
/// When `n` is 10^8 or more, which would need the unit 亿.
pub fn write_number(n: u32) -> String {
    assert!(
        n < 100_000_000,
        "write_number supports numbers below 10^8, not {n}"
    );
    if n == 0 {
        return DIGITS[0].to_string();
    }
    let (high, low) = (n / 10_000, n % 10_000);
    let mut out = String::new();
    if high > 0 {
        out.push_str(&group(high, true));
        out.push('万');
        if low > 0 {
            if low < 1000 {
                out.push(DIGITS[0]);
            }
            out.push_str(&group(low, false));
        }
    } else {
        out.push_str(&group(low, true));
    }
    out
}

/// One group of up to four digits (1..=9999). `leading` says whether it starts the number,
/// where 一十 is written 十.
fn group(value: u32, leading: bool) -> String {
    let digits = [value / 1000, value / 100 % 10, value / 10 % 10, value % 10];
    let first = digits
        .iter()
        .position(|&d| d != 0)
        .expect("group is not zero");
    let mut out = String::new();
    let mut pending_zero = false;
    for (place, &digit) in digits.iter().enumerate().skip(first) {
        if digit == 0 {
            pending_zero = true;
            continue;
        }
        if pending_zero {
            out.push(DIGITS[0]);
            pending_zero = false;
        }
        let is_leading_ten = leading && place == first && place == 2 && digit == 1;
        if !is_leading_ten {
            out.push(DIGITS[digit as usize]);
        }
        out.push_str(UNITS[place]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{parse_number, write_number};
    use proptest::prelude::*;

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

    #[test]
    fn printed_forms() {
        let cases = [
            (0, "零"),
            (7, "七"),
            (10, "十"),
            (15, "十五"),
            (20, "二十"),
            (101, "一百零一"),
            (110, "一百一十"),
            (115, "一百一十五"),
            (535, "五百三十五"),
            (1005, "一千零五"),
            (1050, "一千零五十"),
            (5000, "五千"),
            (10_000, "一万"),
            (10_010, "一万零一十"),
            (30_040, "三万零四十"),
            (100_000, "十万"),
            (110_010, "十一万零一十"),
            (120_034, "十二万零三十四"),
            (10_001_000, "一千万一千"),
        ];
        for (n, text) in cases {
            assert_eq!(write_number(n), text, "{n}");
        }
    }

    #[test]
    #[should_panic(expected = "below 10^8")]
    fn numbers_needing_yi_are_refused() {
        write_number(100_000_000);
    }

    proptest! {
        #[test]
        fn written_numbers_read_back(n in 0u32..100_000_000) {
            let text = write_number(n);
            prop_assert_eq!(parse_number(&text), Some(n), "{}", text);
            prop_assert!(!text.contains("零零"), "{}", text);
            prop_assert!(n == 0 || !text.ends_with('零'), "{}", text);
        }
    }
}
