//! Certification status: valid, expiring soon, expired, or required and missing.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Transaction;

use crate::error::Result;
use crate::model::{Certification, ProgramStandard};
use crate::store;

use super::{CertificationState, CertificationStatus};

pub(crate) fn certification_statuses(
    tx: &Transaction<'_>,
    program: &ProgramStandard,
    today: NaiveDate,
    warning_days: i64,
) -> Result<Vec<CertificationStatus>> {
    let records = store::certifications::list(tx)?;
    // A renewal supersedes the earlier record of the same required certification.
    let mut latest: HashMap<&str, &Certification> = HashMap::new();
    for c in &records {
        if let Some(code) = c.code.as_deref() {
            let slot = latest.entry(code).or_insert(c);
            if c.earned_on > slot.earned_on {
                *slot = c;
            }
        }
    }
    let mut out: Vec<CertificationStatus> = records
        .iter()
        .filter(|c| c.code.as_deref().is_none_or(|code| latest.get(code).is_some_and(|l| l.id == c.id)))
        .map(|c| {
            let days_left = c.expires_on.map(|d| (d - today).num_days());
            let state = match days_left {
                Some(days) if days < 0 => CertificationState::Expired,
                Some(days) if days <= warning_days => CertificationState::Expiring,
                _ => CertificationState::Valid,
            };
            CertificationStatus {
                id: Some(c.id.clone()),
                code: c.code.clone(),
                title: c.title.clone(),
                state,
                expires_on: c.expires_on,
                days_left: days_left.map(|d| d.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32),
            }
        })
        .collect();
    for required in &program.certifications {
        if !latest.contains_key(required.code.as_str()) {
            out.push(CertificationStatus {
                id: None,
                code: Some(required.code.clone()),
                title: required.title.clone(),
                state: CertificationState::Missing,
                expires_on: None,
                days_left: None,
            });
        }
    }
    Ok(out)
}
