//! The logbook as an export sees it: read once, through the same verified ledger
//! progress uses, so an export never shows an approval the dashboard would not.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::journal::Journal;
use crate::model::{Certification, DateRange, LogItem, Profile, RecordReview};
use crate::progress::Progress;

/// One OJL or coursework entry in the export's range, with its review state.
#[derive(Debug, Clone, Serialize)]
pub struct ExportEntry {
    pub item: LogItem,
    pub review: RecordReview,
}

/// Everything an export may show, read at one moment.
#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    /// When the export was made (RFC 3339, UTC).
    pub generated_at: String,
    /// The range the entries were chosen from, with open ends resolved to the
    /// first and last logged dates (or the enrollment start and today).
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub profile: Profile,
    /// The sponsor, as the employer server names it, when the logbook is connected.
    pub employer_name: Option<String>,
    pub progress: Progress,
    /// Entries dated within `from..=to`, oldest first.
    pub entries: Vec<ExportEntry>,
    pub certifications: Vec<Certification>,
}

impl Journal {
    /// Reads what an export of `range` needs.
    pub fn export_snapshot(&mut self, range: DateRange) -> Result<Snapshot> {
        let profile = self.profile()?.ok_or(crate::error::CoreError::NoProfile)?;
        let progress = self.progress()?;
        let items = self.list(range.clone())?;
        let mut reviews: HashMap<String, RecordReview> =
            self.reviews(range.clone())?.into_iter().map(|r| (r.record_id.clone(), r)).collect();
        let entries: Vec<ExportEntry> = items
            .into_iter()
            .filter_map(|item| {
                let id = match &item {
                    LogItem::Ojl(e) => e.id.clone(),
                    LogItem::Coursework(c) => c.id.clone(),
                };
                reviews.remove(&id).map(|review| ExportEntry { item, review })
            })
            .collect();
        let (from, to) = self.resolve_range(&range)?;
        let start = profile.enrollment.start_date;
        let first_logged = entries.first().map_or(start, |e| e.item.date().min(start));
        let from = if range.from.trim().is_empty() { first_logged } else { from };
        let to = if range.to.trim().is_empty() { self.today() } else { to };
        let certifications = self.certifications()?;
        let employer_name = self.sync_status()?.employer_name;
        Ok(Snapshot {
            generated_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            from,
            to,
            profile,
            employer_name,
            progress,
            entries,
            certifications,
        })
    }
}
