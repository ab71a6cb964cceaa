//! [`Journal`]: the one door front ends use, with one method per user action.
//!
//! A method parses the raw input, checks every rule against the stored state, and
//! writes in a single transaction (with its outbox row). Front ends stay thin: the
//! desktop shell and the CLI deserialize, call one method, and show the result or
//! the error's `{code, message, field}`.

mod apprentice_records;
mod certifications;
mod entries;
mod mentor;
mod profile;
pub(crate) mod review;
mod sync;
mod views;

pub use views::week_start;

pub(crate) use review::{Approvals, approvals, requested_milestones};

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{CoreError, Result};
use crate::model::{Enrollment, ProgramStandard};
use crate::store::{self, Store};

/// Where "today" comes from. Tests and the demo seeder fix it; the apps use the
/// local calendar date, since a shift is logged on the day the apprentice worked it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(NaiveDate),
}

impl Clock {
    pub fn today(self) -> NaiveDate {
        match self {
            Clock::System => chrono::Local::now().date_naive(),
            Clock::Fixed(date) => date,
        }
    }
}

/// An open logbook.
#[derive(Debug)]
pub struct Journal {
    pub(crate) store: Store,
    clock: Clock,
    data_dir: PathBuf,
    /// The verified approvals and the store's change stamp they were built at.
    approvals: Option<((i64, u64), std::sync::Arc<Approvals>)>,
}

impl Journal {
    /// Opens the logbook at `db_path`; its folder also holds certification evidence.
    pub fn open(db_path: &Path) -> Result<Journal> {
        let store = Store::open(db_path)?;
        let data_dir = db_path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Journal { store, clock: Clock::System, data_dir, approvals: None })
    }

    pub fn with_clock(mut self, clock: Clock) -> Journal {
        self.clock = clock;
        self
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Where this logbook lives, for display; `version` is the front end's own.
    pub fn app_info(&self, version: &str) -> crate::model::AppInfo {
        crate::model::AppInfo {
            version: version.to_owned(),
            data_dir: self.data_dir.display().to_string(),
            db_path: self.store.path().display().to_string(),
            schema_version: store::SCHEMA_VERSION as u32,
        }
    }

    /// The verified approvals, rebuilt only when the database changed since the last
    /// build: verifying every sign-off and hashing every approved entry costs tens of
    /// milliseconds on a long log, and the dashboard asks often.
    pub(crate) fn cached_approvals(&mut self) -> Result<std::sync::Arc<Approvals>> {
        let stamp = self.store.change_stamp()?;
        if let Some((at, cached)) = &self.approvals
            && *at == stamp
        {
            return Ok(std::sync::Arc::clone(cached));
        }
        let fresh = std::sync::Arc::new(self.store.read(approvals)?);
        self.approvals = Some((stamp, std::sync::Arc::clone(&fresh)));
        Ok(fresh)
    }

    /// The enrollment and its program, or [`CoreError::NoProfile`].
    pub(crate) fn context(&mut self) -> Result<(Enrollment, ProgramStandard)> {
        self.store.read(|tx| {
            let enrollment = store::profile::enrollment(tx)?.ok_or(CoreError::NoProfile)?;
            let program = store::profile::program(tx, &enrollment.program_id)?;
            Ok((enrollment, program))
        })
    }
}
