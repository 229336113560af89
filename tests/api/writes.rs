use agency_registry::domain::access::Role;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, days_ago, days_ahead, TestApp};

/// An app with a ministry token and one registered agency; returns its id.
async fn with_agency() -> (TestApp, String, String) {
    let app = TestApp::spawn().await;
    let token = app.token(Role::Ministry).await;
    let body = json!({
        "legal_name": "Istiqbol Recruitment MChJ",
        "other_names": ["Истиқбол Рекрутмент"],
        "taxpayer_id": "301234567",
        "region": "UZ-TK",
        "address": "Toshkent, Amir Temur 1",
        "email": "info@istiqbol.example",
        "website": "https://istiqbol.example"
    });
    let response = app.post("/v1/agencies").as_(&token).json(body).send().await;
    assert_eq!(response.status(), 201);
    let id = response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (app, token, id)
}

fn license_body(number: &str) -> Value {
    json!({
        "license_number": number,
        "valid_from": days_ago(10).to_string(),
        "valid_until": days_ahead(700).to_string(),
        "destination_countries": ["kr", "JP"],
        "sectors": ["construction"]
    })
}

/// Issues licence `number` to agency `id`.
async fn issue(app: &TestApp, token: &str, id: &str, number: &str) -> reqwest::Response {
    let path = format!("/v1/agencies/{id}/licenses");
    app.post(&path).as_(token).json(license_body(number)).send().await
}

/// An app with an agency holding licence UZ-TK-0123.
async fn with_license() -> (TestApp, String) {
    let (app, token, id) = with_agency().await;
    let response = issue(&app, &token, &id, "uz tk 0123").await;
    assert_eq!(response.status(), 201);
    (app, token)
}

/// Sends the requests at once; their statuses, sorted.
async fn sorted_statuses(
    sends: impl IntoIterator<Item = impl std::future::Future<Output = reqwest::Response>>,
) -> Vec<u16> {
    let answers = futures_util::future::join_all(sends).await;
    let mut statuses: Vec<u16> = answers.iter().map(|r| r.status().as_u16()).collect();
    statuses.sort_unstable();
    statuses
}

/// Posts a lifecycle action with the licence's current ETag.
async fn act(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    let tag = app.etag("/v1/licenses/UZ-TK-0123").await;
    app.post("/v1/licenses/UZ-TK-0123/events")
        .as_(token)
        .json(body)
        .if_match(&tag)
        .send()
        .await
}

#[tokio::test]
async fn a_registered_agency_is_public_at_once_with_location_and_etag() {
    let app = TestApp::spawn().await;
    let token = app.token(Role::Ministry).await;
    // Search first, so a cached answer would show if writes did not clear it.
    let (_, before) = app.get_json("/v1/agencies?q=istiqbol").await;
    assert_eq!(before["items"], json!([]));
    let body = json!({"legal_name": "  Istiqbol   Recruitment ", "taxpayer_id": "301234567", "region": "UZ-TK"});
    let response = app.post("/v1/agencies").as_(&token).json(body).send().await;
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let tag = response.headers()["etag"].to_str().unwrap().to_owned();
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["legal_name"], "Istiqbol Recruitment");
    assert_eq!(location, format!("/v1/agencies/{}", created["id"].as_str().unwrap()));
    assert_eq!(
        app.etag(&location).await,
        tag,
        "GET answers the version the POST reported"
    );
    let (_, found) = app.get_json("/v1/agencies?q=istiqbol").await;
    assert_eq!(found["items"][0]["id"], created["id"]);
}

#[tokio::test]
async fn invalid_agencies_are_422_listing_every_field() {
    let app = TestApp::spawn().await;
    let token = app.token(Role::Ministry).await;
    let body = json!({
        "legal_name": "Ist\u{202E}iqbol",
        "other_names": ["ok", "bad\u{200B}name"],
        "taxpayer_id": "12345",
        "region": "UZ-ZZ",
        "email": "not-an-email",
        "website": "notaurl"
    });
    let response = app.post("/v1/agencies").as_(&token).json(body).send().await;
    let problem = assert_problem(response, 422).await;
    let mut fields: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    fields.sort_unstable();
    fields.dedup();
    assert_eq!(
        fields,
        [
            "email",
            "legal_name",
            "other_names[1]",
            "region",
            "taxpayer_id",
            "website"
        ]
    );
}

#[tokio::test]
async fn clients_cannot_set_fields_the_registry_owns() {
    let app = TestApp::spawn().await;
    let token = app.token(Role::Ministry).await;
    for extra in [
        json!({"id": "6a0c1e1e-0000-4000-8000-000000000000"}),
        json!({"status": "active"}),
        json!({"search_names": "x"}),
    ] {
        let mut body = json!({"legal_name": "Yangi Ufq", "taxpayer_id": "301234568", "region": "UZ-FA"});
        body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        assert_problem(app.post("/v1/agencies").as_(&token).json(body).send().await, 422).await;
    }
    let malformed = app
        .client
        .post(format!("{}/v1/agencies", app.address))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{\"legal_name\": ")
        .send()
        .await
        .unwrap();
    assert_problem(malformed, 400).await;
}

#[tokio::test]
async fn a_taxpayer_id_is_registered_once() {
    let (app, token, _) = with_agency().await;
    let body = json!({"legal_name": "Other", "taxpayer_id": "301234567", "region": "UZ-AN"});
    assert_problem(app.post("/v1/agencies").as_(&token).json(body).send().await, 409).await;
}

#[tokio::test]
async fn patching_needs_the_current_etag() {
    let (app, token, id) = with_agency().await;
    let path = format!("/v1/agencies/{id}");
    let patch = json!({"phone": "+998 71 200-00-01", "address": null});
    assert_problem(app.patch(&path).as_(&token).json(patch.clone()).send().await, 428).await;
    assert_problem(
        app.patch(&path)
            .as_(&token)
            .json(patch.clone())
            .if_match("\"stale\"")
            .send()
            .await,
        412,
    )
    .await;

    let tag = app.etag(&path).await;
    let response = app.patch(&path).as_(&token).json(patch).if_match(&tag).send().await;
    assert_eq!(response.status(), 200);
    let new_tag = response.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(new_tag, tag);
    let (_, agency) = app.get_json(&path).await;
    assert_eq!(agency["phone"], "+998 71 200-00-01");
    assert_eq!(agency["address"], Value::Null);
    assert_eq!(
        agency["legal_name"], "Istiqbol Recruitment MChJ",
        "fields not sent stay"
    );
    // The old ETag is now stale.
    let again = app
        .patch(&path)
        .as_(&token)
        .json(json!({"phone": "1"}))
        .if_match(&tag)
        .send()
        .await;
    assert_problem(again, 412).await;

    let bad = app
        .patch(&path)
        .as_(&token)
        .json(json!({"legal_name": null}))
        .if_match(&new_tag)
        .send()
        .await;
    assert_problem(bad, 422).await;
    let unknown = app
        .patch(&path)
        .as_(&token)
        .json(json!({"status": "x"}))
        .if_match(&new_tag)
        .send()
        .await;
    assert_problem(unknown, 422).await;
    let missing = "/v1/agencies/6a0c1e1e-0000-4000-8000-000000000000";
    assert_problem(
        app.patch(missing)
            .as_(&token)
            .json(json!({}))
            .if_match("*")
            .send()
            .await,
        404,
    )
    .await;
}

#[tokio::test]
async fn of_two_concurrent_edits_with_one_etag_exactly_one_wins() {
    let (app, token, id) = with_agency().await;
    let path = format!("/v1/agencies/{id}");
    let tag = app.etag(&path).await;
    let edits = (0..4).map(|i| {
        app.patch(&path)
            .as_(&token)
            .json(json!({"phone": format!("+998 90 000-00-0{i}")}))
            .if_match(&tag)
            .send()
    });
    let statuses = sorted_statuses(edits).await;
    assert_eq!(statuses, [200, 412, 412, 412]);

    let (app, token) = with_license().await;
    let tag = app.etag("/v1/licenses/UZ-TK-0123").await;
    let actions = [
        json!({"action": "suspend", "reason": "fees"}),
        json!({"action": "revoke", "reason": "fraud"}),
    ];
    let sends = actions.iter().map(|a| {
        app.post("/v1/licenses/UZ-TK-0123/events")
            .as_(&token)
            .json(a.clone())
            .if_match(&tag)
            .send()
    });
    let statuses = sorted_statuses(sends).await;
    assert_eq!(statuses, [201, 412]);
}

#[tokio::test]
async fn of_eight_concurrent_suspends_with_one_etag_seven_are_412() {
    let (app, token) = with_license().await;
    let tag = app.etag("/v1/licenses/UZ-TK-0123").await;
    let sends = (0..8).map(|_| {
        app.post("/v1/licenses/UZ-TK-0123/events")
            .as_(&token)
            .json(json!({"action": "suspend", "reason": "fees"}))
            .if_match(&tag)
            .send()
    });
    let statuses = sorted_statuses(sends).await;
    assert_eq!(statuses, [201, 412, 412, 412, 412, 412, 412, 412]);
    // A body no schema allows is a 422 whatever the version: it is not a
    // question of state.
    let too_long = app
        .post("/v1/licenses/UZ-TK-0123/events")
        .as_(&token)
        .json(json!({"action": "revoke", "reason": "x".repeat(1001)}))
        .if_match(&tag)
        .send()
        .await;
    assert_problem(too_long, 422).await;
    let renew_without_date = app
        .post("/v1/licenses/UZ-TK-0123/events")
        .as_(&token)
        .json(json!({"action": "renew", "until": "2030-01-01"}))
        .if_match(&tag)
        .send()
        .await;
    assert_problem(renew_without_date, 422).await;
}

#[tokio::test]
async fn an_issued_licence_is_checkable_at_once_under_its_canonical_number() {
    let (app, token, id) = with_agency().await;
    // Warm the public answer: it must not be served stale afterwards.
    assert_eq!(app.get("/v1/licenses/UZ-TK-0123").await.status(), 404);
    let response = issue(&app, &token, &id, "uz tk 0123").await;
    assert_eq!(response.status(), 201);
    assert_eq!(response.headers()["location"], "/v1/licenses/UZ-TK-0123");
    let (status, license) = app.get_json("/v1/licenses/UZ-TK-0123").await;
    assert_eq!(status, 200);
    assert_eq!(
        (license["status"].as_str(), license["can_recruit"].as_bool()),
        (Some("active"), Some(true))
    );
    assert_eq!(license["destination_countries"], json!(["KR", "JP"]));
    let (_, history) = app.get_json("/v1/licenses/UZ-TK-0123/events").await;
    assert_eq!(history["items"][0]["action"], "issued");

    // The same number in a look-alike spelling (Cyrillic Т and К) is the same licence.
    let again = issue(&app, &token, &id, "UZ/ТК/0123").await;
    assert_problem(again, 409).await;
}

#[tokio::test]
async fn invalid_licences_are_refused() {
    let (app, token, id) = with_agency().await;
    let path = format!("/v1/agencies/{id}/licenses");
    let mut body = license_body("UZ-TK-0500");
    body["destination_countries"] = json!(["XX", "KR"]);
    body["sectors"] = json!(["smuggling"]);
    body["valid_until"] = json!(days_ago(20).to_string());
    let problem = assert_problem(app.post(&path).as_(&token).json(body).send().await, 422).await;
    let fields: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["valid_until", "destination_countries[0]", "sectors[0]"]);
    let missing = "/v1/agencies/6a0c1e1e-0000-4000-8000-000000000000/licenses";
    assert_problem(
        app.post(missing)
            .as_(&token)
            .json(license_body("UZ-TK-0501"))
            .send()
            .await,
        404,
    )
    .await;
}

#[tokio::test]
async fn the_lifecycle_through_the_api() {
    let (app, token) = with_license().await;

    // Reinstating an active licence is impossible; the answer says what is possible.
    let problem = assert_problem(act(&app, &token, json!({"action": "reinstate"})).await, 409).await;
    assert_eq!(
        problem["possible_actions"],
        json!(["suspend", "renew", "revoke", "surrender"])
    );

    assert_problem(act(&app, &token, json!({"action": "suspend"})).await, 422).await; // reason required
    let until = days_ahead(30).to_string();
    let suspended = act(
        &app,
        &token,
        json!({"action": "suspend", "reason": "Charged fees", "until": until}),
    )
    .await;
    assert_eq!(suspended.status(), 201);
    let now = check(&app).await;
    assert_eq!(
        (now["status"].as_str(), now["can_recruit"].as_bool()),
        (Some("suspended"), Some(false))
    );
    assert_eq!(now["status_reason"], "Charged fees");
    assert_eq!(now["suspended_until"], until);

    assert_problem(
        act(
            &app,
            &token,
            json!({"action": "renew", "valid_until": days_ahead(900).to_string()}),
        )
        .await,
        409,
    )
    .await;
    assert_eq!(act(&app, &token, json!({"action": "reinstate"})).await.status(), 201);
    assert_eq!(check(&app).await["can_recruit"], true);

    let renewed = act(
        &app,
        &token,
        json!({"action": "renew", "valid_until": days_ahead(1000).to_string()}),
    )
    .await;
    assert_eq!(renewed.status(), 201);
    assert_eq!(check(&app).await["valid_until"], days_ahead(1000).to_string());

    assert_eq!(
        act(&app, &token, json!({"action": "revoke", "reason": "Trafficking case"}))
            .await
            .status(),
        201
    );
    let now = check(&app).await;
    assert_eq!(
        (now["status"].as_str(), now["can_recruit"].as_bool()),
        (Some("revoked"), Some(false))
    );
    // Each a body its action's schema allows: only the state says no.
    for body in [
        json!({"action": "reinstate", "reason": "x"}),
        json!({"action": "renew", "reason": "x", "valid_until": days_ahead(2000).to_string()}),
        json!({"action": "suspend", "reason": "x"}),
        json!({"action": "surrender", "reason": "x"}),
        json!({"action": "revoke", "reason": "x"}),
    ] {
        let action = body["action"].clone();
        let problem = assert_problem(act(&app, &token, body).await, 409).await;
        assert_eq!(problem["possible_actions"], json!([]), "{action}");
    }
    let (_, history) = app.get_json("/v1/licenses/UZ-TK-0123/events").await;
    let actions: Vec<_> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["issued", "suspended", "reinstated", "renewed", "revoked"]);
}

#[tokio::test]
async fn surrender_is_final_and_expired_licences_can_be_renewed() {
    let (app, token) = with_license().await;
    assert_eq!(act(&app, &token, json!({"action": "surrender"})).await.status(), 201);
    assert_problem(act(&app, &token, json!({"action": "reinstate"})).await, 409).await;

    // A lapsed licence (stored active, validity over) is expired: renew works, suspend does not.
    let (app, token) = with_license().await;
    app.rewrite(
        "UPDATE licenses SET valid_from = now() - interval '800 days', valid_until = now() - interval '2 days'",
    )
    .await;
    assert_eq!(app.get_json("/v1/licenses/UZ-TK-0123").await.1["status"], "expired");
    assert_problem(
        act(&app, &token, json!({"action": "suspend", "reason": "x"})).await,
        409,
    )
    .await;
    let renewed = act(
        &app,
        &token,
        json!({"action": "renew", "valid_until": days_ahead(365).to_string()}),
    )
    .await;
    assert_eq!(renewed.status(), 201);
    assert_eq!(app.get_json("/v1/licenses/UZ-TK-0123").await.1["status"], "active");
}

#[tokio::test]
async fn lifecycle_actions_need_the_current_etag() {
    let (app, token) = with_license().await;
    let body = json!({"action": "revoke", "reason": "fraud"});
    let path = "/v1/licenses/UZ-TK-0123/events";
    assert_problem(app.post(path).as_(&token).json(body.clone()).send().await, 428).await;
    assert_problem(
        app.post(path)
            .as_(&token)
            .json(body.clone())
            .if_match("\"old\"")
            .send()
            .await,
        412,
    )
    .await;
    assert_eq!(app.get_json("/v1/licenses/UZ-TK-0123").await.1["status"], "active");
}

#[tokio::test]
async fn public_gets_send_etags_and_answer_304() {
    let (app, token) = with_license().await;
    for path in [
        "/v1/licenses/UZ-TK-0123",
        "/v1/licenses/UZ-TK-0123/events",
        "/v1/agencies?q=istiqbol",
        "/health/live",
    ] {
        let tag = app.etag(path).await;
        let response = app
            .client
            .get(format!("{}{}", app.address, path))
            .header("If-None-Match", &tag)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 304, "{path}");
        assert_eq!(response.headers()["etag"].to_str().unwrap(), tag);
    }
    let tag = app.etag("/v1/licenses/UZ-TK-0123").await;
    assert_eq!(
        act(&app, &token, json!({"action": "suspend", "reason": "fees"}))
            .await
            .status(),
        201
    );
    let response = app
        .client
        .get(format!("{}/v1/licenses/UZ-TK-0123", app.address))
        .header("If-None-Match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "a changed licence is sent again");
}

async fn check(app: &TestApp) -> Value {
    app.get_json("/v1/licenses/UZ-TK-0123").await.1
}

#[tokio::test]
async fn entity_tags_follow_the_stored_rows_a_representation_is_built_from() {
    let (app, token, id) = with_agency().await;
    assert_eq!(issue(&app, &token, &id, "UZ-TK-0123").await.status(), 201);
    let agency_path = format!("/v1/agencies/{id}");
    let (license_tag, agency_tag) = (app.etag("/v1/licenses/UZ-TK-0123").await, app.etag(&agency_path).await);
    assert_ne!(license_tag, agency_tag);
    // The same state, the same tag, and 304 for it.
    assert_eq!(app.etag("/v1/licenses/UZ-TK-0123").await, license_tag);
    let not_modified = app
        .client
        .get(format!("{}/v1/licenses/UZ-TK-0123", app.address))
        .header("If-None-Match", &license_tag)
        .send()
        .await
        .unwrap();
    assert_eq!(not_modified.status(), 304);

    // A second licence changes the agency's answer, not the first licence's.
    assert_eq!(issue(&app, &token, &id, "UZ-TK-0124").await.status(), 201);
    assert_eq!(app.etag("/v1/licenses/UZ-TK-0123").await, license_tag);
    let agency_tag_2 = app.etag(&agency_path).await;
    assert_ne!(agency_tag_2, agency_tag);

    // Renaming the agency changes both: the licence check shows the agency.
    let renamed = app
        .patch(&agency_path)
        .as_(&token)
        .json(json!({"legal_name": "Istiqbol Group MChJ"}))
        .if_match(&agency_tag_2)
        .send()
        .await;
    assert_eq!(renamed.status(), 200);
    let answered = renamed.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(
        answered,
        app.etag(&agency_path).await,
        "the write answers the tag a read sends"
    );
    assert_ne!(app.etag("/v1/licenses/UZ-TK-0123").await, license_tag);
    // The tag sent before the rename is stale now.
    let stale = app
        .patch(&agency_path)
        .as_(&token)
        .json(json!({"phone": "+998 71 000 00 00"}))
        .if_match(&agency_tag_2)
        .send()
        .await;
    assert_problem(stale, 412).await;
}

#[tokio::test]
async fn a_refused_change_leaves_no_trace() {
    let (app, token, id) = with_agency().await;
    let other = json!({"legal_name": "Boshqa MChJ", "taxpayer_id": "309999999", "region": "UZ-TK"});
    assert_eq!(
        app.post("/v1/agencies").as_(&token).json(other).send().await.status(),
        201
    );
    let path = format!("/v1/agencies/{id}");
    let tag = app.etag(&path).await;
    let db = app.db.client().await;
    let count = "SELECT count(*) FROM audit_events";
    let before: i64 = db.query_one(count, &[]).await.unwrap().get(0);
    // The UPDATE itself fails (the taxpayer id is taken) inside the change.
    let taken = app
        .patch(&path)
        .as_(&token)
        .json(json!({"taxpayer_id": "309999999", "phone": "+998 71 1"}))
        .if_match(&tag)
        .send()
        .await;
    assert_problem(taken, 409).await;
    let after: i64 = db.query_one(count, &[]).await.unwrap().get(0);
    assert_eq!(after, before, "no audit record of a change that did not happen");
    assert_eq!(app.etag(&path).await, tag, "the agency is as it was");
    // The pool's connections are fine afterwards: the next change goes through.
    for _ in 0..20 {
        let tag = app.etag(&path).await;
        let ok = app
            .patch(&path)
            .as_(&token)
            .json(json!({"phone": null}))
            .if_match(&tag)
            .send()
            .await;
        assert_eq!(ok.status(), 200);
    }
}
