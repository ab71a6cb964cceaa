//! Review and sign-off commands: the apprentice's entry states, amendments and
//! milestone requests, and the mentor's queue and decisions. Thin adapters, like
//! every command: deserialize, call one `Journal` method, map the error.

use journeylog_core::model::{
    ApprenticeOverview, CourseworkEntry, CourseworkInput, DateRange, MilestoneRequest, OjlEntry, OjlInput,
    RecordReview, ReviewDecision, ReviewPeriod, Saved, SignoffMade,
};
use tauri::State;

use crate::commands::{Logbook, Reply, with_journal};

#[tauri::command]
pub async fn get_reviews(logbook: State<'_, Logbook>, range: DateRange) -> Reply<Vec<RecordReview>> {
    with_journal(logbook, move |j| j.reviews(range)).await
}

#[tauri::command]
pub async fn amend_ojl(logbook: State<'_, Logbook>, id: String, input: OjlInput) -> Reply<Saved<OjlEntry>> {
    with_journal(logbook, move |j| j.amend_ojl(&id, input)).await
}

#[tauri::command]
pub async fn amend_coursework(
    logbook: State<'_, Logbook>,
    id: String,
    input: CourseworkInput,
) -> Reply<Saved<CourseworkEntry>> {
    with_journal(logbook, move |j| j.amend_coursework(&id, input)).await
}

#[tauri::command]
pub async fn request_milestone_signoff(
    logbook: State<'_, Logbook>,
    code: String,
    note: String,
) -> Reply<MilestoneRequest> {
    with_journal(logbook, move |j| j.request_milestone_signoff(&code, &note)).await
}

#[tauri::command]
pub async fn milestone_requests(logbook: State<'_, Logbook>) -> Reply<Vec<MilestoneRequest>> {
    with_journal(logbook, |j| j.milestone_requests()).await
}

#[tauri::command]
pub async fn mentor_apprentices(logbook: State<'_, Logbook>) -> Reply<Vec<ApprenticeOverview>> {
    with_journal(logbook, |j| j.mentor_apprentices()).await
}

#[tauri::command]
pub async fn review_queue(logbook: State<'_, Logbook>, apprentice_id: Option<String>) -> Reply<Vec<ReviewPeriod>> {
    with_journal(logbook, move |j| j.review_queue(apprentice_id.as_deref())).await
}

#[tauri::command]
pub async fn review_decide(logbook: State<'_, Logbook>, decision: ReviewDecision) -> Reply<SignoffMade> {
    with_journal(logbook, move |j| j.review_decide(decision)).await
}

#[tauri::command]
pub async fn sign_milestone(
    logbook: State<'_, Logbook>,
    apprentice_id: String,
    code: String,
    comment: String,
) -> Reply<SignoffMade> {
    with_journal(logbook, move |j| j.sign_milestone(&apprentice_id, &code, &comment)).await
}

#[tauri::command]
pub async fn sign_competency(
    logbook: State<'_, Logbook>,
    apprentice_id: String,
    work_process: String,
    competency: String,
    comment: String,
) -> Reply<SignoffMade> {
    with_journal(logbook, move |j| j.sign_competency(&apprentice_id, &work_process, &competency, &comment)).await
}
