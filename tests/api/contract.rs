//! The committed OpenAPI document refuses exactly what the server refuses:
//! bodies on both sides of each rule a schema can state, checked against
//! the document with an independent JSON Schema validator and sent to the
//! server. A generated client that validates against the document then
//! never sends a body the server turns away, nor holds back one it takes.

use agency_registry::auth::Role;
use serde_json::{json, Value};

use crate::helpers::{agency_with_license, days_ago, days_ahead, TestApp};
use agency_registry::seed::Batch;

/// Validates bodies against one component schema of the committed document.
struct Schema(jsonschema::Validator);

impl Schema {
    fn of(name: &str) -> Self {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json")).unwrap();
        let mut root: Value = serde_json::from_str(&text).unwrap();
        root["$ref"] = format!("#/components/schemas/{name}").into();
        Self(jsonschema::draft202012::new(&root).unwrap())
    }

    fn allows(&self, body: &Value) -> bool {
        self.0.is_valid(body)
    }
}

/// Whether the server took the body: anything but 400 or 422 (a 404, 409 or
/// 412 is a verdict on the state, not on the body).
async fn taken(response: reqwest::Response) -> bool {
    !matches!(response.status().as_u16(), 400 | 422)
}

/// Each body, with whether it is valid, agrees with the schema and the server.
fn expect(schema: &Schema, cases: &[(bool, Value)]) {
    for (valid, body) in cases {
        assert_eq!(schema.allows(body), *valid, "the document on {body}");
    }
}

#[tokio::test]
async fn agencies_and_licences() {
    let app = TestApp::spawn().await;
    let token = app.token(Role::Ministry).await;
    let agency = |n: u32, extra: Value| {
        let mut body = json!({"legal_name": "Istiqbol MChJ", "taxpayer_id": format!("30100{n:04}"), "region": "UZ-TK"});
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let cases = [
        (false, agency(1, json!({"website": ""}))),
        (false, agency(2, json!({"website": "istiqbol.uz"}))),
        (true, agency(3, json!({"website": "https://istiqbol.uz/about"}))),
        (false, agency(4, json!({"email": "info@istiqbol"}))),
        (true, agency(5, json!({"email": "info@istiqbol.uz"}))),
        (false, agency(6, json!({"legal_name": "   "}))),
        (false, agency(7, json!({"legal_name": "Istiqbol\u{202E}LOBQITSI"}))),
        (false, agency(8, json!({"other_names": [""]}))),
        (true, agency(9, json!({"other_names": [], "address": ""}))),
        (false, agency(10, json!({"phone": "+998\u{0085}71"}))),
    ];
    let schema = Schema::of("CreateAgencyRequest");
    expect(&schema, &cases);
    for (valid, body) in &cases {
        let response = app.post("/v1/agencies").as_(&token).json(body.clone()).send().await;
        assert_eq!(taken(response).await, *valid, "the server on {body}");
    }

    let (_, page) = app.get_json("/v1/agencies?q=301000003").await;
    let id = page["items"][0]["id"].as_str().unwrap().to_owned();
    let patch = Schema::of("AgencyChangeset");
    let patches = [
        (false, json!({"region": null})),
        (false, json!({"legal_name": null})),
        (false, json!({"website": "www.istiqbol.uz"})),
        (true, json!({"website": null, "phone": "+998 71 200 00 00"})),
    ];
    expect(&patch, &patches);
    for (valid, body) in &patches {
        let tag = app.etag(&format!("/v1/agencies/{id}")).await;
        let path = format!("/v1/agencies/{id}");
        let response = app
            .patch(&path)
            .as_(&token)
            .json(body.clone())
            .if_match(&tag)
            .send()
            .await;
        assert_eq!(taken(response).await, *valid, "the server on {body}");
    }

    let license = |number: &str, extra: Value| {
        let mut body = json!({
            "license_number": number, "valid_from": days_ago(1).to_string(),
            "valid_until": days_ahead(300).to_string(), "destination_countries": ["KR"], "sectors": ["care"]
        });
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let licenses = [
        (false, license("UZ-TK-0001", json!({"sectors": []}))),
        (false, license("", json!({}))),
        (false, license("UZ-TK-0002", json!({"destination_countries": ["XX"]}))),
        (false, license("UZ-TK-0003", json!({"destination_countries": []}))),
        (
            true,
            license("UZ-TK-0004", json!({"destination_countries": ["kr", "Jp"]})),
        ),
    ];
    let schema = Schema::of("IssueLicenseRequest");
    expect(&schema, &licenses);
    for (valid, body) in &licenses {
        let path = format!("/v1/agencies/{id}/licenses");
        let response = app.post(&path).as_(&token).json(body.clone()).send().await;
        assert_eq!(taken(response).await, *valid, "the server on {body}");
    }

    let until = days_ahead(30).to_string();
    let actions = [
        (false, json!({"action": "renew", "until": until})),
        (
            false,
            json!({"action": "renew", "valid_until": days_ahead(900).to_string(), "until": until}),
        ),
        (
            false,
            json!({"action": "reinstate", "valid_until": days_ahead(900).to_string()}),
        ),
        (false, json!({"action": "suspend"})),
        (false, json!({"action": "suspend", "reason": " \t "})),
        (false, json!({"action": "revoke", "reason": "fraud\u{0007}"})),
        (false, json!({"action": "close", "reason": "x"})),
        (true, json!({"action": "reinstate", "reason": ""})),
        (
            true,
            json!({"action": "suspend", "reason": "Fees charged", "until": until}),
        ),
    ];
    let schema = Schema::of("LicenseEventRequest");
    expect(&schema, &actions);
    for (valid, body) in &actions {
        let tag = app.etag("/v1/licenses/UZ-TK-0004").await;
        let response = app
            .post("/v1/licenses/UZ-TK-0004/events")
            .as_(&token)
            .json(body.clone())
            .if_match(&tag)
            .send()
            .await;
        assert_eq!(taken(response).await, *valid, "the server on {body}");
    }
}

#[tokio::test]
async fn complaints_and_notes() {
    let app = TestApp::spawn().await;
    let mut b = Batch::default();
    let agency = agency_with_license(
        &mut b,
        "Oltin Yo'l MChJ",
        &[],
        "307777777",
        "UZ-TK",
        ("UZ-TK-0777", "active", days_ago(10), days_ahead(300)),
    );
    app.insert(b).await;
    let ngo = app.token(Role::Ngo).await;
    let complaint = |target: Value| {
        let mut body = json!({"category": "recruitment_fees", "description": "Took passports."});
        for (k, v) in target.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let cases = [
        (
            false,
            complaint(json!({"agency_id": agency, "license_number": "UZ-TK-0777"})),
        ),
        (false, complaint(json!({}))),
        (false, complaint(json!({"recruiter": {"place": "Samarqand bozori"}}))),
        (
            false,
            complaint(json!({"agency_id": agency, "recruiter": {"name": "Akmal"}})),
        ),
        (
            false,
            complaint(json!({"license_number": "UZ-TK-0777", "description": "  "})),
        ),
        (
            false,
            complaint(json!({"license_number": "UZ-TK-0777", "destination_country": "XX"})),
        ),
        (false, complaint(json!({"recruiter": {"name": "Akmal\u{0085}"}}))),
        (
            true,
            complaint(json!({"license_number": "UZ-TK-0777", "agency_id": null})),
        ),
        (
            true,
            complaint(json!({"agency_id": agency, "recruiter": {"place": "Toshkent"}})),
        ),
        (
            true,
            complaint(json!({"recruiter": {"phones": ["+998 90 123 45 67"]}, "destination_country": "pl"})),
        ),
        (true, complaint(json!({"recruiter": {"name": ""}}))),
    ];
    let schema = Schema::of("CreateComplaintRequest");
    expect(&schema, &cases);
    let mut filed = None;
    for (i, (valid, body)) in cases.iter().enumerate() {
        let key = format!("contract-{i}");
        let response = app
            .post("/v1/complaints")
            .as_(&ngo)
            .header("Idempotency-Key", &key)
            .json(body.clone())
            .send()
            .await;
        if response.status() == 201 {
            filed = response.json::<Value>().await.unwrap()["id"]
                .as_str()
                .map(str::to_owned);
            assert!(valid, "the server took {body}");
        } else {
            assert_eq!(taken(response).await, *valid, "the server on {body}");
        }
    }

    let id = filed.unwrap();
    let notes = [
        (false, json!({"note": ""})),
        (false, json!({"note": " \n "})),
        (false, json!({"note": "more\u{009B}"})),
        (true, json!({"note": "The recruiter called again."})),
    ];
    let schema = Schema::of("NoteRequest");
    expect(&schema, &notes);
    for (valid, body) in &notes {
        let path = format!("/v1/complaints/{id}/notes");
        let response = app.post(&path).as_(&ngo).json(body.clone()).send().await;
        assert_eq!(taken(response).await, *valid, "the server on {body}");
    }
    let ministry = app.token(Role::Ministry).await;
    let triage = [
        (false, json!({"status": "under_review", "note": "\t"})),
        (true, json!({"status": "under_review", "note": "Looking into it."})),
    ];
    let schema = Schema::of("TriageRequest");
    expect(&schema, &triage);
    for (valid, body) in &triage {
        let path = format!("/v1/complaints/{id}/events");
        let response = app.post(&path).as_(&ministry).json(body.clone()).send().await;
        assert_eq!(taken(response).await, *valid, "the server on {body}");
    }
}
