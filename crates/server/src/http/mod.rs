//! The HTTP face of the server: routes, extractors, problem responses, logs.
//!
//! Handlers are thin: decode, authenticate, hand the work to [`crate::sync`] or
//! [`crate::auth`] inside a database transaction on the blocking pool, encode. All
//! failures become `application/problem+json` with a stable code (see [`problem`]).

mod extract;
mod handlers;
mod logging;
pub mod openapi;
mod problem;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, post};
use journeylog_proto::MAX_BODY_BYTES;

use crate::db::Db;

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Db,
}

/// The whole API, ready to serve (or to drive with `tower::ServiceExt::oneshot`).
pub fn router(db: Db) -> Router {
    let state = AppState { db };
    // Every protocol route needs the protocol header; health checks and the API
    // description are for load balancers and people, so they don't.
    let protocol = Router::new()
        .route("/v1/enroll", post(handlers::enroll))
        .route("/v1/sync/push", post(handlers::push))
        .route("/v1/sync/pull", get(handlers::pull))
        .route("/v1/keys", get(handlers::list_keys).post(handlers::register_key))
        .route("/v1/keys/statement", get(handlers::key_statement))
        .route_layer(middleware::from_fn(extract::require_protocol));
    Router::new()
        .route("/v1/health", get(handlers::health))
        .route("/v1/openapi.json", get(handlers::openapi))
        .merge(protocol)
        .fallback(handlers::not_found)
        .method_not_allowed_fallback(handlers::method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(logging::layer())
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(problem::panic_response))
        .with_state(state)
}
