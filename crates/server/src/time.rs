//! Timestamps as the server stores them: RFC 3339 text in UTC with microseconds.
//!
//! Text rather than native timestamp types keeps one schema shape and one code path
//! for SQLite and PostgreSQL; the fixed width keeps text order equal to time order.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

pub fn format(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn now() -> String {
    format(Utc::now())
}

/// The server's calendar date (UTC), the reference for "dated in the future".
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}
