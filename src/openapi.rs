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
        (name = "contacts", description = "Who is contacting me? One check for a phone, handle, web address or card"),
        (name = "representatives", description = "The people an agency authorised to recruit for it, each with a card a worker can check"),
        (name = "job-orders", description = "Jobs abroad agencies registered under their licences, each with a reference a worker can check"),
        (name = "employers", description = "Foreign employers the ministry vets, named by every job order"),
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

/// The document as committed in `openapi/openapi.json`.
pub fn document_json() -> String {
    let mut json = document().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    /// The strings a schema holds that say nothing of what they take (no
    /// `pattern`, `enum`, `const` or `format`), by path; `$ref`s followed.
    fn unsaid(schema: &Value, schemas: &Value, at: String, seen: &mut Vec<String>, out: &mut Vec<String>) {
        if let Some(name) = schema["$ref"]
            .as_str()
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
        {
            if !seen.contains(&name.to_owned()) {
                seen.push(name.to_owned());
                unsaid(&schemas[name], schemas, format!("{at}<{name}>"), seen, out);
                seen.pop();
            }
            return;
        }
        let is_string =
            schema["type"] == "string" || schema["type"].as_array().is_some_and(|t| t.contains(&"string".into()));
        let said = ["pattern", "enum", "const", "format"]
            .iter()
            .any(|k| schema.get(*k).is_some());
        if is_string && !said {
            out.push(at.clone());
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            for (i, part) in schema[key].as_array().into_iter().flatten().enumerate() {
                unsaid(part, schemas, format!("{at}/{key}[{i}]"), seen, out);
            }
        }
        if let Some(items) = schema.get("items") {
            unsaid(items, schemas, format!("{at}[]"), seen, out);
        }
        for (name, property) in schema["properties"].as_object().into_iter().flatten() {
            unsaid(property, schemas, format!("{at}.{name}"), seen, out);
        }
    }

    /// Each field of a request states the check the server makes of it, so
    /// a generated client refuses what the server would: every string a
    /// client sends (bodies and parameters) has a pattern, an enum or a
    /// format. What a type says is written once, in the type (see
    /// `domain::fields`, `routes::fields`).
    #[test]
    fn every_string_a_client_sends_says_what_it_takes() {
        let doc = serde_json::to_value(super::document()).unwrap();
        let schemas = &doc["components"]["schemas"];
        let mut found = Vec::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                let at = format!("{method} {path}");
                for content in operation["requestBody"]["content"].as_object().into_iter().flatten() {
                    unsaid(
                        &content.1["schema"],
                        schemas,
                        format!("{at} body"),
                        &mut Vec::new(),
                        &mut found,
                    );
                }
                for parameter in operation["parameters"].as_array().into_iter().flatten() {
                    let name = parameter["name"].as_str().unwrap_or_default();
                    // Headers are read leniently and said in words.
                    if parameter["in"] != "header" {
                        unsaid(
                            &parameter["schema"],
                            schemas,
                            format!("{at} {name}"),
                            &mut Vec::new(),
                            &mut found,
                        );
                    }
                }
            }
        }
        // Accepted and ignored (RFC 6749 lets a client send any scope).
        found.retain(|at| !at.ends_with("<TokenRequest>.scope"));
        assert!(
            found.is_empty(),
            "strings that do not say what they take:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn a_licence_number_is_documented_as_the_domain_reads_it() {
        let doc = serde_json::to_value(super::document()).unwrap();
        let schema = &doc["components"]["schemas"]["LicenseNumberInput"];
        assert_eq!(schema["pattern"], crate::domain::license_number::INPUT_PATTERN);
        let check = &doc["paths"]["/v1/licenses/{number}"]["get"]["parameters"][0]["schema"];
        assert_eq!(check["pattern"], crate::domain::license_number::INPUT_PATTERN);
    }
}
