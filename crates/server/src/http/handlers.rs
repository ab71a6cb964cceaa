//! The route handlers: decode, authenticate, run one transaction, encode.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use journeylog_proto::{
    EnrollRequest, EnrollResponse, Health, KeysResponse, MentorKeyRecord, PROTOCOL_VERSION, PullResponse, PushRequest,
    PushResponse, RegisterKeyRequest, SignedKeyStatement,
};

use super::AppState;
use super::extract::{Authenticated, BearerToken, JsonBody, log_caller};
use crate::error::{Result, ServerError};
use crate::sync::pull::{self, PullQuery};
use crate::sync::{keys, push, statement};
use crate::{auth, time};

/// Is the server up and does its database answer?
#[utoipa::path(
    get,
    path = "/v1/health",
    tag = "service",
    responses(
        (status = 200, description = "The server and its database answer", body = Health),
        (status = 503, description = "The database does not answer", body = Health),
    )
)]
pub async fn health(State(state): State<AppState>) -> Response {
    let answered = state.db.read_async(|tx| tx.query("SELECT 1", &[]).map(|_| ())).await;
    let (status, text) = match answered {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::warn!(error = %e, "health check: the database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        }
    };
    let health = Health {
        status: text.to_owned(),
        protocol: PROTOCOL_VERSION,
        server_version: env!("CARGO_PKG_VERSION").to_owned(),
    };
    (status, Json(health)).into_response()
}

/// Trade a one-time enrollment code for a device token.
#[utoipa::path(
    post,
    path = "/v1/enroll",
    tag = "sync",
    params(("Journeylog-Protocol" = u32, Header, description = "Protocol version: 1")),
    request_body = EnrollRequest,
    responses(
        (status = 200, description = "The device is enrolled; the token is shown this once", body = EnrollResponse),
        (status = 400, description = "enrollment_code_invalid or invalid_body", body = journeylog_proto::Problem, content_type = "application/problem+json"),
        (status = 415, description = "unsupported_media_type", body = journeylog_proto::Problem, content_type = "application/problem+json"),
        (status = 426, description = "upgrade_required", body = journeylog_proto::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn enroll(State(state): State<AppState>, JsonBody(request): JsonBody<EnrollRequest>) -> Result<Response> {
    let response = state.db.write_async(move |tx| auth::enroll(tx, &request)).await?;
    // The token must not linger in caches between the server and the device.
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(response)).into_response())
}

/// Apply the device's outbox mutations, in seq order, exactly once.
#[utoipa::path(
    post,
    path = "/v1/sync/push",
    tag = "sync",
    security(("bearer" = [])),
    params(("Journeylog-Protocol" = u32, Header, description = "Protocol version: 1")),
    request_body = PushRequest,
    responses(
        (status = 200, description = "One result per mutation, in order", body = PushResponse),
        (status = 400, description = "invalid_body or too_many_mutations", body = journeylog_proto::Problem, content_type = "application/problem+json"),
        (status = 401, description = "unauthorized", body = journeylog_proto::Problem, content_type = "application/problem+json"),
        (status = 403, description = "forbidden: client_id is not the caller's device", body = journeylog_proto::Problem, content_type = "application/problem+json"),
        (status = 409, description = "seq_gap: the detail names the expected seq", body = journeylog_proto::Problem, content_type = "application/problem+json"),
        (status = 413, description = "payload_too_large", body = journeylog_proto::Problem, content_type = "application/problem+json"),
        (status = 415, description = "unsupported_media_type", body = journeylog_proto::Problem, content_type = "application/problem+json"),
        (status = 426, description = "upgrade_required", body = journeylog_proto::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn push(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(request): JsonBody<PushRequest>,
) -> Result<Json<PushResponse>> {
    push::check_request(&caller, &request)?;
    let today = time::today();
    let ahead = push::parse_ahead(&caller, &request, today);
    let (response, request) = state
        .db
        .write_async(move |tx| {
            let response = push::push(tx, &caller, &request, today, ahead)?;
            // Handed back so that its JSON is freed here, not on the one writer thread.
            Ok((response, request))
        })
        .await?;
    drop(request);
    Ok(Json(response))
}

/// The changes the caller may see after its cursor.
#[utoipa::path(
    get,
    path = "/v1/sync/pull",
    tag = "sync",
    security(("bearer" = [])),
    params(
        ("Journeylog-Protocol" = u32, Header, description = "Protocol version: 1"),
        ("cursor" = Option<String>, Query, description = "The cursor of the last page applied; none pulls from the start"),
        ("limit" = Option<u32>, Query, description = "Changes per page: 500 when absent, at most 1000"),
    ),
    responses(
        (status = 200, description = "A page of changes", body = PullResponse),
        (status = 400, description = "invalid_query", body = journeylog_proto::Problem, content_type = "application/problem+json"),
        (status = 401, description = "unauthorized", body = journeylog_proto::Problem, content_type = "application/problem+json"),
        (status = 409, description = "resync_required: pull again from the start", body = journeylog_proto::Problem, content_type = "application/problem+json"),
        (status = 426, description = "upgrade_required", body = journeylog_proto::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn pull(
    State(state): State<AppState>,
    token: BearerToken,
    RawQuery(raw): RawQuery,
) -> Result<Json<pull::PullPage>> {
    let query = PullQuery::parse(raw.as_deref());
    // The token is checked in the pull's own read transaction: one trip to a reader
    // connection instead of two. A refused token still answers before a bad query.
    let (caller, response) = state
        .db
        .read_async(move |tx| {
            let caller = token.authenticate(tx)?;
            let response = query.and_then(|query| pull::pull(tx, &caller, &query));
            Ok((caller, response))
        })
        .await?;
    log_caller(&caller);
    Ok(Json(response?))
}

/// Register the mentor's public signing key (with proof the device holds it).
#[utoipa::path(
    post,
    path = "/v1/keys",
    tag = "signoffs",
    security(("bearer" = [])),
    params(("Journeylog-Protocol" = u32, Header, description = "Protocol version: 1")),
    request_body = RegisterKeyRequest,
    responses(
        (status = 200, description = "The key is registered (or already was)", body = MentorKeyRecord),
        (status = 400, description = "invalid_body: the key or its proof does not verify", body = journeylog_proto::Problem, content_type = "application/problem+json"),
        (status = 401, description = "unauthorized", body = journeylog_proto::Problem, content_type = "application/problem+json"),
        (status = 403, description = "forbidden: only mentors register keys", body = journeylog_proto::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn register_key(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    JsonBody(request): JsonBody<RegisterKeyRequest>,
) -> Result<Json<MentorKeyRecord>> {
    let key = state.db.write_async(move |tx| keys::register(tx, &caller, &request)).await?;
    Ok(Json(key))
}

/// The mentor keys the caller may verify sign-offs with.
#[utoipa::path(
    get,
    path = "/v1/keys",
    tag = "signoffs",
    security(("bearer" = [])),
    params(("Journeylog-Protocol" = u32, Header, description = "Protocol version: 1")),
    responses(
        (status = 200, description = "Keys, revoked ones included", body = KeysResponse),
        (status = 401, description = "unauthorized", body = journeylog_proto::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_keys(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<KeysResponse>> {
    let keys = state.db.read_async(move |tx| keys::list(tx, &caller)).await?;
    Ok(Json(keys))
}

/// The employer's signed statement of the mentor keys and assignments that vouch for
/// the calling apprentice's sign-offs (docs/bundle.md). Issued fresh on each call.
#[utoipa::path(
    get,
    path = "/v1/keys/statement",
    tag = "signoffs",
    security(("bearer" = [])),
    params(("Journeylog-Protocol" = u32, Header, description = "Protocol version: 1")),
    responses(
        (status = 200, description = "The statement, signed with the employer's key", body = SignedKeyStatement),
        (status = 401, description = "unauthorized", body = journeylog_proto::Problem, content_type = "application/problem+json"),
        (status = 403, description = "forbidden: statements are issued to apprentices", body = journeylog_proto::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn key_statement(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<SignedKeyStatement>> {
    statement::check_caller(&caller)?;
    let reader = caller.clone();
    if let Some(signed) = state.db.read_async(move |tx| statement::issue(tx, &reader, false)).await? {
        return Ok(Json(signed));
    }
    // An employer from before signing keys: its key is made on first use.
    let signed = state.db.write_async(move |tx| statement::issue(tx, &caller, true)).await?;
    signed.map(Json).ok_or_else(|| ServerError::corrupt("no key statement after making the employer's key"))
}

/// This API's OpenAPI description.
#[utoipa::path(get, path = "/v1/openapi.json", tag = "service", responses((status = 200, description = "OpenAPI 3.1 document")))]
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], super::openapi::json()).into_response()
}

pub async fn not_found() -> ServerError {
    ServerError::NotFound("there is no such route; see /v1/openapi.json".into())
}

pub async fn method_not_allowed() -> ServerError {
    ServerError::MethodNotAllowed("this route does not take this method; see /v1/openapi.json".into())
}
