//! Realistic demo data, for screenshots, trying the app, and benchmarks.
//!
//! The history looks like a real apprentice's: weekday shifts of 8 to 10 hours split
//! over one or two work processes (weighted by each process's share of the schedule),
//! a weekly evening class, the odd day off, and certifications along the way. Older
//! weeks are submitted, the current week is still in draft. A fixed seed makes the
//! same history every time.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::error::{CoreError, Result};
use crate::journal::{Journal, week_start};
use crate::model::{
    Certification, CourseworkEntry, EntryStatus, OjlEntry, ProfileInput, ProgramChoice, ProgramStandard,
};
use crate::store::{self, new_id, now_timestamp};

/// What to seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoSize {
    /// A history covering this many months up to today.
    Months(u32),
    /// Exactly this many OJL entries (for benchmarks), ending today.
    Entries(u32),
}

/// What was seeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub ojl_entries: u32,
    pub coursework_entries: u32,
    pub certifications: u32,
    pub first_date: NaiveDate,
}

const NOTES: &[&str] = &[
    "Shadowed the technician on the line",
    "Worked the job independently, mentor checked",
    "Troubleshot a fault and wrote it up",
    "Scheduled PM route",
    "Replaced worn parts and tested",
    "Walked through the procedure with the mentor",
    "Documented the repair in the CMMS",
    "",
];

impl Journal {
    /// Seeds demo data. Creates a profile on the first template if there is none.
    pub fn seed_demo(&mut self, size: DemoSize, seed: u64) -> Result<DemoSummary> {
        let today = self.today();
        let limit = match size {
            DemoSize::Entries(n) => n,
            DemoSize::Months(_) => u32::MAX,
        };
        // Entries mode walks back as far as it takes (about 1.3 entries a weekday).
        let span_start = match size {
            DemoSize::Months(m) => today.checked_sub_months(Months::new(m)).unwrap_or(today),
            DemoSize::Entries(n) => today - Days::new(u64::from(n) * 2 + 30),
        };
        if self.profile()?.is_none() {
            let start = match size {
                DemoSize::Months(_) => span_start,
                // Enrolled far enough back for the history the benchmark asks for.
                DemoSize::Entries(_) => span_start - Days::new(1),
            };
            self.create_profile(ProfileInput {
                apprentice_name: "Jordan Reyes".into(),
                program: ProgramChoice::Template { id: "mra-phase-1".into() },
                start_date: start.to_string(),
                prior_ojl_hours: "40".into(),
                prior_rti_hours: String::new(),
            })?;
        }
        let (enrollment, program) = self.context()?;
        let earliest = span_start.max(enrollment.start_date);
        let mut rng = StdRng::seed_from_u64(seed);
        let this_week = week_start(today);
        self.store.write(|tx| {
            let mut summary =
                DemoSummary { ojl_entries: 0, coursework_entries: 0, certifications: 0, first_date: today };
            // Newest day first, so an entry count always ends today.
            let mut day = today;
            while day >= earliest && summary.ojl_entries < limit {
                let status = if day < this_week { EntryStatus::Submitted } else { EntryStatus::Draft };
                let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
                // The longest demo day is a 10-hour shift plus a 3-hour class.
                let room = 24 * 60 - store::ojl::day_minutes(tx, day, "")?;
                if !weekend && rng.random_ratio(19, 20) && room >= 13 * 60 {
                    for entry in shift(&mut rng, &program, day, status) {
                        if summary.ojl_entries < limit {
                            store::ojl::insert(tx, &entry)?;
                            summary.ojl_entries += 1;
                        }
                    }
                    if day.weekday() == Weekday::Tue
                        && let Some(c) = class(&mut rng, &program, day, status)
                    {
                        store::coursework::insert(tx, &c)?;
                        summary.coursework_entries += 1;
                    }
                    summary.first_date = day;
                }
                day = day.pred_opt().ok_or_else(|| CoreError::Internal("date underflow".into()))?;
            }
            for cert in certifications(&program, summary.first_date, today) {
                store::certifications::upsert(tx, &cert)?;
                summary.certifications += 1;
            }
            Ok(summary)
        })
    }
}

/// One working day: 8 to 10 hours over one or two work processes.
fn shift(rng: &mut StdRng, program: &ProgramStandard, day: NaiveDate, status: EntryStatus) -> Vec<OjlEntry> {
    let total: u32 = if rng.random_ratio(1, 5) { 600 } else { 480 };
    let split = if rng.random_ratio(2, 5) { rng.random_range(2..=6) * 60 } else { total };
    let mut parts = vec![split];
    if split < total {
        parts.push(total - split);
    }
    let now = now_timestamp();
    parts
        .into_iter()
        .map(|minutes| OjlEntry {
            id: new_id(),
            date: day,
            minutes,
            work_process: pick_process(rng, program),
            note: NOTES[rng.random_range(0..NOTES.len())].to_owned(),
            site: "Fulfillment center DFW7".into(),
            supervisor: "Sam Okafor".into(),
            prior_credit: false,
            status,
            version: 1,
            created_at: now.clone(),
            updated_at: now.clone(),
            amends_version: None,
        })
        .collect()
}

/// Weighted by each process's share of the schedule, as real assignments tend to be.
fn pick_process(rng: &mut StdRng, program: &ProgramStandard) -> String {
    let total: u32 = program.work_processes.iter().map(|w| w.min_hours.max(1)).sum();
    let mut roll = rng.random_range(0..total.max(1));
    for wp in &program.work_processes {
        let weight = wp.min_hours.max(1);
        if roll < weight {
            return wp.code.clone();
        }
        roll -= weight;
    }
    program.work_processes[0].code.clone()
}

fn class(rng: &mut StdRng, program: &ProgramStandard, day: NaiveDate, status: EntryStatus) -> Option<CourseworkEntry> {
    let course = program.courses.get(rng.random_range(0..program.courses.len().max(1)))?;
    let now = now_timestamp();
    Some(CourseworkEntry {
        id: new_id(),
        course: course.code.clone(),
        date: day,
        minutes: 180,
        paid: rng.random_ratio(1, 2),
        status,
        grade: None,
        note: "Evening class".into(),
        version: 1,
        created_at: now.clone(),
        updated_at: now,
        amends_version: None,
    })
}

/// The program's required certifications, earned along the way; the last one left
/// missing so the dashboard has something to point at.
fn certifications(program: &ProgramStandard, first: NaiveDate, today: NaiveDate) -> Vec<Certification> {
    let now = now_timestamp();
    let span = (today - first).num_days().max(1) as u64;
    let count = program.certifications.len().saturating_sub(1);
    program
        .certifications
        .iter()
        .take(count)
        .enumerate()
        .map(|(i, req)| {
            let earned_on = first + Days::new(span * (i as u64 + 1) / (count as u64 + 2));
            // The first one nears expiry, to show the warning state.
            let expires_on = if i == 0 {
                Some(today + Days::new(40))
            } else {
                req.validity_months.and_then(|m| earned_on.checked_add_months(Months::new(m)))
            };
            Certification {
                id: new_id(),
                code: Some(req.code.clone()),
                title: req.title.clone(),
                issuer: req.issuer.clone().unwrap_or_default(),
                credential_id: format!("{}-{:05}", req.code, 20417 + i * 7),
                earned_on,
                expires_on,
                evidence: None,
                version: 1,
                created_at: now.clone(),
                updated_at: now.clone(),
            }
        })
        .collect()
}
