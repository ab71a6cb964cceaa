//! Errors as `application/problem+json` (RFC 9457) with the stable protocol codes.
//!
//! Internal failures are logged here, in full, and answered with a fixed text: a
//! client learns that something broke, never what the database said.

use std::any::Any;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use journeylog_proto::{PROBLEM_CONTENT_TYPE, PROTOCOL_HEADER, PROTOCOL_VERSION, Problem, codes};

use crate::error::ServerError;

const INTERNAL_DETAIL: &str = "the server failed to handle this request; it has been logged. Try again later";

impl IntoResponse for ServerError {
    fn into_response(self) -> Response {
        let (status, code, detail) = match &self {
            ServerError::BadRequest { code, detail } => (StatusCode::BAD_REQUEST, *code, detail.clone()),
            ServerError::Invalid(detail) => (StatusCode::BAD_REQUEST, codes::INVALID_BODY, detail.clone()),
            ServerError::Unauthorized(detail) => (StatusCode::UNAUTHORIZED, codes::UNAUTHORIZED, detail.clone()),
            ServerError::Forbidden(detail) => (StatusCode::FORBIDDEN, codes::FORBIDDEN, detail.clone()),
            ServerError::NotFound(detail) => (StatusCode::NOT_FOUND, codes::NOT_FOUND, detail.clone()),
            ServerError::MethodNotAllowed(detail) => {
                (StatusCode::METHOD_NOT_ALLOWED, codes::METHOD_NOT_ALLOWED, detail.clone())
            }
            ServerError::SeqGap { .. } => (StatusCode::CONFLICT, codes::SEQ_GAP, self.to_string()),
            ServerError::ResyncRequired(detail) => (StatusCode::CONFLICT, codes::RESYNC_REQUIRED, detail.clone()),
            ServerError::PayloadTooLarge { .. } => {
                (StatusCode::PAYLOAD_TOO_LARGE, codes::PAYLOAD_TOO_LARGE, self.to_string())
            }
            ServerError::UnsupportedMediaType(detail) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, codes::UNSUPPORTED_MEDIA_TYPE, detail.clone())
            }
            ServerError::UpgradeRequired(detail) => {
                (StatusCode::UPGRADE_REQUIRED, codes::UPGRADE_REQUIRED, detail.clone())
            }
            ServerError::Pool(e) => {
                tracing::warn!(error = %e, "no database connection came free in time");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    codes::UNAVAILABLE,
                    "the server is busy or its database is unreachable; try again shortly".to_owned(),
                )
            }
            ServerError::Sqlite(_)
            | ServerError::Postgres(_)
            | ServerError::Migration(_)
            | ServerError::Corrupt(_)
            | ServerError::Io { .. }
            | ServerError::Commit(_)
            | ServerError::Task(_) => {
                tracing::error!(error = %self, "request failed inside the server");
                (StatusCode::INTERNAL_SERVER_ERROR, codes::INTERNAL, INTERNAL_DETAIL.to_owned())
            }
        };
        let expected_seq = match &self {
            ServerError::SeqGap { expected, .. } => Some(*expected),
            _ => None,
        };
        let mut response = problem_response(status, code, detail, expected_seq);
        let headers = response.headers_mut();
        match status {
            StatusCode::UNAUTHORIZED => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"journeylog\""));
            }
            StatusCode::UPGRADE_REQUIRED => {
                headers.insert(PROTOCOL_HEADER, HeaderValue::from(PROTOCOL_VERSION));
            }
            StatusCode::SERVICE_UNAVAILABLE => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            }
            _ => {}
        }
        response
    }
}

fn problem_response(status: StatusCode, code: &str, detail: String, expected_seq: Option<u64>) -> Response {
    let title = status.canonical_reason().unwrap_or("Error");
    let problem = Problem { expected_seq, ..Problem::new(status.as_u16(), code, title, detail) };
    let body = serde_json::to_vec(&problem).unwrap_or_default();
    let mut response = (status, body).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_CONTENT_TYPE));
    response
}

/// A handler panicked (a bug): answer like any internal failure.
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!(panic = %what, "request handler panicked");
    problem_response(StatusCode::INTERNAL_SERVER_ERROR, codes::INTERNAL, INTERNAL_DETAIL.to_owned(), None)
}
