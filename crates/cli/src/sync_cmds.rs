//! `jlog connect | sync | status | conflicts | attention`: the employer server from a terminal.

use std::path::Path;

use journeylog_core::sync::{ConflictChoice, SyncPhase, SyncReport, SyncStatus, Syncer};
use journeylog_core::{CoreError, Journal};

use crate::args::{AttentionCommand, ConflictCommand};
use crate::render;

pub fn connect(db: &Path, server: &str, code: &str, device_name: Option<String>) -> Result<(), CoreError> {
    let mut syncer = Syncer::open(db)?;
    let device_name = device_name.unwrap_or_else(default_device_name);
    let status = syncer.connect(server, code, &device_name)?;
    println!(
        "Connected to {} as {}. Run `jlog sync` to send this logbook and take in what the server has.",
        status.employer_name.as_deref().unwrap_or("the employer server"),
        status.user_name.as_deref().unwrap_or("this apprentice"),
    );
    Ok(())
}

pub fn sync(db: &Path, json: bool) -> Result<(), CoreError> {
    let mut syncer = Syncer::open(db)?;
    let report = syncer.sync()?;
    if json {
        return render::json(&report);
    }
    print_report(&report);
    Ok(())
}

fn print_report(r: &SyncReport) {
    println!(
        "Pushed {} change(s): {} applied, {} already there, {} refused, {} in conflict.",
        r.pushed, r.applied, r.duplicates, r.rejected, r.conflicts
    );
    println!("Pulled {} change(s); {} updated this logbook.", r.pulled, r.updated);
    if r.signoffs > 0 {
        let verdict = match r.signoffs_invalid {
            0 => "all verified".to_owned(),
            n => format!("{n} FAILED verification and count for nothing (see `jlog progress`)"),
        };
        println!("Received {} sign-off(s): {verdict}.", r.signoffs);
    }
    if r.resent > 0 {
        println!(
            "The server had lost {} change(s) it had accepted before (restored from a backup); they were sent again \
             from this logbook.",
            r.resent
        );
    }
    if r.resynced {
        println!("The server was restored from a backup, so everything was pulled again.");
    }
    if r.rejected > 0 {
        println!("See what was refused and why with `jlog attention`.");
    }
    if r.conflicts > 0 {
        println!("Choose which versions to keep with `jlog conflicts`.");
    }
}

pub fn status(journal: &mut Journal, json: bool) -> Result<(), CoreError> {
    let status = journal.sync_status()?;
    if json {
        return render::json(&status);
    }
    print_status(&status);
    Ok(())
}

fn print_status(s: &SyncStatus) {
    let phase = match s.phase {
        SyncPhase::NotConnected => "not connected (this logbook is local only)",
        SyncPhase::Synced => "synced",
        SyncPhase::Pending => "pending",
        SyncPhase::Offline => "offline",
        SyncPhase::Error => "error",
    };
    println!("Sync: {phase}");
    if let (Some(url), Some(employer)) = (&s.server_url, &s.employer_name) {
        println!("Server: {url} ({employer})");
    }
    if let Some(user) = &s.user_name {
        println!("Signed in as: {user}");
    }
    println!("Pending changes: {}", s.pending);
    println!("Conflicts: {}", s.conflicts);
    println!("Needs attention: {}", s.attention);
    println!("Last synced: {}", s.last_synced_at.as_deref().unwrap_or("never"));
    if let Some(error) = &s.last_error {
        println!("Last error: {error}");
    }
    if let Some(at) = &s.next_attempt_at {
        println!("Next automatic attempt: {at}");
    }
}

pub fn conflicts(journal: &mut Journal, command: Option<ConflictCommand>) -> Result<(), CoreError> {
    match command.unwrap_or(ConflictCommand::List { json: false }) {
        ConflictCommand::List { json } => {
            let conflicts = journal.sync_conflicts()?;
            if json {
                return render::json(&conflicts);
            }
            if conflicts.is_empty() {
                println!("No conflicts.");
            }
            for c in conflicts {
                println!("{} {}", c.kind, c.record_id);
                println!("  mine   (v{}): {}", c.mine_version, describe(&c.mine, c.mine_deleted));
                println!("  theirs (v{}): {}", c.theirs_version, describe(&c.theirs, c.theirs_deleted));
            }
            Ok(())
        }
        ConflictCommand::Resolve { id, keep } => {
            let choice = if keep == "mine" { ConflictChoice::Mine } else { ConflictChoice::Theirs };
            let kind = journal
                .sync_conflicts()?
                .into_iter()
                .find(|c| c.record_id == id)
                .map(|c| c.kind)
                .ok_or_else(|| CoreError::NotFound { what: "conflict", id: id.clone() })?;
            journal.resolve_conflict(&kind, &id, choice)?;
            println!("Kept {keep} for {kind} {id}. It goes to the server with the next sync.");
            Ok(())
        }
    }
}

fn describe(record: &serde_json::Value, deleted: bool) -> String {
    if deleted {
        return "deleted".into();
    }
    let field = |k: &str| record.get(k).and_then(|v| v.as_str().map(str::to_owned).or(Some(v.to_string())));
    match (field("date"), record.get("minutes").and_then(serde_json::Value::as_u64)) {
        (Some(date), Some(minutes)) => format!(
            "{date} {} {} {}",
            journeylog_core::duration::format_minutes(minutes),
            field("work_process").or(field("course")).unwrap_or_default(),
            field("note").unwrap_or_default()
        ),
        _ => record.to_string(),
    }
}

pub fn attention(journal: &mut Journal, command: Option<AttentionCommand>) -> Result<(), CoreError> {
    match command.unwrap_or(AttentionCommand::List { json: false }) {
        AttentionCommand::List { json } => {
            let items = journal.sync_attention()?;
            if json {
                return render::json(&items);
            }
            if items.is_empty() {
                println!("Nothing needs attention.");
            }
            for item in items {
                println!("{} {} {}: {} ({})", item.mutation_id, item.kind, item.record_id, item.message, item.code);
            }
            Ok(())
        }
        AttentionCommand::Dismiss { mutation_id } => {
            journal.dismiss_attention(&mutation_id)?;
            println!("Dismissed {mutation_id}; the record stays in this logbook.");
            Ok(())
        }
    }
}

fn default_device_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "jlog".to_owned())
}
