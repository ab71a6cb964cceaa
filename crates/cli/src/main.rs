//! `jlog`: the logbook from a terminal or a script.
//!
//! Every command is a thin wrapper over one `journeylog_core::Journal` method, so a
//! script and the desktop app apply the same rules to the same file. Errors go to
//! stderr with the core's message and a non-zero exit; `--json` output is meant for
//! machines and documented in docs/cli.md.

mod args;
mod export_cmds;
mod render;
mod review_cmds;
mod sync_cmds;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use journeylog_core::demo::DemoSize;
use journeylog_core::model::{CertificationInput, CourseworkInput, DateRange, OjlInput, ProfileInput, ProgramChoice};
use journeylog_core::{CoreError, Journal, programs};

use args::{CertCommand, Cli, Command, ProgramCommand};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Verifying needs no logbook: it reads the bundle alone, and its exit code is its answer.
    if let Command::Verify { file, employer_key, json } = &cli.command {
        return export_cmds::verify(file, employer_key.as_deref(), *json);
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(exit_code(&err))
        }
    }
}

/// 1 for a refused input, 2 is clap's usage error, 4 when the server can't be
/// reached (try again later), 3 for anything else.
fn exit_code(err: &CoreError) -> u8 {
    match err {
        CoreError::Invalid { .. } | CoreError::ProgramFile { .. } | CoreError::NotFound { .. } => 1,
        CoreError::NoProfile | CoreError::ProfileExists | CoreError::NotConnected => 1,
        CoreError::Locked { .. } | CoreError::SignedOff { .. } | CoreError::NotMentor { .. } => 1,
        CoreError::Offline { .. } => 4,
        _ => 3,
    }
}

fn run(cli: Cli) -> Result<(), CoreError> {
    if let Command::Programs { json } = &cli.command {
        let templates = programs::templates();
        if *json {
            return render::json(&templates);
        }
        render::templates(&templates);
        return Ok(());
    }
    let db = cli.db.clone().unwrap_or_else(default_db_path);
    // Network commands run on their own connection, as the desktop app's sync does.
    match &cli.command {
        Command::Connect { server, code, device_name } => {
            return sync_cmds::connect(&db, server, code, device_name.clone());
        }
        Command::Sync { json } => return sync_cmds::sync(&db, *json),
        _ => {}
    }
    let mut journal = Journal::open(&db)?;
    match cli.command {
        Command::Programs { .. } | Command::Connect { .. } | Command::Sync { .. } | Command::Verify { .. } => {
            unreachable!("handled above")
        }
        Command::Status { json } => sync_cmds::status(&mut journal, json)?,
        Command::Conflicts { command } => sync_cmds::conflicts(&mut journal, command)?,
        Command::Attention { command } => sync_cmds::attention(&mut journal, command)?,
        Command::Init { name, program, start, prior_ojl_hours, prior_rti_hours } => {
            let profile = journal.create_profile(ProfileInput {
                apprentice_name: name,
                program: program_choice(&program),
                start_date: start,
                prior_ojl_hours: prior_ojl_hours.unwrap_or_default(),
                prior_rti_hours: prior_rti_hours.unwrap_or_default(),
            })?;
            println!(
                "Created a logbook for {} in {} ({}), starting {}.\nDatabase: {}",
                profile.enrollment.apprentice_name,
                profile.program.title,
                profile.program.id,
                profile.enrollment.start_date,
                db.display()
            );
        }
        Command::Log { date, hours, process, note, site, supervisor, prior_credit } => {
            let saved = journal.log_ojl(OjlInput {
                date: date.unwrap_or_else(|| journal.today().to_string()),
                hours,
                work_process: process,
                note: note.unwrap_or_default(),
                site: site.unwrap_or_default(),
                supervisor: supervisor.unwrap_or_default(),
                prior_credit,
            })?;
            render::saved_ojl(&saved);
        }
        Command::Course { course, date, hours, unpaid, grade, note } => {
            let saved = journal.log_coursework(CourseworkInput {
                course,
                date: date.unwrap_or_else(|| journal.today().to_string()),
                hours,
                paid: !unpaid,
                grade: grade.unwrap_or_default(),
                note: note.unwrap_or_default(),
            })?;
            render::saved_coursework(&saved.record);
        }
        Command::Cert {
            command: CertCommand::Add { title, code, issuer, credential_id, earned_on, expires_on, evidence },
        } => {
            let saved = journal.add_certification(CertificationInput {
                code: code.unwrap_or_default(),
                title,
                issuer: issuer.unwrap_or_default(),
                credential_id: credential_id.unwrap_or_default(),
                earned_on,
                expires_on: expires_on.unwrap_or_default(),
                evidence_path: evidence.map(|p| p.display().to_string()),
            })?;
            render::saved_certification(&saved.record);
        }
        Command::Cert { command: CertCommand::List { json } } => {
            let certs = journal.certifications()?;
            if json { render::json(&certs)? } else { render::certifications(&certs) }
        }
        Command::Delete { id } => {
            match journal.delete_ojl(&id) {
                Err(CoreError::NotFound { .. }) => journal.delete_coursework(&id)?,
                other => other?,
            }
            println!("Deleted {id}.");
        }
        Command::Submit { from, to } => {
            let n = journal.submit(DateRange { from, to })?;
            println!("Submitted {n} entries for approval.");
        }
        Command::Amend { id, hours, date, process, note } => {
            let old = journal.ojl_entry(&id)?;
            let saved = journal.amend_ojl(
                &id,
                OjlInput {
                    date: date.unwrap_or_else(|| old.date.to_string()),
                    hours: hours.unwrap_or_else(|| old.minutes.to_string() + "m"),
                    work_process: process.unwrap_or(old.work_process),
                    note: note.unwrap_or(old.note),
                    site: old.site,
                    supervisor: old.supervisor,
                    prior_credit: old.prior_credit,
                },
            )?;
            render::saved_ojl(&saved);
            println!("Amendment of version {} submitted; your mentor approves it again.", old.version);
        }
        Command::RequestSignoff { milestone, note } => {
            let request = journal.request_milestone_signoff(&milestone, &note.unwrap_or_default())?;
            println!(
                "Asked your mentor to sign off {} {}. It is sent with your next sync.",
                request.code, request.title
            );
        }
        Command::Review { command } => review_cmds::run(&mut journal, command)?,
        Command::List { from, to, json } => {
            let items = journal.list(DateRange { from: from.unwrap_or_default(), to: to.unwrap_or_default() })?;
            if json { render::json(&items)? } else { render::items(&items) }
        }
        Command::Week { date, json } => {
            let week = journal.week(&date.unwrap_or_default())?;
            if json { render::json(&week)? } else { render::week(&week) }
        }
        Command::Progress { json } => {
            let progress = journal.progress()?;
            if json { render::json(&progress)? } else { render::progress(&progress) }
        }
        Command::Program { command: ProgramCommand::Export { path } } => {
            journal.export_program(&path)?;
            println!("Wrote the program to {}.", path.display());
        }
        Command::Program { command: ProgramCommand::Import { path } } => {
            let profile = journal.replace_program(ProgramChoice::File { path: path.display().to_string() })?;
            println!("Now following {} ({}).", profile.program.title, profile.program.id);
        }
        Command::Export(args) => export_cmds::export(&mut journal, args)?,
        Command::Demo { months, entries, seed } => {
            let size = match entries {
                Some(n) => DemoSize::Entries(n),
                None => DemoSize::Months(months),
            };
            let summary = journal.seed_demo(size, seed)?;
            println!(
                "Seeded {} OJL entries, {} coursework sessions and {} certifications from {} into {}.",
                summary.ojl_entries,
                summary.coursework_entries,
                summary.certifications,
                summary.first_date,
                db.display()
            );
        }
    }
    Ok(())
}

/// A path to an existing file, or anything ending in .toml/.json, is a program file;
/// otherwise it names a bundled template.
fn program_choice(value: &str) -> ProgramChoice {
    let path = PathBuf::from(value);
    let looks_like_file = path.extension().is_some_and(|e| e == "toml" || e == "json");
    if path.is_file() || looks_like_file {
        ProgramChoice::File { path: value.to_owned() }
    } else {
        ProgramChoice::Template { id: value.to_owned() }
    }
}

/// The desktop app's own database, so the CLI and the app share one log by default.
/// `JOURNEYLOG_DATA_DIR` overrides the folder for both.
fn default_db_path() -> PathBuf {
    let dir = std::env::var_os("JOURNEYLOG_DATA_DIR").map(PathBuf::from).unwrap_or_else(|| {
        directories::BaseDirs::new()
            .map(|b| b.data_dir().join("org.journeylog.app"))
            .unwrap_or_else(|| PathBuf::from("."))
    });
    dir.join("journeylog.sqlite3")
}
