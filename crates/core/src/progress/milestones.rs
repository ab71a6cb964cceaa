//! Milestone criteria, evaluated against the computed totals.

use crate::duration::format_minutes;
use crate::model::{Criterion, ProgramStandard};

use super::compute::thousands;
use super::{
    CertificationState, CertificationStatus, CriterionProgress, MilestoneProgress, MilestoneState, OjlProgress,
    RtiProgress,
};

pub(crate) struct MilestoneFacts<'a> {
    pub ojl: &'a OjlProgress,
    pub rti: &'a RtiProgress,
    pub certifications: &'a [CertificationStatus],
    /// Verified milestone sign-offs, by code, and the codes the apprentice requested.
    pub signed: &'a std::collections::HashMap<String, crate::model::Decided>,
    pub requested: &'a std::collections::HashSet<String>,
}

pub(crate) fn evaluate_milestones(program: &ProgramStandard, facts: &MilestoneFacts<'_>) -> Vec<MilestoneProgress> {
    program
        .milestones
        .iter()
        .map(|m| {
            let criteria: Vec<CriterionProgress> = m.criteria.iter().map(|c| evaluate(program, c, facts)).collect();
            let state = if criteria.iter().all(|c| c.met) {
                MilestoneState::CriteriaMet
            } else if criteria.iter().any(|c| c.current > 0) {
                MilestoneState::InProgress
            } else {
                MilestoneState::NotStarted
            };
            let signed_off = facts.signed.get(&m.code).filter(|d| d.approved).cloned();
            let state = if signed_off.is_some() {
                MilestoneState::SignedOff
            } else if facts.requested.contains(&m.code) {
                MilestoneState::Requested
            } else {
                state
            };
            MilestoneProgress { code: m.code.clone(), title: m.title.clone(), state, criteria, signed_off }
        })
        .collect()
}

fn evaluate(program: &ProgramStandard, c: &Criterion, facts: &MilestoneFacts<'_>) -> CriterionProgress {
    let hours = |label: String, current: u32, hours: u32| CriterionProgress {
        label,
        met: current >= hours * 60,
        current: current.min(hours * 60),
        target: hours * 60,
    };
    match c {
        Criterion::OjlHours { hours: h } => hours(format!("{} OJL hours", thousands(*h)), facts.ojl.total_minutes, *h),
        Criterion::WorkProcessHours { code, hours: h } => {
            let wp = facts.ojl.work_processes.iter().find(|w| &w.code == code);
            let title = wp.map_or(code.as_str(), |w| w.title.as_str());
            hours(format!("{} hours in {code} {title}", thousands(*h)), wp.map_or(0, |w| w.minutes), *h)
        }
        Criterion::RtiHours { hours: h } => hours(format!("{} RTI hours", thousands(*h)), facts.rti.total_minutes, *h),
        Criterion::CourseCompleted { code } => {
            let course = facts.rti.courses.iter().find(|x| &x.code == code);
            let target = course.map_or(0, |x| x.hours * 60);
            let current = course.map_or(0, |x| x.minutes).min(target);
            let title = course.map_or(code.as_str(), |x| x.title.as_str());
            CriterionProgress {
                label: format!(
                    "course {code} {title} completed ({} of {}:00)",
                    format_minutes(u64::from(current)),
                    target / 60
                ),
                met: course.is_some_and(|x| x.completed),
                current,
                target,
            }
        }
        Criterion::Certification { code } => {
            let current = facts.certifications.iter().any(|s| {
                s.code.as_deref() == Some(code)
                    && matches!(s.state, CertificationState::Valid | CertificationState::Expiring)
            });
            let title =
                program.certifications.iter().find(|x| &x.code == code).map_or(code.as_str(), |x| x.title.as_str());
            CriterionProgress {
                label: format!("current {title} certification"),
                met: current,
                current: u32::from(current),
                target: 1,
            }
        }
    }
}
