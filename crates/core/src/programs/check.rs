//! Consistency rules for a program standard, beyond what its types enforce.

use std::collections::HashSet;

use crate::model::{Criterion, ProgramStandard, WageTrigger};

/// Checks a program; the error is a sentence naming the offending part.
pub fn check_program(p: &ProgramStandard) -> Result<(), String> {
    if p.id.trim().is_empty() || !p.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(format!("id \"{}\" must be letters, digits, '-' or '_'", p.id));
    }
    if p.work_processes.is_empty() {
        return Err("a program needs at least one work process".into());
    }
    if p.term_hours == 0 {
        return Err("term_hours must be more than zero".into());
    }
    unique("work process", p.work_processes.iter().map(|w| w.code.as_str()))?;
    unique("course", p.courses.iter().map(|c| c.code.as_str()))?;
    unique("certification", p.certifications.iter().map(|c| c.code.as_str()))?;
    unique("milestone", p.milestones.iter().map(|m| m.code.as_str()))?;
    for wp in &p.work_processes {
        if let Some(max) = wp.max_hours
            && max < wp.min_hours
        {
            return Err(format!("work process {}: max_hours {max} is below min_hours {}", wp.code, wp.min_hours));
        }
        unique(&format!("competency of {}", wp.code), wp.competencies.iter().map(|c| c.code.as_str()))?;
    }
    for m in &p.milestones {
        if m.criteria.is_empty() {
            return Err(format!("milestone {} has no criteria", m.code));
        }
        for c in &m.criteria {
            let missing = match c {
                Criterion::WorkProcessHours { code, .. } if p.work_process(code).is_none() => {
                    Some(("work process", code))
                }
                Criterion::CourseCompleted { code } if p.course(code).is_none() => Some(("course", code)),
                Criterion::Certification { code } if !p.certifications.iter().any(|x| &x.code == code) => {
                    Some(("certification", code))
                }
                _ => None,
            };
            if let Some((what, code)) = missing {
                return Err(format!(
                    "milestone {} refers to {what} \"{code}\", which the program does not define",
                    m.code
                ));
            }
        }
    }
    for step in &p.wage_steps {
        if !(1..=100).contains(&step.percent) {
            return Err(format!("wage step \"{}\": percent {} must be between 1 and 100", step.label, step.percent));
        }
        if let WageTrigger::Milestone { code } = &step.trigger
            && !p.milestones.iter().any(|m| &m.code == code)
        {
            return Err(format!(
                "wage step \"{}\" refers to milestone \"{code}\", which the program does not define",
                step.label
            ));
        }
    }
    Ok(())
}

fn unique<'a>(what: &str, codes: impl Iterator<Item = &'a str>) -> Result<(), String> {
    let mut seen = HashSet::new();
    for code in codes {
        if code.trim().is_empty() {
            return Err(format!("a {what} has an empty code"));
        }
        if !seen.insert(code) {
            return Err(format!("{what} code \"{code}\" appears twice"));
        }
    }
    Ok(())
}
