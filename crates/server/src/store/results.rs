//! The settled result of every pushed seq, kept so a retry gets the same answer.

use super::accounts::to_i64;
use crate::db::Tx;
use crate::error::{Result, ServerError};
use crate::params;

/// What the server decided for one seq.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    Applied { version: u32 },
    Rejected { code: String, message: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResult {
    pub seq: u64,
    pub mutation_id: String,
    pub settled: Settled,
}

pub fn insert(tx: &mut dyn Tx, device_id: &str, result: &StoredResult, now: &str) -> Result<()> {
    let (status, version, code, message) = match &result.settled {
        Settled::Applied { version } => ("applied", Some(*version), None, None),
        Settled::Rejected { code, message } => ("rejected", None, Some(code.as_str()), Some(message.as_str())),
    };
    tx.execute(
        "INSERT INTO mutation_result (device_id, seq, mutation_id, status, version, code, message, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        params![device_id, to_i64(result.seq)?, &result.mutation_id, status, version, code, message, now],
    )?;
    Ok(())
}

/// The stored results of seqs `from..=to`, in seq order.
pub fn range(tx: &mut dyn Tx, device_id: &str, from: u64, to: u64) -> Result<Vec<StoredResult>> {
    let rows = tx.query(
        "SELECT seq, mutation_id, status, version, code, message FROM mutation_result \
         WHERE device_id = $1 AND seq >= $2 AND seq <= $3 ORDER BY seq",
        params![device_id, to_i64(from)?, to_i64(to)?],
    )?;
    rows.iter()
        .map(|r| {
            let settled = match r.text(2)?.as_str() {
                "applied" => Settled::Applied { version: r.count(3)? },
                "rejected" => Settled::Rejected { code: r.text(4)?, message: r.text(5)? },
                other => return Err(ServerError::corrupt(format!("unknown mutation status {other:?}"))),
            };
            Ok(StoredResult { seq: r.count(0)?, mutation_id: r.text(1)?, settled })
        })
        .collect()
}
