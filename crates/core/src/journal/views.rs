//! Read-only views: the week list, listings, recent entries and progress.

use chrono::{Datelike, Days, NaiveDate};

use crate::error::{CoreError, Result};
use crate::model::{DateRange, DayLog, LogItem, WeekLog};
use crate::progress::{self, Progress};
use crate::store;
use crate::validate::parse_optional_date;

use super::Journal;

const EARLIEST: NaiveDate = NaiveDate::from_ymd_opt(1, 1, 1).expect("valid date");
const LATEST: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid date");

/// The Monday of the week holding `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

impl Journal {
    /// The Monday-to-Sunday week containing `date` (empty: this week).
    pub fn week(&mut self, date: &str) -> Result<WeekLog> {
        let anchor = parse_optional_date("date", date)?.unwrap_or_else(|| self.today());
        let start = week_start(anchor);
        let end = start + Days::new(6);
        let (ojl, coursework) =
            self.store.read(|tx| Ok((store::ojl::list(tx, start, end)?, store::coursework::list(tx, start, end)?)))?;
        let days: Vec<DayLog> = start
            .iter_days()
            .take(7)
            .map(|day| {
                let ojl: Vec<_> = ojl.iter().filter(|e| e.date == day).cloned().collect();
                let coursework: Vec<_> = coursework.iter().filter(|c| c.date == day).cloned().collect();
                let total_minutes =
                    ojl.iter().map(|e| e.minutes).sum::<u32>() + coursework.iter().map(|c| c.minutes).sum::<u32>();
                DayLog { date: day, ojl, coursework, total_minutes }
            })
            .collect();
        let ojl_minutes = ojl.iter().map(|e| e.minutes).sum();
        let rti_minutes = coursework.iter().map(|c| c.minutes).sum();
        Ok(WeekLog { start, end, days, ojl_minutes, rti_minutes, total_minutes: ojl_minutes + rti_minutes })
    }

    /// One OJL entry by id.
    pub fn ojl_entry(&mut self, id: &str) -> Result<crate::model::OjlEntry> {
        self.store.read(|tx| store::ojl::get(tx, id))
    }

    /// Every entry in a date range, oldest first.
    pub fn list(&mut self, range: DateRange) -> Result<Vec<LogItem>> {
        let (from, to) = self.resolve_range(&range)?;
        let (ojl, coursework) =
            self.store.read(|tx| Ok((store::ojl::list(tx, from, to)?, store::coursework::list(tx, from, to)?)))?;
        let mut items: Vec<LogItem> =
            ojl.into_iter().map(LogItem::Ojl).chain(coursework.into_iter().map(LogItem::Coursework)).collect();
        items.sort_by_key(LogItem::date);
        Ok(items)
    }

    pub fn coursework(&mut self, range: DateRange) -> Result<Vec<crate::model::CourseworkEntry>> {
        let (from, to) = self.resolve_range(&range)?;
        self.store.read(|tx| store::coursework::list(tx, from, to))
    }

    /// The latest entries of either kind, newest first.
    pub fn recent(&mut self, limit: u32) -> Result<Vec<LogItem>> {
        let limit = limit.clamp(1, 200);
        let (ojl, coursework) =
            self.store.read(|tx| Ok((store::ojl::recent(tx, limit)?, store::coursework::recent(tx, limit)?)))?;
        let mut items: Vec<LogItem> =
            ojl.into_iter().map(LogItem::Ojl).chain(coursework.into_iter().map(LogItem::Coursework)).collect();
        items.sort_by(|a, b| b.date().cmp(&a.date()).then_with(|| created(b).cmp(created(a))));
        items.truncate(limit as usize);
        Ok(items)
    }

    /// Where the apprentice stands against the standard today.
    pub fn progress(&mut self) -> Result<Progress> {
        let (enrollment, program) = self.context()?;
        let today = self.today();
        let approvals = self.cached_approvals()?;
        self.store.read(|tx| progress::compute(tx, &enrollment, &program, today, &approvals))
    }

    /// Turns a typed range into dates; open ends become the widest sensible dates.
    pub(crate) fn resolve_range(&self, range: &DateRange) -> Result<(NaiveDate, NaiveDate)> {
        // Dates are stored as ISO text; these bounds compare correctly as text too.
        let from = parse_optional_date("from", &range.from)?.unwrap_or(EARLIEST);
        let to = parse_optional_date("to", &range.to)?.unwrap_or(LATEST);
        if from > to {
            return Err(CoreError::invalid("to", format!("to {to} is before from {from}")));
        }
        Ok((from, to))
    }
}

fn created(item: &LogItem) -> &str {
    match item {
        LogItem::Ojl(e) => &e.created_at,
        LogItem::Coursework(c) => &c.created_at,
    }
}
