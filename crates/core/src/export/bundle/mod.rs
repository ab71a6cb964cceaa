//! The signed portable bundle: the apprentice's record as one JSON file that anyone
//! can check offline, without the employer's server (DESIGN §6, docs/bundle.md).
//!
//! Nothing in the bundle is trusted for being there. Each record carries its content
//! and the hash a mentor's signature pins; each sign-off carries its signature; the
//! mentors' keys travel inside the employer's signed key statement. So a verifier
//! needs only the file and, to be sure of the employer, its published fingerprint.
//! `bundle_hash` covers everything but itself and `generated_at`, so the same records
//! give the same hash on any day, and a PDF can quote the hash of its proof.

mod hash;
mod report;
mod verify;

pub use report::{BundleFailure, BundleReport, ProcessTotal, SignedMilestone};
pub use verify::verify_bundle;

use std::path::{Path, PathBuf};

use journeylog_proto::{SignedKeyStatement, SignoffRecord};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Snapshot;
use crate::error::{CoreError, Result};
use crate::journal::Journal;
use crate::store::{key_statements, signoffs};

/// The `format` every bundle names.
pub const BUNDLE_FORMAT: &str = "journeylog-bundle";
/// The version of the layout below; a verifier refuses versions it does not know.
pub const BUNDLE_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub format: String,
    pub version: u32,
    /// RFC 3339, UTC. Not covered by `bundle_hash`.
    pub generated_at: String,
    /// Lower-case hex SHA-256 of the RFC 8785 JSON of this object without
    /// `bundle_hash` and `generated_at`.
    pub bundle_hash: String,
    pub apprentice: BundleApprentice,
    pub program: BundleProgram,
    pub range: BundleRange,
    /// Oldest first.
    pub records: Vec<BundleRecord>,
    /// Every sign-off the logbook holds for the apprentice, in signing order.
    pub signoffs: Vec<SignoffRecord>,
    /// The employer's statement of the mentor keys and assignments; `null` for a
    /// logbook that never received one (then no sign-off in it can be trusted).
    pub employer_statement: Option<SignedKeyStatement>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleApprentice {
    /// The account id on the employer's server; empty for a logbook never connected.
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleProgram {
    pub id: String,
    pub revision: u32,
    pub title: String,
    pub work_processes: Vec<BundleWorkProcess>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleWorkProcess {
    pub code: String,
    pub title: String,
    pub min_hours: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleRange {
    pub from: String,
    pub to: String,
}

/// One OJL entry or coursework session, exactly as the logbook hashes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleRecord {
    /// `ojl` or `coursework`.
    pub kind: String,
    pub id: String,
    pub version: u32,
    /// Lower-case hex SHA-256 of the RFC 8785 JSON of `content`.
    pub content_hash: String,
    pub content: Value,
}

/// The hash a bundle must carry: over its RFC 8785 JSON without `bundle_hash` and
/// `generated_at`.
pub fn bundle_hash(bundle: &Bundle) -> Result<String> {
    Ok(bundle_hash_of_value(&serde_json::to_value(bundle).map_err(|e| internal(&e))?))
}

/// The same hash, of a bundle as parsed JSON: the verifier hashes what the file
/// says, not what this build would have written.
pub(crate) fn bundle_hash_of_value(bundle: &Value) -> String {
    let mut value = bundle.clone();
    if let Some(object) = value.as_object_mut() {
        object.remove("bundle_hash");
        object.remove("generated_at");
    }
    journeylog_proto::sha256_hex(journeylog_proto::canonical_json(&value).as_bytes())
}

fn internal(e: &dyn std::fmt::Display) -> CoreError {
    CoreError::Internal(format!("a bundle did not serialise: {e}"))
}

/// The bundle of `snapshot`, with its hash filled in.
pub(crate) fn build(journal: &mut Journal, snapshot: &Snapshot) -> Result<Bundle> {
    let mut bundle = head(journal, snapshot)?;
    let records = hash::records(snapshot)?;
    bundle.bundle_hash = hash::compose(&bundle, &records)?;
    bundle.records =
        records.into_iter().zip(&snapshot.entries).map(|(r, e)| r.into_record(&e.item)).collect::<Result<_>>()?;
    Ok(bundle)
}

/// The `bundle_hash` the bundle of `snapshot` would carry, without making the bundle:
/// what the PDF, CSV and xAPI exports quote.
pub(crate) fn hash_of(journal: &mut Journal, snapshot: &Snapshot) -> Result<String> {
    let head = head(journal, snapshot)?;
    hash::compose(&head, &hash::records(snapshot)?)
}

/// Everything of the bundle but its records and its hash.
fn head(journal: &mut Journal, snapshot: &Snapshot) -> Result<Bundle> {
    let (apprentice_id, signoffs, statement) = journal.store.read(|tx| {
        let Some(me) = crate::journal::review::apprentice_id(tx)? else { return Ok((String::new(), Vec::new(), None)) };
        let signoffs = signoffs::signoff_bodies(tx, &me)?;
        let statement = key_statements::get(tx, &me)?;
        Ok((me, signoffs, statement))
    })?;
    let program = &snapshot.profile.program;
    Ok(Bundle {
        format: BUNDLE_FORMAT.into(),
        version: BUNDLE_VERSION,
        generated_at: snapshot.generated_at.clone(),
        bundle_hash: String::new(),
        apprentice: BundleApprentice { id: apprentice_id, name: snapshot.profile.enrollment.apprentice_name.clone() },
        program: BundleProgram {
            id: program.id.clone(),
            revision: program.revision,
            title: program.title.clone(),
            work_processes: program
                .work_processes
                .iter()
                .map(|w| BundleWorkProcess { code: w.code.clone(), title: w.title.clone(), min_hours: w.min_hours })
                .collect(),
        },
        range: BundleRange { from: snapshot.from.to_string(), to: snapshot.to.to_string() },
        records: Vec::new(),
        signoffs,
        employer_statement: statement,
    })
}

/// Writes `bundle` to `out`, pretty-printed so a person can read it.
pub(crate) fn write(bundle: &Bundle, out: &Path) -> Result<Vec<PathBuf>> {
    super::file::save_json(out, bundle)?;
    Ok(vec![out.to_path_buf()])
}
