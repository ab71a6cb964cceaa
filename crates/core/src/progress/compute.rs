//! Computing [`Progress`] from the store.
//!
//! Sums come from indexed aggregate queries (see `store::totals`), never from loading
//! entries, so the cost grows with the number of work processes and days in view,
//! not with the length of the log.

use chrono::{Days, Months, NaiveDate};
use rusqlite::Transaction;

use crate::error::Result;
use crate::journal::Approvals;
use crate::journal::week_start;
use crate::model::{Criterion, Enrollment, Probation, ProgramStandard, WageTrigger};
use crate::store::totals::{self, DailyMinutes};

use super::milestones::{MilestoneFacts, evaluate_milestones};
use super::*;

/// Weeks shown in the weekly chart.
const CHART_WEEKS: u64 = 26;
/// The pace window for projections (DESIGN: "at the pace of the last 8 weeks").
const PACE_DAYS: u64 = 56;
/// A certification expiring within this many days needs attention.
const EXPIRY_WARNING_DAYS: i64 = 60;

pub(crate) fn compute(
    tx: &Transaction<'_>,
    enrollment: &Enrollment,
    program: &ProgramStandard,
    today: NaiveDate,
    approvals: &Approvals,
) -> Result<Progress> {
    let requested = crate::journal::requested_milestones(tx)?;
    let ojl = ojl_progress(tx, enrollment, program, approvals)?;
    let rti = rti_progress(tx, enrollment, program, today, approvals)?;
    let certifications = super::certs::certification_statuses(tx, program, today, EXPIRY_WARNING_DAYS)?;
    let pace = pace(tx, enrollment, today)?;
    let per_day = pace.ojl_minutes_per_week / 7.0;
    let project = |needed: u32| project_date(today, needed, per_day);

    let milestones = evaluate_milestones(
        program,
        &MilestoneFacts {
            ojl: &ojl,
            rti: &rti,
            certifications: &certifications,
            signed: &approvals.ledger.milestones,
            requested: &requested,
        },
    );
    let wage = wage_progress(program, &ojl, &milestones, project);

    let term_minutes = program.term_hours * 60;
    let remaining = term_minutes.saturating_sub(ojl.total_minutes);
    let projected_completion = if remaining == 0 {
        totals::ojl_date_reaching(tx, enrollment.prior_ojl_minutes, term_minutes)?.or(Some(enrollment.start_date))
    } else {
        project(remaining)
    };
    let probation = probation_status(tx, enrollment, program, &ojl, today, project)?;

    Ok(Progress {
        as_of: today,
        program_id: program.id.clone(),
        program_title: program.title.clone(),
        overall: OverallProgress {
            ojl_minutes: ojl.total_minutes,
            term_minutes,
            percent: percent(ojl.total_minutes, term_minutes),
            approved_minutes: ojl.prior_minutes + ojl.approved_minutes,
            approved_percent: percent(ojl.prior_minutes + ojl.approved_minutes, term_minutes),
        },
        signoff_problems: SignoffProblems {
            changed_after_signoff: approvals.changed.clone(),
            invalid_signoffs: approvals.invalid.clone(),
        },
        weekly: weekly(tx, today)?,
        ojl,
        rti,
        certifications,
        milestones,
        wage,
        pace,
        probation,
        projected_completion,
    })
}

fn percent(part: u32, whole: u32) -> f64 {
    if whole == 0 { 100.0 } else { (f64::from(part) * 100.0 / f64::from(whole)).min(100.0) }
}

fn ojl_progress(
    tx: &Transaction<'_>,
    enrollment: &Enrollment,
    program: &ProgramStandard,
    approvals: &Approvals,
) -> Result<OjlProgress> {
    let by_process = totals::ojl_by_process(tx)?;
    let draft_minutes = by_process.values().map(|t| t.draft).sum();
    let submitted_minutes = by_process.values().map(|t| t.submitted).sum::<u32>();
    let work_processes = program
        .work_processes
        .iter()
        .map(|wp| {
            let t = by_process.get(&wp.code).copied().unwrap_or_default();
            let minutes = t.draft + t.submitted;
            WorkProcessProgress {
                code: wp.code.clone(),
                title: wp.title.clone(),
                minutes,
                draft_minutes: t.draft,
                submitted_minutes: t.submitted,
                approved_minutes: approvals.ojl_by_process.get(&wp.code).copied().unwrap_or(0),
                min_hours: wp.min_hours,
                max_hours: wp.max_hours,
                percent: percent(minutes, wp.min_hours * 60),
                over_max: wp.max_hours.is_some_and(|max| minutes > max * 60),
            }
        })
        .collect();
    let approved_minutes: u32 = approvals.ojl_by_process.values().sum();
    Ok(OjlProgress {
        total_minutes: enrollment.prior_ojl_minutes + draft_minutes + submitted_minutes,
        prior_minutes: enrollment.prior_ojl_minutes,
        draft_minutes,
        submitted_minutes,
        approved_minutes,
        pending_minutes: (draft_minutes + submitted_minutes).saturating_sub(approved_minutes),
        work_processes,
    })
}

fn rti_progress(
    tx: &Transaction<'_>,
    enrollment: &Enrollment,
    program: &ProgramStandard,
    today: NaiveDate,
    approvals: &Approvals,
) -> Result<RtiProgress> {
    let rows = totals::rti_by_course(tx)?;
    let logged: u32 = rows.iter().map(|(_, _, m)| m).sum();
    let unpaid_minutes = rows.iter().filter(|(_, paid, _)| !paid).map(|(_, _, m)| m).sum();
    let courses = program
        .courses
        .iter()
        .map(|c| {
            let minutes = rows.iter().filter(|(code, _, _)| *code == c.code).map(|(_, _, m)| m).sum();
            CourseProgress {
                code: c.code.clone(),
                title: c.title.clone(),
                hours: c.hours,
                minutes,
                completed: minutes >= c.hours * 60,
            }
        })
        .collect();
    let days_enrolled = (today - enrollment.start_date).num_days().max(0) as u64;
    let pace_expected_minutes = (days_enrolled * u64::from(program.rti_hours_per_year) * 60 / 365) as u32;
    Ok(RtiProgress {
        total_minutes: enrollment.prior_rti_minutes + logged,
        prior_minutes: enrollment.prior_rti_minutes,
        unpaid_minutes,
        approved_minutes: approvals.rti_minutes,
        program_minutes: program.rti_total_hours() * 60,
        pace_hours_per_year: program.rti_hours_per_year,
        pace_expected_minutes,
        courses,
    })
}

/// OJL per week over the last 8 weeks, or since the start when that is more recent.
fn pace(tx: &Transaction<'_>, enrollment: &Enrollment, today: NaiveDate) -> Result<Pace> {
    let window_start = (today - Days::new(PACE_DAYS - 1)).max(enrollment.start_date);
    let minutes: u32 =
        totals::ojl_daily_since(tx, window_start)?.iter().filter(|d| d.date <= today).map(|d| d.minutes).sum();
    let days = ((today - window_start).num_days() + 1).clamp(7, PACE_DAYS as i64);
    Ok(Pace { ojl_minutes_last_8_weeks: minutes, ojl_minutes_per_week: f64::from(minutes) * 7.0 / days as f64 })
}

/// The day `needed` more minutes are reached at `per_day`; `None` without a pace.
fn project_date(today: NaiveDate, needed: u32, per_day: f64) -> Option<NaiveDate> {
    if needed == 0 {
        return Some(today);
    }
    if per_day < 1.0 {
        return None;
    }
    let days = (f64::from(needed) / per_day).ceil() as u64;
    today.checked_add_days(Days::new(days))
}

fn wage_progress(
    program: &ProgramStandard,
    ojl: &OjlProgress,
    milestones: &[MilestoneProgress],
    project: impl Fn(u32) -> Option<NaiveDate>,
) -> WageProgress {
    let milestone_met = |code: &str| milestones.iter().any(|m| m.code == code && m.criteria.iter().all(|c| c.met));
    let reached = |t: &WageTrigger| match t {
        WageTrigger::Start => true,
        WageTrigger::OjlHours { hours } => ojl.total_minutes >= hours * 60,
        WageTrigger::Milestone { code } => milestone_met(code),
    };
    let view = |s: &crate::model::WageStep| WageStepStatus {
        label: s.label.clone(),
        percent: s.percent,
        trigger: match &s.trigger {
            WageTrigger::Start => "at the start".to_owned(),
            WageTrigger::OjlHours { hours } => format!("at {} OJL hours", thousands(*hours)),
            WageTrigger::Milestone { code } => {
                let title = program.milestones.iter().find(|m| &m.code == code).map_or(code.as_str(), |m| &m.title);
                format!("when milestone \"{title}\" is met")
            }
        },
    };
    let current = program.wage_steps.iter().filter(|s| reached(&s.trigger)).max_by_key(|s| s.percent);
    let next = program
        .wage_steps
        .iter()
        .filter(|s| !reached(&s.trigger) && current.is_none_or(|c| s.percent > c.percent))
        .min_by_key(|s| s.percent);
    let minutes_needed = next.and_then(|s| match &s.trigger {
        WageTrigger::OjlHours { hours } => Some((hours * 60).saturating_sub(ojl.total_minutes)),
        // A milestone step can be projected only through its OJL-hours criteria.
        WageTrigger::Milestone { code } => program.milestones.iter().find(|m| &m.code == code).and_then(|m| {
            m.criteria
                .iter()
                .filter_map(|c| match c {
                    Criterion::OjlHours { hours } => Some((hours * 60).saturating_sub(ojl.total_minutes)),
                    _ => None,
                })
                .max()
        }),
        WageTrigger::Start => None,
    });
    WageProgress {
        current: current.map(view),
        next: next.map(view),
        minutes_needed,
        projected_date: minutes_needed.and_then(project),
    }
}

fn probation_status(
    tx: &Transaction<'_>,
    enrollment: &Enrollment,
    program: &ProgramStandard,
    ojl: &OjlProgress,
    today: NaiveDate,
    project: impl Fn(u32) -> Option<NaiveDate>,
) -> Result<ProbationStatus> {
    Ok(match program.probation {
        Probation::Hours { hours } => {
            let target = hours * 60;
            let completed = ojl.total_minutes >= target;
            let ends_on = if completed {
                totals::ojl_date_reaching(tx, enrollment.prior_ojl_minutes, target)?.or(Some(enrollment.start_date))
            } else {
                project(target - ojl.total_minutes)
            };
            ProbationStatus { description: format!("the first {} OJL hours", thousands(hours)), ends_on, completed }
        }
        Probation::Months { months } => {
            let ends_on = enrollment.start_date.checked_add_months(Months::new(months));
            ProbationStatus {
                description: format!("the first {months} months"),
                completed: ends_on.is_some_and(|d| d <= today),
                ends_on,
            }
        }
    })
}

fn weekly(tx: &Transaction<'_>, today: NaiveDate) -> Result<Vec<WeekTotal>> {
    let first = week_start(today) - Days::new((CHART_WEEKS - 1) * 7);
    let mut weeks: Vec<WeekTotal> = (0..CHART_WEEKS)
        .map(|i| WeekTotal { week_start: first + Days::new(i * 7), ojl_minutes: 0, rti_minutes: 0 })
        .collect();
    let slot = |d: &DailyMinutes| ((d.date - first).num_days() / 7) as usize;
    for d in totals::ojl_daily_since(tx, first)? {
        if let Some(w) = weeks.get_mut(slot(&d)) {
            w.ojl_minutes += d.minutes;
        }
    }
    for d in totals::rti_daily_since(tx, first)? {
        if let Some(w) = weeks.get_mut(slot(&d)) {
            w.rti_minutes += d.minutes;
        }
    }
    Ok(weeks)
}

/// `2000` → `2,000`.
pub(crate) fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}
