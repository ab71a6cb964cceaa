//! What a sign-off is about, in the one string form that is signed.

use chrono::NaiveDate;

use crate::error::{CoreError, Result};

/// The subject of a sign-off, parsed from `period:..`, `milestone:..`,
/// `competency:..` or `signoff:..`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// OJL and coursework logged from `from` to `to`, both included.
    Period {
        from: NaiveDate,
        to: NaiveDate,
    },
    Milestone {
        code: String,
    },
    Competency {
        work_process: String,
        competency: String,
    },
    /// A revocation of the sign-off with this id.
    Signoff {
        id: String,
    },
}

impl Subject {
    pub fn parse(raw: &str) -> Result<Subject> {
        let bad = |why: &str| CoreError::InvalidSignoff {
            code: journeylog_proto::codes::SIGNOFF_MALFORMED,
            message: format!("subject \"{raw}\" {why}"),
        };
        let (kind, rest) = raw.split_once(':').ok_or_else(|| bad("has no kind: expected e.g. \"milestone:M1\""))?;
        if rest.is_empty() || rest.trim() != rest {
            return Err(bad("has an empty or padded value"));
        }
        match kind {
            "period" => {
                let (from, to) = rest.split_once('/').ok_or_else(|| bad("must be period:YYYY-MM-DD/YYYY-MM-DD"))?;
                let date = |s: &str| {
                    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad("has a date that is not YYYY-MM-DD"))
                };
                let (from, to) = (date(from)?, date(to)?);
                if to < from {
                    return Err(bad("ends before it starts"));
                }
                Ok(Subject::Period { from, to })
            }
            "milestone" => Ok(Subject::Milestone { code: rest.to_owned() }),
            "competency" => {
                let (wp, c) =
                    rest.split_once('/').ok_or_else(|| bad("must be competency:<work process>/<competency>"))?;
                if wp.is_empty() || c.is_empty() {
                    return Err(bad("names no work process or competency"));
                }
                Ok(Subject::Competency { work_process: wp.to_owned(), competency: c.to_owned() })
            }
            "signoff" => Ok(Subject::Signoff { id: rest.to_owned() }),
            _ => Err(bad("has an unknown kind: use period, milestone, competency or signoff")),
        }
    }

    pub fn period(from: NaiveDate, to: NaiveDate) -> String {
        format!("period:{}/{}", from.format("%Y-%m-%d"), to.format("%Y-%m-%d"))
    }

    pub fn milestone(code: &str) -> String {
        format!("milestone:{code}")
    }

    pub fn competency(work_process: &str, competency: &str) -> String {
        format!("competency:{work_process}/{competency}")
    }

    pub fn revocation(signoff_id: &str) -> String {
        format!("signoff:{signoff_id}")
    }
}
