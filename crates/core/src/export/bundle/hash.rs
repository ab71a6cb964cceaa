//! `bundle_hash` without the bundle as one JSON value.
//!
//! docs/bundle.md defines the hash as SHA-256 of the RFC 8785 text of the bundle minus
//! `bundle_hash` and `generated_at`. Done literally ([`super::bundle_hash`], which the
//! verifier uses on what a file says), an export of 20,000 entries builds a `Value` of
//! every record, copies it, canonicalises 10 MB of it and frees it all: most of the time
//! of a PDF export, which needs only the hash. Here the same bytes go to SHA-256 piece by
//! piece. Each record's canonical content is made once and serves both its
//! `content_hash` and the bundle's; no value of the whole bundle is built, copied or
//! dropped, and only its small rest goes through a `Value` at once. The bundle and each
//! record are written with RFC 8785's object rule (members sorted by the UTF-16 code
//! units of their names, no whitespace); every value inside is written by the same
//! canonicaliser as before. The tests below check the result against
//! [`super::bundle_hash`] byte for byte.

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{Bundle, BundleRecord, internal};
use crate::error::{CoreError, Result};
use crate::export::Snapshot;
use crate::model::LogItem;
use journeylog_proto::{canonical_json, canonical_json_of, write_canonical_json};

/// One record of the bundle, as hashed: its canonical content and that content's hash.
#[derive(Debug)]
pub(super) struct HashedRecord {
    kind: &'static str,
    id: String,
    version: u32,
    canonical: String,
    content_hash: String,
}

impl HashedRecord {
    fn of(item: &LogItem) -> Result<HashedRecord> {
        let (kind, id, version, canonical) = match item {
            LogItem::Ojl(e) => ("ojl", &e.id, e.version, canonical_json_of(e)),
            LogItem::Coursework(c) => ("coursework", &c.id, c.version, canonical_json_of(c)),
        };
        let canonical = canonical.map_err(|e| internal(&e))?;
        let content_hash = journeylog_proto::sha256_hex(canonical.as_bytes());
        Ok(HashedRecord { kind, id: id.clone(), version, canonical, content_hash })
    }

    /// The record as the bundle file carries it, with `item`'s content as JSON.
    pub(super) fn into_record(self, item: &LogItem) -> Result<BundleRecord> {
        let content = match item {
            LogItem::Ojl(e) => serde_json::to_value(e),
            LogItem::Coursework(c) => serde_json::to_value(c),
        };
        // A field added here must be written by `write_record` too (the tests fail if not).
        Ok(BundleRecord {
            kind: self.kind.into(),
            id: self.id,
            version: self.version,
            content_hash: self.content_hash,
            content: content.map_err(|e| internal(&e))?,
        })
    }
}

/// The snapshot's entries as bundle records, oldest first.
pub(super) fn records(snapshot: &Snapshot) -> Result<Vec<HashedRecord>> {
    snapshot.entries.iter().map(|e| HashedRecord::of(&e.item)).collect()
}

/// The `bundle_hash` of `head` (a bundle whose `records` is still empty) with `records`.
pub(super) fn compose(head: &Bundle, records: &[HashedRecord]) -> Result<String> {
    let Value::Object(mut members) = serde_json::to_value(head).map_err(|e| internal(&e))? else {
        return Err(CoreError::Internal("a bundle did not serialise as an object".into()));
    };
    members.remove("bundle_hash");
    members.remove("generated_at");
    if members.get("records").and_then(Value::as_array).is_none_or(|r| !r.is_empty()) {
        return Err(CoreError::Internal("the bundle hash needs a bundle without its records".into()));
    }
    let mut names: Vec<&String> = members.keys().collect();
    names.sort_by_cached_key(|name| name.encode_utf16().collect::<Vec<u16>>());
    let mut sha = Sha256::new();
    sha.update(b"{");
    for (i, name) in names.into_iter().enumerate() {
        if i > 0 {
            sha.update(b",");
        }
        write(&mut sha, name)?;
        sha.update(b":");
        if name == "records" {
            write_records(&mut sha, records)?;
        } else if let Some(value) = members.get(name) {
            sha.update(canonical_json(value).as_bytes());
        }
    }
    sha.update(b"}");
    Ok(format!("{:x}", sha.finalize()))
}

fn write_records(sha: &mut Sha256, records: &[HashedRecord]) -> Result<()> {
    sha.update(b"[");
    for (i, r) in records.iter().enumerate() {
        if i > 0 {
            sha.update(b",");
        }
        // A BundleRecord's members in RFC 8785 order: content, content_hash, id, kind, version.
        sha.update(b"{\"content\":");
        sha.update(r.canonical.as_bytes());
        sha.update(b",\"content_hash\":");
        write(sha, &r.content_hash)?;
        sha.update(b",\"id\":");
        write(sha, &r.id)?;
        sha.update(b",\"kind\":");
        write(sha, r.kind)?;
        sha.update(b",\"version\":");
        write(sha, &r.version)?;
        sha.update(b"}");
    }
    sha.update(b"]");
    Ok(())
}

fn write<T: serde::Serialize + ?Sized>(sha: &mut Sha256, value: &T) -> Result<()> {
    write_canonical_json(sha, value).map_err(|e| internal(&e))
}

#[cfg(test)]
mod tests {
    use super::super::{BUNDLE_FORMAT, BUNDLE_VERSION, BundleApprentice, BundleProgram, BundleRange, bundle_hash};
    use super::*;
    use crate::model::{CourseworkEntry, EntryStatus, OjlEntry};

    fn ojl(n: u32, note: &str) -> LogItem {
        LogItem::Ojl(OjlEntry {
            id: format!("0190a-{n}"),
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 2 + n).unwrap(),
            minutes: 450 + n,
            work_process: "WP1".into(),
            note: note.into(),
            site: "Line 4".into(),
            supervisor: "Sam".into(),
            prior_credit: n.is_multiple_of(2),
            status: EntryStatus::Submitted,
            version: n + 1,
            amends_version: (n == 2).then_some(2),
            created_at: "2026-03-02T10:00:00Z".into(),
            updated_at: "2026-03-02T10:00:00Z".into(),
        })
    }

    fn course() -> LogItem {
        LogItem::Coursework(CourseworkEntry {
            id: "0190b".into(),
            course: "SAFE".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
            minutes: 180,
            paid: false,
            status: EntryStatus::Draft,
            grade: Some("A".into()),
            note: "OSHA 10, day 1".into(),
            version: 1,
            amends_version: None,
            created_at: "2026-03-03T10:00:00Z".into(),
            updated_at: "2026-03-03T10:00:00Z".into(),
        })
    }

    fn head(name: &str) -> Bundle {
        Bundle {
            format: BUNDLE_FORMAT.into(),
            version: BUNDLE_VERSION,
            generated_at: "2026-03-04T12:00:00Z".into(),
            bundle_hash: String::new(),
            apprentice: BundleApprentice { id: "u1".into(), name: name.into() },
            program: BundleProgram {
                id: "mra-phase-1".into(),
                revision: 2,
                title: "MRA".into(),
                work_processes: vec![],
            },
            range: BundleRange { from: "2026-03-01".into(), to: "2026-03-31".into() },
            records: Vec::new(),
            signoffs: Vec::new(),
            employer_statement: None,
        }
    }

    /// The composed hash against the literal definition, on the same bundle.
    fn check(head: Bundle, items: &[LogItem]) {
        let hashed: Vec<HashedRecord> = items.iter().map(|i| HashedRecord::of(i).unwrap()).collect();
        let composed = compose(&head, &hashed).unwrap();
        let mut bundle = head;
        bundle.records = hashed.into_iter().zip(items).map(|(h, i)| h.into_record(i).unwrap()).collect();
        for r in &bundle.records {
            assert_eq!(r.content_hash, journeylog_proto::content_hash(&r.content), "content hash of {}", r.id);
        }
        assert_eq!(composed, bundle_hash(&bundle).unwrap());
    }

    #[test]
    fn the_composed_hash_is_the_hash_of_the_whole_bundle() {
        let notes = ["", "Ñandú \"press\" \\ line\t4", "emoji \u{1F600} and \u{7f} and \u{1f}"];
        let items: Vec<LogItem> =
            notes.iter().enumerate().map(|(n, note)| ojl(n as u32, note)).chain([course()]).collect();
        check(head("Ana Núñez"), &items);
        check(head("Jordan"), &[]);
        check(head("Jordan"), &[course()]);
    }

    #[test]
    fn a_bundle_that_already_has_records_is_refused() {
        let mut bundle = head("Ana");
        bundle.records = vec![HashedRecord::of(&course()).unwrap().into_record(&course()).unwrap()];
        assert!(compose(&bundle, &[]).is_err());
    }
}
