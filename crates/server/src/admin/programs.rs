//! Importing program standards: programs travel to apprentices as `program` records.
//!
//! A program is stored like any synced record (kind `program`, record id = program id,
//! payload = the program as canonical JSON), with a change seq, so pull delivers it
//! in order with everything else. Re-importing the same content is a no-op; changed
//! content must carry a higher `revision`, so devices can tell standards apart.

use std::path::Path;

use journeylog_core::model::ProgramStandard;
use journeylog_proto::RecordKind;

use super::{ProgramImported, existing_employer};
use crate::db::Db;
use crate::error::{Result, ServerError};
use crate::store::accounts;
use crate::store::records::{self, NewVersion, RecordKey};
use crate::time;
use journeylog_proto::{canonical_json, sha256_hex};

pub fn import_program(db: &Db, employer_id: &str, file: &Path) -> Result<ProgramImported> {
    let program =
        journeylog_core::programs::read_program_file(file).map_err(|e| ServerError::Invalid(e.to_string()))?;
    let value = serde_json::to_value(&program)
        .map_err(|e| ServerError::Invalid(format!("program {} can't be encoded: {e}", program.id)))?;
    let payload = canonical_json(&value);
    let hash = sha256_hex(payload.as_bytes());
    db.write(|tx| {
        existing_employer(tx, employer_id)?;
        let mut counter = accounts::lock_employer(tx, employer_id)?;
        let key = RecordKey::new(employer_id, RecordKind::Program, "", &program.id);
        let existing = records::find(tx, key)?;
        let version = match &existing {
            None => 1,
            Some(stored) if stored.payload == payload => {
                return Ok(report(&program, stored.version, "unchanged"));
            }
            Some(stored) => {
                let old: ProgramStandard = serde_json::from_str(&stored.payload)
                    .map_err(|e| ServerError::corrupt(format!("stored program {} does not parse: {e}", program.id)))?;
                if program.revision <= old.revision {
                    return Err(ServerError::Invalid(format!(
                        "program {} revision {} is already imported with other content; raise `revision` above {} \
                         so devices can tell the standards apart",
                        program.id, program.revision, old.revision
                    )));
                }
                stored.version + 1
            }
        };
        records::put(
            tx,
            &mut counter,
            &NewVersion {
                key,
                owner_id: None,
                version,
                deleted: false,
                payload: &payload,
                content_hash: &hash,
                origin_client_id: None,
                entry_date: None,
                minutes: None,
                now: &time::now(),
            },
        )?;
        counter.save(tx)?;
        Ok(report(&program, version, if existing.is_some() { "updated" } else { "created" }))
    })
}

fn report(program: &ProgramStandard, version: u32, status: &str) -> ProgramImported {
    ProgramImported {
        program_id: program.id.clone(),
        title: program.title.clone(),
        revision: program.revision,
        version,
        status: status.to_owned(),
    }
}
