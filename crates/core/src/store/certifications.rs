//! Certification rows.

use rusqlite::{OptionalExtension, Row, Transaction, params};

use crate::error::{CoreError, Result};
use crate::model::{Certification, Evidence};

use super::outbox::{self, Mutation, append};

const COLUMNS: &str = "id, code, title, issuer, credential_id, earned_on, expires_on, evidence_sha256, \
                       evidence_name, evidence_size, version, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Certification> {
    let sha: Option<String> = r.get(7)?;
    let evidence = match sha {
        Some(sha256) => Some(Evidence {
            sha256,
            file_name: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
            size_bytes: r.get::<_, Option<u32>>(9)?.unwrap_or_default(),
        }),
        None => None,
    };
    Ok(Certification {
        id: r.get(0)?,
        code: r.get(1)?,
        title: r.get(2)?,
        issuer: r.get(3)?,
        credential_id: r.get(4)?,
        earned_on: r.get(5)?,
        expires_on: r.get(6)?,
        evidence,
        version: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

pub(crate) fn get(tx: &Transaction<'_>, id: &str) -> Result<Certification> {
    tx.query_row(&format!("SELECT {COLUMNS} FROM certification WHERE id = ?1 AND deleted_at IS NULL"), [id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::NotFound { what: "certification", id: id.to_owned() })
}

pub(crate) fn upsert(tx: &Transaction<'_>, c: &Certification) -> Result<()> {
    if put_row(tx, c)? != 1 {
        return Err(CoreError::Internal(format!("certification {} changed underneath this update", c.id)));
    }
    let base_version = c.version - 1;
    append(tx, &Mutation { kind: "certification.upsert", record_id: &c.id, base_version, payload: c })
}

/// Writes the row alone when it is new or `c` is its next version; returns the rows changed.
pub(crate) fn put_row(tx: &Transaction<'_>, c: &Certification) -> Result<usize> {
    let (sha, name, size) = match &c.evidence {
        Some(e) => (Some(&e.sha256), Some(&e.file_name), Some(e.size_bytes)),
        None => (None, None, None),
    };
    Ok(tx.execute(
        &format!(
            "INSERT INTO certification ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             ON CONFLICT (id) DO UPDATE SET code = excluded.code, title = excluded.title,
               issuer = excluded.issuer, credential_id = excluded.credential_id,
               earned_on = excluded.earned_on, expires_on = excluded.expires_on,
               evidence_sha256 = excluded.evidence_sha256, evidence_name = excluded.evidence_name,
               evidence_size = excluded.evidence_size, version = excluded.version,
               updated_at = excluded.updated_at
             WHERE certification.version = excluded.version - 1 AND certification.deleted_at IS NULL"
        ),
        params![
            c.id,
            c.code,
            c.title,
            c.issuer,
            c.credential_id,
            c.earned_on,
            c.expires_on,
            sha,
            name,
            size,
            c.version,
            c.created_at,
            c.updated_at
        ],
    )?)
}

pub(crate) fn tombstone(tx: &Transaction<'_>, c: &Certification) -> Result<()> {
    outbox::tombstone(tx, "certification", &c.id, c.version)
}

pub(crate) fn list(tx: &Transaction<'_>) -> Result<Vec<Certification>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM certification WHERE deleted_at IS NULL ORDER BY earned_on DESC, created_at DESC"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
