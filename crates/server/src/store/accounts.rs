//! Employers, users, mentor assignments, enrollment codes and devices.

use journeylog_proto::Role;

use crate::auth::Caller;
use crate::db::{Backend, Row, Tx};
use crate::error::{Result, ServerError};
use crate::params;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Employer {
    pub id: String,
    pub name: String,
    pub epoch: String,
    pub change_counter: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: String,
    pub employer_id: String,
    pub name: String,
    pub role: Role,
    pub program_id: Option<String>,
}

pub fn insert_employer(tx: &mut dyn Tx, id: &str, name: &str, epoch: &str, now: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO employer (id, name, epoch, change_counter, created_at) VALUES ($1, $2, $3, 0, $4)",
        params![id, name, epoch, now],
    )?;
    Ok(())
}

pub fn employer(tx: &mut dyn Tx, id: &str) -> Result<Option<Employer>> {
    let row = tx.query_opt("SELECT id, name, epoch, change_counter FROM employer WHERE id = $1", params![id])?;
    row.map(|r| Ok(Employer { id: r.text(0)?, name: r.text(1)?, epoch: r.text(2)?, change_counter: r.count(3)? }))
        .transpose()
}

pub fn set_epoch(tx: &mut dyn Tx, employer_id: &str, epoch: &str) -> Result<bool> {
    Ok(tx.execute("UPDATE employer SET epoch = $2 WHERE id = $1", params![employer_id, epoch])? == 1)
}

/// Locks the employer's row until the transaction ends and returns its change counter.
/// Every writer of an employer's records takes this lock before reading what it will
/// change, so concurrent writers queue instead of overwriting each other, and change
/// seqs are handed out in commit order. (SQLite's write transactions are exclusive
/// already, so there a plain read is enough.)
pub fn lock_employer(tx: &mut dyn Tx, employer_id: &str) -> Result<ChangeCounter> {
    let sql = match tx.backend() {
        Backend::Postgres => "SELECT change_counter FROM employer WHERE id = $1 FOR UPDATE",
        Backend::Sqlite => "SELECT change_counter FROM employer WHERE id = $1",
    };
    let last = tx.query_one(sql, params![employer_id])?.count(0)?;
    Ok(ChangeCounter { employer_id: employer_id.to_owned(), stored: last, last })
}

/// The employer's change counter while its row is locked. Seqs are handed out in
/// memory and the counter is written back once, by [`ChangeCounter::save`]: updating
/// the row per change would leave PostgreSQL a chain of row versions to walk that
/// grows with every change of the transaction.
#[derive(Debug)]
pub struct ChangeCounter {
    employer_id: String,
    stored: u64,
    last: u64,
}

impl ChangeCounter {
    /// The next change seq.
    pub fn take(&mut self) -> u64 {
        self.last += 1;
        self.last
    }

    /// Writes the counter back; call before commit when seqs were taken.
    pub fn save(self, tx: &mut dyn Tx) -> Result<()> {
        if self.last != self.stored {
            tx.execute(
                "UPDATE employer SET change_counter = $2 WHERE id = $1",
                params![&self.employer_id, to_i64(self.last)?],
            )?;
        }
        Ok(())
    }
}

pub fn insert_user(tx: &mut dyn Tx, user: &User, now: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO app_user (id, employer_id, name, role, program_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        params![&user.id, &user.employer_id, &user.name, user.role.as_str(), user.program_id.as_deref(), now],
    )?;
    Ok(())
}

pub fn user(tx: &mut dyn Tx, id: &str) -> Result<Option<User>> {
    let row =
        tx.query_opt("SELECT id, employer_id, name, role, program_id FROM app_user WHERE id = $1", params![id])?;
    row.map(|r| {
        Ok(User {
            id: r.text(0)?,
            employer_id: r.text(1)?,
            name: r.text(2)?,
            role: role(&r, 3)?,
            program_id: r.opt_text(4)?,
        })
    })
    .transpose()
}

fn role(row: &Row, i: usize) -> Result<Role> {
    let text = row.text(i)?;
    Role::parse(&text).ok_or_else(|| ServerError::corrupt(format!("unknown role {text:?}")))
}

/// Returns false when the mentor was already assigned to the apprentice.
pub fn insert_assignment(tx: &mut dyn Tx, mentor_id: &str, apprentice_id: &str, now: &str) -> Result<bool> {
    let added = tx.execute(
        "INSERT INTO mentor_assignment (mentor_id, apprentice_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (mentor_id, apprentice_id) DO NOTHING",
        params![mentor_id, apprentice_id, now],
    )?;
    Ok(added == 1)
}

pub fn insert_enrollment_code(
    tx: &mut dyn Tx,
    code_hash: &str,
    user_id: &str,
    expires_at: &str,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO enrollment_code (code_hash, user_id, expires_at, created_at) VALUES ($1, $2, $3, $4)",
        params![code_hash, user_id, expires_at, now],
    )?;
    Ok(())
}

/// Marks the code used if it is unused and unexpired, in one statement so that two
/// devices racing with the same code can't both win. Returns the code's user.
pub fn redeem_enrollment_code(tx: &mut dyn Tx, code_hash: &str, now: &str) -> Result<Option<String>> {
    let row = tx.query_opt(
        "UPDATE enrollment_code SET used_at = $2 \
         WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id",
        params![code_hash, now],
    )?;
    row.map(|r| r.text(0)).transpose()
}

pub fn insert_device(tx: &mut dyn Tx, id: &str, user_id: &str, name: &str, token_hash: &str, now: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO device (id, user_id, name, token_hash, last_seq, created_at) VALUES ($1, $2, $3, $4, 0, $5)",
        params![id, user_id, name, token_hash, now],
    )?;
    Ok(())
}

/// The caller a token hash belongs to, and whether its device is revoked.
pub fn device_by_token_hash(tx: &mut dyn Tx, token_hash: &str) -> Result<Option<(Caller, bool)>> {
    let row = tx.query_opt(
        "SELECT d.id, u.id, u.employer_id, u.role, u.program_id, d.revoked_at \
         FROM device d JOIN app_user u ON u.id = d.user_id WHERE d.token_hash = $1",
        params![token_hash],
    )?;
    row.map(|r| {
        let caller = Caller {
            client_id: r.text(0)?,
            user_id: r.text(1)?,
            employer_id: r.text(2)?,
            role: role(&r, 3)?,
            program_id: r.opt_text(4)?,
        };
        Ok((caller, r.opt_text(5)?.is_some()))
    })
    .transpose()
}

/// Returns the device's user when it was active and is now revoked.
pub fn revoke_device(tx: &mut dyn Tx, id: &str, now: &str) -> Result<Option<String>> {
    let row = tx.query_opt(
        "UPDATE device SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING user_id",
        params![id, now],
    )?;
    row.map(|r| r.text(0)).transpose()
}

pub fn device_exists(tx: &mut dyn Tx, id: &str) -> Result<bool> {
    Ok(tx.query_opt("SELECT 1 FROM device WHERE id = $1", params![id])?.is_some())
}

/// Locks the device's row for the rest of the transaction (so two pushes from one
/// device run one after the other) and returns the last seq settled for it. It only
/// reads: a push writes nothing until it is sure it will not be refused (see
/// [`crate::sync::push`]). (SQLite's write transactions are exclusive already, so there
/// a plain read is enough.)
pub fn lock_device(tx: &mut dyn Tx, id: &str) -> Result<u64> {
    let sql = match tx.backend() {
        Backend::Postgres => "SELECT last_seq FROM device WHERE id = $1 FOR UPDATE",
        Backend::Sqlite => "SELECT last_seq FROM device WHERE id = $1",
    };
    tx.query_one(sql, params![id])?.count(0)
}

/// Records that the device pushed at `now`, with `last_seq` as its last settled seq.
pub fn settle_device(tx: &mut dyn Tx, id: &str, last_seq: u64, now: &str) -> Result<()> {
    tx.execute(
        "UPDATE device SET last_seq = $2, last_seen_at = $3 WHERE id = $1",
        params![id, to_i64(last_seq)?, now],
    )?;
    Ok(())
}

/// Seqs and counters are u64 on the wire and BIGINT in the database.
pub fn to_i64(v: u64) -> Result<i64> {
    i64::try_from(v).map_err(|_| ServerError::corrupt(format!("{v} does not fit a BIGINT")))
}
