//! Mentor sign-offs made with real Ed25519 keys and stored the way a pull stores
//! them, for tests that need a signed logbook without a server.

use journeylog_core::model::LogItem;
use journeylog_core::signoff::{self, SigningKey, Subject};
use journeylog_proto::{AssignmentRecord, Decision, MentorKeyRecord, SignoffStatement};
use rusqlite::params;

use super::Log;

pub const APPRENTICE: &str = "apprentice-7";

pub struct Mentor {
    pub id: &'static str,
    pub name: &'static str,
    pub key: SigningKey,
}

impl Mentor {
    pub fn new(id: &'static str, name: &'static str) -> Mentor {
        Mentor { id, name, key: signoff::generate_key() }
    }
}

/// Makes the logbook an apprentice's connected to "Acme Robotics", with these
/// mentors' keys registered and assigned, as a pull from the server leaves it.
pub fn connect(log: &Log, mentors: &[&Mentor]) {
    let db = log.raw();
    db.execute(
        "INSERT INTO sync_state (id, server_url, client_id, employer_id, employer_name, user_id, user_name, role,
                                 seq_offset, connected_at)
         VALUES (1, 'http://127.0.0.1:9', 'client-1', 'employer-1', 'Acme Robotics', ?1, 'Apprentice', 'apprentice',
                 0, '2026-01-01T00:00:00Z')",
        [APPRENTICE],
    )
    .expect("sync state");
    for m in mentors {
        let key = MentorKeyRecord {
            key_id: signoff::key_id(&m.key.verifying_key()),
            mentor_id: m.id.into(),
            mentor_name: m.name.into(),
            public_key: hex::encode(m.key.verifying_key().as_bytes()),
            valid_from: "2026-01-01T00:00:00Z".into(),
            revoked_at: None,
        };
        let body = serde_json::to_string(&key).expect("key json");
        db.execute(
            "INSERT INTO mentor_key (key_id, mentor_id, version, body) VALUES (?1, ?2, 1, ?3)",
            params![key.key_id, m.id, body],
        )
        .expect("key");
        let a = AssignmentRecord {
            mentor_id: m.id.into(),
            mentor_name: m.name.into(),
            apprentice_id: APPRENTICE.into(),
            apprentice_name: "Apprentice".into(),
            assigned_at: "2026-01-01T00:00:00Z".into(),
        };
        let body = serde_json::to_string(&a).expect("assignment json");
        db.execute(
            "INSERT INTO assignment (apprentice_id, mentor_id, version, body) VALUES (?1, ?2, 1, ?3)",
            params![APPRENTICE, m.id, body],
        )
        .expect("assignment");
    }
}

/// `mentor` approves the entries `ids` with one signature made by `key`.
pub fn sign_with(log: &mut Log, mentor: &Mentor, key: &SigningKey, ids: &[String], signed_at: &str) -> String {
    let items = log.all_items();
    let mut records = Vec::new();
    let mut dates = Vec::new();
    for id in ids {
        let item = items
            .iter()
            .find(|i| match i {
                LogItem::Ojl(e) => &e.id == id,
                LogItem::Coursework(c) => &c.id == id,
            })
            .expect("entry to sign");
        let (value, version) = match item {
            LogItem::Ojl(e) => (serde_json::to_value(e), e.version),
            LogItem::Coursework(c) => (serde_json::to_value(c), c.version),
        };
        records.push(signoff::signed_record(id, version, &value.expect("entry json")));
        dates.push(item.date());
    }
    let (from, to) = (*dates.iter().min().expect("dates"), *dates.iter().max().expect("dates"));
    store_signoff(log, mentor, key, Subject::period(from, to), records, signed_at)
}

/// Signs a statement on `subject` over `records` and stores it as a pull does.
pub fn store_signoff(
    log: &mut Log,
    mentor: &Mentor,
    key: &SigningKey,
    subject: String,
    records: Vec<journeylog_proto::SignedRecord>,
    signed_at: &str,
) -> String {
    let signoff_id = uuid::Uuid::now_v7().to_string();
    let statement = SignoffStatement {
        signoff_id: signoff_id.clone(),
        apprentice_id: APPRENTICE.into(),
        program_id: log.journal.program().expect("program").id,
        subject,
        decision: Decision::Approved,
        comment: String::new(),
        signed_at: signed_at.into(),
        mentor_id: mentor.id.into(),
        key_id: signoff::key_id(&mentor.key.verifying_key()),
        records,
    };
    let record = signoff::sign(statement, key).expect("sign");
    let db = log.raw();
    let s = &record.statement;
    db.execute(
        "INSERT INTO signoff (id, apprentice_id, subject, decision, mentor_id, signed_at, body, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6)",
        params![
            s.signoff_id,
            record.apprentice_id,
            record.subject,
            s.decision.as_str(),
            s.mentor_id,
            s.signed_at,
            serde_json::to_string(&record).expect("signoff json")
        ],
    )
    .expect("signoff");
    for r in &s.records {
        db.execute(
            "INSERT INTO signoff_record (signoff_id, record_id, version) VALUES (?1, ?2, ?3)",
            params![s.signoff_id, r.id, r.version],
        )
        .expect("signoff record");
    }
    signoff_id
}

pub fn sign(log: &mut Log, mentor: &Mentor, ids: &[String], signed_at: &str) -> String {
    let key = mentor.key.clone();
    sign_with(log, mentor, &key, ids, signed_at)
}
