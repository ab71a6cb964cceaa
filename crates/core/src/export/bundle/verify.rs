//! Checking a bundle offline: what `jlog verify` runs.
//!
//! The verifier trusts nothing in the file until it has checked it, and it keeps
//! going after a failure so the report names every culprit, not just the first.
//! What it counts as signed is decided by the same ledger the app uses
//! (`signoff::ledger::fold`), so a bundle can never claim an approval that the
//! apprentice's own dashboard would not show.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use journeylog_proto::{SignedKeyStatement, SignoffRecord};
use serde::Serialize;
use serde_json::Value;

use super::{BUNDLE_FORMAT, BUNDLE_VERSION, Bundle, BundleRecord, bundle_hash_of_value};
use crate::error::{CoreError, Result};
use crate::model::{CourseworkEntry, EntryStatus, OjlEntry, ReviewState};
use crate::signoff::ledger::{Ledger, fold};
use crate::signoff::{self, FiledUnder, KeyEntry, Trust};

/// One thing in the bundle that does not hold, named so a reader can find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleFailure {
    /// `bundle`, `record <id>`, `sign-off <id>`, `mentor key <id>` or `employer statement`.
    pub subject: String,
    pub message: String,
}

/// Hours of one work process in the bundle: logged, and signed by a valid sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProcessTotal {
    pub code: String,
    pub title: String,
    pub min_hours: u32,
    pub logged_minutes: u64,
    pub signed_minutes: u64,
    /// The mentors whose approvals make up `signed_minutes`, by name.
    pub signed_by: Vec<String>,
}

/// A milestone a valid sign-off approves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignedMilestone {
    pub code: String,
    pub signed_by: String,
    pub signed_at: String,
    pub signoff_id: String,
}

/// What a bundle establishes, and what in it fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleReport {
    pub apprentice_id: String,
    pub apprentice_name: String,
    pub program_id: String,
    pub program_title: String,
    pub from: String,
    pub to: String,
    pub bundle_hash: String,
    pub records: usize,
    pub signoffs: usize,
    /// Who issued the key statement, and its key's fingerprint (as the employer
    /// publishes it), when the bundle carries one.
    pub employer_name: Option<String>,
    pub employer_fingerprint: Option<String>,
    /// Whether the fingerprint was compared with one the reader supplied.
    pub employer_pinned: bool,
    pub processes: Vec<ProcessTotal>,
    pub rti_logged_minutes: u64,
    pub rti_signed_minutes: u64,
    pub rti_signed_by: Vec<String>,
    pub milestones: Vec<SignedMilestone>,
    pub failures: Vec<BundleFailure>,
}

impl BundleReport {
    /// Everything in the bundle verifies.
    pub fn ok(&self) -> bool {
        self.failures.is_empty()
    }
}

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
    let bundle = parse_layout(&value, &mut failures)?;
    let recomputed = bundle_hash_of_value(&value);
    if recomputed != bundle.bundle_hash {
        failures.add("bundle", format!("bundle_hash is {} but the content hashes to {recomputed}", bundle.bundle_hash));
    }
    let statement = check_statement(&bundle, employer_fingerprint, &mut failures);
    let (trust, names) = trust_of(statement.as_ref().map(|(s, _)| s));
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
fn parse_layout(value: &Value, failures: &mut Failures) -> Result<Bundle> {
    let mut skeleton = value.clone();
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
        let derived = hex_key(&k.public_key).map(|key| signoff::key_id(&key));
        if derived.as_deref() != Some(k.key_id.as_str()) {
            failures.add(
                format!("mentor key {}", k.key_id),
                format!("the public key of {}'s key does not match its key id", k.mentor_name),
            );
        }
        let times = std::iter::once(("valid_from", Some(&k.valid_from))).chain([("revoked_at", k.revoked_at.as_ref())]);
        for (field, time) in times {
            if let Some(t) = time.filter(|t| chrono::DateTime::parse_from_rfc3339(t).is_err()) {
                failures
                    .add(format!("mentor key {}", k.key_id), format!("its {field} \"{t}\" is not an RFC 3339 time"));
            }
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

fn hex_key(raw: &str) -> Option<ed25519_dalek::VerifyingKey> {
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(raw, &mut bytes).ok()?;
    ed25519_dalek::VerifyingKey::from_bytes(&bytes).ok()
}

/// The registry and names a statement vouches for.
fn trust_of(statement: Option<&SignedKeyStatement>) -> (Trust, HashMap<String, String>) {
    let mut trust = Trust::default();
    let mut names = HashMap::new();
    if let Some(signed) = statement {
        for k in &signed.statement.mentor_keys {
            trust.keys.insert(
                k.key_id.clone(),
                KeyEntry {
                    mentor_id: k.mentor_id.clone(),
                    public_key: k.public_key.clone(),
                    revoked_at: k.revoked_at.clone(),
                },
            );
            names.insert(k.mentor_id.clone(), k.mentor_name.clone());
        }
        for a in &signed.statement.assignments {
            trust.assignments.insert((a.mentor_id.clone(), a.apprentice_id.clone()));
            names.insert(a.mentor_id.clone(), a.mentor_name.clone());
        }
    }
    (trust, names)
}

/// Checks each record's integrity and adds its minutes to the logged and signed totals.
fn tally_records(records: &[BundleRecord], ledger: &Ledger, report: &mut BundleReport, failures: &mut Failures) {
    let mut signers: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let index: HashMap<String, usize> = report.processes.iter().enumerate().map(|(i, p)| (p.code.clone(), i)).collect();
    for record in records {
        let subject = format!("record {}", record.id);
        let hash = journeylog_proto::content_hash(&record.content);
        if hash != record.content_hash {
            failures.add(
                &subject,
                format!("its content hashes to {hash}, not to the content_hash {} it lists", record.content_hash),
            );
            continue;
        }
        let Some(parsed) = parse_record(record, &subject, failures) else { continue };
        let review = ledger.review(&record.id, record.version, parsed.status, parsed.amends_version, &record.content);
        let signed = match review.state {
            ReviewState::Approved => review.decision.as_ref().map(|d| d.mentor_name.clone()),
            ReviewState::ChangedAfterSignoff => {
                let by = review.decision.as_ref().map_or_else(String::new, |d| d.signoff_id.clone());
                failures
                    .add(&subject, format!("it was changed after sign-off {by}: its content is not what was signed"));
                None
            }
            _ => None,
        };
        let minutes = u64::from(parsed.minutes);
        let key = match &parsed.work_process {
            Some(code) => code.clone(),
            None => String::from("\u{0}rti"),
        };
        match (&parsed.work_process, index.get(&key)) {
            (Some(code), None) => {
                failures.add(&subject, format!("its work process {code} is not in the bundle's program"));
                continue;
            }
            (Some(_), Some(&i)) => {
                report.processes[i].logged_minutes += minutes;
                if signed.is_some() {
                    report.processes[i].signed_minutes += minutes;
                }
            }
            (None, _) => {
                report.rti_logged_minutes += minutes;
                if signed.is_some() {
                    report.rti_signed_minutes += minutes;
                }
            }
        }
        if let Some(name) = signed {
            signers.entry(key).or_default().insert(name);
        }
    }
    for p in &mut report.processes {
        p.signed_by = signers.remove(&p.code).map(|s| s.into_iter().collect()).unwrap_or_default();
    }
    report.rti_signed_by = signers.remove("\u{0}rti").map(|s| s.into_iter().collect()).unwrap_or_default();
}

struct ParsedRecord {
    status: EntryStatus,
    amends_version: Option<u32>,
    minutes: u32,
    /// `None` for coursework.
    work_process: Option<String>,
}

fn parse_record(record: &BundleRecord, subject: &str, failures: &mut Failures) -> Option<ParsedRecord> {
    let parsed = match record.kind.as_str() {
        "ojl" => serde_json::from_value::<OjlEntry>(record.content.clone()).map(|e| {
            (
                e.id,
                e.version,
                ParsedRecord {
                    status: e.status,
                    amends_version: e.amends_version,
                    minutes: e.minutes,
                    work_process: Some(e.work_process),
                },
            )
        }),
        "coursework" => serde_json::from_value::<CourseworkEntry>(record.content.clone()).map(|c| {
            (
                c.id,
                c.version,
                ParsedRecord {
                    status: c.status,
                    amends_version: c.amends_version,
                    minutes: c.minutes,
                    work_process: None,
                },
            )
        }),
        other => {
            failures.add(subject, format!("its kind \"{other}\" is neither ojl nor coursework"));
            return None;
        }
    };
    match parsed {
        Err(e) => {
            failures.add(subject, format!("its content is not a valid {} entry: {e}", record.kind));
            None
        }
        Ok((id, _, _)) if id != record.id => {
            failures.add(subject, format!("its content is record {id}"));
            None
        }
        Ok((_, version, _)) if version != record.version => {
            failures.add(subject, format!("it lists version {} but its content is version {version}", record.version));
            None
        }
        Ok((_, _, parsed)) => Some(parsed),
    }
}
