//! Program standards: the bundled templates, and program files in and out.
//!
//! A program file is TOML or JSON with the fields of [`ProgramStandard`]
//! (docs/programs.md). Templates ship inside the binary so a first run needs no
//! network; each is an ordinary program file the sponsor can export, edit and
//! import back.

mod check;

use std::path::Path;

use crate::error::{CoreError, Result};
use crate::model::{ProgramStandard, TemplateInfo};

pub use check::check_program;

/// (id, TOML text) of each bundled template, in the order they are offered.
const TEMPLATES: &[(&str, &str)] = &[
    ("mra-phase-1", include_str!("../../programs/mra-phase-1.toml")),
    ("mra-phase-2", include_str!("../../programs/mra-phase-2.toml")),
    ("atap-cloud-support", include_str!("../../programs/atap-cloud-support.toml")),
    ("uxdr", include_str!("../../programs/uxdr.toml")),
    ("dol-time-based", include_str!("../../programs/dol-time-based.toml")),
];

/// The bundled templates, for pickers and `jlog programs`.
pub fn templates() -> Vec<TemplateInfo> {
    TEMPLATES
        .iter()
        .filter_map(|(id, _)| template(id).ok())
        .map(|p| TemplateInfo {
            work_process_count: p.work_processes.len() as u32,
            id: p.id,
            title: p.title,
            occupation: p.occupation,
            approach: p.approach,
            term_hours: p.term_hours,
            notice: p.notice,
        })
        .collect()
}

/// A bundled template by id.
pub fn template(id: &str) -> Result<ProgramStandard> {
    let (_, text) = TEMPLATES.iter().find(|(tid, _)| *tid == id).ok_or_else(|| {
        let ids: Vec<&str> = TEMPLATES.iter().map(|(id, _)| *id).collect();
        CoreError::invalid("program", format!("there is no template \"{id}\"; the templates are {}", ids.join(", ")))
    })?;
    parse_program(&format!("template {id}"), text, Format::Toml)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
}

/// Reads and checks a program file; `.json` files are JSON, anything else TOML.
pub fn read_program_file(path: &Path) -> Result<ProgramStandard> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| CoreError::ProgramFile { source_name: name.clone(), message: format!("cannot be read: {e}") })?;
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("json") => Format::Json,
        _ => Format::Toml,
    };
    parse_program(&name, &text, format)
}

/// Parses and checks a program document.
pub fn parse_program(source_name: &str, text: &str, format: Format) -> Result<ProgramStandard> {
    let program: ProgramStandard = match format {
        Format::Toml => toml::from_str(text).map_err(|e| CoreError::ProgramFile {
            source_name: source_name.to_owned(),
            message: e.message().to_owned() + &location(text, e.span()),
        })?,
        Format::Json => serde_json::from_str(text)
            .map_err(|e| CoreError::ProgramFile { source_name: source_name.to_owned(), message: e.to_string() })?,
    };
    check_program(&program)
        .map_err(|message| CoreError::ProgramFile { source_name: source_name.to_owned(), message })?;
    Ok(program)
}

fn location(text: &str, span: Option<std::ops::Range<usize>>) -> String {
    match span {
        Some(span) => {
            let line = text[..span.start.min(text.len())].lines().count().max(1);
            format!(" (line {line})")
        }
        None => String::new(),
    }
}

/// Writes a program as TOML (or JSON when the path ends in `.json`).
pub fn write_program_file(program: &ProgramStandard, path: &Path) -> Result<()> {
    let is_json = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let text = if is_json {
        serde_json::to_string_pretty(program).map_err(|e| CoreError::Internal(e.to_string()))?
    } else {
        toml::to_string_pretty(program).map_err(|e| CoreError::Internal(e.to_string()))?
    };
    std::fs::write(path, text).map_err(|e| CoreError::io(format!("writing {}", path.display()), e))
}
