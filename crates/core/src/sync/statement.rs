//! Fetching the employer's key statement, at the end of an apprentice's round.
//!
//! The statement is what lets a bundle be checked without the server, so the device
//! keeps one that describes exactly the keys and assignments it holds. It asks for a
//! new one only when that stops being true (a key registered or revoked, a mentor
//! assigned, or no statement yet): a round that pulled nothing of the kind costs no
//! extra request. A round that fails before storing it leaves the old one stale, so
//! the next round asks again.

use std::collections::BTreeSet;

use journeylog_proto::{SignedKeyStatement, codes};
use rusqlite::Transaction;

use crate::error::{CoreError, Result};
use crate::signoff;
use crate::store::sync_state::SyncState;
use crate::store::{Store, key_statements, signoffs};

use super::http::{HttpClient, HttpError};
use super::vault::DeviceToken;

pub(super) fn refresh(store: &mut Store, client: &HttpClient, token: &DeviceToken, state: &SyncState) -> Result<()> {
    if state.role != "apprentice" || store.read(|tx| is_current(tx, state))? {
        return Ok(());
    }
    let signed = match client.key_statement(token) {
        Ok(signed) => signed,
        // A server from before key statements: sync works, bundles carry none.
        Err(HttpError::Problem(p)) if p.code == codes::NOT_FOUND => return Ok(()),
        Err(other) => return Err(super::to_core_error(other)),
    };
    check(&signed, state)?;
    store.write(|tx| key_statements::put(tx, &signed))
}

/// Is the stored statement about this apprentice and employer, and does it list the
/// keys and assignments this device holds?
fn is_current(tx: &Transaction<'_>, state: &SyncState) -> Result<bool> {
    let Some(signed) = key_statements::get(tx, &state.user_id)? else { return Ok(false) };
    let s = &signed.statement;
    if s.employer_id != state.employer_id {
        return Ok(false);
    }
    let listed: BTreeSet<_> = s.mentor_keys.iter().map(|k| (&k.key_id, &k.public_key, &k.revoked_at)).collect();
    let keys = signoffs::keys(tx)?;
    let held: BTreeSet<_> = keys.iter().map(|k| (&k.key_id, &k.public_key, &k.revoked_at)).collect();
    let assigned: BTreeSet<&str> = s.assignments.iter().map(|a| a.mentor_id.as_str()).collect();
    let assignments = signoffs::assignments(tx)?;
    let mine: BTreeSet<&str> =
        assignments.iter().filter(|a| a.apprentice_id == state.user_id).map(|a| a.mentor_id.as_str()).collect();
    Ok(listed == held && assigned == mine)
}

/// A statement is kept only when it verifies and is about this apprentice.
fn check(signed: &SignedKeyStatement, state: &SyncState) -> Result<()> {
    signoff::verify_key_statement(signed)?;
    let s = &signed.statement;
    if s.apprentice_id != state.user_id || s.employer_id != state.employer_id {
        return Err(CoreError::Server {
            code: "protocol".into(),
            message: format!(
                "the server sent a key statement about apprentice {} of employer {}, not about this logbook",
                s.apprentice_id, s.employer_id
            ),
        });
    }
    Ok(())
}
