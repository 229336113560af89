//! The OpenAPI document, generated from the registered routes.

use actix_web::App;
use serde_json::json;
use utoipa::OpenApi;

use crate::domain::language::Lang;
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
    modifiers(&BearerAuth),
    tags(
        (name = "licenses", description = "The public licence check, and the ministry's licence lifecycle"),
        (name = "agencies", description = "Agency search and details"),
        (name = "changes", description = "The public change feed, for apps that mirror the registry"),
        (name = "check", description = "The public check page (HTML), for a worker without an app"),
        (name = "registry", description = "The whole registry at once, for apps that check offline"),
        (name = "auth", description = "Access tokens for the write API (OAuth 2.0 client credentials)"),
        (name = "audit", description = "The tamper-evident audit trail"),
        (name = "complaints", description = "Complaints about agencies and unregistered recruiters"),
        (name = "health", description = "Probes for orchestrators")
    ),
    components(schemas(
        crate::error::Problem,
        crate::domain::region::Region,
        crate::domain::sector::Sector,
        crate::domain::license_status::LicenseStatus,
        // Documented for apps though no JSON body carries them: the claims
        // of a signed statement and the first line of a snapshot.
        crate::public::LicenseStatement,
        crate::public::StatementAgency,
        crate::public::SnapshotHeader
    ))
)]
pub struct ApiDoc;

/// The `bearer` security scheme: JWT access tokens from `POST /v1/auth/token`.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("An access token from `POST /v1/auth/token` (15 minutes)."))
                    .build(),
            ),
        );
    }
}

/// The full document, exactly as served at `/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    let app = App::new().into_utoipa_app().openapi(ApiDoc::openapi());
    let (_, mut doc) = app.configure(crate::routes::register).split_for_parts();
    if let Some(components) = doc.components.as_mut() {
        for (name, rule) in crate::routes::SCHEMA_RULES {
            if let Some(schema) = components.schemas.get_mut(*name) {
                refine(schema, *rule);
            }
        }
    }
    speak_languages(&mut doc);
    doc
}

/// Every operation answers in the language asked for by `lang` or
/// `Accept-Language` and says which in `Content-Language` (the middleware
/// of `routes::language` does it for all of them, so the document says it
/// for all of them here).
fn speak_languages(doc: &mut utoipa::openapi::OpenApi) {
    let tags: Vec<&str> = Lang::ALL.iter().map(|l| l.tag()).collect();
    let parameters = json!([
        {"name": "lang", "in": "query", "required": false,
         "description": "The language of the messages (verdicts, problem titles and details); wins over `Accept-Language`.",
         "schema": {"type": "string", "enum": tags}},
        {"name": "Accept-Language", "in": "header", "required": false,
         "description": "Languages the reader understands, with quality values (RFC 9110): `uz` (Uzbek, Latin script), `uz-Cyrl`, `ru`, `en`. Default: `uz-Latn`.",
         "schema": {"type": "string"}, "example": "ru-RU,ru;q=0.9,en;q=0.5"}
    ]);
    let content_language = json!({
        "description": "The language of the answer's messages.",
        "schema": {"type": "string", "enum": tags}
    });
    let Ok(mut paths) = serde_json::to_value(&doc.paths) else {
        return;
    };
    for item in paths.as_object_mut().into_iter().flat_map(|p| p.values_mut()) {
        for operation in item.as_object_mut().into_iter().flat_map(|i| i.values_mut()) {
            let Some(operation) = operation.as_object_mut() else {
                continue;
            };
            if let Some(list) = operation
                .entry("parameters")
                .or_insert_with(|| json!([]))
                .as_array_mut()
            {
                list.extend(parameters.as_array().into_iter().flatten().cloned());
            }
            let Some(responses) = operation.get_mut("responses").and_then(|r| r.as_object_mut()) else {
                continue;
            };
            responses.entry("400").or_insert_with(|| {
                json!({
                    "description": "`lang` names no language of the registry",
                    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
                })
            });
            for response in responses.values_mut() {
                if let Some(response) = response.as_object_mut() {
                    let headers = response.entry("headers").or_insert_with(|| json!({}));
                    headers["Content-Language"] = content_language.clone();
                }
            }
        }
    }
    match serde_json::from_value(paths) {
        Ok(paths) => doc.paths = paths,
        Err(e) => tracing::error!(error = %e, "the language parameters made the paths unreadable"),
    }
}

fn refine(
    schema: &mut utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
    rule: crate::routes::validation::SchemaRule,
) {
    let Ok(mut json) = serde_json::to_value(&*schema) else {
        return;
    };
    rule(&mut json);
    match serde_json::from_value(json) {
        Ok(refined) => *schema = refined,
        // Only a rule that writes no schema gets here; the drift test shows it.
        Err(e) => tracing::error!(error = %e, "a schema rule wrote an invalid schema"),
    }
}

/// The document as committed in `openapi/openapi.json`.
pub fn document_json() -> String {
    let mut json = document().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}
