//! The mentor's side: the assigned apprentices, the periods waiting for review, and
//! making sign-offs.
//!
//! A mentor's device holds its apprentices' records as pulled (`review_record`),
//! never in its own logbook tables. A sign-off is made and signed here, stored, and
//! queued in the outbox like any change, so a mentor can review on a train and the
//! decisions reach the server when the laptop next gets online.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use journeylog_proto::{Decision, SignedRecord, SignoffStatement};
use rusqlite::OptionalExtension;

use crate::error::{CoreError, Result};
use crate::model::{
    ApprenticeOverview, LogItem, MilestoneRequest, ProcessInPeriod, ReviewDecision, ReviewItem, ReviewPeriod,
    ReviewState, SignoffMade,
};
use crate::signoff::{self, Subject};
use crate::store::sync_state::{self, SyncState};
use crate::store::{new_id, signoffs};

use super::{Journal, review, week_start};

use super::apprentice_records::{Apprentice, minutes};

impl Journal {
    fn mentor_state(&mut self, action: &str) -> Result<SyncState> {
        self.store
            .read(sync_state::state)?
            .filter(|s| s.role == "mentor")
            .ok_or_else(|| CoreError::NotMentor { action: action.to_owned() })
    }

    fn apprentices(&mut self, me: &SyncState) -> Result<Vec<Apprentice>> {
        self.store.read(|tx| {
            signoffs::assignments(tx)?
                .into_iter()
                .filter(|a| a.mentor_id == me.user_id)
                .map(|a| Apprentice::load(tx, a))
                .collect()
        })
    }

    /// Each assigned apprentice with progress and what waits for review.
    pub fn mentor_apprentices(&mut self) -> Result<Vec<ApprenticeOverview>> {
        let me = self.mentor_state("the apprentices list")?;
        let apprentices = self.apprentices(&me)?;
        let requests = |a: &Apprentice| -> Vec<MilestoneRequest> {
            a.requests
                .iter()
                .filter_map(|r| {
                    let code = r["milestone"].as_str()?.to_owned();
                    Some(MilestoneRequest {
                        title: review::milestone_title(&a.program, &code),
                        note: r["note"].as_str().unwrap_or_default().to_owned(),
                        requested_at: r["requested_at"].as_str().unwrap_or_default().to_owned(),
                        signed: a.ledger.milestones.get(&code).filter(|d| d.approved).cloned(),
                        code,
                    })
                })
                .collect()
        };
        let mut out = Vec::new();
        for a in &apprentices {
            let pending: Vec<ReviewItem> = a.items().filter(|i| i.review.state == ReviewState::Submitted).collect();
            out.push(ApprenticeOverview {
                apprentice_id: a.assignment.apprentice_id.clone(),
                name: a.assignment.apprentice_name.clone(),
                program_id: a.program.id.clone(),
                program_title: a.program.title.clone(),
                term_minutes: a.program.term_hours * 60,
                logged_ojl_minutes: a.ojl.iter().map(|e| e.minutes).sum(),
                approved_ojl_minutes: a.approved_by_process().values().sum(),
                pending_entries: pending.len() as u32,
                pending_minutes: pending.iter().map(|i| minutes(&i.item).0).sum(),
                milestone_requests: requests(a),
                competencies_signed: a
                    .ledger
                    .competencies
                    .iter()
                    .filter(|(_, d)| d.approved)
                    .map(|(k, _)| k.clone())
                    .collect(),
            });
        }
        Ok(out)
    }

    /// Submitted entries still waiting for a decision, a week per apprentice at a time.
    pub fn review_queue(&mut self, apprentice_id: Option<&str>) -> Result<Vec<ReviewPeriod>> {
        let me = self.mentor_state("reviewing")?;
        let mut periods = Vec::new();
        for a in self.apprentices(&me)? {
            if apprentice_id.is_some_and(|id| id != a.assignment.apprentice_id) {
                continue;
            }
            let mut weeks: BTreeMap<NaiveDate, Vec<ReviewItem>> = BTreeMap::new();
            for item in a.items().filter(|i| i.review.state == ReviewState::Submitted) {
                weeks.entry(week_start(item.item.date())).or_default().push(item);
            }
            let approved = a.approved_by_process();
            for (start, mut items) in weeks {
                items.sort_by_key(|i| i.item.date());
                let mut by_process: BTreeMap<&str, u32> = BTreeMap::new();
                for i in &items {
                    if let LogItem::Ojl(e) = &i.item {
                        *by_process.entry(e.work_process.as_str()).or_default() += e.minutes;
                    }
                }
                let by_process = by_process
                    .into_iter()
                    .map(|(code, minutes)| {
                        let wp = a.program.work_process(code);
                        ProcessInPeriod {
                            code: code.to_owned(),
                            title: wp.map_or_else(|| code.to_owned(), |w| w.title.clone()),
                            minutes,
                            approved_minutes_to_date: approved.get(code).copied().unwrap_or(0),
                            min_hours: wp.map_or(0, |w| w.min_hours),
                        }
                    })
                    .collect();
                let (ojl, rti): (Vec<_>, Vec<_>) = items.iter().map(|i| minutes(&i.item)).partition(|(_, o)| *o);
                periods.push(ReviewPeriod {
                    apprentice_id: a.assignment.apprentice_id.clone(),
                    apprentice_name: a.assignment.apprentice_name.clone(),
                    from: start,
                    to: start + chrono::Days::new(6),
                    ojl_minutes: ojl.iter().map(|(m, _)| m).sum(),
                    rti_minutes: rti.iter().map(|(m, _)| m).sum(),
                    pending: items.len() as u32,
                    by_process,
                    items,
                });
            }
        }
        Ok(periods)
    }

    /// Approves or returns submitted entries of one apprentice with one signature.
    pub fn review_decide(&mut self, decision: ReviewDecision) -> Result<SignoffMade> {
        let me = self.mentor_state("approving or returning entries")?;
        let comment = crate::validate::limit_text("comment", &decision.comment, 2000)?;
        if !decision.approve && comment.is_empty() {
            return Err(CoreError::invalid("comment", "returning entries needs a comment that says what to fix"));
        }
        if decision.record_ids.is_empty() {
            return Err(CoreError::invalid("record_ids", "choose at least one entry to approve or return"));
        }
        // Only the chosen entries are loaded and judged: deciding on a week must not
        // cost as much as reading the apprentice's whole log.
        let (a, items) = self.store.read(|tx| {
            let assignment = signoffs::assignments(tx)?
                .into_iter()
                .find(|x| x.mentor_id == me.user_id && x.apprentice_id == decision.apprentice_id)
                .ok_or_else(|| CoreError::NotFound {
                    what: "assigned apprentice",
                    id: decision.apprentice_id.clone(),
                })?;
            Apprentice::load_selected(tx, assignment, &decision.record_ids)
        })?;
        let mut records = Vec::new();
        let mut dates = Vec::new();
        for id in &decision.record_ids {
            let item = items
                .iter()
                .find(|i| &i.review.record_id == id)
                .ok_or_else(|| CoreError::NotFound { what: "entry of this apprentice", id: id.clone() })?;
            if item.review.state != ReviewState::Submitted {
                return Err(CoreError::invalid(
                    "record_ids",
                    format!(
                        "the entry of {} is {}, not waiting for review",
                        item.item.date(),
                        item.review.state.as_str()
                    ),
                ));
            }
            let (content, version) = match &item.item {
                LogItem::Ojl(e) => (serde_json::to_value(e), e.version),
                LogItem::Coursework(c) => (serde_json::to_value(c), c.version),
            };
            let content = content.map_err(|e| CoreError::Internal(e.to_string()))?;
            records.push(SignedRecord {
                id: id.clone(),
                version,
                content_hash: journeylog_proto::content_hash(&content),
            });
            dates.push(item.item.date());
        }
        let (from, to) = (dates.iter().min().copied(), dates.iter().max().copied());
        let subject = match (from, to) {
            (Some(from), Some(to)) => Subject::period(from, to),
            _ => return Err(CoreError::Internal("no dates".into())),
        };
        let decided = if decision.approve { Decision::Approved } else { Decision::Returned };
        self.sign(&me, &a, subject, decided, comment, records)
    }

    /// Signs off a milestone of an apprentice (after looking at its evidence).
    pub fn sign_milestone(&mut self, apprentice_id: &str, code: &str, comment: &str) -> Result<SignoffMade> {
        let me = self.mentor_state("signing a milestone")?;
        let a = self.assigned(&me, apprentice_id)?;
        if !a.program.milestones.iter().any(|m| m.code == code) {
            return Err(CoreError::invalid("milestone", format!("milestone \"{code}\" is not in {}", a.program.title)));
        }
        let comment = crate::validate::limit_text("comment", comment, 2000)?;
        self.sign(&me, &a, Subject::milestone(code), Decision::Approved, comment, Vec::new())
    }

    /// Signs off one competency of a work process (competency-based and hybrid programs).
    pub fn sign_competency(
        &mut self,
        apprentice_id: &str,
        work_process: &str,
        competency: &str,
        comment: &str,
    ) -> Result<SignoffMade> {
        let me = self.mentor_state("signing a competency")?;
        let a = self.assigned(&me, apprentice_id)?;
        let known =
            a.program.work_process(work_process).is_some_and(|w| w.competencies.iter().any(|c| c.code == competency));
        if !known {
            return Err(CoreError::invalid(
                "competency",
                format!("{work_process}/{competency} is not a competency of {}", a.program.title),
            ));
        }
        let comment = crate::validate::limit_text("comment", comment, 2000)?;
        let subject = Subject::competency(work_process, competency);
        self.sign(&me, &a, subject, Decision::Approved, comment, Vec::new())
    }

    /// Withdraws one of this mentor's sign-offs with a signed revocation. The records
    /// it approved are no longer approved (nor locked, once the server has it).
    pub fn revoke_signoff(&mut self, signoff_id: &str, comment: &str) -> Result<SignoffMade> {
        let me = self.mentor_state("revoking a sign-off")?;
        let comment = crate::validate::limit_text("comment", comment, 2000)?;
        if comment.is_empty() {
            return Err(CoreError::invalid("comment", "say why the sign-off is withdrawn"));
        }
        let apprentice_id: Option<(String, String)> = self.store.read(|tx| {
            Ok(tx
                .query_row("SELECT apprentice_id, mentor_id FROM signoff WHERE id = ?1", [signoff_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?)
        })?;
        let (apprentice_id, made_by) =
            apprentice_id.ok_or_else(|| CoreError::NotFound { what: "sign-off", id: signoff_id.to_owned() })?;
        if made_by != me.user_id {
            return Err(CoreError::invalid("signoff_id", "only the mentor who made a sign-off can revoke it"));
        }
        let a = self.assigned(&me, &apprentice_id)?;
        self.sign(&me, &a, Subject::revocation(signoff_id), Decision::Revoked, comment, Vec::new())
    }

    fn assigned(&mut self, me: &SyncState, apprentice_id: &str) -> Result<Apprentice> {
        self.apprentices(me)?
            .into_iter()
            .find(|a| a.assignment.apprentice_id == apprentice_id)
            .ok_or_else(|| CoreError::NotFound { what: "assigned apprentice", id: apprentice_id.to_owned() })
    }

    fn sign(
        &mut self,
        me: &SyncState,
        a: &Apprentice,
        subject: String,
        decision: Decision,
        comment: String,
        records: Vec<SignedRecord>,
    ) -> Result<SignoffMade> {
        let key = crate::sync::mentor_key::load(&self.data_dir, &me.client_id)?;
        let statement = SignoffStatement {
            signoff_id: new_id(),
            apprentice_id: a.assignment.apprentice_id.clone(),
            program_id: a.program.id.clone(),
            subject,
            decision,
            comment,
            signed_at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            mentor_id: me.user_id.clone(),
            key_id: signoff::key_id(&key.verifying_key()),
            records,
        };
        let record = signoff::sign(statement, &key)?;
        self.store.write(|tx| signoffs::queue_signoff(tx, &record))?;
        let s = &record.statement;
        Ok(SignoffMade {
            signoff_id: s.signoff_id.clone(),
            apprentice_id: s.apprentice_id.clone(),
            subject: s.subject.clone(),
            decision: s.decision.as_str().to_owned(),
            records: s.records.len() as u32,
        })
    }
}
