//! Writing what the server sent: records from the apprentice's other devices and the
//! employer's programs.
//!
//! These writes skip the outbox (the server already has them) and skip input
//! validation (the device that made them validated them, and the server checked
//! them again); they never skip the version rule: a pulled copy replaces the local
//! one only when it is newer, so a replayed or reordered page can't roll a record back.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::error::{CoreError, Result};
use crate::model::{Certification, CourseworkEntry, Enrollment, OjlEntry, ProgramStandard};
use crate::programs;

use super::{certifications, coursework, ojl, profile};

/// The table of a syncing record kind. Only these names ever reach SQL text.
pub(crate) fn table(kind: journeylog_proto::RecordKind) -> Option<&'static str> {
    use journeylog_proto::RecordKind as K;
    match kind {
        K::OjlEntry => Some("ojl_entry"),
        K::CourseworkEntry => Some("coursework_entry"),
        K::Certification => Some("certification"),
        K::Enrollment | K::Program | K::Signoff | K::MentorKey | K::Assignment | K::MilestoneRequest => None,
    }
}

/// The local version of a record, tombstones included; 0 when it was never here.
pub(crate) fn local_version(tx: &Transaction<'_>, table: &str, id: &str) -> Result<u32> {
    Ok(tx.query_row(&format!("SELECT version FROM {table} WHERE id = ?1"), [id], |r| r.get(0)).optional()?.unwrap_or(0))
}

/// Replaces the local copy of an OJL entry, coursework entry or certification.
pub(crate) fn put_record(tx: &Transaction<'_>, table: &str, payload: &serde_json::Value) -> Result<()> {
    let unreadable = |e: serde_json::Error| CoreError::Internal(format!("the server sent an unreadable {table}: {e}"));
    match table {
        "ojl_entry" => {
            let entry: OjlEntry = serde_json::from_value(payload.clone()).map_err(unreadable)?;
            tx.execute("DELETE FROM ojl_entry WHERE id = ?1", [&entry.id])?;
            ojl::insert_row(tx, &entry)
        }
        "coursework_entry" => {
            let entry: CourseworkEntry = serde_json::from_value(payload.clone()).map_err(unreadable)?;
            tx.execute("DELETE FROM coursework_entry WHERE id = ?1", [&entry.id])?;
            coursework::insert_row(tx, &entry)
        }
        "certification" => {
            let cert: Certification = serde_json::from_value(payload.clone()).map_err(unreadable)?;
            tx.execute("DELETE FROM certification WHERE id = ?1", [&cert.id])?;
            certifications::put_row(tx, &cert).map(|_| ())
        }
        other => Err(CoreError::Internal(format!("{other} is not a record table"))),
    }
}

/// Marks a record deleted at `version`, as another device did.
pub(crate) fn put_tombstone(tx: &Transaction<'_>, table: &str, id: &str, version: u32, deleted_at: &str) -> Result<()> {
    tx.execute(
        &format!("UPDATE {table} SET deleted_at = ?2, updated_at = ?2, version = ?3 WHERE id = ?1"),
        params![id, deleted_at, version],
    )?;
    Ok(())
}

/// Stores the enrollment the server holds, with its program.
pub(crate) fn put_enrollment(tx: &Transaction<'_>, enrollment: &Enrollment) -> Result<()> {
    ensure_program(tx, &enrollment.program_id)?;
    tx.execute(
        "INSERT INTO enrollment (id, apprentice_name, program_id, start_date, prior_ojl_minutes,
                                 prior_rti_minutes, version, created_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET apprentice_name = excluded.apprentice_name,
           program_id = excluded.program_id, start_date = excluded.start_date,
           prior_ojl_minutes = excluded.prior_ojl_minutes, prior_rti_minutes = excluded.prior_rti_minutes,
           version = excluded.version, created_at = excluded.created_at",
        params![
            enrollment.apprentice_name,
            enrollment.program_id,
            enrollment.start_date,
            enrollment.prior_ojl_minutes,
            enrollment.prior_rti_minutes,
            enrollment.version,
            enrollment.created_at
        ],
    )?;
    Ok(())
}

/// Stores a program the employer published. A program that fails the same checks
/// as an imported file is refused rather than shown half-broken.
pub(crate) fn put_program(tx: &Transaction<'_>, payload: &serde_json::Value) -> Result<ProgramStandard> {
    let program: ProgramStandard = serde_json::from_value(payload.clone())
        .map_err(|e| CoreError::ProgramFile { source_name: "the employer server".into(), message: e.to_string() })?;
    programs::check_program(&program).map_err(|message| CoreError::ProgramFile {
        source_name: format!("program {} from the server", program.id),
        message,
    })?;
    profile::put_program(tx, &program, "server")?;
    Ok(program)
}

/// An enrollment can name a program the server has not sent (one of the bundled
/// templates); fall back to the bundled copy rather than refuse the enrollment.
fn ensure_program(tx: &Transaction<'_>, id: &str) -> Result<()> {
    let known: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM program WHERE id = ?1)", [id], |r| r.get(0))?;
    if !known {
        let template = programs::template(id)?;
        profile::put_program(tx, &template, "template")?;
    }
    Ok(())
}
