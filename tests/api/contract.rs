//! The committed OpenAPI document refuses exactly what the server refuses:
//! bodies on both sides of each rule a schema can state, checked against
//! the document with an independent JSON Schema validator and sent to the
//! server. A generated client that validates against the document then
//! never sends a body the server turns away, nor holds back one it takes.

use agency_registry::domain::access::Role;
use serde_json::{json, Value};

use crate::helpers::{days_ago, days_ahead, oltin_yol, TestApp};

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

/// Each body is valid or not, alike for the document's schema `name` and for
/// the server, which `send` hands it to.
async fn agree(name: &str, cases: &[(bool, Value)], send: impl AsyncFn(Value) -> reqwest::Response) {
    let schema = Schema::of(name);
    for (valid, body) in cases {
        assert_eq!(schema.allows(body), *valid, "the document on {body}");
        assert_eq!(taken(send(body.clone()).await).await, *valid, "the server on {body}");
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
    agree("CreateAgencyRequest", &cases, async |body| {
        app.post("/v1/agencies").as_(&token).json(body).send().await
    })
    .await;

    let (_, page) = app.get_json("/v1/agencies?q=301000003").await;
    let id = page["items"][0]["id"].as_str().unwrap().to_owned();
    let patches = [
        (false, json!({"region": null})),
        (false, json!({"legal_name": null})),
        (false, json!({"website": "www.istiqbol.uz"})),
        (true, json!({"website": null, "phone": "+998 71 200 00 00"})),
    ];
    let path = format!("/v1/agencies/{id}");
    agree("AgencyChangeset", &patches, async |body| {
        let tag = app.etag(&path).await;
        app.patch(&path).as_(&token).json(body).if_match(&tag).send().await
    })
    .await;

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
        (false, license("UZ-TK-0005", json!({"valid_until": "2300-01-01"}))),
        (false, license("UZ-TK-0006", json!({"valid_from": "1899-12-31"}))),
        (
            true,
            license("UZ-TK-0004", json!({"destination_countries": ["kr", "Jp"]})),
        ),
    ];
    let path = format!("/v1/agencies/{id}/licenses");
    agree("IssueLicenseRequest", &licenses, async |body| {
        app.post(&path).as_(&token).json(body).send().await
    })
    .await;

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
        (false, json!({"action": "renew", "valid_until": "2250-06-01"})),
        (false, json!({"action": "suspend", "reason": " \t "})),
        (false, json!({"action": "revoke", "reason": "fraud\u{0007}"})),
        (false, json!({"action": "close", "reason": "x"})),
        (true, json!({"action": "reinstate", "reason": ""})),
        (
            true,
            json!({"action": "suspend", "reason": "Fees charged", "until": until}),
        ),
    ];
    agree("LicenseEventRequest", &actions, async |body| {
        let tag = app.etag("/v1/licenses/UZ-TK-0004").await;
        let path = "/v1/licenses/UZ-TK-0004/events";
        app.post(path).as_(&token).json(body).if_match(&tag).send().await
    })
    .await;
}

#[tokio::test]
async fn complaints_and_notes() {
    let app = oltin_yol().await;
    let agency = app.get_json("/v1/licenses/UZ-TK-0777").await.1["agency"]["id"].clone();
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
            false,
            complaint(json!({"license_number": "UZ-TK-0777", "incident_date": "2150-01-01"})),
        ),
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
        (
            false,
            complaint(json!({"recruiter": {"phones": ["call me: 90 123 45 67"]}})),
        ),
        (
            false,
            complaint(json!({"recruiter": {"phones": [], "place": "Toshkent"}})),
        ),
        (
            true,
            complaint(json!({"recruiter": {"phones": ["(90) 123-45-67"], "name": null}})),
        ),
        (
            false,
            complaint(json!({"license_number": "UZ-TK-0777", "complainant": {"name": "Ma\u{200B}dina"}})),
        ),
        (
            true,
            complaint(
                json!({"license_number": "UZ-TK-0777", "complainant": {"name": " Madina ", "consent_to_contact": true}}),
            ),
        ),
    ];
    let keys = std::sync::atomic::AtomicUsize::new(0);
    agree("CreateComplaintRequest", &cases, async |body| {
        let key = format!("contract-{}", keys.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        let filing = app.post("/v1/complaints").as_(&ngo).header("Idempotency-Key", &key);
        filing.json(body).send().await
    })
    .await;
    let filed = app.read_as("/v1/complaints", &ngo).await;
    let id = filed["items"][0]["id"].as_str().unwrap().to_owned();
    let notes = [
        (false, json!({"note": ""})),
        (false, json!({"note": " \n "})),
        (false, json!({"note": "more\u{009B}"})),
        (true, json!({"note": "The recruiter called again."})),
    ];
    let path = format!("/v1/complaints/{id}/notes");
    agree("NoteRequest", &notes, async |body| {
        app.post(&path).as_(&ngo).json(body).send().await
    })
    .await;
    let ministry = app.token(Role::Ministry).await;
    let triage = [
        (false, json!({"status": "under_review", "note": "\t"})),
        (true, json!({"status": "under_review", "note": "Looking into it."})),
    ];
    let path = format!("/v1/complaints/{id}/events");
    agree("TriageRequest", &triage, async |body| {
        app.post(&path).as_(&ministry).json(body).send().await
    })
    .await;
}

#[tokio::test]
async fn channels() {
    let app = oltin_yol().await;
    let agency = app.get_json("/v1/licenses/UZ-TK-0777").await.1["agency"]["id"].clone();
    let path = format!("/v1/agencies/{}", agency.as_str().unwrap());
    let ministry = app.token(Role::Ministry).await;
    let many: Vec<String> = (0..21).map(|i| format!("+99890123{i:04}")).collect();
    let cases = [
        (true, json!({"phones": ["+998 71 200 11 22", "(90) 123-45-67"]})),
        (false, json!({"phones": ["call 90 123 45 67"]})),
        (false, json!({"phones": many})),
        (
            true,
            json!({"handles": ["https://t.me/oltin_yol", "instagram.com/oltin.yol/"]}),
        ),
        (false, json!({"handles": ["@oltin_yol"]})),
        (false, json!({"handles": ["https://t.me/оltin_yol"]})),
        (
            true,
            json!({"websites": ["oltin-yol.uz", "https://www.oltin-yol.uz/jobs"]}),
        ),
        (false, json!({"websites": ["oltin-yol"]})),
        (false, json!({"addresses": [" "]})),
        (false, json!({"fax": ["+998712001122"]})),
    ];
    agree("ChannelsRequest", &cases, async |body| {
        let tag = app.etag(&path).await;
        let put = app
            .call(reqwest::Method::PUT, &format!("{path}/channels"))
            .as_(&ministry);
        put.json(body).if_match(&tag).send().await
    })
    .await;
}
