//! The enrollment, the program standard it follows, and settings.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::error::{CoreError, Result};
use crate::model::{Enrollment, ProgramStandard};
use crate::settings::Settings;

use super::now_timestamp;
use super::outbox::{Mutation, append};

pub(crate) fn enrollment(tx: &Transaction<'_>) -> Result<Option<Enrollment>> {
    Ok(tx
        .query_row(
            "SELECT apprentice_name, program_id, start_date, prior_ojl_minutes, prior_rti_minutes, version,
                    created_at
             FROM enrollment WHERE id = 1",
            [],
            |r| {
                Ok(Enrollment {
                    apprentice_name: r.get(0)?,
                    program_id: r.get(1)?,
                    start_date: r.get(2)?,
                    prior_ojl_minutes: r.get(3)?,
                    prior_rti_minutes: r.get(4)?,
                    version: r.get(5)?,
                    created_at: r.get(6)?,
                })
            },
        )
        .optional()?)
}

pub(crate) fn insert_enrollment(tx: &Transaction<'_>, e: &Enrollment) -> Result<()> {
    tx.execute(
        "INSERT INTO enrollment (id, apprentice_name, program_id, start_date, prior_ojl_minutes,
                                 prior_rti_minutes, version, created_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            e.apprentice_name,
            e.program_id,
            e.start_date,
            e.prior_ojl_minutes,
            e.prior_rti_minutes,
            e.version,
            e.created_at
        ],
    )?;
    append(
        tx,
        &Mutation { kind: "enrollment.upsert", record_id: "enrollment", base_version: e.version - 1, payload: e },
    )
}

pub(crate) fn set_enrollment_program(tx: &Transaction<'_>, program_id: &str) -> Result<()> {
    tx.execute("UPDATE enrollment SET program_id = ?1, version = version + 1 WHERE id = 1", [program_id])?;
    let enrollment = enrollment(tx)?.ok_or(CoreError::NoProfile)?;
    let base_version = enrollment.version - 1;
    append(tx, &Mutation { kind: "enrollment.upsert", record_id: "enrollment", base_version, payload: &enrollment })
}

pub(crate) fn program(tx: &Transaction<'_>, id: &str) -> Result<ProgramStandard> {
    let body: String = tx
        .query_row("SELECT body FROM program WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| CoreError::NotFound { what: "program", id: id.to_owned() })?;
    serde_json::from_str(&body).map_err(|e| CoreError::Internal(format!("stored program {id} is unreadable: {e}")))
}

/// Stores a program, replacing any earlier copy with the same id.
pub(crate) fn put_program(tx: &Transaction<'_>, program: &ProgramStandard, source: &str) -> Result<()> {
    let body = serde_json::to_string(program).map_err(|e| CoreError::Internal(e.to_string()))?;
    tx.execute(
        "INSERT INTO program (id, revision, body, source, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, body = excluded.body,
           source = excluded.source, updated_at = excluded.updated_at",
        params![program.id, program.revision, body, source, now_timestamp()],
    )?;
    Ok(())
}

pub(crate) fn settings(tx: &Transaction<'_>) -> Result<Settings> {
    let body: Option<String> = tx.query_row("SELECT body FROM settings WHERE id = 1", [], |r| r.get(0)).optional()?;
    match body {
        // Unknown or missing keys fall back to defaults, so old files keep opening.
        Some(body) => Ok(serde_json::from_str(&body).unwrap_or_default()),
        None => Ok(Settings::default()),
    }
}

pub(crate) fn put_settings(tx: &Transaction<'_>, settings: &Settings) -> Result<()> {
    let body = serde_json::to_string(settings).map_err(|e| CoreError::Internal(e.to_string()))?;
    tx.execute(
        "INSERT INTO settings (id, body) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET body = excluded.body",
        [body],
    )?;
    Ok(())
}
