//! Per-mutation checks: does the payload parse, agree with its mutation, and keep the
//! logbook's rules (DESIGN §2)? A failure is a [`Rejection`]: stored, reported to the
//! client with a message that names the field and the rule, and never retried.
//!
//! The client checks the same rules before it writes; the server checks again
//! because it is the one place that sees every device of an apprentice, and because
//! a client can be old, buggy or not ours.

use chrono::{Days, NaiveDate};
use journeylog_core::duration::format_minutes;
use journeylog_core::model::ProgramStandard;
use journeylog_proto::{
    CertificationRecord, Change, CourseworkRecord, EnrollmentRecord, MilestoneRequestRecord, Mutation, MutationKind,
    OjlRecord, Tombstone, codes,
};
use serde::de::DeserializeOwned;

use crate::auth::Caller;
use journeylog_proto::canonical_json;

/// A day holds at most 24 hours across OJL and coursework.
pub const MINUTES_PER_DAY: u64 = 24 * 60;

/// The longest record id accepted (client ids are UUIDs: 36 characters).
const MAX_RECORD_ID_CHARS: usize = 100;

/// The record id of an apprentice's one enrollment record.
pub const ENROLLMENT_RECORD_ID: &str = "enrollment";

#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    pub code: &'static str,
    pub message: String,
    /// On a version conflict: the server's record (boxed: rejections are passed
    /// around by value and are rare).
    pub current: Option<Box<Change>>,
}

impl Rejection {
    pub fn new(code: &'static str, message: impl Into<String>) -> Rejection {
        Rejection { code, message: message.into(), current: None }
    }
}

/// A code the payload points into the apprentice's program with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgramRef {
    WorkProcess(String),
    Course(String),
}

/// A payload that parsed, with what the stateful checks need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The payload as stored: canonical JSON.
    pub canonical: String,
    pub deleted: bool,
    /// OJL and coursework: the day and the minutes that count against it.
    pub day: Option<(NaiveDate, u32)>,
    pub program_ref: Option<ProgramRef>,
    /// OJL and coursework: the signed-off version this upsert corrects, if any.
    pub amends_version: Option<u32>,
}

/// Checks everything that needs no database: the payload's shape, its agreement with
/// the mutation, dates, and the server's clock.
pub fn parse(m: &Mutation, caller: &Caller, today: NaiveDate) -> Result<Parsed, Rejection> {
    if m.record_id.is_empty() || m.record_id.chars().count() > MAX_RECORD_ID_CHARS {
        return Err(invalid(format!("record_id must be 1 to {MAX_RECORD_ID_CHARS} characters long")));
    }
    let mut parsed = Parsed {
        canonical: canonical_json(&m.payload),
        deleted: false,
        day: None,
        program_ref: None,
        amends_version: None,
    };
    match m.kind {
        MutationKind::EnrollmentUpsert => {
            let r: EnrollmentRecord = payload(m)?;
            if m.record_id != ENROLLMENT_RECORD_ID {
                return Err(invalid(format!(
                    "record_id of an enrollment must be \"{ENROLLMENT_RECORD_ID}\", not \"{}\"",
                    m.record_id
                )));
            }
            next_version(m, r.version)?;
            date("start_date", &r.start_date)?;
            if let Some(assigned) = &caller.program_id
                && &r.program_id != assigned
            {
                return Err(invalid(format!(
                    "program_id \"{}\" is not the program your employer enrolled you in (\"{assigned}\")",
                    r.program_id
                )));
            }
        }
        MutationKind::OjlEntryUpsert => {
            let r: OjlRecord = payload(m)?;
            identity(m, &r.id, r.version)?;
            let day = date("date", &r.date)?;
            not_ahead("date", day, today)?;
            positive_minutes(r.minutes)?;
            parsed.day = Some((day, r.minutes));
            parsed.program_ref = Some(ProgramRef::WorkProcess(r.work_process));
            parsed.amends_version = r.amends_version;
        }
        MutationKind::CourseworkEntryUpsert => {
            let r: CourseworkRecord = payload(m)?;
            identity(m, &r.id, r.version)?;
            let day = date("date", &r.date)?;
            not_ahead("date", day, today)?;
            positive_minutes(r.minutes)?;
            parsed.day = Some((day, r.minutes));
            parsed.program_ref = Some(ProgramRef::Course(r.course));
            parsed.amends_version = r.amends_version;
        }
        MutationKind::CertificationUpsert => {
            let r: CertificationRecord = payload(m)?;
            identity(m, &r.id, r.version)?;
            let earned = date("earned_on", &r.earned_on)?;
            not_ahead("earned_on", earned, today)?;
            if let Some(expires) = &r.expires_on {
                let expires = date("expires_on", expires)?;
                if expires < earned {
                    return Err(invalid(format!("expires_on {expires} is before earned_on {earned}")));
                }
            }
        }
        MutationKind::MilestoneRequestUpsert => {
            let r: MilestoneRequestRecord = payload(m)?;
            if r.milestone != m.record_id {
                return Err(invalid(format!(
                    "milestone \"{}\" differs from the mutation's record_id \"{}\"",
                    r.milestone, m.record_id
                )));
            }
            next_version(m, r.version)?;
        }
        MutationKind::SignoffCreate => {
            return Err(invalid("a sign-off is checked by the sign-off rules, not the record rules"));
        }
        MutationKind::OjlEntryDelete | MutationKind::CourseworkEntryDelete | MutationKind::CertificationDelete => {
            let r: Tombstone = payload(m)?;
            identity(m, &r.id, r.version)?;
            parsed.deleted = true;
        }
    }
    Ok(parsed)
}

/// The work process or course must be in the apprentice's program.
pub fn check_program_ref(reference: &ProgramRef, program: &ProgramStandard) -> Result<(), Rejection> {
    let (field, code, known): (&str, &str, Vec<&str>) = match reference {
        ProgramRef::WorkProcess(code) => {
            ("work_process", code, program.work_processes.iter().map(|w| w.code.as_str()).collect())
        }
        ProgramRef::Course(code) => ("course", code, program.courses.iter().map(|c| c.code.as_str()).collect()),
    };
    if known.contains(&code) {
        return Ok(());
    }
    let choices = if known.is_empty() { "it defines none".to_owned() } else { format!("it has {}", known.join(", ")) };
    Err(Rejection::new(
        codes::UNKNOWN_CODE,
        format!("{field} \"{code}\" is not in the program {} (revision {}); {choices}", program.id, program.revision),
    ))
}

/// At most 24:00 a day across OJL and coursework, worded as the app words it.
pub fn check_day(day: NaiveDate, already: u64, adding: u32) -> Result<(), Rejection> {
    let total = already + u64::from(adding);
    if total > MINUTES_PER_DAY {
        return Err(Rejection::new(
            codes::DAY_LIMIT,
            format!(
                "hours on {day} would total {} ({} already logged that day); a day holds at most {} across OJL and \
                 coursework",
                format_minutes(total),
                format_minutes(already),
                format_minutes(MINUTES_PER_DAY)
            ),
        ));
    }
    Ok(())
}

fn payload<T: DeserializeOwned>(m: &Mutation) -> Result<T, Rejection> {
    T::deserialize(&m.payload)
        .map_err(|e| invalid(format!("payload is not a valid {} record: {e}", m.kind.record_kind().as_str())))
}

/// The payload's own id and version must agree with the mutation that carries it.
fn identity(m: &Mutation, id: &str, version: u32) -> Result<(), Rejection> {
    if id != m.record_id {
        return Err(invalid(format!("payload id \"{id}\" differs from the mutation's record_id \"{}\"", m.record_id)));
    }
    next_version(m, version)
}

/// A change made on `base_version` carries version `base_version + 1`.
fn next_version(m: &Mutation, version: u32) -> Result<(), Rejection> {
    let expected = m.base_version.checked_add(1).ok_or_else(|| invalid("base_version is out of range"))?;
    if version != expected {
        return Err(invalid(format!(
            "payload version is {version}, but a change made on base_version {} must carry version {expected}",
            m.base_version
        )));
    }
    Ok(())
}

fn date(field: &str, text: &str) -> Result<NaiveDate, Rejection> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() == 10)
        .ok_or_else(|| invalid(format!("{field} \"{text}\" is not a calendar date in the form YYYY-MM-DD")))
}

/// Client clocks drift and time zones differ, so a day of slack; more is refused.
fn not_ahead(field: &str, day: NaiveDate, today: NaiveDate) -> Result<(), Rejection> {
    let latest = today.checked_add_days(Days::new(1)).unwrap_or(today);
    if day > latest {
        return Err(Rejection::new(
            codes::FUTURE_DATED,
            format!(
                "{field} {day} is more than a day ahead of the server's date ({today}); entries can't be dated in the future"
            ),
        ));
    }
    Ok(())
}

fn positive_minutes(minutes: u32) -> Result<(), Rejection> {
    if minutes == 0 {
        return Err(invalid("minutes must be more than zero"));
    }
    Ok(())
}

fn invalid(message: impl Into<String>) -> Rejection {
    Rejection::new(codes::INVALID_RECORD, message)
}
