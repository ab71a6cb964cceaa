//! The ledger: what the sign-offs stored in this logbook establish, re-verified
//! from their bodies every time it is built.
//!
//! It is built for each progress load and each edit of an entry, because the
//! database is the apprentice's to edit: a sign-off row whose signature, key or
//! filing does not check out is listed as invalid and establishes nothing, and a
//! record whose content no longer hashes to what was signed is "changed after
//! sign-off" rather than approved.

use std::collections::{HashMap, HashSet};

use journeylog_proto::{AssignmentRecord, Decision, MentorKeyRecord, SignoffRecord};
use rusqlite::Transaction;
use serde::Serialize;
use ts_rs::TS;

use super::{FiledUnder, KeyEntry, Subject, Trust, verify};
use crate::error::{CoreError, Result};
use crate::model::{EntryStatus, RecordReview, ReviewState};
use crate::store::signoffs;

/// A mentor's verified decision on one version of a record, milestone or competency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Decided {
    pub signoff_id: String,
    pub approved: bool,
    pub comment: String,
    pub mentor_id: String,
    pub mentor_name: String,
    pub signed_at: String,
    /// For a record: the version and content hash signed.
    pub version: u32,
    pub content_hash: String,
}

/// A stored sign-off that failed verification, with the reason's code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct InvalidSignoff {
    pub signoff_id: String,
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// Per record id, the latest decision on each signed version.
    records: HashMap<String, Vec<Decided>>,
    /// Approved milestone codes and competencies (`"WP/C"`), latest decision each.
    pub milestones: HashMap<String, Decided>,
    pub competencies: HashMap<String, Decided>,
    pub invalid: Vec<InvalidSignoff>,
}

impl Ledger {
    /// The latest verified decision on this version of a record.
    pub fn decision(&self, record_id: &str, version: u32) -> Option<&Decided> {
        self.records
            .get(record_id)?
            .iter()
            .filter(|d| d.version == version)
            .max_by(|a, b| a.signed_at.cmp(&b.signed_at))
    }

    /// The review state of a record at `version` with `status`, whose current
    /// content is `content` (hashed only when an approval needs checking).
    pub fn review<T: Serialize>(
        &self,
        record_id: &str,
        version: u32,
        status: EntryStatus,
        amends_version: Option<u32>,
        content: &T,
    ) -> RecordReview {
        let decision = self.decision(record_id, version).cloned();
        let state = match &decision {
            Some(d) if d.approved => {
                let current = serde_json::to_value(content).map(|v| journeylog_proto::content_hash(&v));
                if current.as_deref().ok() == Some(d.content_hash.as_str()) {
                    ReviewState::Approved
                } else {
                    ReviewState::ChangedAfterSignoff
                }
            }
            Some(_) => ReviewState::Returned,
            None if status == EntryStatus::Submitted => ReviewState::Submitted,
            None => ReviewState::Draft,
        };
        RecordReview { record_id: record_id.to_owned(), state, decision, amends_version }
    }

    /// Is any version of this record approved? (The record ids worth hashing.)
    pub fn approved_record_ids(&self) -> impl Iterator<Item = &str> {
        self.records.iter().filter(|(_, ds)| ds.iter().any(|d| d.approved)).map(|(id, _)| id.as_str())
    }
}

/// Builds the ledger of `apprentice_id` (on an apprentice's device, their own id; on
/// a mentor's, the apprentice under review).
pub(crate) fn build(tx: &Transaction<'_>, apprentice_id: &str) -> Result<Ledger> {
    build_filtered(tx, apprentice_id, None)
}

/// The ledger of the sign-offs that name one record (and their revocations): enough
/// to decide whether that record may be edited, at a fraction of the cost.
pub(crate) fn build_for_record(tx: &Transaction<'_>, apprentice_id: &str, record_id: &str) -> Result<Ledger> {
    build_filtered(tx, apprentice_id, Some(record_id))
}

fn build_filtered(tx: &Transaction<'_>, apprentice_id: &str, record_id: Option<&str>) -> Result<Ledger> {
    let (trust, names) = trust(tx)?;
    let mut rows = tx.prepare_cached(
        "SELECT apprentice_id, subject, body FROM signoff
         WHERE apprentice_id = ?2 AND (?1 IS NULL
            OR id IN (SELECT signoff_id FROM signoff_record WHERE record_id = ?1)
            OR subject IN (SELECT 'signoff:' || signoff_id FROM signoff_record WHERE record_id = ?1))
         ORDER BY signed_at, id",
    )?;
    let rows = rows
        .query_map(rusqlite::params![record_id, apprentice_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut ledger = Ledger::default();
    let mut valid: Vec<SignoffRecord> = Vec::new();
    for (filed_apprentice, filed_subject, body) in rows {
        if filed_apprentice != apprentice_id {
            continue;
        }
        let record: SignoffRecord = match serde_json::from_str(&body) {
            Ok(record) => record,
            Err(e) => {
                ledger.invalid.push(InvalidSignoff {
                    signoff_id: String::new(),
                    code: journeylog_proto::codes::SIGNOFF_MALFORMED.into(),
                    message: format!("a stored sign-off does not parse: {e}"),
                });
                continue;
            }
        };
        let found = FiledUnder { apprentice_id, subject: Some(&filed_subject) };
        match verify(&record, found, &trust) {
            Ok(()) => valid.push(record),
            Err(CoreError::InvalidSignoff { code, message }) => ledger.invalid.push(InvalidSignoff {
                signoff_id: record.statement.signoff_id.clone(),
                code: code.into(),
                message,
            }),
            Err(other) => return Err(other),
        }
    }
    fold(&mut ledger, &valid, &names)?;
    Ok(ledger)
}

/// Adds what verified sign-offs establish to `ledger`: revocations withdraw what
/// they name, and the latest decision on each version, milestone or competency
/// stands. Shared with the bundle verifier, so a bundle counts exactly what the
/// app counts.
pub(crate) fn fold(ledger: &mut Ledger, valid: &[SignoffRecord], names: &HashMap<String, String>) -> Result<()> {
    let revoked = revocations(valid);
    for record in valid.iter().filter(|r| !revoked.contains(&r.statement.signoff_id)) {
        let s = &record.statement;
        let approved = match s.decision {
            Decision::Approved => true,
            Decision::Returned => false,
            Decision::Revoked => continue,
        };
        let decided = |version: u32, content_hash: &str| Decided {
            signoff_id: s.signoff_id.clone(),
            approved,
            comment: s.comment.clone(),
            mentor_id: s.mentor_id.clone(),
            mentor_name: names.get(&s.mentor_id).cloned().unwrap_or_else(|| s.mentor_id.clone()),
            signed_at: s.signed_at.clone(),
            version,
            content_hash: content_hash.to_owned(),
        };
        for r in &s.records {
            ledger.records.entry(r.id.clone()).or_default().push(decided(r.version, &r.content_hash));
        }
        match Subject::parse(&s.subject)? {
            Subject::Milestone { code } => latest(&mut ledger.milestones, code, decided(0, "")),
            Subject::Competency { work_process, competency } => {
                latest(&mut ledger.competencies, format!("{work_process}/{competency}"), decided(0, ""));
            }
            Subject::Period { .. } | Subject::Signoff { .. } => {}
        }
    }
    Ok(())
}

fn latest(map: &mut HashMap<String, Decided>, key: String, decided: Decided) {
    match map.get(&key) {
        Some(existing) if existing.signed_at > decided.signed_at => {}
        _ => {
            map.insert(key, decided);
        }
    }
}

/// Sign-offs withdrawn by a valid revocation from the mentor who made them.
fn revocations(valid: &[SignoffRecord]) -> HashSet<String> {
    let makers: HashMap<&str, &str> =
        valid.iter().map(|r| (r.statement.signoff_id.as_str(), r.statement.mentor_id.as_str())).collect();
    valid
        .iter()
        .filter(|r| r.statement.decision == Decision::Revoked)
        .filter_map(|r| match Subject::parse(&r.statement.subject) {
            Ok(Subject::Signoff { id }) if makers.get(id.as_str()) == Some(&r.statement.mentor_id.as_str()) => Some(id),
            _ => None,
        })
        .collect()
}

/// The registry and assignments as pulled from the employer, read once.
fn trust(tx: &Transaction<'_>) -> Result<(Trust, HashMap<String, String>)> {
    Ok(trust_from(&signoffs::keys(tx)?, &signoffs::assignments(tx)?))
}

/// What a key registry and its assignments vouch for, with each mentor's name (an
/// assignment's name wins over a key's). Shared with the bundle verifier, which
/// takes both from the employer's signed statement instead of the database.
pub(crate) fn trust_from(
    keys: &[MentorKeyRecord],
    assignments: &[AssignmentRecord],
) -> (Trust, HashMap<String, String>) {
    let mut trust = Trust::default();
    let mut names = HashMap::new();
    for key in keys {
        trust.keys.insert(
            key.key_id.clone(),
            KeyEntry {
                mentor_id: key.mentor_id.clone(),
                public_key: key.public_key.clone(),
                revoked_at: key.revoked_at.clone(),
            },
        );
        names.insert(key.mentor_id.clone(), key.mentor_name.clone());
    }
    for a in assignments {
        trust.assignments.insert((a.mentor_id.clone(), a.apprentice_id.clone()));
        names.insert(a.mentor_id.clone(), a.mentor_name.clone());
    }
    (trust, names)
}
