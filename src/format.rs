//! How dates and issue numbers are written for readers.

/// `2017-08-30` → `2017年8月30日`; anything else is shown as it is.
pub fn chinese_date(iso: &str) -> String {
    match parse_date(iso) {
        Some((year, month, day)) => format!("{year}年{month}月{day}日"),
        None => iso.to_owned(),
    }
}

/// `2017-08-30` → `8月30日`, for lists already grouped by year.
pub fn month_day(iso: &str) -> String {
    match parse_date(iso) {
        Some((_, month, day)) => format!("{month}月{day}日"),
        None => iso.to_owned(),
    }
}

/// The year of an ISO date, when it has one.
pub fn year(iso: &str) -> Option<u32> {
    parse_date(iso).map(|(year, _, _)| year)
}

fn parse_date(iso: &str) -> Option<(u32, u32, u32)> {
    let mut parts = iso.splitn(3, '-').map(|part| part.parse::<u32>().ok());
    Some((parts.next()??, parts.next()??, parts.next()??))
}

/// `第15期`, with the serial when printed: `第15期（总第535期）`.
pub fn issue_label(number: u32, serial: Option<u32>) -> String {
    match serial {
        Some(serial) => format!("第{number}期（总第{serial}期）"),
        None => format!("第{number}期"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_chinese_way_without_leading_zeros() {
        assert_eq!(chinese_date("2017-08-30"), "2017年8月30日");
        assert_eq!(month_day("2017-08-03"), "8月3日");
        assert_eq!(year("2017-08-30"), Some(2017));
    }

    #[test]
    fn an_unreadable_date_is_shown_as_given() {
        assert_eq!(chinese_date("八月"), "八月");
        assert_eq!(month_day("2017-xx-01"), "2017-xx-01");
        assert_eq!(year(""), None);
    }

    #[test]
    fn issue_labels_carry_the_serial_when_known() {
        assert_eq!(issue_label(15, Some(535)), "第15期（总第535期）");
        assert_eq!(issue_label(3, None), "第3期");
    }
}
