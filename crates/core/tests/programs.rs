//! Program standards: the bundled templates, program files in and out, broken files,
//! and replacing the enrolled program.

mod common;

use std::path::{Path, PathBuf};

use common::{Log, SMALL_HYBRID, TODAY, ojl, path_str};
use journeylog_core::CoreError;
use journeylog_core::model::{Approach, ProgramChoice, ProgramStandard};
use journeylog_core::programs::{self, Format, check_program, parse_program, read_program_file};

const IDS: [&str; 5] = ["mra-phase-1", "mra-phase-2", "atap-cloud-support", "uxdr", "dol-time-based"];

fn template_file(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("programs").join(format!("{id}.toml"))
}

/// The error of a broken program file, checked for its code and source name.
fn program_file_error(result: Result<ProgramStandard, CoreError>, source_name: &str) -> String {
    let err = result.expect_err("the program file should be refused");
    assert_eq!(err.code(), "program_file", "{err}");
    let message = err.to_string();
    assert!(message.starts_with(&format!("program file {source_name}: ")), "{message}");
    message
}

#[test]
fn every_bundled_template_parses_and_passes_the_checks() {
    for id in IDS {
        let program = programs::template(id).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(program.id, id);
        check_program(&program).unwrap_or_else(|e| panic!("{id}: {e}"));
        // The files on disk are the same documents.
        let from_file = read_program_file(&template_file(id)).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(from_file, program);
        // Plausible as a standard: at least 2,000 h, wage steps rising, one start step.
        assert!(program.term_hours >= 2000, "{id}");
        assert!(!program.work_processes.is_empty() && !program.courses.is_empty(), "{id}");
        let starts =
            program.wage_steps.iter().filter(|s| s.trigger == journeylog_core::model::WageTrigger::Start).count();
        assert_eq!(starts, 1, "{id}");
    }
    let approaches: Vec<Approach> = IDS.iter().map(|id| programs::template(id).expect("template").approach).collect();
    assert!(approaches.contains(&Approach::Hybrid));
    assert!(approaches.contains(&Approach::TimeBased));
    assert!(approaches.contains(&Approach::CompetencyBased));
}

#[test]
fn the_template_list_has_five_entries_that_say_their_hours_are_illustrative() {
    let list = programs::templates();
    assert_eq!(list.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), IDS);
    for info in &list {
        let program = programs::template(&info.id).expect("template");
        assert_eq!(info.title, program.title);
        assert_eq!(info.term_hours, program.term_hours);
        assert_eq!(info.approach, program.approach);
        assert_eq!(info.work_process_count as usize, program.work_processes.len());
        let notice = info.notice.as_deref().expect("every template carries a notice").to_lowercase();
        assert!(notice.contains("illustrative"), "{}: {notice}", info.id);
        assert!(notice.contains("hour"), "{}: {notice}", info.id);
    }
}

#[test]
fn exported_programs_read_back_equal_in_toml_and_json() {
    for id in IDS {
        let mut log = Log::template(id, "2026-01-05", TODAY);
        let original = programs::template(id).expect("template");
        for name in ["exported.toml", "exported.json"] {
            let path = log.dir.path().join(name);
            log.journal.export_program(&path).expect("export");
            let text = std::fs::read_to_string(&path).expect("read export");
            if name.ends_with(".json") {
                assert!(text.trim_start().starts_with('{'), "{id}: JSON export");
            } else {
                assert!(text.contains(&format!("id = \"{id}\"")), "{id}: TOML export");
            }
            let back = read_program_file(&path).unwrap_or_else(|e| panic!("{id} {name}: {e}"));
            assert_eq!(back, original, "{id} {name}");
        }
    }
    // The small hybrid program, with a competency and an optional max, round-trips too.
    let program = parse_program("small", SMALL_HYBRID, Format::Toml).expect("small program");
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["p.toml", "p.JSON"] {
        let path = dir.path().join(name);
        programs::write_program_file(&program, &path).expect("write");
        assert_eq!(read_program_file(&path).expect("read back"), program, "{name}");
    }
}

#[test]
fn broken_program_files_are_refused_with_the_problem_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path
    };

    let path = write("unknown.toml", &SMALL_HYBRID.replace("term_hours = 100", "term_hours = 100\nterm_weeks = 3"));
    let message = program_file_error(read_program_file(&path), &path.display().to_string());
    assert!(message.contains("unknown field") && message.contains("term_weeks"), "{message}");

    let wp_typo = SMALL_HYBRID.replace("min_hours = 80", "min_hours = 80\nmax_hour = 90");
    let path = write("wp-typo.toml", &wp_typo);
    let message = program_file_error(read_program_file(&path), &path.display().to_string());
    assert!(message.contains("max_hour"), "{message}");
    assert!(message.contains("(line "), "a TOML error says where: {message}");

    let path = write("dup.toml", &SMALL_HYBRID.replace("code = \"B\"", "code = \"A\""));
    let message = program_file_error(read_program_file(&path), &path.display().to_string());
    assert!(message.ends_with("work process code \"A\" appears twice"), "{message}");

    let dangling = SMALL_HYBRID
        .replace("{ kind = \"work_process_hours\", code = \"A\"", "{ kind = \"work_process_hours\", code = \"Z\"");
    let path = write("dangling.toml", &dangling);
    let message = program_file_error(read_program_file(&path), &path.display().to_string());
    assert!(
        message.ends_with("milestone M1 refers to work process \"Z\", which the program does not define"),
        "{message}"
    );

    let wage = SMALL_HYBRID.replace(
        "trigger = { kind = \"milestone\", code = \"M1\" }",
        "trigger = { kind = \"milestone\", code = \"M9\" }",
    );
    let path = write("wage.toml", &wage);
    let message = program_file_error(read_program_file(&path), &path.display().to_string());
    assert!(message.contains("refers to milestone \"M9\""), "{message}");

    let path = write("range.toml", &SMALL_HYBRID.replace("max_hours = 30", "max_hours = 10"));
    let message = program_file_error(read_program_file(&path), &path.display().to_string());
    assert!(message.ends_with("work process A: max_hours 10 is below min_hours 20"), "{message}");

    let path = write("syntax.toml", "id = \"x\nterm_hours = 3");
    program_file_error(read_program_file(&path), &path.display().to_string());

    let mut json: serde_json::Value =
        serde_json::to_value(parse_program("small", SMALL_HYBRID, Format::Toml).expect("small")).expect("json");
    json["work_processes"][0]["hours"] = serde_json::json!(5);
    let path = write("unknown.json", &json.to_string());
    let message = program_file_error(read_program_file(&path), &path.display().to_string());
    assert!(message.contains("unknown field") && message.contains("hours"), "{message}");

    let missing = dir.path().join("missing.toml");
    let message = program_file_error(read_program_file(&missing), &missing.display().to_string());
    assert!(message.contains("cannot be read"), "{message}");
}

#[test]
fn check_program_names_each_inconsistency() {
    let good = parse_program("small", SMALL_HYBRID, Format::Toml).expect("small");
    let mut p = good.clone();
    p.work_processes.clear();
    assert_eq!(check_program(&p), Err("a program needs at least one work process".into()));
    let mut p = good.clone();
    p.term_hours = 0;
    assert_eq!(check_program(&p), Err("term_hours must be more than zero".into()));
    let mut p = good.clone();
    p.id = "has space".into();
    assert!(check_program(&p).is_err_and(|e| e.contains("\"has space\"")));
    let mut p = good.clone();
    p.courses.push(p.courses[0].clone());
    assert_eq!(check_program(&p), Err("course code \"C1\" appears twice".into()));
    let mut p = good.clone();
    p.wage_steps[1].percent = 0;
    assert!(check_program(&p).is_err_and(|e| e.contains("percent 0 must be between 1 and 100")));
    let mut p = good;
    p.milestones[0].criteria.clear();
    assert_eq!(check_program(&p), Err("milestone M1 has no criteria".into()));
}

#[test]
fn replacing_the_program_with_a_file_keeps_the_entries() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    log.log("2026-03-02", "8", "WP1");
    let path = log.write_file("custom.toml", SMALL_HYBRID);
    let profile = log.journal.replace_program(ProgramChoice::File { path: path_str(&path) }).expect("replace");
    assert_eq!(profile.program.id, "test-hybrid");
    assert_eq!(profile.enrollment.program_id, "test-hybrid");
    assert_eq!(profile.enrollment.start_date, common::d("2026-01-05"));
    assert_eq!(log.journal.program().expect("program"), parse_program("x", SMALL_HYBRID, Format::Toml).expect("x"));
    assert_eq!(log.ojl_count(), 1);
    // The new program's rules apply from now on.
    log.log("2026-03-01", "8", "A");
    let err = log.journal.log_ojl(ojl("2026-02-27", "8", "WP1")).expect_err("WP1 is gone");
    assert_eq!(err.field(), Some("work_process"));

    // A broken file is refused and the program stays as it was.
    let broken = log.write_file("broken.toml", &SMALL_HYBRID.replace("code = \"B\"", "code = \"A\""));
    let err = log.journal.replace_program(ProgramChoice::File { path: path_str(&broken) }).expect_err("broken");
    assert_eq!(err.code(), "program_file");
    assert_eq!(log.journal.program().expect("program").id, "test-hybrid");
    // An unknown template too.
    let err = log.journal.replace_program(ProgramChoice::Template { id: "nope".into() }).expect_err("unknown");
    assert_eq!(err.field(), Some("program"));
    // Back to a template, which survives a reopen.
    log.journal.replace_program(ProgramChoice::Template { id: "uxdr".into() }).expect("template");
    let mut log = log.reopen(TODAY);
    assert_eq!(log.journal.program().expect("program").id, "uxdr");
    assert_eq!(log.ojl_count(), 2);
}

#[test]
fn a_profile_can_start_from_a_json_program_file() {
    let program = parse_program("small", SMALL_HYBRID, Format::Toml).expect("small");
    let mut log = Log::empty(TODAY);
    let path = log.write_file("program.json", &serde_json::to_string(&program).expect("json"));
    let input = common::profile_input(ProgramChoice::File { path: path_str(&path) }, "2026-01-05", "", "");
    let profile = log.journal.create_profile(input).expect("profile from JSON");
    assert_eq!(profile.program, program);
    // A broken file refuses the profile and stores nothing.
    let broken = log.write_file("broken.json", "{\"id\": \"x\"}");
    let mut fresh = Log::empty(TODAY);
    let input = common::profile_input(ProgramChoice::File { path: path_str(&broken) }, "2026-01-05", "", "");
    assert_eq!(fresh.journal.create_profile(input).expect_err("broken").code(), "program_file");
    assert!(fresh.journal.profile().expect("profile").is_none());
}
