//! Certifications and their evidence files.
//!
//! Evidence is copied into `<data dir>/evidence/<sha256>`: content-addressed, so the
//! record's hash always names exactly the bytes that were attached, a second copy
//! of the same file costs nothing, and the original can be moved or deleted.

use std::io::{Read, Write};
use std::path::Path;

use chrono::{Months, NaiveDate};
use sha2::{Digest, Sha256};

use crate::error::{CoreError, Result};
use crate::model::{Certification, CertificationInput, Evidence, ProgramStandard, Saved};
use crate::store::{self, new_id, now_timestamp};
use crate::validate::{self, parse_date, parse_optional_date, require_text};

use super::Journal;

/// Largest evidence file accepted: scans and photos, not videos.
const MAX_EVIDENCE_BYTES: u64 = 25 * 1024 * 1024;

struct CertFields {
    code: Option<String>,
    title: String,
    issuer: String,
    credential_id: String,
    earned_on: NaiveDate,
    expires_on: Option<NaiveDate>,
}

fn check(input: &CertificationInput, program: &ProgramStandard, today: NaiveDate) -> Result<CertFields> {
    let title = require_text("title", &input.title, 200)?;
    let code = input.code.trim();
    let required = if code.is_empty() {
        None
    } else {
        Some(program.certifications.iter().find(|c| c.code == code).ok_or_else(|| {
            CoreError::invalid("code", format!("certification \"{code}\" is not one the program requires"))
        })?)
    };
    let earned_on = parse_date("earned_on", &input.earned_on)?;
    validate::not_in_future("earned_on", earned_on, today)?;
    let mut expires_on = parse_optional_date("expires_on", &input.expires_on)?;
    if let Some(expiry) = expires_on
        && expiry <= earned_on
    {
        return Err(CoreError::invalid(
            "expires_on",
            format!("expires_on {expiry} must come after earned_on {earned_on}"),
        ));
    }
    if expires_on.is_none()
        && let Some(months) = required.and_then(|r| r.validity_months)
    {
        expires_on = earned_on.checked_add_months(Months::new(months));
    }
    Ok(CertFields {
        code: required.map(|r| r.code.clone()),
        title,
        issuer: validate::limit_text("issuer", &input.issuer, 200)?,
        credential_id: validate::limit_text("credential_id", &input.credential_id, 200)?,
        earned_on,
        expires_on,
    })
}

impl Journal {
    pub fn add_certification(&mut self, input: CertificationInput) -> Result<Saved<Certification>> {
        let (_, program) = self.context()?;
        let f = check(&input, &program, self.today())?;
        let evidence = self.attach_evidence(input.evidence_path.as_deref())?;
        let now = now_timestamp();
        let cert = Certification {
            id: new_id(),
            code: f.code,
            title: f.title,
            issuer: f.issuer,
            credential_id: f.credential_id,
            earned_on: f.earned_on,
            expires_on: f.expires_on,
            evidence,
            version: 1,
            created_at: now.clone(),
            updated_at: now,
        };
        self.store.write(|tx| store::certifications::upsert(tx, &cert))?;
        Ok(Saved { record: cert, warnings: Vec::new() })
    }

    /// Updates a certification; evidence is replaced only when a new file is given.
    pub fn update_certification(&mut self, id: &str, input: CertificationInput) -> Result<Saved<Certification>> {
        let (_, program) = self.context()?;
        let f = check(&input, &program, self.today())?;
        let new_evidence = self.attach_evidence(input.evidence_path.as_deref())?;
        self.store.write(|tx| {
            let old = store::certifications::get(tx, id)?;
            let cert = Certification {
                code: f.code,
                title: f.title,
                issuer: f.issuer,
                credential_id: f.credential_id,
                earned_on: f.earned_on,
                expires_on: f.expires_on,
                evidence: new_evidence.or(old.evidence.clone()),
                version: old.version + 1,
                updated_at: now_timestamp(),
                ..old
            };
            store::certifications::upsert(tx, &cert)?;
            Ok(Saved { record: cert, warnings: Vec::new() })
        })
    }

    pub fn delete_certification(&mut self, id: &str) -> Result<()> {
        self.store.write(|tx| {
            let old = store::certifications::get(tx, id)?;
            store::certifications::tombstone(tx, &old)
        })
    }

    pub fn certifications(&mut self) -> Result<Vec<Certification>> {
        self.store.read(store::certifications::list)
    }

    /// Where an evidence file with this hash is kept.
    pub fn evidence_path(&self, sha256: &str) -> std::path::PathBuf {
        self.data_dir.join("evidence").join(sha256)
    }

    fn attach_evidence(&self, source: Option<&str>) -> Result<Option<Evidence>> {
        let Some(source) = source.map(str::trim).filter(|s| !s.is_empty()) else { return Ok(None) };
        copy_evidence(Path::new(source), &self.data_dir.join("evidence")).map(Some)
    }
}

/// Hashes `source` while copying it to a temporary file in `dir`, then renames the
/// copy to its hash. The rename is atomic, so a crash never leaves a half-written
/// file under a valid name.
fn copy_evidence(source: &Path, dir: &Path) -> Result<Evidence> {
    let field_err = |msg: String| CoreError::invalid("evidence_path", msg);
    let meta = std::fs::metadata(source)
        .map_err(|e| field_err(format!("evidence file {} cannot be read: {e}", source.display())))?;
    if !meta.is_file() {
        return Err(field_err(format!("evidence {} is not a file", source.display())));
    }
    if meta.len() > MAX_EVIDENCE_BYTES {
        return Err(field_err(format!(
            "evidence file {} is {} MB; the limit is {} MB",
            source.display(),
            meta.len() / (1024 * 1024),
            MAX_EVIDENCE_BYTES / (1024 * 1024)
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| CoreError::io(format!("creating {}", dir.display()), e))?;
    let mut input = std::fs::File::open(source)
        .map_err(|e| field_err(format!("evidence file {} cannot be read: {e}", source.display())))?;
    let tmp_path = dir.join(format!(".incoming-{}", new_id()));
    let mut output =
        std::fs::File::create(&tmp_path).map_err(|e| CoreError::io(format!("creating {}", tmp_path.display()), e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size: u64 = 0;
    loop {
        let n = input.read(&mut buf).map_err(|e| CoreError::io(format!("reading {}", source.display()), e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        output.write_all(&buf[..n]).map_err(|e| CoreError::io(format!("writing {}", tmp_path.display()), e))?;
        size += n as u64;
    }
    output.sync_all().map_err(|e| CoreError::io(format!("syncing {}", tmp_path.display()), e))?;
    let sha256 = format!("{:x}", hasher.finalize());
    let final_path = dir.join(&sha256);
    std::fs::rename(&tmp_path, &final_path)
        .map_err(|e| CoreError::io(format!("storing evidence as {}", final_path.display()), e))?;
    let file_name = source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Evidence { sha256, file_name, size_bytes: size as u32 })
}
