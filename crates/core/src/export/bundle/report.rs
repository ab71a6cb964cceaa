//! What `jlog verify` reports: what a bundle establishes, and what in it fails.

use serde::Serialize;

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
