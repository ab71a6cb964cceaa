//! `GET /v1/sync/pull`: the changes a caller may see, after its cursor, in order.
//!
//! The page and the counter it is checked against are read in one snapshot, so the
//! cursor handed back never skips a change that was committing meanwhile: change seqs
//! are taken under the employer's row lock, hence in commit order.

use journeylog_proto::{DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, RecordKind, Role, codes};
use serde::Serialize;
use serde_json::value::RawValue;

use super::Cursor;
use crate::auth::Caller;
use crate::db::Tx;
use crate::error::{Result, ServerError};
use crate::store::accounts;
use crate::store::records::StoredRecord;
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

/// A page of changes as it goes on the wire: a [`journeylog_proto::PullResponse`], with
/// each record's payload written out as stored (canonical JSON) instead of being parsed
/// into a tree only to be printed again, which was most of a pull's cost. A test checks
/// that both serialise to the same JSON.
#[derive(Debug, Serialize)]
pub struct PullPage {
    changes: Vec<WireChange>,
    cursor: String,
    has_more: bool,
}

/// One [`journeylog_proto::Change`], field for field.
#[derive(Debug, Serialize)]
struct WireChange {
    kind: RecordKind,
    record_id: String,
    version: u32,
    deleted: bool,
    payload: Box<RawValue>,
    origin_client_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner_id: Option<String>,
}

impl WireChange {
    fn from_stored(r: StoredRecord) -> Result<WireChange> {
        let payload = RawValue::from_string(r.payload)
            .map_err(|e| ServerError::corrupt(format!("stored payload of {} is not JSON: {e}", r.record_id)))?;
        Ok(WireChange {
            kind: r.kind,
            record_id: r.record_id,
            version: r.version,
            deleted: r.deleted,
            payload,
            origin_client_id: r.origin_client_id,
            owner_id: r.owner_id,
        })
    }
}

/// One page of changes for `caller`, inside a read transaction.
pub fn pull(tx: &mut dyn Tx, caller: &Caller, query: &PullQuery) -> Result<PullPage> {
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
    let changes = rows.into_iter().map(WireChange::from_stored).collect::<Result<Vec<_>>>()?;
    Ok(PullPage { changes, cursor: Cursor { epoch: employer.epoch, seq }.to_string(), has_more })
}

#[cfg(test)]
mod tests {
    use journeylog_proto::PullResponse;
    use serde_json::json;

    use super::*;

    fn stored(
        kind: RecordKind,
        deleted: bool,
        payload: &str,
        owner: Option<&str>,
        origin: Option<&str>,
    ) -> StoredRecord {
        StoredRecord {
            kind,
            record_id: "0193a5b2-0000-7000-8000-000000000001".into(),
            owner_id: owner.map(str::to_owned),
            version: 3,
            deleted,
            payload: payload.into(),
            change_seq: 42,
            origin_client_id: origin.map(str::to_owned),
        }
    }

    #[test]
    fn a_page_is_written_exactly_as_the_protocol_type_would_be() {
        let records = vec![
            stored(
                RecordKind::OjlEntry,
                false,
                r#"{"date":"2026-03-02","minutes":450,"note":"Ünïcode \"q\"\n"}"#,
                Some("u1"),
                Some("d1"),
            ),
            stored(
                RecordKind::Program,
                false,
                r#"{"code":"mra","work_processes":[{"code":"WP1","min_hours":150}]}"#,
                None,
                None,
            ),
            stored(
                RecordKind::OjlEntry,
                true,
                r#"{"deleted_at":"2026-03-03T00:00:00Z","id":"x","version":3}"#,
                Some("u1"),
                Some("d2"),
            ),
        ];
        let expected = PullResponse {
            changes: records.iter().map(|r| r.to_change().unwrap()).collect(),
            cursor: "c".into(),
            has_more: true,
        };
        let page = PullPage {
            changes: records.into_iter().map(|r| WireChange::from_stored(r).unwrap()).collect(),
            cursor: "c".into(),
            has_more: true,
        };
        let written = serde_json::to_value(&page).unwrap();
        assert_eq!(written, serde_json::to_value(&expected).unwrap());
        assert_eq!(written["changes"][1].get("owner_id"), None, "no owner is left out, as Change does");
        assert_eq!(written["changes"][0]["payload"]["minutes"], json!(450));
        // And a client reads it back as the protocol type.
        let read: PullResponse = serde_json::from_value(written).unwrap();
        assert_eq!(read, expected);
    }

    #[test]
    fn a_stored_payload_that_is_not_json_is_reported_not_sent() {
        let broken = stored(RecordKind::OjlEntry, false, "{\"minutes\":", Some("u1"), None);
        assert!(matches!(WireChange::from_stored(broken), Err(ServerError::Corrupt(_))));
    }
}
