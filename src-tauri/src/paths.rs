//! Where the logbook lives on disk.
//!
//! By default the platform's app data directory (on Linux
//! `$XDG_DATA_HOME/org.journeylog.app`). `JOURNEYLOG_DATA_DIR` overrides it, so tests and
//! benchmarks can run against a fresh or seeded directory without touching the user's.

use std::error::Error;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use tauri::{AppHandle, Manager, Runtime};

/// Environment variable naming the data directory, overriding the platform default.
pub const DATA_DIR_ENV: &str = "JOURNEYLOG_DATA_DIR";
/// File name of the logbook database inside the data directory.
pub const DB_FILE_NAME: &str = "journeylog.sqlite3";

/// The resolved on-disk locations, kept in Tauri's managed state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppPaths {
    /// The directory holding the database (and anything else the app stores).
    pub data_dir: PathBuf,
    /// `data_dir/journeylog.sqlite3`.
    pub db_path: PathBuf,
}

impl AppPaths {
    /// The paths for a given data directory.
    pub fn in_dir(data_dir: impl Into<PathBuf>) -> Self {
        let data_dir = data_dir.into();
        let db_path = data_dir.join(DB_FILE_NAME);
        Self { data_dir, db_path }
    }

    /// Resolves the data directory (override or platform default) and creates it.
    pub fn resolve<R: Runtime>(app: &AppHandle<R>) -> Result<Self, Box<dyn Error>> {
        let dir = choose_dir(std::env::var_os(DATA_DIR_ENV), || Ok(app.path().app_data_dir()?))?;
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create data directory {}: {e}", dir.display()))?;
        Ok(Self::in_dir(dir))
    }
}

/// A non-empty override wins (made absolute); otherwise the platform default.
fn choose_dir(
    override_dir: Option<OsString>,
    default: impl FnOnce() -> Result<PathBuf, Box<dyn Error>>,
) -> Result<PathBuf, Box<dyn Error>> {
    match override_dir.filter(|d| !d.is_empty()) {
        Some(dir) => Ok(std::path::absolute(Path::new(&dir))?),
        None => default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn db_file_sits_in_the_data_dir() {
        let paths = AppPaths::in_dir("/tmp/jl");
        assert_eq!(paths.db_path, PathBuf::from("/tmp/jl/journeylog.sqlite3"));
    }

    #[test]
    fn override_wins_and_is_made_absolute() -> Result<(), Box<dyn Error>> {
        let dir = choose_dir(Some("rel/dir".into()), || Err("unused".into()))?;
        assert!(dir.is_absolute());
        assert!(dir.ends_with("rel/dir"));
        Ok(())
    }

    #[test]
    fn empty_override_falls_back_to_default() -> Result<(), Box<dyn Error>> {
        let dir = choose_dir(Some(OsString::new()), || Ok(PathBuf::from("/default")))?;
        assert_eq!(dir, PathBuf::from("/default"));
        let dir = choose_dir(None, || Ok(PathBuf::from("/default")))?;
        assert_eq!(dir, PathBuf::from("/default"));
        Ok(())
    }
}
