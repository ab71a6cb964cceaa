//! Preferences that belong to the logbook rather than to one window, so the CLI and
//! every window of the app agree on them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HoursDisplay {
    /// `7:30`
    #[default]
    Clock,
    /// `7.5`
    Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Settings {
    pub theme: Theme,
    pub hours_display: HoursDisplay,
    /// Pre-selected in the log form; empty for none.
    pub default_work_process: String,
}
