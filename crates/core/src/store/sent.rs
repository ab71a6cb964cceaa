//! Changes the server has acknowledged, kept after they leave the outbox.
//!
//! The server is the copy that can be restored from a backup; the laptop is the copy
//! the apprentice wrote. When a restored server has forgotten changes it had
//! acknowledged, it says so with `409 seq_gap` and the seq it expects, and the
//! device sends its own copies again, under the same seqs and mutation ids (see
//! `sync::push`). Without this table those changes would stay on the laptop only.

use rusqlite::{Transaction, params};

use crate::error::Result;

use super::{OutboxRow, now_timestamp, outbox};

/// How long an acknowledged change is kept: the window a restored backup is
/// expected to fall within.
pub(crate) const KEEP_DAYS: i64 = 90;

/// Moves an outbox row here, with the seq the server acknowledged it under.
pub(crate) fn keep(tx: &Transaction<'_>, local_seq: i64, wire_seq: u64) -> Result<()> {
    // Cached: a first sync settles every change of the logbook, one row at a time.
    tx.prepare_cached(
        "INSERT OR REPLACE INTO sent_changes
           (seq, wire_seq, mutation_id, kind, record_id, base_version, payload, created_at, settled_at)
         SELECT seq, ?2, mutation_id, kind, record_id, base_version, payload, created_at, ?3
         FROM outbox WHERE seq = ?1",
    )?
    .execute(params![local_seq, wire_seq as i64, now_timestamp()])?;
    tx.prepare_cached("DELETE FROM outbox WHERE seq = ?1")?.execute([local_seq])?;
    Ok(())
}

/// Marks a change that was sent again as acknowledged again (it stays kept).
pub(crate) fn touch(tx: &Transaction<'_>, local_seq: i64) -> Result<()> {
    tx.execute("UPDATE sent_changes SET settled_at = ?2 WHERE seq = ?1", params![local_seq, now_timestamp()])?;
    Ok(())
}

/// The kept changes from wire seq `from` on, as long as the seqs run without a
/// hole and stay at or below `to`: at most `limit` of them and about `max_bytes`.
pub(crate) fn run_from(
    tx: &Transaction<'_>,
    from: u64,
    to: u64,
    limit: usize,
    max_bytes: usize,
) -> Result<Vec<(u64, OutboxRow)>> {
    // The outbox's own columns come first, so a kept change reads back as the row it was.
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {}, wire_seq FROM sent_changes WHERE wire_seq BETWEEN ?1 AND ?2 ORDER BY wire_seq LIMIT ?3",
        outbox::COLUMNS
    ))?;
    let mut rows = stmt.query(params![from as i64, to as i64, limit as i64])?;
    let mut run = Vec::new();
    let mut bytes = 0;
    while let Some(r) = rows.next()? {
        let wire = r.get::<_, i64>(6)? as u64;
        if wire != from + run.len() as u64 {
            break;
        }
        let row = outbox::from_row(r)?;
        bytes += row.payload.len() + 200;
        if bytes > max_bytes && !run.is_empty() {
            break;
        }
        run.push((wire, row));
    }
    Ok(run)
}

/// Forgets kept changes from wire seq `from` on: the server lost them and this
/// device numbers its next changes from there.
pub(crate) fn forget_from(tx: &Transaction<'_>, from: u64) -> Result<()> {
    tx.execute("DELETE FROM sent_changes WHERE wire_seq >= ?1", [from as i64])?;
    Ok(())
}

/// Forgets every kept change: a new connection numbers from 1 again.
pub(crate) fn forget_all(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM sent_changes", [])?;
    Ok(())
}

/// Drops changes acknowledged more than [`KEEP_DAYS`] ago.
pub(crate) fn prune(tx: &Transaction<'_>) -> Result<()> {
    let cutoff = chrono::Utc::now() - chrono::Duration::days(KEEP_DAYS);
    let cutoff = cutoff.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    tx.execute("DELETE FROM sent_changes WHERE settled_at < ?1", [cutoff])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Mutation, Store, sync_state};

    fn store_with_outbox(n: usize) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("log.sqlite3")).unwrap();
        store
            .write(|tx| {
                for i in 0..n {
                    let payload = serde_json::json!({ "id": format!("r{i}"), "version": 1 });
                    let record_id = format!("r{i}");
                    outbox::append(
                        tx,
                        &Mutation {
                            kind: "ojl_entry.upsert",
                            record_id: &record_id,
                            base_version: 0,
                            payload: &payload,
                        },
                    )?;
                }
                Ok(())
            })
            .unwrap();
        (dir, store)
    }

    #[test]
    fn a_run_of_kept_changes_stops_at_the_first_missing_seq() {
        let (_dir, mut store) = store_with_outbox(5);
        store
            .write(|tx| {
                for (local, wire) in [(1, 11), (2, 12), (3, 13), (5, 15)] {
                    keep(tx, local, wire)?;
                }
                Ok(())
            })
            .unwrap();
        let run = store.read(|tx| run_from(tx, 11, 20, 100, 1 << 20)).unwrap();
        let wires: Vec<u64> = run.iter().map(|(w, _)| *w).collect();
        assert_eq!(wires, [11, 12, 13], "15 is not reached across the missing 14");
        assert_eq!(run[1].1.record_id, "r1");
        assert!(store.read(|tx| run_from(tx, 14, 20, 100, 1 << 20)).unwrap().is_empty());
        assert_eq!(store.read(|tx| run_from(tx, 12, 12, 100, 1 << 20)).unwrap().len(), 1, "bounded by `to`");
        // Kept rows left the outbox; the one never settled is still there.
        assert_eq!(store.read(sync_state::pending_count).unwrap(), 1);
    }

    #[test]
    fn an_outbox_batch_stops_before_a_hole() {
        let (_dir, mut store) = store_with_outbox(5);
        store.write(|tx| Ok(tx.execute("DELETE FROM outbox WHERE seq = 3", [])?)).unwrap();
        let seqs = |b: Vec<OutboxRow>| b.iter().map(|r| r.seq).collect::<Vec<_>>();
        assert_eq!(seqs(store.read(|tx| sync_state::outbox_batch(tx, 100, 1 << 20)).unwrap()), [1, 2]);
        store.write(|tx| Ok(tx.execute("DELETE FROM outbox WHERE seq < 3", [])?)).unwrap();
        assert_eq!(seqs(store.read(|tx| sync_state::outbox_batch(tx, 100, 1 << 20)).unwrap()), [4, 5]);
    }

    #[test]
    fn kept_changes_older_than_the_window_are_pruned() {
        let (_dir, mut store) = store_with_outbox(2);
        store.write(|tx| keep(tx, 1, 1).and_then(|()| keep(tx, 2, 2))).unwrap();
        let old = (chrono::Utc::now() - chrono::Duration::days(KEEP_DAYS + 1)).to_rfc3339();
        store.write(|tx| Ok(tx.execute("UPDATE sent_changes SET settled_at = ?1 WHERE seq = 1", [old])?)).unwrap();
        store.write(prune).unwrap();
        let left = store.read(|tx| run_from(tx, 1, 2, 100, 1 << 20)).unwrap();
        assert!(left.is_empty(), "seq 1 is gone, so no run starts at 1");
        assert_eq!(store.read(|tx| run_from(tx, 2, 2, 100, 1 << 20)).unwrap().len(), 1, "seq 2 is kept");
    }
}
