//! Pull cursors: `<epoch>.<change seq>`.
//!
//! Clients treat the cursor as opaque. The epoch lets the server tell a cursor from
//! before a restore (whose counter may now point at different changes) from a current
//! one; the number is the employer's change counter.

use std::fmt;

use journeylog_proto::codes;

use crate::error::{Result, ServerError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub epoch: String,
    pub seq: u64,
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.epoch, self.seq)
    }
}

impl Cursor {
    pub fn parse(text: &str) -> Result<Cursor> {
        let invalid = || {
            ServerError::bad_request(
                codes::INVALID_QUERY,
                "cursor is not one this server handed out; send back the cursor of the last page, or none to pull \
                 from the start",
            )
        };
        let (epoch, seq) = text.split_once('.').ok_or_else(invalid)?;
        let epoch_ok = !epoch.is_empty() && epoch.len() <= 64 && epoch.bytes().all(|b| b.is_ascii_alphanumeric());
        let seq_ok = !seq.is_empty() && seq.bytes().all(|b| b.is_ascii_digit());
        if !epoch_ok || !seq_ok {
            return Err(invalid());
        }
        let seq = seq.parse().map_err(|_| invalid())?;
        Ok(Cursor { epoch: epoch.to_owned(), seq })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let c = Cursor { epoch: "0a1b".into(), seq: 42 };
        assert_eq!(Cursor::parse(&c.to_string()).unwrap(), c);
        for bad in ["", "42", "abc.", ".5", "ab.-1", "ab.1.2", "a b.3", "ab.99999999999999999999999"] {
            assert!(Cursor::parse(bad).is_err(), "{bad}");
        }
    }
}
