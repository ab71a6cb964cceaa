//! One structured log line per request: method, path, status, latency, client.
//!
//! Only these fields are logged. Headers (the bearer token), query strings and
//! bodies (enrollment codes, tokens in responses) never are, so logs can be shipped
//! to a shared log store without becoming a credential store.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, Response};
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::trace::{MakeSpan, OnResponse, TraceLayer};
use tracing::Span;

pub fn layer() -> TraceLayer<SharedClassifier<ServerErrorsAsFailures>, RequestSpan, (), LogResponse, (), (), ()> {
    TraceLayer::new_for_http()
        .make_span_with(RequestSpan)
        .on_request(())
        .on_response(LogResponse)
        .on_body_chunk(())
        .on_eos(())
        .on_failure(())
}

/// The span every log line of a request sits in; `client_id` is filled in once the
/// token has been checked.
#[derive(Debug, Clone, Copy)]
pub struct RequestSpan;

impl MakeSpan<Body> for RequestSpan {
    fn make_span(&mut self, request: &Request<Body>) -> Span {
        tracing::info_span!(
            "request",
            method = %request.method(),
            path = %request.uri().path(),
            client_id = tracing::field::Empty,
        )
    }
}

#[derive(Debug, Clone, Copy)]
pub struct LogResponse;

impl<B> OnResponse<B> for LogResponse {
    fn on_response(self, response: &Response<B>, latency: Duration, _span: &Span) {
        let status = response.status().as_u16();
        // Whole microseconds, shown in milliseconds: 3.209, not 3.2093518.
        let latency_ms = latency.as_micros() as f64 / 1000.0;
        if response.status().is_server_error() {
            tracing::error!(status, latency_ms, "response");
        } else {
            tracing::info!(status, latency_ms, "response");
        }
    }
}
