//! Checking a bundle offline: what `jlog verify` runs.
//!
//! The verifier trusts nothing in the file until it has checked it, and it keeps
//! going after a failure so the report names every culprit, not just the first.
//! What it counts as signed is decided by the same ledger the app uses
//! (`signoff::ledger::fold`), so a bundle can never claim an approval that the
//! apprentice's own dashboard would not show.

use std::collections::{BTreeSet, HashMap};

use journeylog_proto::{SignedKeyStatement, SignoffRecord};
use serde::Deserialize;
use serde_json::Value;

use super::report::{BundleFailure, BundleReport, ProcessTotal, SignedMilestone};
use super::{BUNDLE_FORMAT, BUNDLE_VERSION, Bundle, BundleRecord, bundle_hash_of_value};
use crate::error::{CoreError, Result};
use crate::model::{CourseworkEntry, EntryStatus, OjlEntry, ReviewState};
use crate::signoff::ledger::{Ledger, fold, trust_from};
use crate::signoff::{self, FiledUnder};

struct Failures(Vec<BundleFailure>);

impl Failures {
    fn add(&mut self, subject: impl Into<String>, message: impl Into<String>) {
        self.0.push(BundleFailure { subject: subject.into(), message: message.into() });
    }
}

fn unreadable(message: String) -> CoreError {
    CoreError::invalid("bundle", message)
}

/// Checks the bundle in `text`. `employer_fingerprint` is the fingerprint the employer
/// publishes (spaces and case are ignored); without it the statement is checked for
/// consistency only, and the report says so. A file that is not a bundle at all is an
/// error; a bundle with failures is a report whose `ok()` is false.
pub fn verify_bundle(text: &str, employer_fingerprint: Option<&str>) -> Result<BundleReport> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| unreadable(format!("the file is not JSON (line {}): {e}", e.line())))?;
    let format = value.get("format").and_then(Value::as_str).unwrap_or_default();
    if format != BUNDLE_FORMAT {
        return Err(unreadable(format!(
            "the file is not a Journeylog bundle: its format is \"{format}\", not \"{BUNDLE_FORMAT}\""
        )));
    }
    let version = value.get("version").and_then(Value::as_u64).unwrap_or_default();
    if version != u64::from(BUNDLE_VERSION) {
        return Err(unreadable(format!(
            "bundle version {version} is not one this verifier reads (it reads version {BUNDLE_VERSION})"
        )));
    }
    let mut failures = Failures(Vec::new());
    let recomputed = bundle_hash_of_value(&value);
    let bundle = parse_layout(value, &mut failures)?;
    if recomputed != bundle.bundle_hash {
        failures.add("bundle", format!("bundle_hash is {} but the content hashes to {recomputed}", bundle.bundle_hash));
    }
    let statement = check_statement(&bundle, employer_fingerprint, &mut failures);
    let (trust, names) = match &statement {
        Some((signed, _)) => trust_from(&signed.statement.mentor_keys, &signed.statement.assignments),
        None => Default::default(),
    };
    let apprentice = bundle.apprentice.id.as_str();
    let mut valid: Vec<SignoffRecord> = Vec::new();
    for record in &bundle.signoffs {
        let id = &record.statement.signoff_id;
        if statement.is_none() {
            failures
                .add(format!("sign-off {id}"), "the bundle has no employer statement to vouch for its signer's key");
            continue;
        }
        match signoff::verify(record, FiledUnder { apprentice_id: apprentice, subject: None }, &trust) {
            Ok(()) => valid.push(record.clone()),
            Err(CoreError::InvalidSignoff { code, message }) => {
                failures.add(format!("sign-off {id}"), format!("{message} ({code})"))
            }
            Err(other) => return Err(other),
        }
    }
    let mut ledger = Ledger::default();
    fold(&mut ledger, &valid, &names)?;

    let mut report = BundleReport {
        apprentice_id: bundle.apprentice.id.clone(),
        apprentice_name: bundle.apprentice.name.clone(),
        program_id: bundle.program.id.clone(),
        program_title: bundle.program.title.clone(),
        from: bundle.range.from.clone(),
        to: bundle.range.to.clone(),
        bundle_hash: bundle.bundle_hash.clone(),
        records: bundle.records.len(),
        signoffs: bundle.signoffs.len(),
        employer_name: statement.as_ref().map(|(s, _)| s.statement.employer_name.clone()),
        employer_fingerprint: statement.as_ref().map(|(_, fp)| fp.clone()),
        employer_pinned: employer_fingerprint.is_some(),
        processes: bundle
            .program
            .work_processes
            .iter()
            .map(|w| ProcessTotal {
                code: w.code.clone(),
                title: w.title.clone(),
                min_hours: w.min_hours,
                logged_minutes: 0,
                signed_minutes: 0,
                signed_by: Vec::new(),
            })
            .collect(),
        rti_logged_minutes: 0,
        rti_signed_minutes: 0,
        rti_signed_by: Vec::new(),
        milestones: Vec::new(),
        failures: Vec::new(),
    };
    tally_records(&bundle.records, &ledger, &mut report, &mut failures);
    let mut milestones: Vec<SignedMilestone> = ledger
        .milestones
        .iter()
        .filter(|(_, d)| d.approved)
        .map(|(code, d)| SignedMilestone {
            code: code.clone(),
            signed_by: d.mentor_name.clone(),
            signed_at: d.signed_at.clone(),
            signoff_id: d.signoff_id.clone(),
        })
        .collect();
    milestones.sort_by(|a, b| a.code.cmp(&b.code));
    report.milestones = milestones;
    report.failures = failures.0;
    Ok(report)
}

/// The bundle's layout, strictly. A sign-off or statement that does not parse is a
/// failure named after it, not a reason to refuse the whole file.
fn parse_layout(mut skeleton: Value, failures: &mut Failures) -> Result<Bundle> {
    let signoffs = skeleton.get_mut("signoffs").map(Value::take).unwrap_or(Value::Null);
    let statement = skeleton.get_mut("employer_statement").map(Value::take).unwrap_or(Value::Null);
    skeleton["signoffs"] = Value::Array(Vec::new());
    let mut bundle: Bundle =
        serde_json::from_value(skeleton).map_err(|e| unreadable(format!("the bundle's layout is wrong: {e}")))?;
    let Value::Array(signoffs) = signoffs else {
        return Err(unreadable("signoffs must be a list".into()));
    };
    for raw in signoffs {
        let id = raw.pointer("/statement/signoff_id").and_then(Value::as_str).unwrap_or("(no id)").to_owned();
        match serde_json::from_value::<SignoffRecord>(raw) {
            Ok(record) => bundle.signoffs.push(record),
            Err(e) => failures.add(format!("sign-off {id}"), format!("it does not have the layout of a sign-off: {e}")),
        }
    }
    if !statement.is_null() {
        match serde_json::from_value::<SignedKeyStatement>(statement) {
            Ok(signed) => bundle.employer_statement = Some(signed),
            Err(e) => {
                failures.add("employer statement", format!("it does not have the layout of a key statement: {e}"))
            }
        }
    }
    Ok(bundle)
}

/// Checks the employer's statement, its mentor keys, and (when given) its
/// fingerprint. Returns the statement with its fingerprint when it can be trusted
/// as far as the file alone allows.
fn check_statement(
    bundle: &Bundle,
    pinned: Option<&str>,
    failures: &mut Failures,
) -> Option<(SignedKeyStatement, String)> {
    let Some(signed) = &bundle.employer_statement else {
        if !bundle.signoffs.is_empty() {
            failures.add(
                "employer statement",
                "the bundle carries sign-offs but no employer statement of the mentors' keys",
            );
        }
        return None;
    };
    // A damaged key is named as the key, before the statement it breaks.
    for k in &signed.statement.mentor_keys {
        if let Err(e) = signoff::check_mentor_key(k) {
            failures.add(format!("mentor key {}", k.key_id), e.to_string());
        }
    }
    let key = match signoff::verify_key_statement(signed) {
        Ok(key) => key,
        Err(e) => {
            failures.add("employer statement", e.to_string());
            return None;
        }
    };
    let fingerprint = signoff::fingerprint(&key);
    if signed.statement.apprentice_id != bundle.apprentice.id {
        failures.add(
            "employer statement",
            format!(
                "the statement is about apprentice {}, but the bundle is apprentice {}'s",
                signed.statement.apprentice_id, bundle.apprentice.id
            ),
        );
        return None;
    }
    if let Some(want) = pinned {
        let normalise = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if normalise(want) != normalise(&fingerprint) {
            failures.add(
                "employer statement",
                format!("the statement is signed by key {fingerprint}, not by the employer key {want} you gave"),
            );
            return None;
        }
    }
    Some((signed.clone(), fingerprint))
}

/// Logged and signed minutes of one work process (or of related instruction).
#[derive(Default)]
struct Tally {
    logged: u64,
    signed: u64,
    signers: BTreeSet<String>,
}

/// Checks each record's integrity and adds its minutes to the logged and signed totals.
fn tally_records(records: &[BundleRecord], ledger: &Ledger, report: &mut BundleReport, failures: &mut Failures) {
    let index: HashMap<&str, usize> = report.processes.iter().enumerate().map(|(i, p)| (p.code.as_str(), i)).collect();
    let mut processes: Vec<Tally> = report.processes.iter().map(|_| Tally::default()).collect();
    let mut rti = Tally::default();
    for record in records {
        let subject = format!("record {}", record.id);
        let Some(parsed) = check_record(record, &subject, failures) else { continue };
        let review = ledger.review(&record.id, record.version, parsed.status, parsed.amends_version, &record.content);
        let signer = match (review.state, review.decision) {
            (ReviewState::Approved, Some(d)) => Some(d.mentor_name),
            (ReviewState::ChangedAfterSignoff, d) => {
                let by = d.map(|d| d.signoff_id).unwrap_or_default();
                failures
                    .add(&subject, format!("it was changed after sign-off {by}: its content is not what was signed"));
                None
            }
            _ => None,
        };
        let tally = match &parsed.work_process {
            None => &mut rti,
            Some(code) => match index.get(code.as_str()) {
                Some(&i) => &mut processes[i],
                None => {
                    failures.add(&subject, format!("its work process {code} is not in the bundle's program"));
                    continue;
                }
            },
        };
        tally.logged += u64::from(parsed.minutes);
        if let Some(name) = signer {
            tally.signed += u64::from(parsed.minutes);
            tally.signers.insert(name);
        }
    }
    for (p, t) in report.processes.iter_mut().zip(processes) {
        (p.logged_minutes, p.signed_minutes, p.signed_by) = (t.logged, t.signed, t.signers.into_iter().collect());
    }
    (report.rti_logged_minutes, report.rti_signed_minutes, report.rti_signed_by) =
        (rti.logged, rti.signed, rti.signers.into_iter().collect());
}

/// What the tally needs of a record's content.
struct ParsedRecord {
    id: String,
    version: u32,
    status: EntryStatus,
    amends_version: Option<u32>,
    minutes: u32,
    /// `None` for coursework.
    work_process: Option<String>,
}

/// The record's content, when it hashes to what the record lists and is the record it
/// claims to be.
fn check_record(record: &BundleRecord, subject: &str, failures: &mut Failures) -> Option<ParsedRecord> {
    let hash = journeylog_proto::content_hash(&record.content);
    if hash != record.content_hash {
        let listed = &record.content_hash;
        failures.add(subject, format!("its content hashes to {hash}, not to the content_hash {listed} it lists"));
        return None;
    }
    let parsed = match record.kind.as_str() {
        "ojl" => OjlEntry::deserialize(&record.content).map(|e| ParsedRecord {
            id: e.id,
            version: e.version,
            status: e.status,
            amends_version: e.amends_version,
            minutes: e.minutes,
            work_process: Some(e.work_process),
        }),
        "coursework" => CourseworkEntry::deserialize(&record.content).map(|c| ParsedRecord {
            id: c.id,
            version: c.version,
            status: c.status,
            amends_version: c.amends_version,
            minutes: c.minutes,
            work_process: None,
        }),
        other => {
            failures.add(subject, format!("its kind \"{other}\" is neither ojl nor coursework"));
            return None;
        }
    };
    match parsed {
        Err(e) => failures.add(subject, format!("its content is not a valid {} entry: {e}", record.kind)),
        Ok(p) if p.id != record.id => failures.add(subject, format!("its content is record {}", p.id)),
        Ok(p) if p.version != record.version => failures
            .add(subject, format!("it lists version {} but its content is version {}", record.version, p.version)),
        Ok(p) => return Some(p),
    }
    None
}
