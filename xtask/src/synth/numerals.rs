//! Writing numbers in Chinese numerals, as the masthead prints the serial (总第五百三十五期).

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Units within a group of four digits, highest first.
const UNITS: [&str; 4] = ["千", "百", "十", ""];

/// Writes `n` (below 10^8) in Chinese numerals the way print does: 535 → 五百三十五, 15 → 十五
/// (a leading 一十 is shortened), 110 → 一百一十, 1005 → 一千零五, 10010 → 一万零一十. Zeros
/// between digits are read as one 零; trailing zeros are silent.
pub fn chinese_numeral(n: u32) -> String {
    assert!(
        n < 100_000_000,
        "chinese_numeral supports numbers below 10^8, not {n}"
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
    use super::*;
    use proptest::prelude::*;

    /// An independent reader of Chinese numerals, as the oracle for the writer.
    fn read(text: &str) -> u64 {
        let (mut total, mut section, mut digit) = (0u64, 0u64, None::<u64>);
        for c in text.chars() {
            if let Some(d) = DIGITS.iter().position(|&x| x == c) {
                digit = Some(d as u64);
                continue;
            }
            match c {
                '十' | '百' | '千' => {
                    let unit = match c {
                        '十' => 10,
                        '百' => 100,
                        _ => 1000,
                    };
                    section += digit.take().unwrap_or(1) * unit;
                }
                '万' => {
                    total += (section + digit.take().unwrap_or(0)) * 10_000;
                    section = 0;
                }
                other => panic!("unexpected character {other}"),
            }
        }
        total + section + digit.unwrap_or(0)
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
            (535, "五百三十五"),
            (1005, "一千零五"),
            (1050, "一千零五十"),
            (5000, "五千"),
            (10_000, "一万"),
            (10_010, "一万零一十"),
            (100_000, "十万"),
            (120_034, "十二万零三十四"),
            (10_001_000, "一千万一千"),
        ];
        for (n, text) in cases {
            assert_eq!(chinese_numeral(n), text, "{n}");
        }
    }

    proptest! {
        #[test]
        fn reads_back_to_the_same_number(n in 0u32..100_000_000) {
            let text = chinese_numeral(n);
            prop_assert_eq!(read(&text), u64::from(n), "{}", text);
            prop_assert!(!text.contains("零零"), "{}", text);
            prop_assert!(n == 0 || !text.ends_with('零'), "{}", text);
        }
    }
}
