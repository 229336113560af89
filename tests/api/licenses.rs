use agency_registry::domain::license_status::{LicenseAction, LicenseStatus};
use agency_registry::seed::{Batch, LicenseSpec};
use chrono::Utc;

use crate::helpers::{agency_with_license, assert_problem, days_ago, days_ahead, today, TestApp};

async fn app_with_istiqbol() -> TestApp {
    let app = TestApp::spawn().await;
    let mut batch = Batch::default();
    agency_with_license(
        &mut batch,
        "Istiqbol Recruitment MChJ",
        &["Истиқбол Рекрутмент"],
        "301234567",
        "UZ-TK",
        ("UZ-TK-0123", "active", days_ago(100), days_ahead(300)),
    );
    app.insert(batch).await;
    app
}

#[tokio::test]
async fn lookup_forgives_case_spaces_separators_and_cyrillic_look_alikes() {
    let app = app_with_istiqbol().await;
    // The last two use Cyrillic Т, К and У-less look-alikes typed on a Cyrillic keyboard.
    for typed in [
        "UZ-TK-0123",
        "uz%20tk%200123",
        "%20UZ-TK-0123%20",
        "UZ%2FTK%2F0123",
        "uz.tk.0123",
        "UZTK0123",
        "UZ-%D0%A2%D0%9A-0123",
        "uz-%D1%82%D0%BA-0123",
    ] {
        let (status, body) = app.get_json(&format!("/v1/licenses/{typed}")).await;
        assert_eq!(status, 200, "{typed}");
        assert_eq!(body["license_number"], "UZ-TK-0123", "{typed}");
        assert_eq!(body["agency"]["legal_name"], "Istiqbol Recruitment MChJ");
    }
}

#[tokio::test]
async fn valid_active_licence_can_recruit_with_its_countries_and_sectors() {
    let app = app_with_istiqbol().await;
    let (status, body) = app.get_json("/v1/licenses/UZ-TK-0123").await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "active");
    assert_eq!(body["can_recruit"], true);
    assert_eq!(body["destination_countries"], serde_json::json!(["KR"]));
    assert_eq!(body["sectors"], serde_json::json!(["construction"]));
    assert_eq!(body["valid_until"], days_ahead(300).to_string());
    assert_eq!(body["checked_on"], today().to_string());
    assert_eq!(body["agency"]["taxpayer_id"], "301234567");
    assert_eq!(body["agency"]["region"], "UZ-TK");
}

#[tokio::test]
async fn unknown_licence_is_a_404_that_warns_the_job_seeker() {
    let app = app_with_istiqbol().await;
    // In Uzbek (Latin) unless the reader asks for another language.
    let body = assert_problem(app.get("/v1/licenses/uz-tk-9999").await, 404).await;
    let detail = body["detail"].as_str().unwrap();
    assert!(detail.contains("UZ-TK-9999"), "{detail}");
    assert!(detail.contains("pasportingizni bermang"), "{detail}");
    let body = assert_problem(app.get("/v1/licenses/uz-tk-9999?lang=en").await, 404).await;
    let detail = body["detail"].as_str().unwrap();
    assert!(detail.contains("may not recruit"), "{detail}");
}

#[tokio::test]
async fn text_that_cannot_be_a_licence_number_is_a_400() {
    let app = app_with_istiqbol().await;
    for bad in [
        "%00",
        "UZ%27%20OR%20%271%27%3D%271",
        "%E2%9C%93",
        "---",
        &"9".repeat(10_000),
    ] {
        assert_problem(app.get(&format!("/v1/licenses/{bad}")).await, 400).await;
    }
}

#[tokio::test]
async fn lapsed_active_licence_is_reported_expired_at_once() {
    let app = TestApp::spawn().await;
    let mut batch = Batch::default();
    agency_with_license(
        &mut batch,
        "Lapsed",
        &[],
        "300000001",
        "UZ-SA",
        ("UZ-SA-0001", "active", days_ago(400), days_ago(1)),
    );
    agency_with_license(
        &mut batch,
        "Last Day",
        &[],
        "300000002",
        "UZ-SA",
        ("UZ-SA-0002", "active", days_ago(400), today()),
    );
    agency_with_license(
        &mut batch,
        "Future",
        &[],
        "300000003",
        "UZ-SA",
        ("UZ-SA-0003", "active", days_ahead(1), days_ahead(400)),
    );
    app.insert(batch).await;

    let (_, lapsed) = app.get_json("/v1/licenses/UZ-SA-0001").await;
    assert_eq!(
        (lapsed["status"].as_str(), lapsed["can_recruit"].as_bool()),
        (Some("expired"), Some(false))
    );
    let (_, last_day) = app.get_json("/v1/licenses/UZ-SA-0002").await;
    assert_eq!(
        (last_day["status"].as_str(), last_day["can_recruit"].as_bool()),
        (Some("active"), Some(true))
    );
    let (_, future) = app.get_json("/v1/licenses/UZ-SA-0003").await;
    assert_eq!(
        (future["status"].as_str(), future["can_recruit"].as_bool()),
        (Some("active"), Some(false))
    );
}

#[tokio::test]
async fn every_stored_status_is_reported_and_only_active_can_recruit() {
    let app = TestApp::spawn().await;
    let statuses = ["active", "suspended", "revoked", "expired", "surrendered"];
    let mut batch = Batch::default();
    for (i, status) in statuses.iter().enumerate() {
        let id = batch.agency(
            &format!("Agency {status}"),
            &[],
            &format!("30000001{i}"),
            "UZ-AN",
            None,
            None,
            None,
            None,
        );
        batch.license(
            LicenseSpec {
                agency_id: id,
                number: &format!("UZ-AN-10{i}"),
                status: LicenseStatus::parse(status).unwrap(),
                valid_from: days_ago(10),
                valid_until: days_ahead(10),
                destinations: &["JP"],
                sectors: &["care"],
                status_reason: (*status != "active").then_some("demo reason"),
            },
            &[],
        );
    }
    app.insert(batch).await;
    for (i, status) in statuses.iter().enumerate() {
        let (code, body) = app.get_json(&format!("/v1/licenses/UZ-AN-10{i}")).await;
        assert_eq!(code, 200);
        assert_eq!(body["status"], *status);
        assert_eq!(body["can_recruit"], *status == "active", "{status}");
        if *status != "active" {
            assert_eq!(body["status_reason"], "demo reason");
        }
    }
}

#[tokio::test]
async fn history_comes_oldest_first_under_the_canonical_number() {
    let app = TestApp::spawn().await;
    let mut batch = Batch::default();
    let id = batch.agency("Tarix", &[], "300000099", "UZ-BU", None, None, None, None);
    let now = Utc::now();
    batch.license(
        LicenseSpec {
            agency_id: id,
            number: "UZ-BU-0042",
            status: LicenseStatus::Suspended,
            valid_from: days_ago(300),
            valid_until: days_ahead(300),
            destinations: &["DE"],
            sectors: &["care"],
            status_reason: Some("fees"),
        },
        // Inserted out of order on purpose.
        &[
            (LicenseAction::Suspended, Some("fees"), now - chrono::Duration::days(1)),
            (LicenseAction::Issued, None, now - chrono::Duration::days(300)),
            (LicenseAction::Renewed, None, now - chrono::Duration::days(30)),
        ],
    );
    app.insert(batch).await;

    let (status, body) = app.get_json("/v1/licenses/uz%20bu%200042/events").await;
    assert_eq!(status, 200);
    assert_eq!(body["license_number"], "UZ-BU-0042");
    let actions: Vec<_> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["issued", "renewed", "suspended"]);
    assert_eq!(body["items"][2]["reason"], "fees");

    assert_problem(app.get("/v1/licenses/UZ-BU-0043/events").await, 404).await;
}

#[tokio::test]
async fn the_database_refuses_to_rewrite_licence_history() {
    let app = app_with_istiqbol().await;
    let db = app.db.client().await;
    db.execute(
        "INSERT INTO license_events (license_id, action, effective_at) SELECT id, 'issued', now() FROM licenses",
        &[],
    )
    .await
    .unwrap();
    assert!(db
        .execute("UPDATE license_events SET reason = 'rewritten'", &[])
        .await
        .is_err());
    assert!(db.execute("DELETE FROM license_events", &[]).await.is_err());
    assert!(db.execute("TRUNCATE license_events", &[]).await.is_err());
    let count: i64 = db
        .query_one("SELECT count(*) FROM license_events", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(count, 1);
}

#[tokio::test]
async fn a_public_reason_written_with_a_persons_data_is_corrected_everywhere_the_public_reads_it() {
    use agency_registry::domain::access::Role;
    use serde_json::{json, Value};
    let app = app_with_istiqbol().await;
    let ministry = app.token(Role::Ministry).await;
    let slip = "Complaint of Madina Yusupova, +998901234567: fees charged";
    let tag = app.etag("/v1/licenses/UZ-TK-0123").await;
    let suspended = app
        .post("/v1/licenses/UZ-TK-0123/events")
        .as_(&ministry)
        .if_match(&tag)
        .json(json!({"action": "suspend", "reason": slip}))
        .send()
        .await;
    assert_eq!(suspended.status(), 201);
    let (_, history) = app.get_json("/v1/licenses/UZ-TK-0123/events").await;
    let entry = history["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(entry["reason"], slip);
    let event = entry["id"].as_i64().unwrap();

    let correct = |event: i64, tag: String, reason: &'static str| {
        let (app, ministry) = (&app, ministry.clone());
        async move {
            app.call(
                reqwest::Method::PUT,
                &format!("/v1/licenses/UZ-TK-0123/events/{event}/reason"),
            )
            .as_(&ministry)
            .if_match(&tag)
            .json(json!({"reason": reason}))
            .send()
            .await
        }
    };
    let tag = app.etag("/v1/licenses/UZ-TK-0123").await;
    // Stale tags and entries this licence does not have: refused.
    assert_problem(correct(event, "\"stale\"".into(), "x").await, 412).await;
    assert_problem(correct(999_999, tag.clone(), "x").await, 404).await;
    assert_problem(correct(0, tag.clone(), "x").await, 400).await;
    let corrected = correct(event, tag, "A complaint of charged fees").await;
    assert_eq!(corrected.status(), 200);
    let body: Value = corrected.json().await.unwrap();
    assert_eq!(body["status_reason"], "A complaint of charged fees");
    assert_eq!(body["status"], "suspended");

    // Nothing public says it any more: the check, the history, the page,
    // the snapshot, every entry of the feed (and the feed says it changed).
    let feed = app.get("/v1/changes?after=0&limit=1000").await.text().await.unwrap();
    assert!(feed.contains("license.reason_corrected"), "{feed}");
    for path in [
        "/v1/licenses/UZ-TK-0123",
        "/v1/licenses/UZ-TK-0123/events",
        "/check/UZ-TK-0123?lang=en",
        "/v1/registry/snapshot",
        "/v1/changes?after=0&limit=1000",
    ] {
        let text = app.get(path).await.text().await.unwrap();
        assert!(
            !text.contains("Madina") && !text.contains("998901234567"),
            "{path}: {text}"
        );
    }
    // The audit trail says who corrected which entry, and keeps a digest of
    // the text replaced, not the text.
    let auditor = app.token(Role::Auditor).await;
    let trail: Value = app
        .read_as(
            "/v1/audit-events?resource_type=license&resource_id=UZ-TK-0123",
            &auditor,
        )
        .await;
    let record = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["action"] == "correct_reason")
        .unwrap()
        .clone();
    assert_eq!(record["before"]["event"], event);
    assert_eq!(record["before"]["reason_sha256"].as_str().unwrap().len(), 64);
    assert!(!record.to_string().contains("Madina"), "{record}");
    // The history is still append-only for the service's own role.
    let runtime = app.db.runtime_client().await;
    assert!(runtime
        .execute("UPDATE license_events SET reason = 'x' WHERE id = $1", &[&event])
        .await
        .is_err());
}
