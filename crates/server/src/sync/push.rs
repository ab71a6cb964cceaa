//! `POST /v1/sync/push`: apply a device's mutations in seq order, exactly once.
//!
//! The whole batch runs in one transaction that commits before the response is sent,
//! so an acknowledged mutation survives a crash. Each new mutation is applied whole
//! (record row, change seq, stored result) or, when a rule refuses it, only its
//! rejection is kept. Either way its seq is settled, and a retry of that seq gets the
//! stored answer back instead of a second write.
//!
//! Nothing is written before it is certain: the device's row is read, not updated,
//! until the end; a seq gap or a replayed seq with another mutation id is refused
//! before the first write; and each mutation is *judged before anything of it is
//! written* (every rule reads, and only an accepted mutation writes). So a refusal has
//! nothing to undo and needs no savepoint, which SQLite pays for by copying every page
//! the savepoint touches into its sub-journal. A failure of the server itself
//! mid-write fails the whole push (its transaction rolls back, and on SQLite its group
//! commit with it: see `db::group_commit`), and the device sends it again.
//!
//! Locks are taken in one order, device row then employer row, before anything that
//! will be written is read: two pushes of one device queue, and two devices of one
//! apprentice can't both build on the same version of a record.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use journeylog_core::model::ProgramStandard;
use journeylog_proto::{
    MAX_PUSH_MUTATIONS, Mutation, MutationKind, MutationOutcome, MutationResult, PushRequest, PushResponse, Role, codes,
};

use super::rules::{self, Parsed, Rejection};
use super::signoffs;
use crate::auth::Caller;
use crate::db::Tx;
use crate::error::{Result, ServerError};
use crate::store::records::{self, NewVersion, RecordKey};
use crate::store::results::{self, Settled, StoredResult};
use crate::store::{accounts, programs};
use crate::time;
use journeylog_proto::sha256_hex;

/// Checks that need no database; run before a connection is taken.
pub fn check_request(caller: &Caller, request: &PushRequest) -> Result<()> {
    if request.client_id != caller.client_id {
        return Err(ServerError::Forbidden(
            "client_id is not the device this token belongs to; a device pushes only its own outbox".into(),
        ));
    }
    if request.mutations.len() > MAX_PUSH_MUTATIONS {
        return Err(ServerError::bad_request(
            codes::TOO_MANY_MUTATIONS,
            format!("the push has {} mutations; send at most {MAX_PUSH_MUTATIONS} at a time", request.mutations.len()),
        ));
    }
    let Some(first) = request.mutations.first() else { return Ok(()) };
    if first.seq == 0 || i64::try_from(first.seq).is_err() {
        return Err(ServerError::bad_request(codes::INVALID_BODY, "seq must be a whole number from 1 up"));
    }
    for (i, m) in request.mutations.iter().enumerate() {
        if Some(m.seq) != first.seq.checked_add(i as u64) {
            return Err(ServerError::bad_request(
                codes::INVALID_BODY,
                format!(
                    "mutations[{i}] has seq {} but should have {}: seqs in a push must be consecutive",
                    m.seq,
                    first.seq.saturating_add(i as u64)
                ),
            ));
        }
    }
    Ok(())
}

/// The payload checks ([`rules::parse`]) of a push's mutations, by seq, made before its
/// transaction. They need no database, and the writer that applies an employer's pushes
/// one at a time should not spend its turn on JSON. A seq missing here is parsed when
/// it is applied.
#[derive(Debug, Default)]
pub struct ParsedAhead(HashMap<u64, std::result::Result<Parsed, Rejection>>);

/// Parses every mutation of an apprentice's push (others' are refused before parsing).
pub fn parse_ahead(caller: &Caller, request: &PushRequest, today: NaiveDate) -> ParsedAhead {
    if caller.role != Role::Apprentice {
        return ParsedAhead::default();
    }
    ParsedAhead(request.mutations.iter().map(|m| (m.seq, rules::parse(m, caller, today))).collect())
}

/// Applies the push inside `tx` (the caller commits).
pub fn push(
    tx: &mut dyn Tx,
    caller: &Caller,
    request: &PushRequest,
    today: NaiveDate,
    ahead: ParsedAhead,
) -> Result<PushResponse> {
    check_request(caller, request)?;
    let now = time::now();
    let last_seq = accounts::lock_device(tx, &caller.client_id)?;
    let (Some(first), Some(last)) = (request.mutations.first(), request.mutations.last()) else {
        accounts::settle_device(tx, &caller.client_id, last_seq, &now)?;
        return Ok(PushResponse { results: Vec::new(), last_seq });
    };
    let expected = last_seq + 1;
    if first.seq > expected {
        return Err(ServerError::SeqGap { expected, got: first.seq });
    }
    let replayed = if first.seq <= last_seq {
        results::range(tx, &caller.client_id, first.seq, last.seq.min(last_seq))?
    } else {
        Vec::new()
    };
    let mut replayed: HashMap<u64, StoredResult> = replayed.into_iter().map(|r| (r.seq, r)).collect();
    let counter = if last.seq > last_seq { Some(accounts::lock_employer(tx, &caller.employer_id)?) } else { None };
    let mut batch = Batch { caller, today, now: &now, program: None, counter, ahead };
    let mut out = Vec::with_capacity(request.mutations.len());
    for m in &request.mutations {
        let outcome = if m.seq <= last_seq {
            let stored = replayed
                .remove(&m.seq)
                .ok_or_else(|| ServerError::corrupt(format!("no stored result for settled seq {}", m.seq)))?;
            replay(tx, caller, m, stored)?
        } else {
            batch.settle(tx, m)?
        };
        out.push(MutationResult { seq: m.seq, mutation_id: m.mutation_id.clone(), outcome });
    }
    if let Some(counter) = batch.counter.take() {
        counter.save(tx)?;
    }
    let new_last = last_seq.max(last.seq);
    accounts::settle_device(tx, &caller.client_id, new_last, &now)?;
    Ok(PushResponse { results: out, last_seq: new_last })
}

/// The answer a settled seq got the first time.
fn replay(tx: &mut dyn Tx, caller: &Caller, m: &Mutation, stored: StoredResult) -> Result<MutationOutcome> {
    if stored.mutation_id != m.mutation_id {
        return Err(ServerError::bad_request(
            codes::INVALID_BODY,
            format!(
                "seq {} was already settled for mutation {}, not {}; a client never reuses a seq",
                m.seq, stored.mutation_id, m.mutation_id
            ),
        ));
    }
    Ok(match stored.settled {
        Settled::Applied { version } => MutationOutcome::Duplicate { version },
        Settled::Rejected { code, message } => {
            let current = if code == codes::VERSION_CONFLICT {
                let key = RecordKey::new(&caller.employer_id, m.kind.record_kind(), &caller.user_id, &m.record_id);
                records::find(tx, key)?.map(|r| r.to_change()).transpose()?
            } else {
                None
            };
            MutationOutcome::Rejected { code, message, current }
        }
    })
}

/// State shared by the new mutations of one push.
struct Batch<'a> {
    caller: &'a Caller,
    today: NaiveDate,
    now: &'a str,
    /// The caller's program, loaded on first use.
    program: Option<Option<Arc<ProgramStandard>>>,
    /// Taken (with the employer's row lock) when the push has new seqs.
    counter: Option<accounts::ChangeCounter>,
    ahead: ParsedAhead,
}

impl Batch<'_> {
    /// Applies or rejects one new mutation and stores the result.
    fn settle(&mut self, tx: &mut dyn Tx, m: &Mutation) -> Result<MutationOutcome> {
        let (settled, outcome) = match self.apply(tx, m)? {
            Ok(version) => (Settled::Applied { version }, MutationOutcome::Applied { version }),
            Err(rejection) => {
                let settled = Settled::Rejected { code: rejection.code.to_owned(), message: rejection.message.clone() };
                let outcome = MutationOutcome::Rejected {
                    code: rejection.code.to_owned(),
                    message: rejection.message,
                    current: rejection.current.map(|c| *c),
                };
                (settled, outcome)
            }
        };
        let stored = StoredResult { seq: m.seq, mutation_id: m.mutation_id.clone(), settled };
        results::insert(tx, &self.caller.client_id, &stored, self.now)?;
        Ok(outcome)
    }

    /// The outer `Result` is a failure of the server; the inner one is the verdict. A
    /// refusal must be decided before the first write (see the module docs).
    fn apply(&mut self, tx: &mut dyn Tx, m: &Mutation) -> Result<Result<u32, Rejection>> {
        let caller = self.caller;
        if m.kind == MutationKind::SignoffCreate {
            let counter =
                self.counter.as_mut().ok_or_else(|| ServerError::corrupt("new seqs without the employer lock"))?;
            return signoffs::apply(tx, caller, m, counter, self.now);
        }
        if caller.role != Role::Apprentice {
            return Ok(Err(Rejection::new(
                codes::NOT_OWNER,
                format!(
                    "a {} can't write {} records; only the apprentice who owns a record writes it",
                    caller.role.as_str(),
                    m.kind.record_kind().as_str()
                ),
            )));
        }
        let parsed = self.ahead.0.remove(&m.seq).unwrap_or_else(|| rules::parse(m, caller, self.today));
        let parsed = match parsed {
            Ok(parsed) => parsed,
            Err(rejection) => return Ok(Err(rejection)),
        };
        let kind = m.kind.record_kind();
        let key = RecordKey::new(&caller.employer_id, kind, &caller.user_id, &m.record_id);
        let existing = records::find(tx, key)?;
        if let Some(existing) = &existing
            && existing.owner_id.as_deref() != Some(caller.user_id.as_str())
        {
            return Ok(Err(Rejection::new(
                codes::NOT_OWNER,
                format!("record_id \"{}\" belongs to another user; choose a new id for a new record", m.record_id),
            )));
        }
        let current_version = existing.as_ref().map_or(0, |r| r.version);
        // A record the server has never seen has no history to conflict with (e.g. a
        // change refused earlier, fixed on the device and sent again): it is created at
        // the device's version, so both sides keep counting from the same number.
        if existing.is_some() && m.base_version != current_version {
            let current = existing.as_ref().map(|r| r.to_change()).transpose()?.map(Box::new);
            return Ok(Err(Rejection {
                code: codes::VERSION_CONFLICT,
                message: format!(
                    "base_version is {}, but the server has version {current_version} of {} \"{}\"; pull, then \
                     decide which version to keep",
                    m.base_version,
                    kind.as_str(),
                    m.record_id
                ),
                current,
            }));
        }
        let deleting = parsed.deleted;
        if let Err(rejection) =
            signoffs::check_unlocked(tx, caller, &m.record_id, current_version, deleting, parsed.amends_version)?
        {
            return Ok(Err(rejection));
        }
        if let Err(rejection) = self.check_stateful(tx, key, &parsed)? {
            return Ok(Err(rejection));
        }
        let version = m.base_version + 1;
        let day = parsed.day.map(|(d, _)| d.format("%Y-%m-%d").to_string());
        let counter =
            self.counter.as_mut().ok_or_else(|| ServerError::corrupt("new seqs without the employer lock"))?;
        let store = if existing.is_some() { records::put } else { records::insert_new };
        store(
            tx,
            counter,
            &NewVersion {
                key,
                owner_id: Some(&caller.user_id),
                version,
                deleted: parsed.deleted,
                payload: &parsed.canonical,
                content_hash: &sha256_hex(parsed.canonical.as_bytes()),
                origin_client_id: Some(&caller.client_id),
                entry_date: day.as_deref(),
                minutes: parsed.day.map(|(_, minutes)| minutes),
                now: self.now,
            },
        )?;
        Ok(Ok(version))
    }

    /// The rules that look at other records: the day total and the program's codes.
    fn check_stateful(
        &mut self,
        tx: &mut dyn Tx,
        key: RecordKey<'_>,
        parsed: &Parsed,
    ) -> Result<Result<(), Rejection>> {
        if let Some((day, minutes)) = parsed.day {
            let date = day.format("%Y-%m-%d").to_string();
            let already = records::day_minutes(tx, key.employer_id, &self.caller.user_id, &date, key)?;
            if let Err(rejection) = rules::check_day(day, already, minutes) {
                return Ok(Err(rejection));
            }
        }
        if let Some(reference) = &parsed.program_ref
            && let Some(program) = self.program(tx)?
            && let Err(rejection) = rules::check_program_ref(reference, program)
        {
            return Ok(Err(rejection));
        }
        Ok(Ok(()))
    }

    /// The caller's program, if the employer assigned one and imported it.
    fn program(&mut self, tx: &mut dyn Tx) -> Result<Option<&ProgramStandard>> {
        if self.program.is_none() {
            let loaded = match &self.caller.program_id {
                None => None,
                Some(id) => programs::current(tx, &self.caller.employer_id, id)?,
            };
            self.program = Some(loaded);
        }
        Ok(self.program.as_ref().and_then(Option::as_deref))
    }
}
