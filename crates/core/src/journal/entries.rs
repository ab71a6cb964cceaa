//! Logging, editing and deleting OJL and coursework entries.

use chrono::NaiveDate;

use crate::duration::parse_minutes;
use crate::error::{CoreError, Result};
use crate::model::{
    CourseworkEntry, CourseworkInput, DateRange, Enrollment, EntryStatus, OjlEntry, OjlInput, ProgramStandard,
    RecordReview, ReviewState, Saved,
};
use crate::store::{self, new_id, now_timestamp};
use crate::validate::{self, parse_date};

use super::{Journal, review};

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
            amends_version: None,
        };
        let warnings = self.store.write(|tx| {
            validate::day_total(entry.date, store::ojl::day_minutes(tx, entry.date, "")?, entry.minutes)?;
            store::ojl::insert(tx, &entry)?;
            process_warning(tx, &program, &entry.work_process)
        })?;
        Ok(Saved { record: entry, warnings })
    }

    /// Edits a draft, or a returned entry (which goes back to draft).
    pub fn update_ojl(&mut self, id: &str, input: OjlInput) -> Result<Saved<OjlEntry>> {
        self.write_ojl(id, input, Change::Edit)
    }

    /// Corrects an approved entry: a new version that names the signed one and goes
    /// to the mentor for a fresh approval. The signed version stays on record.
    pub fn amend_ojl(&mut self, id: &str, input: OjlInput) -> Result<Saved<OjlEntry>> {
        self.write_ojl(id, input, Change::Amend)
    }

    fn write_ojl(&mut self, id: &str, input: OjlInput, change: Change) -> Result<Saved<OjlEntry>> {
        let (enrollment, program) = self.context()?;
        let f = check_ojl(&input, &program, &enrollment, self.today())?;
        self.store.write(|tx| {
            let old = store::ojl::get(tx, id)?;
            let review = review::of_ojl(tx, &old)?;
            let (status, amends_version) = change.allowed(&review, "OJL entry", &old.date, old.version)?;
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
                status,
                amends_version: amends_version.or(old.amends_version),
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
            Change::Delete.allowed(&review::of_ojl(tx, &old)?, "OJL entry", &old.date, old.version)?;
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
            amends_version: None,
        };
        self.store.write(|tx| {
            validate::day_total(date, store::ojl::day_minutes(tx, date, "")?, minutes)?;
            store::coursework::insert(tx, &entry)
        })?;
        Ok(Saved { record: entry, warnings: Vec::new() })
    }

    /// Edits a draft, or a returned entry (which goes back to draft).
    pub fn update_coursework(&mut self, id: &str, input: CourseworkInput) -> Result<Saved<CourseworkEntry>> {
        self.write_coursework(id, input, Change::Edit)
    }

    /// Corrects an approved entry with an amendment (see [`Journal::amend_ojl`]).
    pub fn amend_coursework(&mut self, id: &str, input: CourseworkInput) -> Result<Saved<CourseworkEntry>> {
        self.write_coursework(id, input, Change::Amend)
    }

    fn write_coursework(&mut self, id: &str, input: CourseworkInput, change: Change) -> Result<Saved<CourseworkEntry>> {
        let (enrollment, program) = self.context()?;
        let (date, minutes, course, grade, note) = check_coursework(&input, &program, &enrollment, self.today())?;
        self.store.write(|tx| {
            let old = store::coursework::get(tx, id)?;
            let review = review::of_coursework(tx, &old)?;
            let (status, amends_version) = change.allowed(&review, "coursework entry", &old.date, old.version)?;
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
                status,
                amends_version: amends_version.or(old.amends_version),
                ..old
            };
            store::coursework::update(tx, &entry)?;
            Ok(Saved { record: entry, warnings: Vec::new() })
        })
    }

    pub fn delete_coursework(&mut self, id: &str) -> Result<()> {
        self.store.write(|tx| {
            let old = store::coursework::get(tx, id)?;
            Change::Delete.allowed(&review::of_coursework(tx, &old)?, "coursework entry", &old.date, old.version)?;
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

/// What the apprentice is doing to an entry, for the rule that decides if it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Edit,
    Amend,
    Delete,
}

impl Change {
    /// Drafts and returned entries change freely (back to draft). A submitted entry
    /// waits for its mentor. An approved one changes only by an amendment, which is
    /// submitted at once; returns the new status and, for an amendment, the version
    /// it corrects.
    fn allowed(
        self,
        review: &RecordReview,
        what: &str,
        date: &NaiveDate,
        version: u32,
    ) -> Result<(EntryStatus, Option<u32>)> {
        let what = format!("the {what} of {date}");
        match (self, review.state) {
            (Change::Edit | Change::Delete, ReviewState::Draft | ReviewState::Returned) => {
                Ok((EntryStatus::Draft, None))
            }
            (Change::Amend, ReviewState::Approved) => Ok((EntryStatus::Submitted, Some(version))),
            (Change::Amend, _) => Err(CoreError::invalid(
                "amend",
                format!("{what} is {}; only an approved entry is amended (edit it instead)", review.state.as_str()),
            )),
            (_, ReviewState::Approved | ReviewState::ChangedAfterSignoff) => Err(CoreError::SignedOff { what }),
            (_, state) => Err(CoreError::Locked { what, state: state.as_str().to_owned() }),
        }
    }
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
