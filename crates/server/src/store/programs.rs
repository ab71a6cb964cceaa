//! The program a push checks codes against, parsed once per content.
//!
//! Every OJL or coursework mutation is checked against the apprentice's program (its
//! work processes and courses). Reading the program's row and parsing its JSON, several
//! kilobytes, for every push cost more than the rest of a small push, on the one thread
//! that applies an employer's writes. So parsed programs are kept in memory, keyed by
//! the content hash stored next to the payload: a push reads only the row's hash and
//! deleted flag, in its own transaction. A re-import changes the hash, so the next push
//! sees the new program whichever process wrote it; equal hashes mean equal content, so
//! one cache serves every database the process opens.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use journeylog_core::model::ProgramStandard;
use journeylog_proto::RecordKind;

use crate::db::Tx;
use crate::error::{Result, ServerError};
use crate::params;

/// Distinct program contents kept; past this the cache starts over (programs are few
/// and change rarely, so this is only a bound, not a policy).
const MAX_CACHED: usize = 64;

static PARSED: LazyLock<Mutex<HashMap<String, Arc<ProgramStandard>>>> = LazyLock::new(Mutex::default);

/// The employer's program `program_id` as it is in `tx`; `None` when it was never
/// imported or is deleted.
pub fn current(tx: &mut dyn Tx, employer_id: &str, program_id: &str) -> Result<Option<Arc<ProgramStandard>>> {
    let kind = RecordKind::Program.as_str();
    let Some(row) = tx.query_opt(
        "SELECT deleted, content_hash FROM record \
         WHERE employer_id = $1 AND kind = $2 AND scope = '' AND record_id = $3",
        params![employer_id, kind, program_id],
    )?
    else {
        return Ok(None);
    };
    if row.bool(0)? {
        return Ok(None);
    }
    let hash = row.text(1)?;
    if let Some(program) = cache().get(&hash) {
        return Ok(Some(program.clone()));
    }
    let payload = tx
        .query_one(
            "SELECT payload FROM record WHERE employer_id = $1 AND kind = $2 AND scope = '' AND record_id = $3",
            params![employer_id, kind, program_id],
        )?
        .text(0)?;
    let program: Arc<ProgramStandard> = Arc::new(
        serde_json::from_str(&payload)
            .map_err(|e| ServerError::corrupt(format!("stored program {program_id} does not parse: {e}")))?,
    );
    let mut cache = cache();
    if cache.len() >= MAX_CACHED {
        cache.clear();
    }
    cache.insert(hash, program.clone());
    Ok(Some(program))
}

fn cache() -> std::sync::MutexGuard<'static, HashMap<String, Arc<ProgramStandard>>> {
    // The map is only ever inserted into whole entries: a panic elsewhere can't have
    // left it half-written.
    PARSED.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admin;
    use crate::db::{Db, DbTarget, PoolOptions};
    use journeylog_proto::{canonical_json, sha256_hex};

    #[test]
    fn a_reimport_is_seen_and_a_deleted_program_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&DbTarget::Sqlite(dir.path().join("p.sqlite3")), PoolOptions::default()).unwrap();
        let employer = admin::create_employer(&db, "Programs Inc").unwrap().employer_id;
        let file = dir.path().join("program.toml");
        let mut program = journeylog_core::programs::template("mra-phase-1").unwrap();
        journeylog_core::programs::write_program_file(&program, &file).unwrap();
        admin::import_program(&db, &employer, &file).unwrap();
        let id = program.id.clone();
        let first = db.read(|tx| current(tx, &employer, &id)).unwrap().unwrap();
        assert_eq!(*first, program);
        let again = db.read(|tx| current(tx, &employer, &id)).unwrap().unwrap();
        assert!(Arc::ptr_eq(&first, &again), "the second read is served from the cache");

        program.revision += 1;
        program.title.push_str(" (revised)");
        journeylog_core::programs::write_program_file(&program, &file).unwrap();
        admin::import_program(&db, &employer, &file).unwrap();
        let revised = db.read(|tx| current(tx, &employer, &id)).unwrap().unwrap();
        assert_eq!(*revised, program);

        assert_eq!(db.read(|tx| current(tx, &employer, "no-such-program")).unwrap(), None);
        let payload = canonical_json(&serde_json::json!({"id": id, "deleted": true}));
        db.write(|tx| {
            tx.execute(
                "UPDATE record SET deleted = $3, payload = $4, content_hash = $5 \
                 WHERE employer_id = $1 AND kind = 'program' AND record_id = $2",
                params![employer.as_str(), id.as_str(), true, payload.as_str(), sha256_hex(payload.as_bytes())],
            )
        })
        .unwrap();
        assert_eq!(db.read(|tx| current(tx, &employer, &id)).unwrap(), None);
    }
}
