//! What each admin command prints: the ids and codes a person needs next, and the
//! command to run next. `--json` prints the same facts as one JSON object.

use journeylog_proto::Role;
use serde::Serialize;

/// Rendering for a person.
pub trait Report: Serialize {
    fn sentences(&self) -> String;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmployerCreated {
    pub employer_id: String,
    pub name: String,
    /// The fingerprint of the employer's signing key, to publish (docs/bundle.md).
    pub key_fingerprint: String,
}

impl Report for EmployerCreated {
    fn sentences(&self) -> String {
        format!(
            "Created employer {} with id {}.\nIts signing key's fingerprint is {} (publish it; see \
             `journeylog-server admin employer-key`).\nNext: import a program with\n  journeylog-server admin import-program \
             --employer {} --file PROGRAM.toml\nand add people with\n  journeylog-server admin add-user --employer {} \
             --name NAME --role apprentice|mentor|admin",
            self.name, self.employer_id, self.key_fingerprint, self.employer_id, self.employer_id
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserAdded {
    pub user_id: String,
    pub employer_id: String,
    pub name: String,
    pub role: Role,
    pub program_id: Option<String>,
}

impl Report for UserAdded {
    fn sentences(&self) -> String {
        let program = self.program_id.as_ref().map(|p| format!(" in program {p}")).unwrap_or_default();
        format!(
            "Added {} {}{program} with user id {}.\nNext: give their device an enrollment code with\n  \
             journeylog-server admin enroll-code --user {}",
            self.role.as_str(),
            self.name,
            self.user_id,
            self.user_id
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentorAssigned {
    pub mentor_id: String,
    pub mentor_name: String,
    pub apprentice_id: String,
    pub apprentice_name: String,
    pub already_assigned: bool,
    /// Records re-sent so that the mentor's devices receive them on their next pull.
    pub records_resent: usize,
}

impl Report for MentorAssigned {
    fn sentences(&self) -> String {
        if self.already_assigned {
            format!("{} was already assigned to {}; nothing changed.", self.mentor_name, self.apprentice_name)
        } else {
            format!(
                "{} now mentors {}. Their devices receive the apprentice's {} records on the next sync.",
                self.mentor_name, self.apprentice_name, self.records_resent
            )
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgramImported {
    pub program_id: String,
    pub title: String,
    pub revision: u32,
    /// The version of the program record that devices receive.
    pub version: u32,
    /// `created`, `updated` or `unchanged`.
    pub status: String,
}

impl Report for ProgramImported {
    fn sentences(&self) -> String {
        format!(
            "Program {} ({}), revision {}: {}.\nEnroll apprentices in it with\n  journeylog-server admin add-user \
             --employer EMPLOYER_ID --name NAME --role apprentice --program {}",
            self.program_id, self.title, self.revision, self.status, self.program_id
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnrollmentCodeIssued {
    pub code: String,
    pub user_id: String,
    pub user_name: String,
    pub role: Role,
    pub expires_at: String,
}

impl Report for EnrollmentCodeIssued {
    fn sentences(&self) -> String {
        format!(
            "Enrollment code for {}: {}\nIt works once, until {}. Enter it with this server's address in \
             Journeylog's sync settings.\nThe server keeps only a hash of it: if it is lost, issue a new one.",
            self.user_name, self.code, self.expires_at
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceRevoked {
    pub client_id: String,
    pub user_id: String,
}

impl Report for DeviceRevoked {
    fn sentences(&self) -> String {
        format!(
            "Device {} is revoked; its token no longer works. To let the user sync again, issue a new code with\n  \
             journeylog-server admin enroll-code --user {}",
            self.client_id, self.user_id
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyRevoked {
    pub key_id: String,
    pub mentor_id: String,
    pub mentor_name: String,
    pub revoked_at: String,
}

impl Report for KeyRevoked {
    fn sentences(&self) -> String {
        format!(
            "Key {} of {} is revoked as of {}. Sign-offs it made before then stay valid; the mentor's devices make \
             and register a new key the next time they sign.",
            self.key_id, self.mentor_name, self.revoked_at
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EpochChanged {
    pub employer_id: String,
    pub epoch: String,
}

impl Report for EpochChanged {
    fn sentences(&self) -> String {
        format!(
            "Employer {} is now in epoch {}. Every device pulls again from the start on its next sync; their \
             outboxes are kept.",
            self.employer_id, self.epoch
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmployerKey {
    pub employer_id: String,
    pub employer_name: String,
    pub key_id: String,
    /// Lower-case hex of the 32-byte Ed25519 public key.
    pub public_key: String,
    /// The key id in groups of four, as `jlog verify` prints it.
    pub fingerprint: String,
}

impl Report for EmployerKey {
    fn sentences(&self) -> String {
        format!(
            "The signing key of {} ({}):\n  fingerprint {}\n  public key  {}\nPublish the fingerprint where the \
             people who check your apprentices' bundles can find it; they compare it with what `jlog verify` \
             prints, or pin it with `jlog verify --employer-key {}`.",
            self.employer_name, self.employer_id, self.fingerprint, self.public_key, self.public_key
        )
    }
}
