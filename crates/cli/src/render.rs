//! Human-readable output. Machines get `--json` instead (docs/cli.md).

use journeylog_core::CoreError;
use journeylog_core::duration::format_minutes;
use journeylog_core::model::{Certification, CourseworkEntry, LogItem, OjlEntry, Saved, TemplateInfo, WeekLog};
use journeylog_core::progress::{CertificationState, MilestoneState, Progress};
use serde::Serialize;

pub fn json<T: Serialize>(value: &T) -> Result<(), CoreError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| CoreError::Internal(e.to_string()))?;
    println!("{text}");
    Ok(())
}

pub fn hm(minutes: u32) -> String {
    format_minutes(u64::from(minutes))
}

pub fn templates(templates: &[TemplateInfo]) {
    for t in templates {
        println!(
            "{:<20} {}  ({}, {} OJL hours, {} work processes)",
            t.id,
            t.title,
            t.approach.label(),
            t.term_hours,
            t.work_process_count
        );
    }
    if let Some(notice) = templates.iter().find_map(|t| t.notice.as_deref()) {
        println!("\nNote: {notice}");
    }
}

pub fn saved_ojl(saved: &Saved<OjlEntry>) {
    let e = &saved.record;
    println!("Logged {} on {} to {} ({}).", hm(e.minutes), e.date, e.work_process, e.id);
    for w in &saved.warnings {
        eprintln!("warning: {}", w.message);
    }
}

pub fn saved_coursework(c: &CourseworkEntry) {
    let paid = if c.paid { "paid" } else { "unpaid" };
    println!("Logged {} of {} on {}, {paid} ({}).", hm(c.minutes), c.course, c.date, c.id);
}

pub fn saved_certification(c: &Certification) {
    let expiry = c.expires_on.map_or("does not expire".to_owned(), |d| format!("expires {d}"));
    println!("Recorded {} earned {}, {expiry} ({}).", c.title, c.earned_on, c.id);
    if let Some(e) = &c.evidence {
        println!("Evidence {} kept as {}.", e.file_name, e.sha256);
    }
}

pub fn certifications(certs: &[Certification]) {
    if certs.is_empty() {
        println!("No certifications recorded.");
    }
    for c in certs {
        let expiry = c.expires_on.map_or("no expiry".to_owned(), |d| format!("expires {d}"));
        println!("{}  {:<40} earned {}  {expiry}", c.id, c.title, c.earned_on);
    }
}

pub fn items(items: &[LogItem]) {
    if items.is_empty() {
        println!("No entries.");
    }
    for item in items {
        match item {
            LogItem::Ojl(e) => println!(
                "{}  OJL     {:>6}  {:<8} {:<9}  {}  {}",
                e.date,
                hm(e.minutes),
                e.work_process,
                e.status.as_str(),
                e.id,
                e.note
            ),
            LogItem::Coursework(c) => println!(
                "{}  COURSE  {:>6}  {:<8} {:<9}  {}  {}",
                c.date,
                hm(c.minutes),
                c.course,
                c.status.as_str(),
                c.id,
                if c.paid { "paid" } else { "unpaid" }
            ),
        }
    }
}

pub fn week(week: &WeekLog) {
    println!("Week of {} to {}", week.start, week.end);
    for day in &week.days {
        let mut parts: Vec<String> = day.ojl.iter().map(|e| format!("{} {}", e.work_process, hm(e.minutes))).collect();
        parts.extend(day.coursework.iter().map(|c| format!("{} {}", c.course, hm(c.minutes))));
        println!("  {} {}  {:>6}  {}", day.date.format("%a"), day.date, hm(day.total_minutes), parts.join(", "));
    }
    println!("  total {}  (OJL {}, coursework {})", hm(week.total_minutes), hm(week.ojl_minutes), hm(week.rti_minutes));
}

pub fn progress(p: &Progress) {
    println!("{} — as of {}", p.program_title, p.as_of);
    println!(
        "OJL {} of {} h ({:.1}%), prior credit {}, drafts {}, submitted {}",
        hm(p.overall.ojl_minutes),
        p.overall.term_minutes / 60,
        p.overall.percent,
        hm(p.ojl.prior_minutes),
        hm(p.ojl.draft_minutes),
        hm(p.ojl.submitted_minutes)
    );
    println!(
        "Approved by your mentor: {} ({:.1}% of the term, prior credit included); pending approval {}",
        hm(p.overall.approved_minutes),
        p.overall.approved_percent,
        hm(p.ojl.pending_minutes)
    );
    for wp in &p.ojl.work_processes {
        let range = wp.max_hours.map_or(format!("{}", wp.min_hours), |max| format!("{}-{max}", wp.min_hours));
        let flag = if wp.over_max { "  over range" } else { "" };
        println!(
            "  {:<6} {:<52} {:>9} / {:>9} h  {:>5.1}%{flag}",
            wp.code,
            wp.title,
            hm(wp.minutes),
            range,
            wp.percent
        );
    }
    println!(
        "RTI {} of {} h (pace expects {} by now at {} h/year; unpaid {})",
        hm(p.rti.total_minutes),
        p.rti.program_minutes / 60,
        hm(p.rti.pace_expected_minutes),
        p.rti.pace_hours_per_year,
        hm(p.rti.unpaid_minutes)
    );
    println!("Pace: {} per week over the last 8 weeks", hm(p.pace.ojl_minutes_per_week.round() as u32));
    if let Some(current) = &p.wage.current {
        println!("Wage step: {} ({}% of journeyworker rate)", current.label, current.percent);
    }
    if let Some(next) = &p.wage.next {
        let needed = p.wage.minutes_needed.map_or(String::new(), |m| format!(", {} h still needed", hm(m)));
        let when = p.wage.projected_date.map_or(String::new(), |d| format!(", projected {d}"));
        println!("Next step: {} ({}%) {}{needed}{when}", next.label, next.percent, next.trigger);
    }
    let ends = p.probation.ends_on.map_or("not projected yet".to_owned(), |d| d.to_string());
    let verb = if p.probation.completed { "ended" } else { "ends" };
    println!("Probation ({}) {verb}: {ends}", p.probation.description);
    if let Some(done) = p.projected_completion {
        println!("Projected completion: {done}");
    }
    for m in &p.milestones {
        let state = match m.state {
            MilestoneState::NotStarted => "not started",
            MilestoneState::InProgress => "in progress",
            MilestoneState::CriteriaMet => "criteria met",
            MilestoneState::Requested => "sign-off requested",
            MilestoneState::SignedOff => "signed off",
        };
        let by = m.signed_off.as_ref().map_or(String::new(), |d| format!(" by {} on {}", d.mentor_name, d.signed_at));
        println!("Milestone {} {}: {state}{by}", m.code, m.title);
    }
    for r in &p.signoff_problems.changed_after_signoff {
        println!("Changed after sign-off (not counted as approved): entry {}", r.record_id);
    }
    for s in &p.signoff_problems.invalid_signoffs {
        println!("Sign-off {} does not verify ({}): {}", s.signoff_id, s.code, s.message);
    }
    for c in &p.certifications {
        let state = match c.state {
            CertificationState::Valid => "valid".to_owned(),
            CertificationState::Expiring => format!("expires in {} days", c.days_left.unwrap_or_default()),
            CertificationState::Expired => "expired".to_owned(),
            CertificationState::Missing => "required, not recorded".to_owned(),
        };
        println!("Certification {}: {state}", c.title);
    }
}
