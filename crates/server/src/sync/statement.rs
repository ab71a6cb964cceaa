//! `GET /v1/keys/statement`: the employer's signed statement of the mentor keys and
//! assignments that vouch for the calling apprentice's sign-offs.
//!
//! It is issued fresh on each request from the registry as it stands, so it can
//! never disagree with what the device pulled; the device asks only when what it
//! holds changed (see `journeylog_core::sync`). The signing itself is core's, the
//! one definition of the format (docs/bundle.md).

use chrono::{SecondsFormat, Utc};
use journeylog_core::signoff;
use journeylog_proto::{AssignmentRecord, KeyStatement, MentorKeyRecord, Role, SignedKeyStatement};

use crate::auth::Caller;
use crate::db::Tx;
use crate::error::{Result, ServerError};
use crate::store::{accounts, employer_keys};
use crate::time;

/// Only apprentices are issued statements: a statement is about one apprentice.
pub fn check_caller(caller: &Caller) -> Result<()> {
    if caller.role != Role::Apprentice {
        return Err(ServerError::Forbidden(format!(
            "key statements are issued to apprentices about themselves, not to a {}",
            caller.role.as_str()
        )));
    }
    Ok(())
}

/// The statement for `caller`, signed. With `make_key` false (a read transaction),
/// `None` means the employer has no signing key yet and the caller should ask again
/// in a write transaction with `make_key` true.
pub fn issue(tx: &mut dyn Tx, caller: &Caller, make_key: bool) -> Result<Option<SignedKeyStatement>> {
    check_caller(caller)?;
    let key = if make_key {
        employer_keys::ensure(tx, &caller.employer_id, &time::now())?
    } else {
        match employer_keys::get(tx, &caller.employer_id)? {
            Some(key) => key,
            None => return Ok(None),
        }
    };
    let employer = accounts::employer(tx, &caller.employer_id)?
        .ok_or_else(|| ServerError::corrupt("caller of a missing employer"))?;
    let apprentice =
        accounts::user(tx, &caller.user_id)?.ok_or_else(|| ServerError::corrupt("caller without a user"))?;
    let mentor_keys: Vec<MentorKeyRecord> = payloads(
        tx,
        "SELECT payload FROM record WHERE employer_id = $1 AND kind = 'mentor_key' AND owner_id IN \
         (SELECT mentor_id FROM mentor_assignment WHERE apprentice_id = $2) ORDER BY record_id",
        &caller.employer_id,
        &caller.user_id,
    )?;
    let assignments: Vec<AssignmentRecord> = payloads(
        tx,
        "SELECT payload FROM record WHERE employer_id = $1 AND kind = 'assignment' AND owner_id = $2 \
         ORDER BY record_id",
        &caller.employer_id,
        &caller.user_id,
    )?;
    let statement = KeyStatement {
        employer_id: employer.id,
        employer_name: employer.name,
        employer_key_id: String::new(),
        employer_public_key: String::new(),
        apprentice_id: apprentice.id,
        apprentice_name: apprentice.name,
        mentor_keys,
        assignments,
        issued_at: Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
    };
    let signed = signoff::sign_key_statement(statement, &key)
        .map_err(|e| ServerError::corrupt(format!("signing a key statement: {e}")))?;
    Ok(Some(signed))
}

fn payloads<T: serde::de::DeserializeOwned>(
    tx: &mut dyn Tx,
    sql: &str,
    employer_id: &str,
    owner_id: &str,
) -> Result<Vec<T>> {
    tx.query(sql, crate::params![employer_id, owner_id])?
        .iter()
        .map(|r| serde_json::from_str(&r.text(0)?).map_err(|e| ServerError::corrupt(format!("stored record: {e}"))))
        .collect()
}
