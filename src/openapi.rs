//! The OpenAPI document, generated from the registered routes.

use actix_web::App;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

/// Document-level information; paths and schemas are collected from the
/// routes by utoipa-actix-web.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "agency-registry",
        description = "Public registry of licensed labour-recruitment agencies in Uzbekistan.\n\n\
            Before paying a recruiter or handing over a passport, check the agency's licence here: \
            `GET /v1/licenses/{number}` tells whether it is real, valid today, and for which \
            countries and sectors. An agency without a registered licence may not recruit.\n\n\
            Every error is an RFC 9457 problem details object (`application/problem+json`).",
        license(name = "MIT OR Apache-2.0")
    ),
    tags(
        (name = "licenses", description = "The public licence check"),
        (name = "agencies", description = "Agency search and details"),
        (name = "health", description = "Probes for orchestrators")
    ),
    components(schemas(
        crate::error::Problem,
        crate::domain::region::Region,
        crate::domain::sector::Sector,
        crate::domain::license_status::LicenseStatus
    ))
)]
pub struct ApiDoc;

/// The full document, exactly as served at `/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    let app = App::new().into_utoipa_app().openapi(ApiDoc::openapi());
    let (_, doc) = app.configure(crate::routes::register).split_for_parts();
    doc
}

/// The document as committed in `openapi/openapi.json`.
pub fn document_json() -> String {
    let mut json = document().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}
