use agency_registry::domain::access::Role;
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
        let response = app.post("/v1/agencies").as_(&ministry).json(body).send().await;
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
        .patch(&path)
        .as_(&ministry)
        .json(json!({"phone": "+998 69 000"}))
        .if_match(&tag)
        .send()
        .await;
    assert_eq!(patched.status(), 200);
    let auditor = app.token(Role::Auditor).await;
    (app, auditor)
}

#[tokio::test]
async fn every_change_is_in_the_audit_trail_with_who_what_and_when() {
    let (app, auditor) = with_history().await;
    let response = app
        .call(Method::GET, "/v1/audit-events?limit=2")
        .as_(&auditor)
        .send()
        .await;
    assert_eq!(response.status(), 200);
    let page: Value = response.json().await.unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let cursor = page["next_cursor"].as_str().unwrap();
    let rest: Value = app
        .read_as(&format!("/v1/audit-events?limit=100&cursor={cursor}"), &auditor)
        .await;
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
        .read_as("/v1/audit-events?resource_type=agency&limit=100", &auditor)
        .await;
    assert_eq!(filtered["items"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn the_chain_verifies_and_detects_a_row_edited_behind_the_services_back() {
    let (app, auditor) = with_history().await;
    let verified: Value = app.read_as("/v1/audit-events/verify", &auditor).await;
    // The three signing keys generated at start (tokens, statements,
    // checkpoints), three creations, one update.
    assert_eq!(verified, json!({"ok": true, "checked": 7, "first_broken": null}));

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
    let verified: Value = app.read_as("/v1/audit-events/verify", &auditor).await;
    assert_eq!(verified, json!({"ok": false, "checked": 2, "first_broken": 2}));
}

#[tokio::test]
async fn only_auditors_read_the_trail() {
    let (app, _) = with_history().await;
    let ministry = app.token(Role::Ministry).await;
    assert_problem(
        app.call(Method::GET, "/v1/audit-events").as_(&ministry).send().await,
        403,
    )
    .await;
    assert_problem(app.call(Method::GET, "/v1/audit-events").send().await, 401).await;
}

#[tokio::test]
async fn the_runtime_role_cannot_rewrite_the_audit_trail() {
    let (app, _) = with_history().await;
    let (runtime, connection) = tokio_postgres::connect(&app.db.runtime_url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    // Reading and appending is what the service does.
    let count: i64 = runtime
        .query_one("SELECT count(*) FROM audit_events", &[])
        .await
        .unwrap()
        .get(0);
    assert!(count >= 4);
    for attack in [
        "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only",
        "ALTER TABLE audit_events DISABLE TRIGGER USER",
        "UPDATE audit_events SET action = 'nothing' WHERE id = (SELECT max(id) FROM audit_events)",
        "DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)",
        "TRUNCATE audit_events",
        "DROP TRIGGER audit_events_append_only ON audit_events",
        "UPDATE license_events SET reason = 'x'",
        "DELETE FROM complaint_events",
    ] {
        let refused = runtime.batch_execute(attack).await;
        let err = refused.expect_err(attack);
        assert_eq!(
            err.code(),
            Some(&tokio_postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
            "{attack}: {err}"
        );
    }
    let after: i64 = runtime
        .query_one("SELECT count(*) FROM audit_events", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(after, count);
}

#[tokio::test]
async fn a_head_kept_by_an_ngo_reveals_a_chain_cut_behind_the_services_back() {
    use agency_registry::admin;
    use agency_registry::cli::{AuditArgs, AuditCommand};
    use agency_registry::domain::checkpoint::{self, Checkpoint};

    let (app, _) = with_history().await;
    let ministry = app.token(Role::Ministry).await;
    let ngo = app.token(Role::Ngo).await;
    // An NGO's client reads the live head: the newest record's position
    // and hash (and when), nothing of its content.
    let head: Value = app.read_as("/v1/audit-events/head", &ngo).await;
    let mut fields: Vec<&String> = head.as_object().unwrap().keys().collect();
    fields.sort();
    assert_eq!(fields, ["as_of", "hash", "seq"], "position and hash only: {head}");
    let seq = head["seq"].as_i64().unwrap();
    let hash = head["hash"].as_str().unwrap().to_owned();
    let newest: (i64, String) = {
        let row = app
            .db
            .client()
            .await
            .query_one("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1", &[])
            .await
            .unwrap();
        (row.get(0), row.get(1))
    };
    assert_eq!((seq, hash.clone()), newest);

    // The operator signs a checkpoint with a key outside the database.
    let (_, pem, _) = agency_registry::auth::keys::new_key().unwrap();
    let key_file = std::env::temp_dir().join(format!("{}.checkpoint.pem", app.db.name));
    std::fs::write(&key_file, &pem).unwrap();
    let key = checkpoint::signing_key(&pem).unwrap();
    let signed = Checkpoint::sign(&key, seq, &hash, chrono::Utc::now());
    let cp_file = std::env::temp_dir().join(format!("{}.checkpoint.json", app.db.name));
    std::fs::write(&cp_file, serde_json::to_string(&signed).unwrap()).unwrap();
    let verify = |public_key: Option<String>| AuditArgs {
        database: app.database_args(),
        checkpoint_key_file: Some(key_file.clone()),
        command: AuditCommand::Verify {
            checkpoint: Some(cp_file.clone()),
            checkpoint_public_key: public_key,
        },
    };
    admin::audit(verify(None))
        .await
        .expect("the chain holds at the checkpoint");
    let checked = |body: Value| {
        let (app, ngo) = (&app, ngo.clone());
        async move {
            app.post("/v1/audit-events/verify")
                .as_(&ngo)
                .json(body)
                .send()
                .await
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let answer = checked(head.clone()).await;
    assert_eq!(
        (answer["ok"].clone(), answer["checkpoint"].clone()),
        (json!(true), json!("holds"))
    );

    // More changes, then someone with the owner's credentials removes the
    // newest records behind the service's back.
    let body = json!({"legal_name": "Agency 9", "taxpayer_id": "305000009", "region": "UZ-NG"});
    assert_eq!(
        app.post("/v1/agencies").as_(&ministry).json(body).send().await.status(),
        201
    );
    let owner = app.db.client().await;
    owner
        .batch_execute(&format!(
            "ALTER TABLE audit_events DISABLE TRIGGER USER;
             DELETE FROM audit_events WHERE id >= {seq};
             ALTER TABLE audit_events ENABLE TRIGGER USER;"
        ))
        .await
        .unwrap();
    // The chain alone still verifies: what is left links up.
    let auditor = app.token(Role::Auditor).await;
    let alone: Value = app.read_as("/v1/audit-events/verify", &auditor).await;
    assert_eq!(alone["ok"], true, "{alone}");
    // The kept head does not.
    let answer = checked(head.clone()).await;
    assert_eq!(
        (answer["ok"].clone(), answer["checkpoint"].clone()),
        (json!(false), json!("cut"))
    );
    let refused = admin::audit(verify(None)).await.unwrap_err().to_string();
    assert!(refused.contains("cut"), "{refused}");
    // A checkpoint signed by another key is not trusted.
    let (_, other_pem, _) = agency_registry::auth::keys::new_key().unwrap();
    let other = checkpoint::public_key_of(&checkpoint::signing_key(&other_pem).unwrap());
    let untrusted = admin::audit(verify(Some(other))).await.unwrap_err().to_string();
    assert!(untrusted.contains("another key"), "{untrusted}");
    // A record rewritten in place is named so.
    owner
        .batch_execute(
            "ALTER TABLE audit_events DISABLE TRIGGER USER;
             UPDATE audit_events SET hash = repeat('0', 64) WHERE id = (SELECT min(id) FROM audit_events);
             ALTER TABLE audit_events ENABLE TRIGGER USER;",
        )
        .await
        .unwrap();
    let first: (i64, String) = {
        let row = owner
            .query_one("SELECT id, hash FROM audit_events ORDER BY id LIMIT 1", &[])
            .await
            .unwrap();
        (row.get(0), row.get(1))
    };
    let answer = checked(json!({"seq": first.0, "hash": "a".repeat(64)})).await;
    assert_eq!(answer["checkpoint"], "rewritten");
    // Bad checkpoints are 422.
    let bad = app
        .post("/v1/audit-events/verify")
        .as_(&ngo)
        .json(json!({"seq": 0, "hash": "zz"}))
        .send()
        .await;
    assert_problem(bad, 422).await;
    let _ = std::fs::remove_file(key_file);
    let _ = std::fs::remove_file(cp_file);
}

#[tokio::test]
async fn seeding_refuses_a_populated_registry_and_is_audited() {
    use agency_registry::cli::{Cli, Command, DataSet, SeedArgs};
    use agency_registry::config::LogArgs;
    let app = TestApp::spawn().await;
    let seed = |force: bool, synthetic: usize| Cli {
        command: Command::Seed(SeedArgs {
            database: app.database_args(),
            data_set: DataSet {
                demo: false,
                synthetic: Some(synthetic),
            },
            force,
        }),
        log: LogArgs {
            log_format: agency_registry::config::LogFormat::Text,
        },
    };
    seed(false, 3).run().await.expect("an empty registry takes a data set");
    let refused = seed(false, 3).run().await.unwrap_err().to_string();
    assert!(refused.contains("--force"), "{refused}");
    let auditor = app.token(Role::Auditor).await;
    let trail: Value = app.read_as("/v1/audit-events?resource_type=registry", &auditor).await;
    assert_eq!(trail["items"].as_array().unwrap().len(), 1, "{trail}");
    assert_eq!(trail["items"][0]["action"], "seed");
    assert_eq!(trail["items"][0]["after"]["agencies"], 3);
    assert_eq!(trail["items"][0]["after"]["data_set"], "synthetic");
    let (_, page) = app.get_json("/v1/agencies?limit=100").await;
    assert_eq!(page["items"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn administrative_changes_are_audited_like_api_ones() {
    use agency_registry::admin;
    use agency_registry::cli::{ClientsArgs, ClientsCommand};

    let app = TestApp::spawn().await;
    let create = ClientsCommand::Create {
        name: "Licensing desk".into(),
        role: Role::Ministry,
        organization: None,
    };
    let database = app.database_args();
    admin::clients(ClientsArgs {
        database: database.clone(),
        command: create,
    })
    .await
    .unwrap();
    let db = app.db.client().await;
    let client_id: String = db
        .query_one("SELECT client_id FROM api_clients WHERE name = 'Licensing desk'", &[])
        .await
        .unwrap()
        .get(0);
    let disable = ClientsCommand::Disable {
        client_id: client_id.clone(),
    };
    admin::clients(ClientsArgs {
        database,
        command: disable,
    })
    .await
    .unwrap();
    let auditor = app.token(Role::Auditor).await;
    let trail = app
        .read_as(
            &format!("/v1/audit-events?resource_type=client&resource_id={client_id}"),
            &auditor,
        )
        .await;
    let items = trail["items"].as_array().unwrap();
    let actions: Vec<_> = items.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["create", "disable"]);
    for event in items {
        assert!(event["actor"].as_str().unwrap().starts_with("cli:"), "{event}");
        assert_eq!(event["actor_role"], "admin");
        assert!(!event.to_string().contains("sha256:"), "no secret hash in {event}");
    }
    assert_eq!(items[0]["after"]["role"], "ministry");
    assert_eq!(items[1]["before"]["disabled"], false);
    assert_eq!(items[1]["after"]["disabled"], true);
    // The chain holds with them in it.
    let verified: Value = app.read_as("/v1/audit-events/verify", &auditor).await;
    assert_eq!(verified["ok"], true, "{verified}");
}

#[tokio::test]
async fn the_public_sees_a_signed_hourly_checkpoint_that_no_filing_moves() {
    let (app, _) = with_history().await;
    let (status, public) = app.get_json("/v1/audit-events/head").await;
    assert_eq!(status, 200);
    // Signed with a checkpoint key, and saying what the answer says.
    let jws = public["checkpoint"].as_str().unwrap();
    let claims = agency_registry::auth::checkpoint::verify(&app.keys, jws).unwrap();
    assert_eq!(
        (claims.seq, claims.hash.as_str()),
        (public["seq"].as_i64().unwrap(), public["hash"].as_str().unwrap())
    );
    let as_of: chrono::DateTime<chrono::Utc> = public["as_of"].as_str().unwrap().parse().unwrap();
    assert_eq!(claims.as_of, as_of);
    assert_eq!(
        as_of,
        agency_registry::usecases::checkpoints::due_hour(chrono::Utc::now())
    );
    assert!(
        agency_registry::auth::statement::verify(&app.keys, jws).is_err(),
        "no statement"
    );
    // A complaint filed: the live head moves, the public one does not.
    let ngo = app.token(Role::Ngo).await;
    let live_before: Value = app.read_as("/v1/audit-events/head", &ngo).await;
    let filed = app
        .post("/v1/complaints")
        .as_(&ngo)
        .header("Idempotency-Key", "head-1")
        .json(
            json!({"category": "other", "description": "Asked for 800 USD for a visa.", "recruiter": {"name": "Aziz"}}),
        )
        .send()
        .await;
    assert_eq!(filed.status(), 201, "{:?}", filed.text().await);
    let live_after: Value = app.read_as("/v1/audit-events/head", &ngo).await;
    assert!(live_after["seq"].as_i64() > live_before["seq"].as_i64());
    let (_, again) = app.get_json("/v1/audit-events/head").await;
    assert_eq!(again, public, "the public head told of the filing");
    // The next hour's checkpoint takes in everything written before it.
    let mut conn = app.pool.get().await.unwrap();
    let later = chrono::Utc::now() + chrono::Duration::hours(2);
    assert!(
        agency_registry::usecases::checkpoints::publish_due(&mut conn, &app.keys, later)
            .await
            .unwrap()
    );
    let (_, next) = app.get_json("/v1/audit-events/head").await;
    assert_eq!(next["seq"], live_after["seq"], "{next}");
}
