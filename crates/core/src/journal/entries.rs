//! Logging, editing and deleting OJL and coursework entries.

use chrono::NaiveDate;

use crate::duration::parse_minutes;
use crate::error::{CoreError, Result};
use crate::model::{
    CourseworkEntry, CourseworkInput, DateRange, Enrollment, EntryStatus, OjlEntry, OjlInput, ProgramStandard, Saved,
};
use crate::store::{self, new_id, now_timestamp};
use crate::validate::{self, parse_date};

use super::Journal;

/// The checked, parsed fields of an OJL input.
struct OjlFields {
    date: NaiveDate,
    minutes: u32,
    work_process: String,
    note: String,
    site: String,
    supervisor: String,
    prior_credit: bool,
}

fn check_ojl(
    input: &OjlInput,
    program: &ProgramStandard,
    enrollment: &Enrollment,
    today: NaiveDate,
) -> Result<OjlFields> {
    let date = parse_date("date", &input.date)?;
    let minutes = validate::positive_minutes("hours", parse_minutes("hours", &input.hours)?)?;
    let work_process = input.work_process.trim();
    if work_process.is_empty() {
        return Err(CoreError::invalid("work_process", "work process is required; pick one from the program"));
    }
    validate::work_process_exists(program, work_process)?;
    validate::not_in_future("date", date, today)?;
    validate::not_before_start("date", date, enrollment.start_date, input.prior_credit)?;
    Ok(OjlFields {
        date,
        minutes,
        work_process: work_process.to_owned(),
        note: validate::limit_text("note", &input.note, 2000)?,
        site: validate::limit_text("site", &input.site, 200)?,
        supervisor: validate::limit_text("supervisor", &input.supervisor, 200)?,
        prior_credit: input.prior_credit,
    })
}

fn check_coursework(
    input: &CourseworkInput,
    program: &ProgramStandard,
    enrollment: &Enrollment,
    today: NaiveDate,
) -> Result<(NaiveDate, u32, String, Option<String>, String)> {
    let course = input.course.trim();
    if course.is_empty() {
        return Err(CoreError::invalid("course", "course is required; pick one from the program"));
    }
    validate::course_exists(program, course)?;
    let date = parse_date("date", &input.date)?;
    let minutes = validate::positive_minutes("hours", parse_minutes("hours", &input.hours)?)?;
    validate::not_in_future("date", date, today)?;
    validate::not_before_start("date", date, enrollment.start_date, false)?;
    let grade = validate::limit_text("grade", &input.grade, 20)?;
    let note = validate::limit_text("note", &input.note, 2000)?;
    Ok((date, minutes, course.to_owned(), (!grade.is_empty()).then_some(grade), note))
}

impl Journal {
    pub fn log_ojl(&mut self, input: OjlInput) -> Result<Saved<OjlEntry>> {
        let (enrollment, program) = self.context()?;
        let f = check_ojl(&input, &program, &enrollment, self.today())?;
        let now = now_timestamp();
        let entry = OjlEntry {
            id: new_id(),
            date: f.date,
            minutes: f.minutes,
            work_process: f.work_process,
            note: f.note,
            site: f.site,
            supervisor: f.supervisor,
            prior_credit: f.prior_credit,
            status: EntryStatus::Draft,
            version: 1,
            created_at: now.clone(),
            updated_at: now,
        };
        let warnings = self.store.write(|tx| {
            validate::day_total(entry.date, store::ojl::day_minutes(tx, entry.date, "")?, entry.minutes)?;
            store::ojl::insert(tx, &entry)?;
            process_warning(tx, &program, &entry.work_process)
        })?;
        Ok(Saved { record: entry, warnings })
    }

    pub fn update_ojl(&mut self, id: &str, input: OjlInput) -> Result<Saved<OjlEntry>> {
        let (enrollment, program) = self.context()?;
        let f = check_ojl(&input, &program, &enrollment, self.today())?;
        self.store.write(|tx| {
            let old = store::ojl::get(tx, id)?;
            ensure_draft(old.status, "OJL entry", &old.date)?;
            validate::day_total(f.date, store::ojl::day_minutes(tx, f.date, id)?, f.minutes)?;
            let entry = OjlEntry {
                date: f.date,
                minutes: f.minutes,
                work_process: f.work_process,
                note: f.note,
                site: f.site,
                supervisor: f.supervisor,
                prior_credit: f.prior_credit,
                version: old.version + 1,
                updated_at: now_timestamp(),
                ..old
            };
            store::ojl::update(tx, &entry)?;
            let warnings = process_warning(tx, &program, &entry.work_process)?;
            Ok(Saved { record: entry, warnings })
        })
    }

    pub fn delete_ojl(&mut self, id: &str) -> Result<()> {
        self.store.write(|tx| {
            let old = store::ojl::get(tx, id)?;
            ensure_draft(old.status, "OJL entry", &old.date)?;
            store::ojl::tombstone(tx, &old)
        })
    }

    pub fn log_coursework(&mut self, input: CourseworkInput) -> Result<Saved<CourseworkEntry>> {
        let (enrollment, program) = self.context()?;
        let (date, minutes, course, grade, note) = check_coursework(&input, &program, &enrollment, self.today())?;
        let now = now_timestamp();
        let entry = CourseworkEntry {
            id: new_id(),
            course,
            date,
            minutes,
            paid: input.paid,
            status: EntryStatus::Draft,
            grade,
            note,
            version: 1,
            created_at: now.clone(),
            updated_at: now,
        };
        self.store.write(|tx| {
            validate::day_total(date, store::ojl::day_minutes(tx, date, "")?, minutes)?;
            store::coursework::insert(tx, &entry)
        })?;
        Ok(Saved { record: entry, warnings: Vec::new() })
    }

    pub fn update_coursework(&mut self, id: &str, input: CourseworkInput) -> Result<Saved<CourseworkEntry>> {
        let (enrollment, program) = self.context()?;
        let (date, minutes, course, grade, note) = check_coursework(&input, &program, &enrollment, self.today())?;
        self.store.write(|tx| {
            let old = store::coursework::get(tx, id)?;
            ensure_draft(old.status, "coursework entry", &old.date)?;
            validate::day_total(date, store::ojl::day_minutes(tx, date, id)?, minutes)?;
            let entry = CourseworkEntry {
                course,
                date,
                minutes,
                paid: input.paid,
                grade,
                note,
                version: old.version + 1,
                updated_at: now_timestamp(),
                ..old
            };
            store::coursework::update(tx, &entry)?;
            Ok(Saved { record: entry, warnings: Vec::new() })
        })
    }

    pub fn delete_coursework(&mut self, id: &str) -> Result<()> {
        self.store.write(|tx| {
            let old = store::coursework::get(tx, id)?;
            ensure_draft(old.status, "coursework entry", &old.date)?;
            store::coursework::tombstone(tx, &old)
        })
    }

    /// Marks the drafts (OJL and coursework) in a range submitted for approval.
    /// Returns how many entries changed.
    pub fn submit(&mut self, range: DateRange) -> Result<u32> {
        let (from, to) = self.resolve_range(&range)?;
        self.store
            .write(|tx| Ok(store::ojl::submit_range(tx, from, to)? + store::coursework::submit_range(tx, from, to)?))
    }
}

/// Only drafts change. A submitted entry waits for its mentor; corrections after
/// approval become amendments (the sign-off feature), never silent edits.
fn ensure_draft(status: EntryStatus, what: &str, date: &NaiveDate) -> Result<()> {
    if status == EntryStatus::Draft {
        return Ok(());
    }
    Err(CoreError::Locked { what: format!("the {what} of {date}"), state: status.as_str().to_owned() })
}

fn process_warning(
    tx: &rusqlite::Transaction<'_>,
    program: &ProgramStandard,
    code: &str,
) -> Result<Vec<crate::model::FieldWarning>> {
    if program.work_process(code).and_then(|w| w.max_hours).is_none() {
        return Ok(Vec::new());
    }
    let total = store::totals::ojl_for_process(tx, code)?;
    Ok(validate::hybrid_max_warning(program, code, total).into_iter().collect())
}
