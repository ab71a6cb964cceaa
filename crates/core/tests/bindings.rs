//! Exports the TypeScript bindings of every type the UI sees.
//!
//! `scripts/check-bindings.sh` runs this with `TS_RS_EXPORT_DIR` pointing at a
//! scratch folder and diffs the result against the committed `ui/src/bindings`, so a
//! Rust change that alters the UI contract fails the tests until the bindings are
//! regenerated and committed (`make bindings`).

use journeylog_core::ErrorPayload;
use journeylog_core::export::{ExportReport, ExportRequest, ExportStage};
use journeylog_core::model::*;
use journeylog_core::progress::*;
use journeylog_core::settings::*;
use journeylog_core::sync::{AttentionItem, ConflictChoice, SyncConflict, SyncReport, SyncStatus};
use ts_rs::{Config, TS};

#[test]
fn export_bindings() {
    let cfg = Config::from_env();
    ErrorPayload::export_all(&cfg).unwrap();
    SyncStatus::export_all(&cfg).unwrap();
    SyncReport::export_all(&cfg).unwrap();
    SyncConflict::export_all(&cfg).unwrap();
    ConflictChoice::export_all(&cfg).unwrap();
    AttentionItem::export_all(&cfg).unwrap();
    ProgramStandard::export_all(&cfg).unwrap();
    TemplateInfo::export_all(&cfg).unwrap();
    Profile::export_all(&cfg).unwrap();
    Saved::<OjlEntry>::export_all(&cfg).unwrap();
    WeekLog::export_all(&cfg).unwrap();
    LogItem::export_all(&cfg).unwrap();
    Certification::export_all(&cfg).unwrap();
    FieldWarning::export_all(&cfg).unwrap();
    ProfileInput::export_all(&cfg).unwrap();
    OjlInput::export_all(&cfg).unwrap();
    CourseworkInput::export_all(&cfg).unwrap();
    CertificationInput::export_all(&cfg).unwrap();
    DateRange::export_all(&cfg).unwrap();
    Progress::export_all(&cfg).unwrap();
    Settings::export_all(&cfg).unwrap();
    AppInfo::export_all(&cfg).unwrap();
    RecordReview::export_all(&cfg).unwrap();
    ReviewPeriod::export_all(&cfg).unwrap();
    ApprenticeOverview::export_all(&cfg).unwrap();
    MilestoneRequest::export_all(&cfg).unwrap();
    ReviewDecision::export_all(&cfg).unwrap();
    SignoffMade::export_all(&cfg).unwrap();
    ExportRequest::export_all(&cfg).unwrap();
    ExportStage::export_all(&cfg).unwrap();
    ExportReport::export_all(&cfg).unwrap();
}
