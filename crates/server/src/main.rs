//! `journeylog-server`: serve the employer API, or run an admin command.

use std::io::IsTerminal as _;
use std::process::ExitCode;

use clap::Parser;
use journeylog_server::admin::{self, report::Report};
use journeylog_server::cli::{AdminArgs, AdminCommand, Cli, Command, ServeArgs};
use journeylog_server::db::{Db, PoolOptions};
use journeylog_server::{Result, ServerError, serve};
use tracing_subscriber::EnvFilter;

/// mimalloc instead of glibc's allocator: a burst of pushes and pulls allocates and
/// frees small buffers across the runtime's threads and the writer thread, where
/// glibc's arenas spent a fifth of the server's instructions (docs/server.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let default_level = match cli.command {
        Command::Serve(_) => "info",
        Command::Admin(_) => "warn",
    };
    init_logging(cli.log_json, default_level);
    let outcome = match cli.command {
        Command::Serve(args) => run_serve(args),
        Command::Admin(args) => run_admin(args),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("journeylog-server: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Logs go to stderr; stdout carries only what scripts read (the listening line,
/// admin reports).
fn init_logging(json: bool, default_level: &str) {
    // refinery reports every startup check at info; only its warnings matter here.
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(format!("{default_level},refinery_core=warn")));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn run_serve(args: ServeArgs) -> Result<()> {
    let options = PoolOptions { max_connections: args.max_connections, ..PoolOptions::default() };
    let db = Db::open(&args.db.target(), options)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| ServerError::io("starting the async runtime", e))?;
    runtime.block_on(serve::serve(db, args.listen))
}

fn run_admin(args: AdminArgs) -> Result<()> {
    let options = PoolOptions { max_connections: 1, ..PoolOptions::default() };
    let db = Db::open(&args.db.target(), options)?;
    match args.command {
        AdminCommand::CreateEmployer { name } => print(&admin::create_employer(&db, &name)?, args.json),
        AdminCommand::AddUser { employer, name, role, program } => {
            print(&admin::add_user(&db, &employer, &name, role.into(), program.as_deref())?, args.json)
        }
        AdminCommand::AssignMentor { mentor, apprentice } => {
            print(&admin::assign_mentor(&db, &mentor, &apprentice)?, args.json)
        }
        AdminCommand::ImportProgram { employer, file } => {
            print(&admin::import_program(&db, &employer, &file)?, args.json)
        }
        AdminCommand::EnrollCode { user, expires_in_days } => {
            print(&admin::enroll_code(&db, &user, expires_in_days)?, args.json)
        }
        AdminCommand::RevokeDevice { client_id } => print(&admin::revoke_device(&db, &client_id)?, args.json),
        AdminCommand::RevokeKey { key_id } => print(&admin::revoke_key(&db, &key_id)?, args.json),
        AdminCommand::EmployerKey { employer } => print(&admin::employer_key(&db, &employer)?, args.json),
        AdminCommand::NewEpoch { employer } => print(&admin::new_epoch(&db, &employer)?, args.json),
    }
}

fn print(report: &impl Report, json: bool) -> Result<()> {
    let text = if json {
        serde_json::to_string(report).map_err(|e| ServerError::corrupt(format!("encoding the report: {e}")))?
    } else {
        report.sentences()
    };
    println!("{text}");
    Ok(())
}
