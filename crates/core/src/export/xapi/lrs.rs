//! Posting statements to a Learning Record Store.
//!
//! Statements go in batches with `POST /statements` (the spec's preferred way for a
//! provider that sets its own ids). Re-sending is safe: an LRS must not store a
//! second statement under an id it holds. What it answers then varies: xAPI lets
//! it reply success for a matching statement, and it should reply `409 Conflict`
//! when the content differs, which many LRSs do for the whole batch. So a batch
//! answered 409 is sent again one statement at a time with `PUT
//! /statements?statementId=..`, where `204` means stored or already there and `409`
//! names exactly the statement that conflicts (docs/xapi.md, "Posting to an LRS").

use std::fmt;
use std::time::Duration;

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{CoreError, Result};
use crate::export::ExportStage;
use crate::journal::Journal;
use crate::model::DateRange;
use crate::sync::ServerUrl;

/// The xAPI version this export speaks, sent on every request.
pub const XAPI_VERSION: &str = "2.0.0";
/// Statements per POST. Small enough for any LRS's request limit.
pub const BATCH: usize = 100;

/// Where to post and as whom. The password never appears in `Debug` output,
/// messages or logs.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct LrsTarget {
    /// The LRS's xAPI endpoint, e.g. `https://lrs.example.com/xapi` (statements go to
    /// `{endpoint}/statements`).
    pub endpoint: String,
    pub user: String,
    pub password: String,
}

impl fmt::Debug for LrsTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LrsTarget")
            .field("endpoint", &self.endpoint)
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// What the LRS made of the statements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LrsReport {
    pub endpoint: String,
    /// Statements sent, voiding statements included.
    pub statements: u32,
    /// Stored now, or found already stored with the same content.
    pub accepted: u32,
    /// Ids the LRS holds with other content (it keeps its copy; see docs/xapi.md).
    pub conflicts: Vec<String>,
    /// HTTP requests made.
    pub requests: u32,
}

impl Journal {
    /// Builds the xAPI statements of `range` and posts them to the LRS in `target`.
    pub fn post_xapi(
        &mut self,
        range: DateRange,
        target: &LrsTarget,
        progress: &mut dyn FnMut(ExportStage),
    ) -> Result<LrsReport> {
        let lrs = Lrs::new(target)?;
        progress(ExportStage { label: "Reading the logbook".into(), percent: 0 });
        let snapshot = self.export_snapshot(range.clone())?;
        let statements = super::build(self, &snapshot, &range)?;
        lrs.post(&statements, progress)
    }
}

/// A checked LRS endpoint with its credentials.
struct Lrs {
    agent: ureq::Agent,
    endpoint: String,
    authorization: String,
}

impl Lrs {
    fn new(target: &LrsTarget) -> Result<Lrs> {
        // Credentials in the URL would end up in every message that names it.
        if target.endpoint.contains('@') {
            return Err(CoreError::invalid(
                "lrs",
                "put the LRS user name and password in their own fields (--user, --password), not in the URL",
            ));
        }
        let endpoint = ServerUrl::parse(&target.endpoint).map_err(|e| CoreError::invalid("lrs", format!("LRS {e}")))?;
        if target.user.trim().is_empty() {
            return Err(CoreError::invalid("user", "give the LRS user name (or key) the LRS issued for this export"));
        }
        let credentials = format!("{}:{}", target.user, target.password);
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(120)))
            .user_agent(concat!("journeylog/", env!("CARGO_PKG_VERSION")))
            .tls_config(crate::sync::os_tls())
            .build();
        Ok(Lrs {
            agent: config.into(),
            endpoint: endpoint.as_str().to_owned(),
            authorization: format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(credentials)),
        })
    }

    fn post(&self, statements: &[Value], progress: &mut dyn FnMut(ExportStage)) -> Result<LrsReport> {
        let mut report = LrsReport {
            endpoint: self.endpoint.clone(),
            statements: count(statements.len()),
            accepted: 0,
            conflicts: Vec::new(),
            requests: 0,
        };
        let batches = statements.len().div_ceil(BATCH).max(1);
        for (i, batch) in statements.chunks(BATCH).enumerate() {
            let percent = u32::try_from(i * 100 / batches).unwrap_or(100);
            progress(ExportStage { label: format!("Posting statements to the LRS ({}/{batches})", i + 1), percent });
            let (status, body) = self.send("POST", &format!("{}/statements", self.endpoint), &Value::from(batch))?;
            report.requests += 1;
            match status {
                200 | 204 => report.accepted += count(batch.len()),
                // Some statement is already there; find out which, one at a time.
                409 => self.put_each(batch, &mut report)?,
                _ => return Err(refusal(status, &body)),
            }
        }
        progress(ExportStage { label: "Done".into(), percent: 100 });
        Ok(report)
    }

    fn put_each(&self, batch: &[Value], report: &mut LrsReport) -> Result<()> {
        for statement in batch {
            let id = statement["id"].as_str().unwrap_or_default();
            let url = format!("{}/statements?statementId={id}", self.endpoint);
            let (status, body) = self.send("PUT", &url, statement)?;
            report.requests += 1;
            match status {
                200 | 204 => report.accepted += 1,
                409 => report.conflicts.push(id.to_owned()),
                _ => return Err(refusal(status, &body)),
            }
        }
        Ok(())
    }

    fn send(&self, method: &str, url: &str, body: &Value) -> Result<(u16, String)> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| CoreError::Internal(format!("an xAPI statement did not serialise: {e}")))?;
        let request = match method {
            "PUT" => self.agent.put(url),
            _ => self.agent.post(url),
        };
        let response = request
            .header("X-Experience-API-Version", XAPI_VERSION)
            .header("Authorization", &self.authorization)
            .header("Content-Type", "application/json")
            .send(&bytes[..])
            .map_err(|e| CoreError::Lrs { message: format!("can't reach the LRS at {} ({e})", self.endpoint) })?;
        let status = response.status().as_u16();
        let text = response.into_body().read_to_string().unwrap_or_default();
        Ok((status, text))
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The LRS's refusal as a message a person can act on.
fn refusal(status: u16, body: &str) -> CoreError {
    let said: String = body.chars().take(300).collect();
    let message = match status {
        401 | 403 => format!("the LRS refused the user name or password (HTTP {status})"),
        400 => format!("the LRS rejected the statements as invalid (HTTP 400): {said}"),
        _ => format!("the LRS answered HTTP {status}: {said}"),
    };
    CoreError::Lrs { message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(endpoint: &str) -> LrsTarget {
        LrsTarget { endpoint: endpoint.into(), user: "key".into(), password: "s3cret-pass".into() }
    }

    #[test]
    fn the_password_stays_out_of_debug_output() {
        let shown = format!("{:?}", target("https://lrs.example.com/xapi"));
        assert!(!shown.contains("s3cret-pass"), "{shown}");
        assert!(shown.contains("<redacted>") && shown.contains("lrs.example.com"), "{shown}");
    }

    #[test]
    fn plain_http_is_refused_except_to_this_machine() {
        let err = Lrs::new(&target("http://lrs.example.com/xapi")).err().expect("refused");
        assert_eq!(err.field(), Some("lrs"));
        assert!(err.to_string().contains("plain http"), "{err}");
        assert!(Lrs::new(&target("http://127.0.0.1:8080/xapi")).is_ok());
        assert!(Lrs::new(&target("https://lrs.example.com/xapi")).is_ok());
    }

    #[test]
    fn credentials_in_the_url_are_refused_without_echoing_them() {
        let err = Lrs::new(&target("https://key:hunter2@lrs.example.com/xapi")).err().expect("refused");
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }
}
