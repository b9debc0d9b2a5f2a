//! Calendar dates: the ISO form the JSON uses, and the check that a date really exists.

/// Earliest year accepted as an issue date: the newsletter did not exist before it.
pub const FIRST_YEAR: u32 = 1950;
/// Latest year accepted as an issue date, so a misread year (`20177`) is caught.
pub const LAST_YEAR: u32 = 2999;

fn is_leap(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in `month` (1–12) of `year`; 0 for a month that does not exist.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A date that exists, within [`FIRST_YEAR`]..=[`LAST_YEAR`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year, e.g. 2017.
    pub year: u32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, from 1.
    pub day: u32,
}

impl Date {
    /// The date, when it exists and its year is in range.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        let valid = (FIRST_YEAR..=LAST_YEAR).contains(&year)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` exactly (two-digit month and day), refusing dates that do not exist.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shaped {
            return None;
        }
        let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
        Date::new(number(0..4)?, number(5..7)?, number(8..10)?)
    }

    /// `YYYY-MM-DD`.
    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn real_dates_round_trip_through_iso() {
        let d = Date::new(2017, 8, 30).expect("exists");
        assert_eq!(d.to_iso(), "2017-08-30");
        assert_eq!(Date::parse_iso("2017-08-30"), Some(d));
        assert_eq!(
            Date::parse_iso("2016-02-29").map(Date::to_iso).as_deref(),
            Some("2016-02-29")
        );
    }

    #[test]
    fn impossible_or_misshapen_dates_are_refused() {
        for bad in [
            "2017-02-29",
            "2100-02-29",
            "2017-13-01",
            "2017-00-10",
            "2017-04-31",
            "2017-8-30",
            "17-08-30",
            "2017-08-3x",
            "",
        ] {
            assert_eq!(Date::parse_iso(bad), None, "{bad}");
        }
        assert_eq!(Date::new(2000, 2, 29).map(|d| d.day), Some(29));
        assert_eq!(Date::new(1800, 1, 1), None);
    }
}
