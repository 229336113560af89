use agency_registry::auth::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, TestApp};

/// Registers three agencies and changes one; returns the app, the ministry
/// client's token and an auditor token.
async fn with_history() -> (TestApp, String) {
    let app = TestApp::spawn().await;
    let ministry = app.token(Role::Ministry).await;
    let mut first = None;
    for i in 0..3 {
        let body =
            json!({"legal_name": format!("Agency {i}"), "taxpayer_id": format!("30500000{i}"), "region": "UZ-NG"});
        let response = app
            .send(Method::POST, "/v1/agencies", Some(&ministry), Some(body), None)
            .await;
        assert_eq!(response.status(), 201);
        first.get_or_insert(
            response.json::<Value>().await.unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let path = format!("/v1/agencies/{}", first.unwrap());
    let tag = app.etag(&path).await;
    let patched = app
        .send(
            Method::PATCH,
            &path,
            Some(&ministry),
            Some(json!({"phone": "+998 69 000"})),
            Some(&tag),
        )
        .await;
    assert_eq!(patched.status(), 200);
    let auditor = app.token(Role::Auditor).await;
    (app, auditor)
}

#[tokio::test]
async fn every_change_is_in_the_audit_trail_with_who_what_and_when() {
    let (app, auditor) = with_history().await;
    let response = app
        .send(Method::GET, "/v1/audit-events?limit=2", Some(&auditor), None, None)
        .await;
    assert_eq!(response.status(), 200);
    let page: Value = response.json().await.unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let cursor = page["next_cursor"].as_str().unwrap();
    let rest: Value = app
        .send(
            Method::GET,
            &format!("/v1/audit-events?limit=100&cursor={cursor}"),
            Some(&auditor),
            None,
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let all: Vec<Value> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(rest["items"].as_array().unwrap())
        .cloned()
        .collect();
    // The server's generated key is recorded too; then 3 creations and an update.
    let agency_changes: Vec<_> = all.iter().filter(|e| e["resource_type"] == "agency").collect();
    let actions: Vec<_> = agency_changes.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["create", "create", "create", "update"]);
    let update = agency_changes[3];
    assert_eq!(update["actor_role"], "ministry");
    assert!(update["actor"].as_str().unwrap().starts_with("cl_"));
    assert_eq!(update["before"]["phone"], Value::Null);
    assert_eq!(update["after"]["phone"], "+998 69 000");
    assert!(uuid::Uuid::parse_str(update["request_id"].as_str().unwrap()).is_ok());
    assert_eq!(update["prev_hash"], agency_changes[2]["hash"]);

    let filtered: Value = app
        .send(
            Method::GET,
            "/v1/audit-events?resource_type=agency&limit=100",
            Some(&auditor),
            None,
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(filtered["items"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn the_chain_verifies_and_detects_a_row_edited_behind_the_services_back() {
    let (app, auditor) = with_history().await;
    let verified: Value = app
        .send(Method::GET, "/v1/audit-events/verify", Some(&auditor), None, None)
        .await
        .json()
        .await
        .unwrap();
    // The signing key generated at start, three creations, one update.
    assert_eq!(verified, json!({"ok": true, "checked": 5, "first_broken": null}));

    let db = app.db.client().await;
    // The service cannot rewrite history: the database refuses.
    assert!(db
        .execute("UPDATE audit_events SET action = 'x' WHERE id = 2", &[])
        .await
        .is_err());
    assert!(db.execute("DELETE FROM audit_events WHERE id = 2", &[]).await.is_err());
    // A superuser who switches the guard off can, but the chain tells.
    db.batch_execute(
        "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
         UPDATE audit_events SET after = jsonb_set(after, '{legal_name}', '\"Forged\"') WHERE id = 2;
         ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;",
    )
    .await
    .unwrap();
    let verified: Value = app
        .send(Method::GET, "/v1/audit-events/verify", Some(&auditor), None, None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(verified, json!({"ok": false, "checked": 2, "first_broken": 2}));
}

#[tokio::test]
async fn only_auditors_read_the_trail() {
    let (app, _) = with_history().await;
    let ministry = app.token(Role::Ministry).await;
    assert_problem(
        app.send(Method::GET, "/v1/audit-events", Some(&ministry), None, None)
            .await,
        403,
    )
    .await;
    assert_problem(app.send(Method::GET, "/v1/audit-events", None, None, None).await, 401).await;
}
