//! The command-line grammar.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "jlog", version, about = "Journeylog: log apprenticeship hours, coursework and certifications")]
pub struct Cli {
    /// The logbook database [default: the desktop app's own database]
    #[arg(long, global = true, env = "JOURNEYLOG_DB")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the logbook: who, which program, since when
    Init {
        #[arg(long)]
        name: String,
        /// A template id (see `jlog programs`) or a program file (.toml or .json)
        #[arg(long)]
        program: String,
        /// The enrollment start date, YYYY-MM-DD
        #[arg(long)]
        start: String,
        /// Credit for earlier experience, in hours (7.5, 7:30 or 7h30m)
        #[arg(long)]
        prior_ojl_hours: Option<String>,
        #[arg(long)]
        prior_rti_hours: Option<String>,
    },
    /// Connect this logbook to the employer's server with a one-time enrollment code
    Connect {
        /// e.g. https://journeylog.example.com (plain http only to this machine)
        #[arg(long)]
        server: String,
        /// The enrollment code from the employer's admin
        #[arg(long)]
        code: String,
        /// How the employer's admin sees this device [default: the host name]
        #[arg(long)]
        device_name: Option<String>,
    },
    /// Send local changes to the employer's server and take in new ones
    Sync {
        #[arg(long)]
        json: bool,
    },
    /// Where sync stands: server, pending changes, conflicts, last error
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Records changed on two devices, and choosing which version to keep
    Conflicts {
        #[command(subcommand)]
        command: Option<ConflictCommand>,
    },
    /// Changes the server refused, with its reasons
    Attention {
        #[command(subcommand)]
        command: Option<AttentionCommand>,
    },
    /// Log on-the-job learning hours
    Log {
        /// YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<String>,
        /// 7.5, 7:30 or 7h30m
        #[arg(long)]
        hours: String,
        /// Work process code, e.g. WP3
        #[arg(long)]
        process: String,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        site: Option<String>,
        #[arg(long)]
        supervisor: Option<String>,
        /// Earlier experience credited at enrollment (may predate the start)
        #[arg(long)]
        prior_credit: bool,
    },
    /// Log coursework (related technical instruction)
    Course {
        #[arg(long)]
        course: String,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        hours: String,
        /// The session was unpaid
        #[arg(long)]
        unpaid: bool,
        #[arg(long)]
        grade: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Certifications
    Cert {
        #[command(subcommand)]
        command: CertCommand,
    },
    /// Delete a draft entry by id (it is kept as a tombstone for sync)
    Delete { id: String },
    /// Submit the drafts in a date range for approval
    Submit {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
    },
    /// Correct an approved OJL entry: a new version for your mentor to approve again
    Amend {
        /// The entry's id (see `jlog list --json`)
        id: String,
        /// The corrected hours (7.5, 7:30 or 7h30m); unchanged when left out
        #[arg(long)]
        hours: Option<String>,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        process: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Ask your mentor to sign off a milestone whose criteria are met
    RequestSignoff {
        #[arg(long, value_name = "CODE")]
        milestone: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Mentors: review, approve and return apprentices' entries; sign milestones
    Review {
        #[command(subcommand)]
        command: ReviewCommand,
    },
    /// List entries, oldest first
    List {
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// One week, Monday to Sunday, with daily totals
    Week {
        /// Any date in the week [default: today]
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Where you stand against the program standard
    Progress {
        #[arg(long)]
        json: bool,
    },
    /// List the bundled program templates
    Programs {
        #[arg(long)]
        json: bool,
    },
    /// Export or import the logbook's program standard
    Program {
        #[command(subcommand)]
        command: ProgramCommand,
    },
    /// Write a progress summary: pdf, csv, json (the signed bundle) or xapi
    Export(ExportArgs),
    /// Check a signed bundle offline: prints the signed hours, exits 0 only if all of it verifies
    Verify {
        file: PathBuf,
        /// The fingerprint the employer publishes for its signing key (from
        /// `journeylog-server employer key`); without it, the employer is not pinned
        #[arg(long, value_name = "FINGERPRINT")]
        employer_key: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Seed realistic demo data (creates a profile if there is none)
    Demo {
        /// Months of history up to today
        #[arg(long, default_value_t = 6)]
        months: u32,
        /// Exactly this many OJL entries instead (for benchmarks)
        #[arg(long, conflicts_with = "months")]
        entries: Option<u32>,
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// The entries waiting for your decision, a week per apprentice at a time
    List {
        /// Only this apprentice (user id)
        #[arg(long)]
        apprentice: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Your apprentices, their approved hours and what waits for you
    Apprentices {
        #[arg(long)]
        json: bool,
    },
    /// Approve entries (one signature covers them all)
    Approve {
        /// Entry ids, or `all` for everything waiting (with --apprentice)
        #[arg(required = true)]
        ids: Vec<String>,
        #[arg(long)]
        apprentice: Option<String>,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// Return entries to the apprentice with a comment on what to fix
    Return {
        #[arg(required = true)]
        ids: Vec<String>,
        #[arg(long)]
        apprentice: Option<String>,
        #[arg(long)]
        comment: String,
    },
    /// Withdraw one of your sign-offs (a signed revocation)
    Revoke {
        /// The sign-off's id (printed when it was made)
        signoff_id: String,
        #[arg(long)]
        comment: String,
    },
    /// Sign off a milestone of an apprentice
    SignMilestone {
        #[arg(long)]
        apprentice: String,
        #[arg(long, value_name = "CODE")]
        milestone: String,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// Sign off one competency of a work process (competency-based and hybrid programs)
    SignCompetency {
        #[arg(long)]
        apprentice: String,
        #[arg(long, value_name = "CODE")]
        work_process: String,
        #[arg(long, value_name = "CODE")]
        competency: String,
        #[arg(long, default_value = "")]
        comment: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CertCommand {
    /// Record a certification
    Add {
        #[arg(long)]
        title: String,
        /// The program's required certification it satisfies
        #[arg(long)]
        code: Option<String>,
        #[arg(long)]
        issuer: Option<String>,
        #[arg(long)]
        credential_id: Option<String>,
        #[arg(long)]
        earned_on: String,
        #[arg(long)]
        expires_on: Option<String>,
        /// A file (scan, PDF) to keep as evidence
        #[arg(long)]
        evidence: Option<PathBuf>,
    },
    /// List certifications
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProgramCommand {
    /// Write the program to a file (.toml, or .json)
    Export { path: PathBuf },
    /// Replace the program with one from a file
    Import { path: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum ConflictCommand {
    /// List open conflicts (the default)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Keep one version of a record: `mine` (this device) or `theirs` (the server's)
    Resolve {
        /// The record id
        id: String,
        #[arg(long, value_parser = ["mine", "theirs"])]
        keep: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AttentionCommand {
    /// List refused changes (the default)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Mark a refused change as read; the record stays in the logbook
    Dismiss { mutation_id: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Pdf,
    Csv,
    Json,
    Xapi,
}

/// The PDF's optional sections (the cover is always there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SectionArg {
    WorkProcesses,
    Rti,
    Certifications,
    Signoffs,
    Appendix,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: FormatArg,
    /// First date, YYYY-MM-DD [default: the first entry]
    #[arg(long)]
    pub from: Option<String>,
    /// Last date, YYYY-MM-DD [default: today]
    #[arg(long)]
    pub to: Option<String>,
    /// The file to write (CSV also writes a summary beside it). With --lrs, optional
    #[arg(long, required_unless_present = "lrs")]
    pub out: Option<PathBuf>,
    /// PDF only: leave out a section (repeatable)
    #[arg(long, value_enum)]
    pub omit: Vec<SectionArg>,
    /// xapi only: post the statements to this LRS endpoint (its statements resource is
    /// {URL}/statements)
    #[arg(long, value_name = "URL", requires_all = ["user", "password"])]
    pub lrs: Option<String>,
    /// The LRS user name or key
    #[arg(long)]
    pub user: Option<String>,
    /// The LRS password or secret
    #[arg(long)]
    pub password: Option<String>,
}
