//! How numbers and dates read on paper. Hours are H:MM everywhere (what timesheets
//! use), with thousands separated, so columns of them line up and add up by eye.

use chrono::NaiveDate;

/// Thousands with commas: 12345 -> "12,345".
pub(super) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Minutes as H:MM: 75 -> "1:15", 123456 -> "2,057:36".
pub(super) fn hm(minutes: u32) -> String {
    format!("{}:{:02}", thousands(u64::from(minutes / 60)), minutes % 60)
}

/// Whole hours of a standard: 2000 -> "2,000 h".
pub(super) fn hours(h: u32) -> String {
    format!("{} h", thousands(u64::from(h)))
}

/// Mar 3, 2025.
pub(super) fn date(d: NaiveDate) -> String {
    d.format("%b %-d, %Y").to_string()
}

/// A span of days as compactly as it reads: "Sep 2-5, 2025", "Sep 29-Oct 3, 2025".
pub(super) fn span(from: NaiveDate, to: NaiveDate) -> String {
    use chrono::Datelike;
    if from == to {
        date(from)
    } else if from.year() != to.year() {
        format!("{}\u{2013}{}", date(from), date(to))
    } else if from.month() != to.month() {
        format!("{}\u{2013}{}", from.format("%b %-d"), date(to))
    } else {
        format!("{}\u{2013}{}", from.format("%b %-d"), to.format("%-d, %Y"))
    }
}

/// Mon 2025-03-03, for the appendix rows.
pub(super) fn day(d: NaiveDate) -> String {
    d.format("%a %Y-%m-%d").to_string()
}

/// 2026-03-02T14:05:09Z -> "2026-03-02 14:05 UTC"; anything else as it is.
pub(super) fn timestamp(rfc3339: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => t.with_timezone(&chrono::Utc).format("%Y-%m-%d %H:%M UTC").to_string(),
        Err(_) => rfc3339.to_owned(),
    }
}

/// A share with one decimal: 31.25 -> "31.3%".
pub(super) fn percent(p: f64) -> String {
    format!("{p:.1}%")
}

/// "1 entry", "3 entries".
pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{} {many}", thousands(n as u64)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_and_minutes_read_like_a_timesheet() {
        assert_eq!(hm(0), "0:00");
        assert_eq!(hm(75), "1:15");
        assert_eq!(hm(60 * 1234 + 5), "1,234:05");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(hours(2000), "2,000 h");
    }

    #[test]
    fn dates_and_times() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 3).expect("date");
        assert_eq!(date(d), "Mar 3, 2025");
        assert_eq!(day(d), "Mon 2025-03-03");
        assert_eq!(timestamp("2026-03-02T14:05:09Z"), "2026-03-02 14:05 UTC");
        assert_eq!(timestamp("not a time"), "not a time");
        let e = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(span(e(2025, 9, 2), e(2025, 9, 5)), "Sep 2\u{2013}5, 2025");
        assert_eq!(span(e(2025, 9, 29), e(2025, 10, 3)), "Sep 29\u{2013}Oct 3, 2025");
        assert_eq!(span(e(2025, 12, 29), e(2026, 1, 2)), "Dec 29, 2025\u{2013}Jan 2, 2026");
        assert_eq!(span(e(2025, 9, 2), e(2025, 9, 2)), "Sep 2, 2025");
        assert_eq!(count(1, "entry", "entries"), "1 entry");
        assert_eq!(count(1200, "entry", "entries"), "1,200 entries");
    }
}
