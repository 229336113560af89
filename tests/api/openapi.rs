use crate::helpers::TestApp;

fn committed() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json");
    let text = std::fs::read_to_string(path).expect("openapi/openapi.json is committed");
    serde_json::from_str(&text).expect("openapi/openapi.json is JSON")
}

#[test]
fn committed_spec_matches_the_code() {
    let generated: serde_json::Value = serde_json::from_str(&agency_registry::openapi::document_json()).unwrap();
    assert!(
        generated == committed(),
        "openapi/openapi.json is stale: regenerate it with \
         `cargo run --quiet -- openapi > openapi/openapi.json` and commit it"
    );
}

#[tokio::test]
async fn served_spec_is_the_committed_one() {
    let app = TestApp::spawn().await;
    let (status, served) = app.get_json("/openapi.json").await;
    assert_eq!(status, 200);
    assert_eq!(served, committed());
    let docs = app.get("/docs/").await;
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.unwrap().contains("swagger"), "Swagger UI page");
}

#[test]
fn every_error_response_is_a_documented_problem() {
    let spec = committed();
    let mut operations = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            operations += 1;
            for (code, response) in operation["responses"].as_object().unwrap() {
                assert!(
                    response["description"].as_str().is_some_and(|d| !d.is_empty()),
                    "{method} {path} {code}"
                );
                // The check pages answer an unknown licence, card or job order with a page for people.
                let page_for_people = [
                    "/check/{number}",
                    "/check/representative/{card_number}",
                    "/check/job-orders/{reference}",
                ]
                .contains(&path.as_str())
                    && code == "404";
                if (code.starts_with('4') || code.starts_with('5')) && !page_for_people {
                    let schema = &response["content"]["application/problem+json"]["schema"]["$ref"];
                    assert_eq!(schema, "#/components/schemas/Problem", "{method} {path} {code}");
                }
            }
        }
    }
    assert_eq!(operations, 57);
}

fn collect_refs(value: &serde_json::Value, refs: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("$ref", serde_json::Value::String(r)) => refs.push(r.clone()),
                    _ => collect_refs(v, refs),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_refs(v, refs)),
        _ => {}
    }
}

#[test]
fn every_schema_reference_resolves() {
    let spec = committed();
    let mut refs = Vec::new();
    collect_refs(&spec, &mut refs);
    assert!(!refs.is_empty());
    for r in refs {
        let pointer = r.strip_prefix('#').expect("local reference");
        assert!(spec.pointer(pointer).is_some(), "dangling reference {r}");
    }
}
