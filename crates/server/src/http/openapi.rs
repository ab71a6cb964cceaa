//! The OpenAPI description, generated from the handlers and the proto types.
//!
//! `docs/openapi.json` is a committed copy; a test fails when it drifts from this.

use std::sync::OnceLock;

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::handlers;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Journeylog employer API (journeylog-sync v1)",
        description = "Devices enroll with a one-time code, push their outbox and pull the changes they may see. \
                       Every route but /v1/health and /v1/openapi.json needs the header Journeylog-Protocol: 1. \
                       Errors are application/problem+json with a stable `code`.",
        license(name = "Apache-2.0"),
    ),
    paths(
        handlers::health,
        handlers::enroll,
        handlers::push,
        handlers::pull,
        handlers::register_key,
        handlers::list_keys,
        handlers::key_statement,
        handlers::openapi
    ),
    components(schemas(
        journeylog_proto::OjlRecord,
        journeylog_proto::CourseworkRecord,
        journeylog_proto::CertificationRecord,
        journeylog_proto::EnrollmentRecord,
        journeylog_proto::EvidenceRecord,
        journeylog_proto::Tombstone,
        journeylog_proto::SignoffRecord,
        journeylog_proto::AssignmentRecord,
        journeylog_proto::MilestoneRequestRecord,
    )),
    modifiers(&BearerAuth),
    tags(
        (name = "sync", description = "Enrollment, push and pull"),
        (name = "signoffs", description = "Mentor signing keys (sign-offs themselves travel as signoff.create mutations)"),
        (name = "service", description = "Health and API description"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("The device token from /v1/enroll"))
                    .build(),
            ),
        );
    }
}

pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc
}

/// The document as pretty JSON with a final newline, as committed in docs/openapi.json.
pub fn json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        let mut text = document().to_pretty_json().unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        text.push('\n');
        text
    })
}
