//! Certifications: their rules, evidence files kept under their SHA-256, computed
//! expiry, and the valid / expiring / expired / missing states in progress.

mod common;

use common::{Log, SMALL_HYBRID, TODAY, assert_invalid, cert, d, path_str};
use journeylog_core::model::CertificationInput;
use journeylog_core::progress::CertificationState;
use sha2::{Digest, Sha256};

fn with_evidence(input: CertificationInput, path: &std::path::Path) -> CertificationInput {
    CertificationInput { evidence_path: Some(path_str(path)), ..input }
}

fn evidence_files(log: &Log) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(log.dir.path().join("evidence"))
        .expect("evidence dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn evidence_is_copied_under_its_sha256() {
    let mut log = Log::program(SMALL_HYBRID, "2025-06-02", TODAY);
    let outside = tempfile::tempdir().expect("another folder");
    let source = outside.path().join("safety card.pdf");
    let bytes: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&source, &bytes).expect("write evidence");
    let expected_sha = format!("{:x}", Sha256::digest(&bytes));

    let saved = log
        .journal
        .add_certification(with_evidence(cert("SAFE", "Safety card", "2026-01-10", ""), &source))
        .expect("certification with evidence");
    let evidence = saved.record.evidence.clone().expect("evidence recorded");
    assert_eq!(evidence.sha256, expected_sha);
    assert_eq!(evidence.size_bytes, 200_000);
    assert_eq!(evidence.file_name, "safety card.pdf");

    let kept = log.dir.path().join("evidence").join(&expected_sha);
    assert_eq!(log.journal.evidence_path(&expected_sha), kept);
    assert_eq!(std::fs::read(&kept).expect("kept copy"), bytes);
    // The copy no longer depends on the original.
    drop(outside);
    assert_eq!(std::fs::read(&kept).expect("kept copy"), bytes);
    // And the record says so after a reopen.
    let mut log = log.reopen(TODAY);
    let stored = log.journal.certifications().expect("certs");
    assert_eq!(stored[0].evidence.as_ref(), Some(&evidence));
}

#[test]
fn the_same_file_twice_is_stored_once_and_updates_keep_or_replace_evidence() {
    let mut log = Log::program(SMALL_HYBRID, "2025-06-02", TODAY);
    let a = log.write_file("a.png", "first scan");
    let b = log.write_file("b.png", "second scan");
    let first =
        log.journal.add_certification(with_evidence(cert("", "Card one", "2026-01-10", ""), &a)).expect("first").record;
    log.journal.add_certification(with_evidence(cert("", "Card two", "2026-01-11", ""), &a)).expect("second");
    let sha_a = format!("{:x}", Sha256::digest(b"first scan"));
    assert_eq!(evidence_files(&log), [sha_a.as_str()], "one copy, no temporary files left");

    // An update without a file keeps the evidence.
    let kept =
        log.journal.update_certification(&first.id, cert("", "Card one (renamed)", "2026-01-10", "")).expect("edit");
    assert_eq!(kept.record.evidence.as_ref().map(|e| e.sha256.as_str()), Some(sha_a.as_str()));
    assert_eq!(kept.record.version, 2);
    // An update with a file replaces it.
    let replaced = log
        .journal
        .update_certification(&first.id, with_evidence(cert("", "Card one", "2026-01-10", ""), &b))
        .expect("new evidence");
    let sha_b = format!("{:x}", Sha256::digest(b"second scan"));
    assert_eq!(replaced.record.evidence.as_ref().map(|e| e.sha256.as_str()), Some(sha_b.as_str()));
    assert_eq!(replaced.record.evidence.as_ref().map(|e| e.size_bytes), Some(11));
    assert_eq!(replaced.record.version, 3);
}

#[test]
fn evidence_that_cannot_be_read_is_refused_and_nothing_is_stored() {
    let mut log = Log::program(SMALL_HYBRID, "2025-06-02", TODAY);
    let outbox = log.outbox_len();
    let missing = log.dir.path().join("no-such-file.pdf");
    assert_invalid(
        log.journal.add_certification(with_evidence(cert("", "Card", "2026-01-10", ""), &missing)),
        "evidence_path",
        &["cannot be read", "no-such-file.pdf"],
    );
    assert_invalid(
        log.journal.add_certification(with_evidence(cert("", "Card", "2026-01-10", ""), log.dir.path())),
        "evidence_path",
        &["is not a file"],
    );
    assert!(log.journal.certifications().expect("certs").is_empty());
    assert_eq!(log.outbox_len(), outbox);
    // An empty path means no evidence.
    let saved = log
        .journal
        .add_certification(CertificationInput {
            evidence_path: Some("  ".into()),
            ..cert("", "Card", "2026-01-10", "")
        })
        .expect("no evidence");
    assert_eq!(saved.record.evidence, None);
}

#[test]
fn expiry_comes_from_the_validity_when_left_empty() {
    let mut log = Log::program(SMALL_HYBRID, "2023-06-02", TODAY);
    // SAFE is valid 12 months.
    let safe = log.journal.add_certification(cert("SAFE", "Safety card", "2025-06-15", "")).expect("safe").record;
    assert_eq!(safe.expires_on, Some(d("2026-06-15")));
    assert_eq!(safe.code.as_deref(), Some("SAFE"));
    // A month end carries to the last day of the month.
    let leap = log.journal.add_certification(cert("SAFE", "Safety card", "2024-02-29", "")).expect("leap").record;
    assert_eq!(leap.expires_on, Some(d("2025-02-28")));
    // A given expiry wins over the validity.
    let given = log.journal.add_certification(cert("SAFE", "Safety card", "2025-06-15", "2025-09-01")).expect("given");
    assert_eq!(given.record.expires_on, Some(d("2025-09-01")));
    // FIRST has no validity, and a card outside the program has none either: no expiry.
    let first = log.journal.add_certification(cert("FIRST", "First aid", "2025-06-15", "")).expect("first").record;
    assert_eq!(first.expires_on, None);
    let other = log.journal.add_certification(cert("", "Forklift", "2025-06-15", "")).expect("other").record;
    assert_eq!((other.code, other.expires_on), (None, None));
}

#[test]
fn certification_input_rules() {
    let mut log = Log::program(SMALL_HYBRID, "2025-06-02", TODAY);
    let outbox = log.outbox_len();
    let message =
        assert_invalid(log.journal.add_certification(cert("", "Card", "2025-06-15", "2025-01-01")), "expires_on", &[]);
    assert_eq!(message, "expires_on 2025-01-01 must come after earned_on 2025-06-15");
    assert_invalid(
        log.journal.add_certification(cert("", "Card", "2025-06-15", "2025-06-15")),
        "expires_on",
        &["must come after earned_on"],
    );
    let message = assert_invalid(log.journal.add_certification(cert("", "Card", "2026-03-03", "")), "earned_on", &[]);
    assert_eq!(message, "earned_on 2026-03-03 is in the future; entries can be logged up to today (2026-03-02)");
    assert_invalid(
        log.journal.add_certification(cert("", "Card", "2026-02-30", "")),
        "earned_on",
        &["is not a calendar date"],
    );
    assert_invalid(
        log.journal.add_certification(cert("", "Card", "2026-01-01", "someday")),
        "expires_on",
        &["is not a calendar date"],
    );
    assert_eq!(
        assert_invalid(log.journal.add_certification(cert("", " ", "2026-01-01", "")), "title", &[]),
        "title is required"
    );
    assert_invalid(
        log.journal.add_certification(cert("OSHA10", "OSHA 10", "2026-01-01", "")),
        "code",
        &["certification \"OSHA10\" is not one the program requires"],
    );
    assert!(log.journal.certifications().expect("certs").is_empty());
    assert_eq!(log.outbox_len(), outbox);
    // The same rules hold on an update, which leaves the record unchanged.
    let id = log.journal.add_certification(cert("", "Card", "2026-01-01", "")).expect("valid").record.id;
    assert_invalid(
        log.journal.update_certification(&id, cert("", "Card", "2026-01-01", "2025-12-31")),
        "expires_on",
        &[],
    );
    assert_eq!(log.journal.certifications().expect("certs")[0].version, 1);
}

#[test]
fn certification_states_in_progress() {
    let mut log = Log::program(SMALL_HYBRID, "2023-06-02", TODAY);
    // From 2026-03-02: 2026-05-01 is 60 days away (expiring), 2026-05-02 is 61 (valid).
    log.journal.add_certification(cert("SAFE", "Safety card", "2025-05-01", "")).expect("safe");
    log.journal.add_certification(cert("", "Forklift", "2025-01-01", "2026-05-02")).expect("forklift");
    log.journal.add_certification(cert("", "Old card", "2025-01-01", "2026-03-01")).expect("old");
    log.journal.add_certification(cert("", "Last day", "2025-01-01", "2026-03-02")).expect("last day");
    log.journal.add_certification(cert("", "Forever", "2025-01-01", "")).expect("forever");

    let p = log.journal.progress().expect("progress");
    let state = |title: &str| {
        let s = p.certifications.iter().find(|c| c.title == title).unwrap_or_else(|| panic!("{title}"));
        (s.state, s.days_left)
    };
    assert_eq!(state("Safety card"), (CertificationState::Expiring, Some(60)));
    assert_eq!(state("Forklift"), (CertificationState::Valid, Some(61)));
    assert_eq!(state("Old card"), (CertificationState::Expired, Some(-1)));
    assert_eq!(state("Last day"), (CertificationState::Expiring, Some(0)));
    assert_eq!(state("Forever"), (CertificationState::Valid, None));
    // FIRST is required and missing.
    let first = p.certifications.iter().find(|c| c.code.as_deref() == Some("FIRST")).expect("missing FIRST");
    assert_eq!((first.state, first.id.as_ref(), first.expires_on), (CertificationState::Missing, None, None));
    assert_eq!(p.certifications.len(), 6);

    // A renewal supersedes the older record of the same code.
    log.journal.add_certification(cert("SAFE", "Safety card", "2026-02-01", "")).expect("renewal");
    let id = log.journal.add_certification(cert("FIRST", "First aid", "2026-02-01", "")).expect("first").record.id;
    let p = log.journal.progress().expect("progress");
    let safe: Vec<_> = p.certifications.iter().filter(|c| c.code.as_deref() == Some("SAFE")).collect();
    assert_eq!(safe.len(), 1);
    assert_eq!((safe[0].state, safe[0].expires_on), (CertificationState::Valid, Some(d("2027-02-01"))));
    assert!(p.certifications.iter().all(|c| c.state != CertificationState::Missing));
    // Deleting the only FIRST makes it missing again.
    log.journal.delete_certification(&id).expect("delete");
    let p = log.journal.progress().expect("progress");
    let first = p.certifications.iter().find(|c| c.code.as_deref() == Some("FIRST")).expect("FIRST");
    assert_eq!(first.state, CertificationState::Missing);
}
