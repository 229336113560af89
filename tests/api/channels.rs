//! An agency's official channels: registered whole by the ministry, public
//! in the agency's answer and the change feed, never two agencies' at once.

use agency_registry::domain::access::Role;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, TestApp};

async fn agency(app: &TestApp, token: &str, name: &str, taxpayer_id: &str) -> String {
    let body = json!({"legal_name": name, "taxpayer_id": taxpayer_id, "region": "UZ-TK"});
    let response = app.post("/v1/agencies").as_(token).json(body).send().await;
    assert_eq!(response.status(), 201);
    response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn channels_are_registered_whole_in_the_form_a_check_compares_and_are_public() {
    let app = TestApp::spawn().await;
    let token = app.token(Role::Ministry).await;
    let id = agency(&app, &token, "Istiqbol Recruitment MChJ", "301234567").await;
    let path = format!("/v1/agencies/{id}");
    let channels = format!("{path}/channels");
    let body = json!({
        "phones": ["+998 71 200-11-22", "71 200 11 22", "(90) 123-45-67"],
        "handles": ["https://t.me/Istiqbol_Jobs", "instagram.com/istiqbol.jobs/"],
        "websites": ["https://www.istiqbol.uz/vacancies?x=1"],
        "addresses": ["  Toshkent,  Amir Temur 1 "],
    });
    assert_problem(
        app.call(reqwest::Method::PUT, &channels)
            .as_(&token)
            .json(body.clone())
            .send()
            .await,
        428,
    )
    .await;
    let stale = app
        .call(reqwest::Method::PUT, &channels)
        .as_(&token)
        .json(body.clone())
        .if_match("\"stale\"");
    assert_problem(stale.send().await, 412).await;
    // Without a token nothing is said of the body.
    assert_problem(
        app.call(reqwest::Method::PUT, &channels)
            .json(body.clone())
            .send()
            .await,
        401,
    )
    .await;

    let tag = app.etag(&path).await;
    let response = app
        .call(reqwest::Method::PUT, &channels)
        .as_(&token)
        .json(body)
        .if_match(&tag)
        .send()
        .await;
    assert_eq!(response.status(), 200);
    let new_tag = response.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(new_tag, tag);
    let expected = json!({
        "phones": ["+998712001122", "+998901234567"],
        "handles": [
            {"platform": "instagram", "name": "istiqbol.jobs"},
            {"platform": "telegram", "name": "istiqbol_jobs"},
        ],
        "websites": ["istiqbol.uz"],
        "addresses": ["Toshkent, Amir Temur 1"],
    });
    assert_eq!(response.json::<Value>().await.unwrap()["channels"], expected);
    let (_, public) = app.get_json(&path).await;
    assert_eq!(public["channels"], expected, "the public answer");
    let (_, feed) = app.get_json("/v1/changes?after=0").await;
    let last = feed["changes"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["type"], "agency.updated");
    assert_eq!(last["data"]["channels"], expected, "the feed: {last}");
    let (_, search) = app.get_json("/v1/agencies?q=istiqbol").await;
    assert_eq!(
        search["items"][0]["channels"], expected,
        "the search, from the read model"
    );

    // The snapshot has a line per licence: issue one.
    let licence = json!({"license_number": "UZ-TK-0990", "valid_from": "2026-01-01", "valid_until": "2030-12-31",
                         "destination_countries": ["KR"], "sectors": ["construction"]});
    let issued = app
        .post(&format!("{path}/licenses"))
        .as_(&token)
        .json(licence)
        .send()
        .await;
    assert_eq!(issued.status(), 201);
    let snapshot = app.get("/v1/registry/snapshot").await.text().await.unwrap();
    let line = snapshot.lines().find(|l| l.contains(&id)).unwrap();
    let line: Value = serde_json::from_str(line).unwrap();
    assert_eq!(line["channels"], expected, "the snapshot: {line}");

    // The old tag is stale now; an empty set removes them all.
    let new_tag = app.etag(&path).await;
    let again = app
        .call(reqwest::Method::PUT, &channels)
        .as_(&token)
        .json(json!({}))
        .if_match(&tag);
    assert_problem(again.send().await, 412).await;
    let cleared = app
        .call(reqwest::Method::PUT, &channels)
        .as_(&token)
        .json(json!({}))
        .if_match(&new_tag);
    let cleared = cleared.send().await.json::<Value>().await.unwrap();
    assert_eq!(
        cleared["channels"],
        Value::Null,
        "none registered, none said: {cleared}"
    );
}

#[tokio::test]
async fn a_channel_of_another_agency_is_refused_naming_it_and_misfits_are_listed() {
    let app = TestApp::spawn().await;
    let token = app.token(Role::Ministry).await;
    let first = agency(&app, &token, "Istiqbol Recruitment MChJ", "301234567").await;
    let second = agency(&app, &token, "Yangi Ufq MChJ", "301234568").await;
    let put = async |id: &str, body: Value| {
        let path = format!("/v1/agencies/{id}");
        let tag = app.etag(&path).await;
        let call = app.call(reqwest::Method::PUT, &format!("{path}/channels")).as_(&token);
        call.json(body).if_match(&tag).send().await
    };
    assert_eq!(
        put(&first, json!({"phones": ["90 123 45 67"], "websites": ["istiqbol.uz"]}))
            .await
            .status(),
        200
    );
    for taken in [
        json!({"phones": ["+998901234567"]}),
        json!({"websites": ["http://istiqbol.uz"]}),
    ] {
        let problem = assert_problem(put(&second, taken).await, 409).await;
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("Istiqbol Recruitment MChJ"),
            "{problem}"
        );
    }
    let problem = assert_problem(
        put(
            &second,
            json!({
                "phones": ["call me"],
                "handles": ["@yangi_ufq", "https://t.me/yangi_ufq"],
                "websites": ["https://t.me/yangi_ufq"],
                "addresses": [" "],
            }),
        )
        .await,
        422,
    )
    .await;
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["phones[0]", "handles[0]", "websites[0]", "addresses[0]"],
        "{problem}"
    );
    // The refused change left nothing behind.
    let (_, second) = app.get_json(&format!("/v1/agencies/{second}")).await;
    assert_eq!(second["channels"], Value::Null);
}
