//! Which changes a caller may pull: an apprentice their own records, their program and
//! their mentors' keys; a mentor their apprentices' records and programs, their own
//! records and their co-mentors' keys; an admin everything of the employer.
//!
//! A pull runs for every device on every sync, so its cost must follow what the caller
//! may see, not how busy the rest of the employer is. Each visible set is its own index
//! range (by owner, or a program's key), joined with UNION ALL: an OR across them would
//! make the planner walk the employer's whole change stream and filter it. Sets reached
//! through the assignment table (a mentor's apprentices, an apprentice's mentors,
//! co-mentors, their programs) start from it: `CROSS JOIN` fixes that join order in
//! SQLite, so each owner's changes are one range of `record_owner_change`. Left to
//! itself, SQLite (which has no statistics here) scanned every change of the employer
//! after the cursor and filtered them, so each of 500 devices' pulls cost as much as all
//! 500 devices' pushes since its last one. PostgreSQL plans these joins alike on its
//! own. A test reads SQLite's query plans to keep it that way.

use super::accounts::to_i64;
use super::records::{COLUMNS, StoredRecord, from_row};
use crate::db::{Tx, Value};
use crate::error::Result;
use crate::params;

/// [`COLUMNS`] of `record r` in a join.
const R_COLUMNS: &str =
    "r.kind, r.record_id, r.owner_id, r.version, r.deleted, r.payload, r.change_seq, r.origin_client_id";

/// Whose records a caller may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility<'a> {
    /// Their own records and their program.
    Apprentice { user_id: &'a str, program_id: Option<&'a str> },
    /// The records and programs of the apprentices assigned to them.
    Mentor { user_id: &'a str },
    /// Everything of the employer.
    Admin,
}

/// Up to `limit` visible records changed after `after`, oldest change first.
pub fn changed_after(
    tx: &mut dyn Tx,
    employer_id: &str,
    visibility: Visibility<'_>,
    after: u64,
    limit: u32,
) -> Result<Vec<StoredRecord>> {
    let rows = tx.query(&sql(visibility), &params(employer_id, visibility, after, limit)?)?;
    rows.iter().map(from_row).collect()
}

/// The query for `visibility`. Parameters: `$1` employer, `$2` after, `$3` the caller
/// (apprentice or mentor), then the program (apprentice only), then the limit.
fn sql(visibility: Visibility<'_>) -> String {
    match visibility {
        Visibility::Apprentice { .. } => format!(
            "SELECT {COLUMNS} FROM (\
             SELECT {COLUMNS} FROM record WHERE owner_id = $3 AND employer_id = $1 AND change_seq > $2 \
             UNION ALL \
             SELECT {COLUMNS} FROM record WHERE employer_id = $1 AND kind = 'program' AND scope = '' \
             AND record_id = $4 AND change_seq > $2 \
             UNION ALL \
             SELECT {R_COLUMNS} FROM mentor_assignment a CROSS JOIN record r WHERE a.apprentice_id = $3 \
             AND r.owner_id = a.mentor_id AND r.employer_id = $1 AND r.kind = 'mentor_key' AND r.change_seq > $2\
             ) AS visible ORDER BY change_seq LIMIT $5"
        ),
        Visibility::Mentor { .. } => format!(
            "SELECT {COLUMNS} FROM (\
             SELECT {R_COLUMNS} FROM mentor_assignment a CROSS JOIN record r WHERE a.mentor_id = $3 \
             AND r.owner_id = a.apprentice_id AND r.employer_id = $1 AND r.change_seq > $2 \
             UNION ALL \
             SELECT {COLUMNS} FROM record WHERE owner_id = $3 AND employer_id = $1 AND change_seq > $2 \
             UNION ALL \
             SELECT {R_COLUMNS} FROM (SELECT DISTINCT b.mentor_id AS id FROM mentor_assignment a \
             JOIN mentor_assignment b ON b.apprentice_id = a.apprentice_id \
             WHERE a.mentor_id = $3 AND b.mentor_id <> $3) AS co CROSS JOIN record r \
             WHERE r.owner_id = co.id AND r.employer_id = $1 AND r.kind = 'mentor_key' AND r.change_seq > $2 \
             UNION ALL \
             SELECT {R_COLUMNS} FROM (SELECT DISTINCT u.program_id AS id FROM mentor_assignment a \
             JOIN app_user u ON u.id = a.apprentice_id WHERE a.mentor_id = $3) AS p CROSS JOIN record r \
             WHERE r.employer_id = $1 AND r.kind = 'program' AND r.scope = '' AND r.record_id = p.id \
             AND r.change_seq > $2\
             ) AS visible ORDER BY change_seq LIMIT $4"
        ),
        Visibility::Admin => {
            format!(
                "SELECT {COLUMNS} FROM record WHERE employer_id = $1 AND change_seq > $2 ORDER BY change_seq LIMIT $3"
            )
        }
    }
}

fn params(employer_id: &str, visibility: Visibility<'_>, after: u64, limit: u32) -> Result<Vec<Value>> {
    let (after, limit) = (to_i64(after)?, i64::from(limit));
    Ok(match visibility {
        Visibility::Apprentice { user_id, program_id } => {
            params![employer_id, after, user_id, program_id, limit].to_vec()
        }
        Visibility::Mentor { user_id } => params![employer_id, after, user_id, limit].to_vec(),
        Visibility::Admin => params![employer_id, after, limit].to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, DbTarget, PoolOptions};

    /// SQLite's plan for `visibility`'s query, one line per step.
    fn plan(db: &Db, visibility: Visibility<'static>) -> Vec<String> {
        let sql = format!("EXPLAIN QUERY PLAN {}", sql(visibility));
        let params = params("e", visibility, 7, 500).unwrap();
        let rows = db.read(|tx| tx.query(&sql, &params)).unwrap();
        rows.iter().map(|r| r.text(3).unwrap()).collect()
    }

    #[test]
    fn no_pull_walks_the_employers_change_stream_unless_it_may_see_all_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&DbTarget::Sqlite(dir.path().join("plan.sqlite3")), PoolOptions::default()).unwrap();
        for visibility in
            [Visibility::Apprentice { user_id: "a", program_id: Some("p") }, Visibility::Mentor { user_id: "m" }]
        {
            let steps = plan(&db, visibility);
            let reads: Vec<&String> = steps.iter().filter(|s| s.contains(" record ") || s.contains(" r ")).collect();
            assert!(!reads.is_empty(), "{visibility:?}: no read of record in {steps:#?}");
            for step in reads {
                assert!(
                    step.starts_with("SEARCH")
                        && (step.contains("record_owner_change (owner_id=? AND change_seq>?)")
                            || step.contains(
                                "sqlite_autoindex_record_1 (employer_id=? AND kind=? AND scope=? AND record_id=?)"
                            )),
                    "{visibility:?} reads record by something other than an owner's or a program's range: {step}\n{steps:#?}"
                );
            }
        }
        // An admin sees everything: the employer's stream is the right index for that.
        assert!(
            plan(&db, Visibility::Admin).iter().any(|s| s.contains("record_change (employer_id=? AND change_seq>?)"))
        );
    }
}
