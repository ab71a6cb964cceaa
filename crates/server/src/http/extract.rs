//! Request decoding that answers in the protocol's terms.
//!
//! axum's stock extractors reject with plain-text bodies; these wrap them so every
//! refusal is a problem document with a stable code, and so a body is checked for
//! size, media type and shape in that order.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use journeylog_proto::{MAX_BODY_BYTES, PROTOCOL_HEADER, PROTOCOL_VERSION, codes};
use serde::de::DeserializeOwned;

use super::AppState;
use crate::auth::{self, Caller};
use crate::error::ServerError;

/// Refuses requests without `Journeylog-Protocol: 1` (or newer) with 426.
pub async fn require_protocol(request: Request, next: Next) -> Response {
    let version = request.headers().get(PROTOCOL_HEADER).and_then(|v| v.to_str().ok()).map(str::trim);
    match version.map(str::parse::<u32>) {
        Some(Ok(v)) if v >= PROTOCOL_VERSION => next.run(request).await,
        Some(Ok(v)) => ServerError::UpgradeRequired(format!(
            "this client speaks journeylog-sync {v}; the server needs {PROTOCOL_VERSION}. Update Journeylog"
        ))
        .into_response(),
        _ => ServerError::UpgradeRequired(format!(
            "send the header {PROTOCOL_HEADER}: {PROTOCOL_VERSION}; this server speaks journeylog-sync {PROTOCOL_VERSION}"
        ))
        .into_response(),
    }
}

/// A JSON body of type `T`: `application/json`, at most [`MAX_BODY_BYTES`], and
/// exactly the fields `T` knows.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ServerError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let essence = content_type.split(';').next().unwrap_or("").trim();
        if !essence.eq_ignore_ascii_case("application/json") {
            let got = if essence.is_empty() { "no Content-Type".to_owned() } else { format!("\"{essence}\"") };
            return Err(ServerError::UnsupportedMediaType(format!(
                "send the body as Content-Type: application/json (got {got})"
            )));
        }
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ServerError::PayloadTooLarge { limit: MAX_BODY_BYTES }
            } else {
                ServerError::bad_request(codes::INVALID_BODY, "the request body could not be read")
            }
        })?;
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|e| ServerError::bad_request(codes::INVALID_BODY, format!("the body is not valid: {e}")))
    }
}

/// The token of `Authorization: Bearer <token>`, not yet checked: for handlers that
/// check it inside the transaction they run anyway (see [`BearerToken::authenticate`]).
#[derive(Debug, Clone)]
pub struct BearerToken(String);

impl BearerToken {
    /// Resolves the token to its caller inside `tx`.
    pub fn authenticate(&self, tx: &mut dyn crate::db::Tx) -> Result<Caller, ServerError> {
        auth::authenticate(tx, &self.0)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for BearerToken {
    type Rejection = ServerError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let header_value = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
        header_value
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| BearerToken(token.trim().to_owned()))
            .ok_or_else(|| {
                ServerError::Unauthorized(
                    "send the device token as Authorization: Bearer <token>; enroll the device to get one".into(),
                )
            })
    }
}

/// The device behind `Authorization: Bearer <token>`.
#[derive(Debug, Clone)]
pub struct Authenticated(pub Caller);

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = ServerError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = BearerToken::from_request_parts(parts, state).await?;
        let caller = state.db.read_async(move |tx| token.authenticate(tx)).await?;
        log_caller(&caller);
        Ok(Authenticated(caller))
    }
}

/// Puts the device on the request's log line.
pub fn log_caller(caller: &Caller) {
    tracing::Span::current().record("client_id", tracing::field::display(&caller.client_id));
}
