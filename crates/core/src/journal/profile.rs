//! Creating the profile, choosing the program, and settings.

use std::path::Path;

use crate::duration::parse_minutes;
use crate::error::{CoreError, Result};
use crate::model::{Enrollment, Profile, ProfileInput, ProgramChoice, ProgramStandard};
use crate::programs;
use crate::settings::Settings;
use crate::store::{self, now_timestamp};
use crate::validate::{self, parse_date, require_text};

use super::Journal;

impl Journal {
    /// The profile, or `None` before the first-run setup.
    pub fn profile(&mut self) -> Result<Option<Profile>> {
        let data_dir = self.data_dir.display().to_string();
        self.store.read(|tx| {
            let Some(enrollment) = store::profile::enrollment(tx)? else { return Ok(None) };
            let program = store::profile::program(tx, &enrollment.program_id)?;
            Ok(Some(Profile { enrollment, program, data_dir }))
        })
    }

    /// First-run setup: who the apprentice is, which program, since when.
    pub fn create_profile(&mut self, input: ProfileInput) -> Result<Profile> {
        let name = require_text("apprentice_name", &input.apprentice_name, 120)?;
        let start_date = parse_date("start_date", &input.start_date)?;
        let today = self.today();
        if start_date > today {
            // A start date a little ahead is normal when enrolling before day one.
            let limit = today + chrono::Days::new(366);
            if start_date > limit {
                return Err(CoreError::invalid(
                    "start_date",
                    format!("start date {start_date} is more than a year ahead; check the year"),
                ));
            }
        }
        let prior_ojl_minutes = optional_hours("prior_ojl_hours", &input.prior_ojl_hours)?;
        let prior_rti_minutes = optional_hours("prior_rti_hours", &input.prior_rti_hours)?;
        let (program, source) = load_program(&input.program)?;
        if prior_ojl_minutes > program.term_hours * 60 {
            return Err(CoreError::invalid(
                "prior_ojl_hours",
                format!(
                    "prior OJL credit of {} is more than the program's whole term of {}:00",
                    crate::duration::format_minutes(u64::from(prior_ojl_minutes)),
                    program.term_hours
                ),
            ));
        }
        let enrollment = Enrollment {
            apprentice_name: name,
            program_id: program.id.clone(),
            start_date,
            prior_ojl_minutes,
            prior_rti_minutes,
            version: 1,
            created_at: now_timestamp(),
        };
        self.store.write(|tx| {
            if store::profile::enrollment(tx)?.is_some() {
                return Err(CoreError::ProfileExists);
            }
            store::profile::put_program(tx, &program, source)?;
            store::profile::insert_enrollment(tx, &enrollment)
        })?;
        Ok(Profile { enrollment, program, data_dir: self.data_dir.display().to_string() })
    }

    /// Replaces the enrolled program with an edited template or a program file.
    ///
    /// Entries whose work process or course the new program lacks stay stored and
    /// keep counting in the OJL and RTI totals, though under no work process.
    pub fn replace_program(&mut self, choice: ProgramChoice) -> Result<Profile> {
        let (program, source) = load_program(&choice)?;
        self.store.write(|tx| {
            store::profile::enrollment(tx)?.ok_or(CoreError::NoProfile)?;
            store::profile::put_program(tx, &program, source)?;
            store::profile::set_enrollment_program(tx, &program.id)
        })?;
        self.profile()?.ok_or(CoreError::NoProfile)
    }

    /// Writes the enrolled program to a file (TOML, or JSON for `.json`).
    pub fn export_program(&mut self, path: &Path) -> Result<()> {
        let (_, program) = self.context()?;
        programs::write_program_file(&program, path)
    }

    pub fn program(&mut self) -> Result<ProgramStandard> {
        Ok(self.context()?.1)
    }

    pub fn settings(&mut self) -> Result<Settings> {
        self.store.read(store::profile::settings)
    }

    pub fn save_settings(&mut self, settings: Settings) -> Result<Settings> {
        let cleaned = Settings {
            default_work_process: validate::limit_text("default_work_process", &settings.default_work_process, 40)?,
            ..settings
        };
        if !cleaned.default_work_process.is_empty()
            && let Ok((_, program)) = self.context()
        {
            validate::work_process_exists(&program, &cleaned.default_work_process)
                .map_err(|e| CoreError::invalid("default_work_process", e.to_string()))?;
        }
        self.store.write(|tx| store::profile::put_settings(tx, &cleaned))?;
        Ok(cleaned)
    }
}

fn optional_hours(field: &str, text: &str) -> Result<u32> {
    if text.trim().is_empty() { Ok(0) } else { parse_minutes(field, text) }
}

fn load_program(choice: &ProgramChoice) -> Result<(ProgramStandard, &'static str)> {
    match choice {
        ProgramChoice::Template { id } => Ok((programs::template(id)?, "template")),
        ProgramChoice::File { path } => Ok((programs::read_program_file(Path::new(path))?, "file")),
    }
}
