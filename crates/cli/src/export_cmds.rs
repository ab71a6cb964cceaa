//! `jlog export` and `jlog verify`.
//!
//! `verify` reads only the file it is given: it opens no logbook and needs no
//! network, because its whole point is that a registration agency or a next
//! employer can check a bundle with nothing but this program. Its exit code is the
//! answer (0 only when everything in the bundle verifies), and its output says what
//! holds and names each thing that does not.

use std::path::Path;
use std::process::ExitCode;

use journeylog_core::duration::format_minutes;
use journeylog_core::export::bundle::{BundleReport, verify_bundle};
use journeylog_core::export::xapi::LrsTarget;
use journeylog_core::export::{ExportFormat, ExportRequest, PdfSections};
use journeylog_core::model::DateRange;
use journeylog_core::{CoreError, Journal};

use crate::args::{ExportArgs, FormatArg, SectionArg};
use crate::render;

pub fn export(journal: &mut Journal, args: ExportArgs) -> Result<(), CoreError> {
    let range = DateRange { from: args.from.unwrap_or_default(), to: args.to.unwrap_or_default() };
    let format = match args.format {
        FormatArg::Pdf => ExportFormat::Pdf,
        FormatArg::Csv => ExportFormat::Csv,
        FormatArg::Json => ExportFormat::Json,
        FormatArg::Xapi => ExportFormat::Xapi,
    };
    if args.lrs.is_some() && format != ExportFormat::Xapi {
        return Err(CoreError::invalid("lrs", "--lrs posts xAPI statements; use it with --format xapi"));
    }
    if !args.omit.is_empty() && format != ExportFormat::Pdf {
        return Err(CoreError::invalid("omit", "--omit chooses PDF sections; use it with --format pdf"));
    }
    let mut quiet = |_| {};
    if let Some(out) = args.out {
        let request = ExportRequest {
            format,
            range: range.clone(),
            out_path: out.display().to_string(),
            sections: sections(&args.omit),
        };
        let report = journal.export(&request, &mut quiet)?;
        let files = report.files.join(", ");
        println!("Wrote {files}: {} entries, {} bytes.", report.entries, report.bytes);
        println!("Bundle hash {}", report.bundle_hash);
    }
    if let Some(endpoint) = args.lrs {
        let target =
            LrsTarget { endpoint, user: args.user.unwrap_or_default(), password: args.password.unwrap_or_default() };
        let report = journal.post_xapi(range, &target, &mut quiet)?;
        println!(
            "Posted {} statements to {} in {} requests: {} stored or already there.",
            report.statements, report.endpoint, report.requests, report.accepted
        );
        for id in &report.conflicts {
            eprintln!("warning: the LRS already holds statement {id} with other content; it keeps its copy");
        }
    }
    Ok(())
}

fn sections(omit: &[SectionArg]) -> PdfSections {
    let mut s = PdfSections::default();
    for section in omit {
        match section {
            SectionArg::WorkProcesses => s.work_processes = false,
            SectionArg::Rti => s.rti = false,
            SectionArg::Certifications => s.certifications = false,
            SectionArg::Signoffs => s.signoffs = false,
            SectionArg::Appendix => s.appendix = false,
        }
    }
    s
}

/// Exit 0 when everything verifies, 1 when something in the bundle fails, 3 when the
/// file can't be read as a bundle at all.
pub fn verify(file: &Path, employer_key: Option<&str>, json: bool) -> ExitCode {
    let checked = std::fs::read_to_string(file)
        .map_err(|e| CoreError::io(format!("reading {}", file.display()), e))
        .and_then(|text| verify_bundle(&text, employer_key));
    let report = match checked {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {} is not a bundle this verifier can check: {e}", file.display());
            return ExitCode::from(3);
        }
    };
    if json {
        if let Err(e) = render::json(&report) {
            eprintln!("error: {e}");
            return ExitCode::from(3);
        }
    } else {
        print_report(&report);
    }
    if report.ok() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

fn print_report(r: &BundleReport) {
    println!(
        "Bundle of {} ({}) in {} ({}), {} to {}",
        r.apprentice_name, r.apprentice_id, r.program_title, r.program_id, r.from, r.to
    );
    println!("  {} records, {} sign-offs, bundle hash {}", r.records, r.signoffs, r.bundle_hash);
    match (&r.employer_name, &r.employer_fingerprint) {
        (Some(name), Some(fp)) if r.employer_pinned => println!("  Employer {name}: key {fp}, the key you gave"),
        (Some(name), Some(fp)) => println!(
            "  Employer {name}: key {fp}\n  Not pinned: compare that fingerprint with the one {name} publishes, or pass --employer-key"
        ),
        _ => println!("  No trusted employer statement: no sign-off in this bundle can be trusted"),
    }
    println!("\nSigned OJL hours per work process");
    let width = r.processes.iter().map(|p| p.code.len()).max().unwrap_or(0);
    for p in &r.processes {
        let by = if p.signed_by.is_empty() { String::new() } else { format!("  signed by {}", p.signed_by.join(", ")) };
        println!(
            "  {:<width$}  {:>8} signed of {:>8} logged (standard {} h)  {}{by}",
            p.code,
            format_minutes(p.signed_minutes),
            format_minutes(p.logged_minutes),
            p.min_hours,
            p.title,
        );
    }
    let by =
        if r.rti_signed_by.is_empty() { String::new() } else { format!("  signed by {}", r.rti_signed_by.join(", ")) };
    println!(
        "Related instruction: {} signed of {} logged{by}",
        format_minutes(r.rti_signed_minutes),
        format_minutes(r.rti_logged_minutes)
    );
    if !r.milestones.is_empty() {
        println!("\nMilestones signed off");
        for m in &r.milestones {
            println!("  {}  by {} at {} (sign-off {})", m.code, m.signed_by, m.signed_at, m.signoff_id);
        }
    }
    if r.ok() {
        println!("\nVerified: every record and sign-off in this bundle checks out.");
    } else {
        println!("\nNOT VERIFIED: {} problem{} found", r.failures.len(), if r.failures.len() == 1 { "" } else { "s" });
        for f in &r.failures {
            println!("  {}: {}", f.subject, f.message);
        }
    }
}
