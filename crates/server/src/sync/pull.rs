//! `GET /v1/sync/pull`: the changes a caller may see, after its cursor, in order.
//!
//! The page and the counter it is checked against are read in one snapshot, so the
//! cursor handed back never skips a change that was committing meanwhile: change seqs
//! are taken under the employer's row lock, hence in commit order.

use journeylog_proto::{DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, PullResponse, Role, codes};

use super::Cursor;
use crate::auth::Caller;
use crate::db::Tx;
use crate::error::{Result, ServerError};
use crate::store::accounts;
use crate::store::visible::{self, Visibility};

/// The query of a pull, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullQuery {
    pub cursor: Option<Cursor>,
    pub limit: u32,
}

impl PullQuery {
    /// Parses `cursor=..&limit=..`. Other parameters are ignored. A limit above the
    /// maximum is lowered to it.
    pub fn parse(raw: Option<&str>) -> Result<PullQuery> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or_default())
            .map_err(|_| ServerError::bad_request(codes::INVALID_QUERY, "the query string is not URL-encoded"))?;
        let mut query = PullQuery { cursor: None, limit: DEFAULT_PULL_LIMIT };
        for (name, value) in pairs {
            match name.as_str() {
                "cursor" if !value.is_empty() => query.cursor = Some(Cursor::parse(&value)?),
                "limit" => {
                    let limit: u32 = value.parse().ok().filter(|l| *l > 0).ok_or_else(|| {
                        ServerError::bad_request(
                            codes::INVALID_QUERY,
                            format!("limit must be a whole number from 1 to {MAX_PULL_LIMIT}"),
                        )
                    })?;
                    query.limit = limit.min(MAX_PULL_LIMIT);
                }
                _ => {}
            }
        }
        Ok(query)
    }
}

/// One page of changes for `caller`, inside a read transaction.
pub fn pull(tx: &mut dyn Tx, caller: &Caller, query: &PullQuery) -> Result<PullResponse> {
    let employer = accounts::employer(tx, &caller.employer_id)?
        .ok_or_else(|| ServerError::corrupt("caller of a missing employer"))?;
    let after = match &query.cursor {
        None => 0,
        Some(cursor) if cursor.epoch != employer.epoch => {
            return Err(ServerError::ResyncRequired(
                "the server's data was restored or reset since this cursor was issued; pull again from the start \
                 (no cursor) and keep your outbox"
                    .into(),
            ));
        }
        Some(cursor) if cursor.seq > employer.change_counter => {
            return Err(ServerError::ResyncRequired(
                "this cursor is ahead of the server's data; pull again from the start (no cursor)".into(),
            ));
        }
        Some(cursor) => cursor.seq,
    };
    let visibility = match caller.role {
        Role::Apprentice => {
            Visibility::Apprentice { user_id: &caller.user_id, program_id: caller.program_id.as_deref() }
        }
        Role::Mentor => Visibility::Mentor { user_id: &caller.user_id },
        Role::Admin => Visibility::Admin,
    };
    let mut rows = visible::changed_after(tx, &employer.id, visibility, after, query.limit + 1)?;
    let has_more = rows.len() > query.limit as usize;
    rows.truncate(query.limit as usize);
    let seq = match rows.last() {
        Some(last) if has_more => last.change_seq,
        // Everything up to the counter of this snapshot has been seen.
        Some(last) => last.change_seq.max(employer.change_counter),
        None => employer.change_counter.max(after),
    };
    let changes = rows.iter().map(|r| r.to_change()).collect::<Result<Vec<_>>>()?;
    Ok(PullResponse { changes, cursor: Cursor { epoch: employer.epoch, seq }.to_string(), has_more })
}
