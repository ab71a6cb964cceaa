//! Parsing and formatting of durations as people type them.
//!
//! The logbook stores whole minutes (integers survive signing and summing exactly;
//! floats do not). People type hours in three common shapes, so all three are
//! accepted, and anything ambiguous or out of range is refused rather than guessed.

use crate::error::{CoreError, Result};

/// Parse `7.5`, `7,5`, `7:30`, `7h30m`, `7h`, `45m` or `8` into whole minutes.
///
/// `field` names the input in the error message. Zero is accepted here; whether zero
/// is allowed is a rule of the caller (an entry needs more than zero minutes, prior
/// credit may be zero).
pub fn parse_minutes(field: &str, text: &str) -> Result<u32> {
    let raw = text.trim();
    let bad =
        |why: &str| CoreError::invalid(field, format!("{field} \"{raw}\" {why}; write hours as 7.5, 7:30 or 7h30m"));
    if raw.is_empty() {
        return Err(CoreError::invalid(field, format!("{field} is required; write hours as 7.5, 7:30 or 7h30m")));
    }
    if raw.starts_with('-') {
        return Err(bad("is negative"));
    }
    let minutes = if let Some((h, m)) = raw.split_once(':') {
        let hours = parse_whole(h).ok_or_else(|| bad("is not a time"))?;
        if m.len() != 2 {
            return Err(bad("needs two digits of minutes"));
        }
        let mins = parse_whole(m).ok_or_else(|| bad("is not a time"))?;
        if mins >= 60 {
            return Err(bad("has more than 59 minutes"));
        }
        hours.checked_mul(60).and_then(|v| v.checked_add(mins))
    } else if raw.contains(['h', 'H', 'm', 'M']) {
        parse_unit_form(raw).ok_or_else(|| bad("is not a duration"))?
    } else {
        parse_decimal_hours(raw).ok_or_else(|| bad("is not a number of hours"))?
    };
    let minutes = minutes.ok_or_else(|| bad("is too large"))?;
    u32::try_from(minutes).map_err(|_| bad("is too large"))
}

/// `7h30m`, `7h`, `30m`, `7h 30m`.
fn parse_unit_form(raw: &str) -> Option<Option<u64>> {
    let lower = raw.to_ascii_lowercase().replace(' ', "");
    let (hours_part, rest) = match lower.split_once('h') {
        Some((h, rest)) => (Some(h), rest),
        None => (None, lower.as_str()),
    };
    let minutes_part = match rest {
        "" => None,
        r => Some(r.strip_suffix('m').or_else(|| r.strip_suffix("min"))?),
    };
    if hours_part.is_none() && minutes_part.is_none() {
        return None;
    }
    let hours = match hours_part {
        Some(h) => parse_whole(h)?,
        None => 0,
    };
    let mins = match minutes_part {
        Some(m) => parse_whole(m)?,
        None => 0,
    };
    if hours_part.is_some() && mins >= 60 {
        return None;
    }
    Some(hours.checked_mul(60).and_then(|v| v.checked_add(mins)))
}

/// `7.5` or `7,5`, rounded to the nearest minute, refusing anything finer than a minute
/// would need more than two decimals.
fn parse_decimal_hours(raw: &str) -> Option<Option<u64>> {
    let normalised = raw.replace(',', ".");
    let (whole, frac) = match normalised.split_once('.') {
        Some((w, f)) => (w, f),
        None => (normalised.as_str(), ""),
    };
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    let whole = if whole.is_empty() { 0 } else { parse_whole(whole)? };
    if frac.len() > 4 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Fraction of an hour in ten-thousandths, converted to minutes with rounding.
    let padded = format!("{frac:0<4}");
    let ten_thousandths: u64 = padded.parse().ok()?;
    let frac_minutes = (ten_thousandths * 60 + 5_000) / 10_000;
    Some(whole.checked_mul(60).and_then(|v| v.checked_add(frac_minutes)))
}

fn parse_whole(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `450` → `7:30`. Hours may exceed 24 (totals).
pub fn format_minutes(minutes: u64) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_three_common_shapes() {
        assert_eq!(parse_minutes("hours", "7.5").unwrap(), 450);
        assert_eq!(parse_minutes("hours", "7,5").unwrap(), 450);
        assert_eq!(parse_minutes("hours", "7:30").unwrap(), 450);
        assert_eq!(parse_minutes("hours", "7h30m").unwrap(), 450);
        assert_eq!(parse_minutes("hours", "7h 30m").unwrap(), 450);
        assert_eq!(parse_minutes("hours", "8").unwrap(), 480);
        assert_eq!(parse_minutes("hours", "8h").unwrap(), 480);
        assert_eq!(parse_minutes("hours", "45m").unwrap(), 45);
        assert_eq!(parse_minutes("hours", ".25").unwrap(), 15);
        assert_eq!(parse_minutes("hours", "0:05").unwrap(), 5);
        assert_eq!(parse_minutes("hours", " 2.75 ").unwrap(), 165);
    }

    #[test]
    fn refuses_malformed_values_with_the_field_named() {
        for bad in ["7:75", "-3", "NaN", "nan", "inf", "", "7:5", "abc", "7.5.1", "1e3", "7h75m", "h", "7:30:00"] {
            let err = parse_minutes("hours", bad).unwrap_err();
            assert_eq!(err.field(), Some("hours"), "{bad}");
            assert!(err.to_string().starts_with("hours"), "{bad}: {err}");
        }
        let err = parse_minutes("hours", "7:75").unwrap_err();
        assert!(err.to_string().contains("more than 59 minutes"), "{err}");
        let err = parse_minutes("hours", "-3").unwrap_err();
        assert!(err.to_string().contains("negative"), "{err}");
    }

    #[test]
    fn formats_as_hours_and_minutes() {
        assert_eq!(format_minutes(450), "7:30");
        assert_eq!(format_minutes(1560), "26:00");
        assert_eq!(format_minutes(5), "0:05");
    }
}
