//! One xAPI 2.0 statement per record, as JSON.
//!
//! A statement carries only what the apprentice recorded (or the mentor signed),
//! never the record's current review state: a state changes, a statement may not,
//! and a mentor's decision is its own statement with the mentor as actor. Nothing
//! here reads the clock, so the same record always makes the same statement and an
//! LRS can tell a re-export from a change.

use journeylog_proto::{Decision, SignoffStatement};
use serde_json::{Map, Value, json};

use super::ids::{self, NS, activity_types as types, extension, segment, verbs};
use crate::model::{Certification, CourseworkEntry, Decided, OjlEntry, ProgramStandard};
use crate::signoff::Subject;

const LANG: &str = "en-US";

/// Who and what every statement of one export refers to.
#[derive(Debug)]
pub(super) struct Parts<'a> {
    pub program: &'a ProgramStandard,
    /// The apprentice as an xAPI Agent.
    pub apprentice: Value,
    /// The apprentice's account name (their user id, or the logbook's derived id).
    pub apprentice_account: String,
    /// The employer's server: the home page of every account.
    pub home_page: String,
    /// One UUID for the enrollment, the `context.registration` of every statement.
    pub registration: String,
}

/// An Agent known by an account on the employer's server (no e-mail address needed).
pub(super) fn agent(name: &str, home_page: &str, account: &str) -> Value {
    json!({ "objectType": "Agent", "name": name, "account": { "homePage": home_page, "name": account } })
}

fn verb(id: &str, display: &str) -> Value {
    json!({ "id": id, "display": { LANG: display } })
}

fn activity(id: String, kind: &str, name: &str) -> Value {
    json!({ "objectType": "Activity", "id": id, "definition": { "type": kind, "name": { LANG: name } } })
}

/// Whole minutes as an ISO 8601 duration: 450 -> `PT7H30M`.
pub fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

/// A calendar date as a timestamp. The log keeps the day, not the hour; noon UTC
/// falls on that same calendar day in every time zone from UTC-12 to UTC+11.
pub fn noon(date: chrono::NaiveDate) -> String {
    format!("{}T12:00:00Z", date.format("%Y-%m-%d"))
}

/// Adds `value` under Journeylog extension `name`, leaving out empty text.
fn put(map: &mut Map<String, Value>, name: &str, value: Value) {
    if value.as_str().is_some_and(str::is_empty) {
        return;
    }
    map.insert(extension(name), value);
}

impl Parts<'_> {
    fn program_activity(&self) -> Value {
        activity(format!("{NS}/programs/{}", segment(&self.program.id)), types::PROGRAM, &self.program.title)
    }

    fn program_iri(&self, rest: &str) -> String {
        format!("{NS}/programs/{}/{rest}", segment(&self.program.id))
    }

    fn context(&self, parent: Option<Value>, extensions: Map<String, Value>) -> Value {
        let mut activities = Map::new();
        if let Some(parent) = parent {
            activities.insert("parent".into(), json!([parent]));
        }
        activities.insert("grouping".into(), json!([self.program_activity()]));
        json!({
            "registration": self.registration,
            "platform": "Journeylog",
            "language": LANG,
            "contextActivities": activities,
            "extensions": extensions,
        })
    }

    fn record(id: &str, version: u32, amends_version: Option<u32>) -> Value {
        let mut record = json!({ "id": id, "version": version });
        if let Some(v) = amends_version {
            record["amends_version"] = json!(v);
        }
        record
    }

    pub fn ojl(&self, e: &OjlEntry, statement_id: &str) -> Value {
        let title = self.program.work_process(&e.work_process).map_or(e.work_process.as_str(), |w| w.title.as_str());
        let process = activity(
            self.program_iri(&format!("work-processes/{}", segment(&e.work_process))),
            types::WORK_PROCESS,
            &format!("{} {title}", e.work_process),
        );
        let mut ext = Map::new();
        put(&mut ext, "work-process", json!(e.work_process));
        put(&mut ext, "date", json!(e.date.format("%Y-%m-%d").to_string()));
        put(&mut ext, "note", json!(e.note));
        put(&mut ext, "site", json!(e.site));
        put(&mut ext, "supervisor", json!(e.supervisor));
        put(&mut ext, "prior-credit", json!(e.prior_credit));
        put(&mut ext, "record", Self::record(&e.id, e.version, e.amends_version));
        json!({
            "id": statement_id,
            "actor": self.apprentice,
            "verb": verb(verbs::COMPLETED, "completed"),
            "object": activity(
                format!("{NS}/records/{}", e.id),
                types::OJL_SESSION,
                &format!("On-the-job learning, {} on {}", e.work_process, e.date.format("%Y-%m-%d")),
            ),
            "result": { "duration": duration(e.minutes), "completion": true },
            "context": self.context(Some(process), ext),
            "timestamp": noon(e.date),
        })
    }

    pub fn coursework(&self, c: &CourseworkEntry, statement_id: &str) -> Value {
        let title = self.program.course(&c.course).map_or(c.course.as_str(), |k| k.title.as_str());
        let course = activity(
            self.program_iri(&format!("courses/{}", segment(&c.course))),
            types::COURSE,
            &format!("{} {title}", c.course),
        );
        let mut result_ext = Map::new();
        put(&mut result_ext, "paid", json!(c.paid));
        put(&mut result_ext, "grade", json!(c.grade.clone().unwrap_or_default()));
        let mut ext = Map::new();
        put(&mut ext, "course", json!(c.course));
        put(&mut ext, "date", json!(c.date.format("%Y-%m-%d").to_string()));
        put(&mut ext, "note", json!(c.note));
        put(&mut ext, "record", Self::record(&c.id, c.version, c.amends_version));
        json!({
            "id": statement_id,
            "actor": self.apprentice,
            "verb": verb(verbs::ATTENDED, "attended"),
            "object": activity(
                format!("{NS}/records/{}", c.id),
                types::COURSEWORK_SESSION,
                &format!("Coursework, {} on {}", c.course, c.date.format("%Y-%m-%d")),
            ),
            "result": { "duration": duration(c.minutes), "completion": true, "extensions": result_ext },
            "context": self.context(Some(course), ext),
            "timestamp": noon(c.date),
        })
    }

    pub fn certification(&self, c: &Certification, statement_id: &str) -> Value {
        let required = c.code.as_ref().map(|code| {
            let title =
                self.program.certifications.iter().find(|r| &r.code == code).map_or(code.as_str(), |r| &r.title);
            activity(self.program_iri(&format!("certifications/{}", segment(code))), types::CREDENTIAL, title)
        });
        let mut cert = json!({ "title": c.title, "issuer": c.issuer, "credential_id": c.credential_id,
            "earned_on": c.earned_on.format("%Y-%m-%d").to_string() });
        if let Some(code) = &c.code {
            cert["code"] = json!(code);
        }
        if let Some(expires) = c.expires_on {
            cert["expires_on"] = json!(expires.format("%Y-%m-%d").to_string());
        }
        if let Some(evidence) = &c.evidence {
            cert["evidence_sha256"] = json!(evidence.sha256);
        }
        let mut ext = Map::new();
        put(&mut ext, "certification", cert);
        put(&mut ext, "record", Self::record(&c.id, c.version, None));
        json!({
            "id": statement_id,
            "actor": self.apprentice,
            "verb": verb(verbs::EARNED, "earned"),
            "object": activity(format!("{NS}/records/{}", c.id), types::CREDENTIAL, &c.title),
            "result": { "completion": true },
            "context": self.context(required, ext),
            "timestamp": noon(c.earned_on),
        })
    }

    /// A mentor's approval or return, with the mentor as actor and the apprentice
    /// as a context agent. `None` for a revocation or a subject this build can't name.
    pub fn signoff(&self, s: &SignoffStatement, decided: &Decided) -> Option<Value> {
        let (verb_id, display) = match s.decision {
            Decision::Approved => (verbs::APPROVED, "approved"),
            Decision::Returned => (verbs::RETURNED, "returned"),
            Decision::Revoked => return None,
        };
        let object = match Subject::parse(&s.subject).ok()? {
            Subject::Period { from, to } => activity(
                format!("{NS}/apprentices/{}/periods/{from}/{to}", segment(&self.apprentice_account)),
                types::REVIEW_PERIOD,
                &format!("Hours logged {from} to {to}"),
            ),
            Subject::Milestone { code } => {
                let title = self.program.milestones.iter().find(|m| m.code == code).map_or(code.as_str(), |m| &m.title);
                activity(self.program_iri(&format!("milestones/{}", segment(&code))), types::MILESTONE, title)
            }
            Subject::Competency { work_process, competency } => activity(
                self.program_iri(&format!(
                    "work-processes/{}/competencies/{}",
                    segment(&work_process),
                    segment(&competency)
                )),
                types::COMPETENCY,
                &format!("{work_process} {competency}"),
            ),
            Subject::Signoff { .. } => return None,
        };
        let records: Vec<Value> = s
            .records
            .iter()
            .map(|r| json!({ "id": r.id, "version": r.version, "content_hash": r.content_hash }))
            .collect();
        let mut ext = Map::new();
        put(&mut ext, "signoff", json!({ "subject": s.subject, "key_id": s.key_id, "records": records }));
        let mut context = self.context(None, ext);
        context["contextAgents"] = json!([{
            "objectType": "contextAgent",
            "agent": self.apprentice,
            "relevantTypes": [format!("{NS}/roles/apprentice")],
        }]);
        let mut result = json!({ "success": s.decision == Decision::Approved });
        if !s.comment.is_empty() {
            result["response"] = json!(s.comment);
        }
        Some(json!({
            "id": s.signoff_id,
            "actor": agent(&decided.mentor_name, &self.home_page, &s.mentor_id),
            "verb": verb(verb_id, display),
            "object": object,
            "result": result,
            "context": context,
            "timestamp": s.signed_at,
        }))
    }

    /// Voids the statement `target` (its content was replaced by a later one).
    pub fn void(&self, target: &str) -> Value {
        json!({
            "id": ids::voiding(target),
            "actor": self.apprentice,
            "verb": verb(verbs::VOIDED, "voided"),
            "object": { "objectType": "StatementRef", "id": target },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(duration(450), "PT7H30M");
        assert_eq!(duration(480), "PT8H");
        assert_eq!(duration(20), "PT20M");
        assert_eq!(duration(0), "PT0M");
    }

    #[test]
    fn a_date_is_noon_utc_on_that_day() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date");
        assert_eq!(noon(date), "2026-03-02T12:00:00Z");
    }
}
