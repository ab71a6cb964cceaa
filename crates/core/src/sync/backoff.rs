//! When to try again after failed rounds.
//!
//! Exponential backoff with "equal jitter": the wait doubles with each failure up to
//! a cap, and half of it is random. When a server comes back after an outage, its
//! thousands of devices then return spread over minutes instead of all at once.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;

const FIRST_WAIT_SECS: f64 = 2.0;
const MAX_WAIT_SECS: f64 = 300.0;

/// The wait before the next attempt after `failures` failed rounds in a row (>= 1).
pub(crate) fn wait_after(failures: u32, unit_random: f64) -> Duration {
    let exponent = failures.saturating_sub(1).min(16);
    let full = (FIRST_WAIT_SECS * f64::from(1u32 << exponent)).min(MAX_WAIT_SECS);
    let secs = full / 2.0 + full / 2.0 * unit_random.clamp(0.0, 1.0);
    Duration::milliseconds((secs * 1000.0) as i64)
}

/// The RFC 3339 time of the next attempt.
pub(crate) fn next_attempt(failures: u32) -> String {
    let wait = wait_after(failures, rand::rng().random::<f64>());
    (Utc::now() + wait).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(crate) fn is_due(next_attempt_at: Option<&str>) -> bool {
    match next_attempt_at.and_then(|t| DateTime::parse_from_rfc3339(t).ok()) {
        Some(at) => Utc::now() >= at,
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_the_cap_and_half_is_jitter() {
        assert_eq!(wait_after(1, 0.0), Duration::seconds(1));
        assert_eq!(wait_after(1, 1.0), Duration::seconds(2));
        assert_eq!(wait_after(2, 1.0), Duration::seconds(4));
        assert_eq!(wait_after(5, 1.0), Duration::seconds(32));
        assert_eq!(wait_after(30, 1.0), Duration::seconds(300));
        assert_eq!(wait_after(30, 0.0), Duration::seconds(150));
    }

    #[test]
    fn due_when_no_attempt_is_scheduled_or_the_time_has_come() {
        assert!(is_due(None));
        assert!(is_due(Some("2000-01-01T00:00:00Z")));
        assert!(!is_due(Some(&next_attempt(3))));
    }
}
