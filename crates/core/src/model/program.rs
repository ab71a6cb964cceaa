//! A program standard: what the apprentice is measured against.
//!
//! The shape follows the Appendix A layout of U.S. registered apprenticeship standards
//! (29 CFR 29.5): approach, work process schedule, related instruction, wage schedule
//! and probation. Hours in a standard are whole hours; logged time is in minutes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Approach {
    TimeBased,
    CompetencyBased,
    Hybrid,
}

impl Approach {
    pub fn label(self) -> &'static str {
        match self {
            Approach::TimeBased => "time-based",
            Approach::CompetencyBased => "competency-based",
            Approach::Hybrid => "hybrid",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ProgramStandard {
    /// Stable identifier, e.g. `mra-phase-1`.
    pub id: String,
    pub title: String,
    /// Revision of this standard; a sponsor bumps it when the schedule changes.
    #[serde(default = "default_revision")]
    pub revision: u32,
    pub occupation: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub sponsor: Option<String>,
    pub approach: Approach,
    /// Total OJL hours of the term.
    pub term_hours: u32,
    /// Shown wherever the hours appear, e.g. that a template's hours are illustrative.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub notice: Option<String>,
    /// Related instruction pace guideline, usually 144 hours a year.
    #[serde(default = "default_rti_pace")]
    pub rti_hours_per_year: u32,
    pub work_processes: Vec<WorkProcess>,
    #[serde(default)]
    pub courses: Vec<RtiCourse>,
    #[serde(default)]
    pub certifications: Vec<RequiredCertification>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub wage_steps: Vec<WageStep>,
    pub probation: Probation,
}

fn default_revision() -> u32 {
    1
}

fn default_rti_pace() -> u32 {
    144
}

impl ProgramStandard {
    pub fn work_process(&self, code: &str) -> Option<&WorkProcess> {
        self.work_processes.iter().find(|wp| wp.code == code)
    }

    pub fn course(&self, code: &str) -> Option<&RtiCourse> {
        self.courses.iter().find(|c| c.code == code)
    }

    pub fn rti_total_hours(&self) -> u32 {
        self.courses.iter().map(|c| c.hours).sum()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct WorkProcess {
    pub code: String,
    pub title: String,
    pub min_hours: u32,
    /// Hybrid programs give a range; hours past the maximum still count but are flagged.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub max_hours: Option<u32>,
    #[serde(default)]
    pub competencies: Vec<Competency>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Competency {
    pub code: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RtiCourse {
    pub code: String,
    pub title: String,
    pub hours: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RequiredCertification {
    pub code: String,
    pub title: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub issuer: Option<String>,
    /// How long a credential stays valid; `None` means it does not expire.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub validity_months: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Milestone {
    pub code: String,
    pub title: String,
    pub criteria: Vec<Criterion>,
}

/// One measurable condition of a milestone. All criteria of a milestone must hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum Criterion {
    /// Total OJL hours, prior credit included.
    OjlHours {
        hours: u32,
    },
    WorkProcessHours {
        code: String,
        hours: u32,
    },
    /// Total RTI hours, prior credit included.
    RtiHours {
        hours: u32,
    },
    /// Logged time in the course reaches its hours.
    CourseCompleted {
        code: String,
    },
    /// A current (unexpired) certification of this code.
    Certification {
        code: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct WageStep {
    pub label: String,
    /// Wage as a percentage of the journeyworker rate.
    pub percent: u32,
    pub trigger: WageTrigger,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum WageTrigger {
    /// The entry wage, from the first day.
    Start,
    OjlHours {
        hours: u32,
    },
    Milestone {
        code: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum Probation {
    /// Ends when this many OJL hours are logged (prior credit included).
    Hours { hours: u32 },
    /// Ends this many calendar months after the start date.
    Months { months: u32 },
}

/// A bundled template, as listed for the first-run picker and `jlog programs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TemplateInfo {
    pub id: String,
    pub title: String,
    pub occupation: String,
    pub approach: Approach,
    pub term_hours: u32,
    pub work_process_count: u32,
    #[ts(optional = nullable)]
    pub notice: Option<String>,
}
