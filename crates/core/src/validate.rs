//! The logbook's rules (DESIGN §2), checked before anything is stored.
//!
//! Each check returns a [`CoreError::Invalid`] naming the input field and the rule in
//! words a person can act on. Hard limits are errors; advisories (hours past a
//! hybrid range) are [`FieldWarning`]s that let the save go through.

use chrono::NaiveDate;

use crate::duration::format_minutes;
use crate::error::{CoreError, Result};
use crate::model::{Approach, FieldWarning, ProgramStandard};

/// A day holds at most 24 hours across OJL and coursework.
pub const MINUTES_PER_DAY: u32 = 24 * 60;

/// Parses a `YYYY-MM-DD` date typed into `field`.
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    let raw = text.trim();
    if raw.is_empty() {
        return Err(CoreError::invalid(field, format!("{field} is required; use the form YYYY-MM-DD")));
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok().filter(|_| raw.len() == 10).ok_or_else(|| {
        CoreError::invalid(field, format!("{field} \"{raw}\" is not a calendar date; use the form YYYY-MM-DD"))
    })
}

/// An optional date: empty means none.
pub fn parse_optional_date(field: &str, text: &str) -> Result<Option<NaiveDate>> {
    if text.trim().is_empty() { Ok(None) } else { parse_date(field, text).map(Some) }
}

pub fn require_text(field: &str, value: &str, max_chars: usize) -> Result<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(CoreError::invalid(field, format!("{} is required", field.replace('_', " "))));
    }
    limit_text(field, trimmed, max_chars)
}

pub fn limit_text(field: &str, value: &str, max_chars: usize) -> Result<String> {
    let trimmed = value.trim();
    let count = trimmed.chars().count();
    if count > max_chars {
        return Err(CoreError::invalid(
            field,
            format!("{} is {count} characters long; at most {max_chars} are allowed", field.replace('_', " ")),
        ));
    }
    Ok(trimmed.to_owned())
}

pub fn positive_minutes(field: &str, minutes: u32) -> Result<u32> {
    if minutes == 0 {
        return Err(CoreError::invalid(field, format!("{field} must be more than zero")));
    }
    Ok(minutes)
}

/// No entry is dated after today.
pub fn not_in_future(field: &str, date: NaiveDate, today: NaiveDate) -> Result<()> {
    if date > today {
        return Err(CoreError::invalid(
            field,
            format!("{field} {date} is in the future; entries can be logged up to today ({today})"),
        ));
    }
    Ok(())
}

/// No entry before enrollment, unless it is prior credit.
pub fn not_before_start(field: &str, date: NaiveDate, start: NaiveDate, prior_credit: bool) -> Result<()> {
    if date < start && !prior_credit {
        return Err(CoreError::invalid(
            field,
            format!(
                "{field} {date} is before the enrollment start date {start}; only prior credit can be dated earlier"
            ),
        ));
    }
    Ok(())
}

/// At most 24:00 per calendar day across OJL and coursework.
pub fn day_total(date: NaiveDate, already: u32, adding: u32) -> Result<()> {
    let total = already + adding;
    if total > MINUTES_PER_DAY {
        let logged = if already > 0 {
            format!(" ({} is already logged that day)", format_minutes(u64::from(already)))
        } else {
            String::new()
        };
        return Err(CoreError::invalid(
            "hours",
            format!(
                "hours on {date} would total {}; a day holds at most 24:00{logged}",
                format_minutes(u64::from(total))
            ),
        ));
    }
    Ok(())
}

pub fn work_process_exists(program: &ProgramStandard, code: &str) -> Result<()> {
    if program.work_process(code).is_none() {
        let known: Vec<&str> = program.work_processes.iter().map(|w| w.code.as_str()).collect();
        return Err(CoreError::invalid(
            "work_process",
            format!("work process \"{code}\" is not in the program {}; choose one of {}", program.id, known.join(", ")),
        ));
    }
    Ok(())
}

pub fn course_exists(program: &ProgramStandard, code: &str) -> Result<()> {
    if program.course(code).is_none() {
        let known: Vec<&str> = program.courses.iter().map(|c| c.code.as_str()).collect();
        let choices = if known.is_empty() { "none are defined".to_owned() } else { known.join(", ") };
        return Err(CoreError::invalid(
            "course",
            format!("course \"{code}\" is not in the program {}; choose one of {choices}", program.id),
        ));
    }
    Ok(())
}

/// Hours past a hybrid work process's maximum still count, with a warning.
pub fn hybrid_max_warning(program: &ProgramStandard, code: &str, total_after: u32) -> Option<FieldWarning> {
    if program.approach != Approach::Hybrid {
        return None;
    }
    let wp = program.work_process(code)?;
    let max = wp.max_hours?;
    (total_after > max * 60).then(|| FieldWarning {
        field: "hours".to_owned(),
        message: format!(
            "{} {} now has {} logged, past its range maximum of {max}:00; the hours still count, \
             but check the split with your mentor",
            wp.code,
            wp.title,
            format_minutes(u64::from(total_after))
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dates_must_be_real_calendar_days() {
        assert_eq!(parse_date("date", "2026-03-02").unwrap(), d("2026-03-02"));
        for bad in ["2026-02-30", "2026-13-01", "02/03/2026", "2026-3-2", "yesterday", "2026-03-02T00:00"] {
            let err = parse_date("date", bad).unwrap_err();
            assert_eq!(err.field(), Some("date"));
            assert!(err.to_string().contains("YYYY-MM-DD"), "{bad}: {err}");
        }
    }

    #[test]
    fn a_day_holds_at_most_24_hours() {
        day_total(d("2026-03-02"), 16 * 60, 8 * 60).unwrap();
        let err = day_total(d("2026-03-02"), 18 * 60, 8 * 60).unwrap_err();
        assert_eq!(err.field(), Some("hours"));
        assert!(
            err.to_string().starts_with("hours on 2026-03-02 would total 26:00; a day holds at most 24:00"),
            "{err}"
        );
    }

    #[test]
    fn future_and_pre_enrollment_dates_are_refused() {
        let err = not_in_future("date", d("2026-03-03"), d("2026-03-02")).unwrap_err();
        assert!(err.to_string().contains("is in the future"), "{err}");
        let err = not_before_start("date", d("2026-01-01"), d("2026-02-01"), false).unwrap_err();
        assert!(err.to_string().contains("before the enrollment start date 2026-02-01"), "{err}");
        not_before_start("date", d("2026-01-01"), d("2026-02-01"), true).unwrap();
    }
}
