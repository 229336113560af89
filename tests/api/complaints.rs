use agency_registry::config::Settings;
use agency_registry::domain::access::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, captured_logs, days_ago, oltin_yol as app, today, TestApp};

const VICTIM_NAME: &str = "Dilnoza Karimova-Test";
const VICTIM_CONTACT: &str = "+998 93 555 12 34 (sister)";

fn against_license() -> Value {
    json!({
        "category": "recruitment_fees",
        "license_number": "uz tk 0777",
        "description": "Charged each worker 2,000 USD for a job in Korea.",
        "incident_date": days_ago(30).to_string(),
        "destination_country": "kr",
        "workers_affected": 12,
        "complainant": {"name": VICTIM_NAME, "contact": VICTIM_CONTACT, "consent_to_contact": true, "anonymous": false}
    })
}

fn against_recruiter() -> Value {
    json!({
        "category": "unlicensed_recruitment",
        "recruiter": {"name": "Aziz aka", "phones": ["+998 90 123-45-67"], "handles": ["@Ishchi_Kerak"], "place": "Samarqand bazaar"},
        "description": "Promised farm work in Poland, took passports.",
        "complainant": {"anonymous": true}
    })
}

async fn file(app: &TestApp, token: &str, key: &str, body: Value) -> reqwest::Response {
    app.client
        .post(format!("{}/v1/complaints", app.address))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// Moves a complaint in triage as `token`; returns the answer's status.
async fn move_to(app: &TestApp, token: &str, id: &str, status: &str) -> u16 {
    app.post(&format!("/v1/complaints/{id}/events"))
        .as_(token)
        .json(json!({"status": status, "note": format!("moved to {status}")}))
        .send()
        .await
        .status()
        .as_u16()
}

/// `PUT` (publish) or `DELETE` (withdraw) the recruiter of complaint `id`.
async fn publication(app: &TestApp, token: &str, method: Method, id: &str) -> reqwest::Response {
    app.call(method, &format!("/v1/complaints/{id}/publication"))
        .as_(token)
        .send()
        .await
}

async fn get(app: &TestApp, token: &str, path: &str) -> reqwest::Response {
    app.call(Method::GET, path).as_(token).send().await
}

#[tokio::test]
async fn an_ngo_files_and_follows_a_complaint() {
    let app = app().await;
    let ngo = app.log_in(Role::Ngo).await;
    let response = file(&app, &ngo, "k-1", against_license()).await;
    assert_eq!(response.status(), 201);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let filed: Value = response.json().await.unwrap();
    let reference = filed["reference"].as_str().unwrap();
    assert!(
        reference.starts_with("CMP-20") && reference.len() == "CMP-2026-000001".len(),
        "{reference}"
    );
    assert_eq!(filed["status"], "received");
    assert_eq!(filed["license_number"], "UZ-TK-0777");
    assert_eq!(filed["destination_country"], "KR");
    assert_eq!(filed["complainant"]["name"], VICTIM_NAME);
    let id = filed["id"].as_str().unwrap();

    let own = get(&app, &ngo, &format!("/v1/complaints/{id}")).await;
    assert_eq!(own.headers()["cache-control"], "no-store");
    assert_eq!(own.json::<Value>().await.unwrap()["reference"], reference);
    let list: Value = get(&app, &ngo, "/v1/complaints").await.json().await.unwrap();
    assert_eq!(list["items"][0]["id"], id);
    let events: Value = get(&app, &ngo, &format!("/v1/complaints/{id}/events"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(events[0]["status"], "received");
}

#[tokio::test]
async fn retries_with_one_idempotency_key_file_once() {
    let app = app().await;
    let ngo = app.token(Role::Ngo).await;
    let first: Value = file(&app, &ngo, "retry-1", against_license())
        .await
        .json()
        .await
        .unwrap();
    let again = file(&app, &ngo, "retry-1", against_license()).await;
    assert_eq!(again.status(), 201);
    assert_eq!(again.json::<Value>().await.unwrap(), first, "the original answer");
    // The record of the key keeps what the replay needs, no personal data.
    let kept: String = app
        .db
        .client()
        .await
        .query_one("SELECT row_to_json(k)::text FROM idempotency_keys k", &[])
        .await
        .unwrap()
        .get(0);
    assert!(kept.contains(first["id"].as_str().unwrap()), "{kept}");
    assert!(
        !kept.contains(VICTIM_NAME) && !kept.contains(VICTIM_CONTACT) && !kept.contains("Korea"),
        "{kept}"
    );

    let mut changed = against_license();
    changed["workers_affected"] = json!(13);
    assert_problem(file(&app, &ngo, "retry-1", changed).await, 422).await;

    // Concurrent requests with one key: one complaint.
    let concurrent = (0..5).map(|_| file(&app, &ngo, "burst", against_recruiter()));
    let answers = futures_util::future::join_all(concurrent).await;
    let mut ids = Vec::new();
    for a in answers {
        assert_eq!(a.status(), 201);
        ids.push(a.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1);
    let db = app.db.client().await;
    let count: i64 = db
        .query_one("SELECT count(*) FROM complaints", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(count, 2);

    // Keys are per client: another NGO's "retry-1" is a new complaint, never the first one.
    let other = app.token_of(Role::Ngo, Some("Other NGO")).await;
    let theirs: Value = file(&app, &other, "retry-1", against_license())
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(theirs["id"], first["id"]);

    let missing_key = app
        .post("/v1/complaints")
        .as_(&ngo)
        .json(against_license())
        .send()
        .await;
    assert_problem(missing_key, 400).await;
}

#[tokio::test]
async fn one_ngo_never_sees_anothers_complaints() {
    let app = app().await;
    let a = app.token_of(Role::Ngo, Some("NGO A")).await;
    let b = app.token_of(Role::Ngo, Some("NGO B")).await;
    let ministry = app.token(Role::Ministry).await;
    let filed: Value = file(&app, &a, "a-1", against_license()).await.json().await.unwrap();
    let id = filed["id"].as_str().unwrap();
    let agency_id = filed["agency_id"].as_str().unwrap();

    let missing = format!("/v1/complaints/{}", uuid::Uuid::new_v4());
    let not_found: Value = get(&app, &b, &missing).await.json().await.unwrap();
    let hidden: Value = get(&app, &b, &format!("/v1/complaints/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hidden["status"], 404);
    assert_eq!(
        hidden["detail"].as_str().unwrap().replace(id, "ID"),
        not_found["detail"].as_str().unwrap().replace(&missing[15..], "ID"),
        "another organisation's complaint reads exactly like a missing one"
    );
    assert_problem(get(&app, &b, &format!("/v1/complaints/{id}/events")).await, 404).await;
    let note = app
        .post(&format!("/v1/complaints/{id}/notes"))
        .as_(&b)
        .json(json!({"note": "x"}))
        .send()
        .await;
    assert_problem(note, 404).await;
    for query in [
        "",
        "?status=received",
        &format!("?agency_id={agency_id}"),
        "?category=recruitment_fees",
    ] {
        let list: Value = get(&app, &b, &format!("/v1/complaints{query}"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(list["items"], json!([]), "{query}");
    }
    // NGO B reusing NGO A's idempotency key files its own complaint.
    let own: Value = file(&app, &b, "a-1", against_license()).await.json().await.unwrap();
    assert_ne!(own["id"], filed["id"]);
    assert_eq!(own["complainant"]["name"], VICTIM_NAME, "B's own body, echoed to B");

    // The ministry sees both.
    let all: Value = get(&app, &ministry, "/v1/complaints").await.json().await.unwrap();
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    assert_eq!(
        get(&app, &ministry, &format!("/v1/complaints/{id}")).await.status(),
        200
    );
}

#[tokio::test]
async fn triage_is_a_state_machine_and_moves_the_public_counts() {
    let app = app().await;
    let ngo = app.token(Role::Ngo).await;
    let ministry = app.token(Role::Ministry).await;
    let filed: Value = file(&app, &ngo, "t-1", against_license()).await.json().await.unwrap();
    let id = filed["id"].as_str().unwrap();
    let agency_id = filed["agency_id"].as_str().unwrap();
    let path = format!("/v1/complaints/{id}/events");
    let triage = |status: &str| json!({"status": status, "note": format!("moved to {status}")});

    // Filing alone moves nothing public: a recruiter polling their own
    // licence must not learn that a victim spoke up.
    let before_etag = app.etag("/v1/licenses/UZ-TK-0777").await;
    let (_, agency) = app.get_json(&format!("/v1/agencies/{agency_id}")).await;
    assert_eq!(
        agency["complaints"],
        json!({"total": 0, "substantiated": 0, "by_category": {}})
    );
    assert_eq!(app.etag("/v1/licenses/UZ-TK-0777").await, before_etag);
    // Nor the change feed: the fixture's two entries, nothing for the filing.
    assert_eq!(feed_kinds(&app).await, ["agency.registered", "license.issued"]);

    let problem = assert_problem(
        app.post(&path)
            .as_(&ministry)
            .json(triage("substantiated"))
            .send()
            .await,
        409,
    )
    .await;
    assert_eq!(problem["possible_actions"], json!(["under_review"]));
    assert_problem(app.post(&path).as_(&ngo).json(triage("under_review")).send().await, 403).await;

    for status in ["under_review", "needs_information"] {
        assert_eq!(
            app.post(&path)
                .as_(&ministry)
                .json(triage(status))
                .send()
                .await
                .status(),
            201
        );
        // Once the ministry has looked at it, it counts.
        let (_, agency) = app.get_json(&format!("/v1/agencies/{agency_id}")).await;
        assert_eq!(
            agency["complaints"],
            json!({"total": 1, "substantiated": 0, "by_category": {"recruitment_fees": 1}})
        );
    }
    let noted = app
        .post(&format!("/v1/complaints/{id}/notes"))
        .as_(&ngo)
        .json(json!({"note": "Receipts attached."}))
        .send()
        .await;
    assert_eq!(noted.json::<Value>().await.unwrap()["status"], "under_review");
    for status in ["substantiated", "closed"] {
        assert_eq!(
            app.post(&path)
                .as_(&ministry)
                .json(triage(status))
                .send()
                .await
                .status(),
            201
        );
    }
    assert_problem(
        app.post(&path).as_(&ministry).json(triage("under_review")).send().await,
        409,
    )
    .await;
    // The counts moved twice (counted, then substantiated); the other moves
    // changed nothing public and wrote no entry.
    assert_eq!(
        feed_kinds(&app).await,
        [
            "agency.registered",
            "license.issued",
            "agency.complaints_changed",
            "agency.complaints_changed"
        ]
    );

    let events: Value = get(&app, &ngo, &path).await.json().await.unwrap();
    let steps: Vec<_> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "received",
            "under_review",
            "needs_information",
            "under_review",
            "substantiated",
            "closed"
        ]
    );

    // Public counts keep the finding after closing; the public never sees the complaint itself.
    let (_, agency) = app.get_json(&format!("/v1/agencies/{agency_id}")).await;
    assert_eq!(agency["complaints"]["substantiated"], 1);
    let (_, license) = app.get_json("/v1/licenses/UZ-TK-0777").await;
    assert_eq!(license["complaints"]["total"], 1);
    assert_eq!(license["complaints"]["substantiated"], 1);
    for public in [
        agency.to_string(),
        license.to_string(),
        app.get_json("/v1/agencies?q=oltin").await.1.to_string(),
    ] {
        assert!(
            !public.contains(VICTIM_NAME) && !public.contains("2,000 USD"),
            "{public}"
        );
    }

    // A complaint found unsubstantiated stops counting.
    let other: Value = file(&app, &ngo, "t-2", against_license()).await.json().await.unwrap();
    for status in ["under_review", "unsubstantiated"] {
        assert_eq!(
            move_to(&app, &ministry, other["id"].as_str().unwrap(), status).await,
            201
        );
        let (_, license) = app.get_json("/v1/licenses/UZ-TK-0777").await;
        let expected = if status == "under_review" { 2 } else { 1 };
        assert_eq!(license["complaints"]["total"], expected, "after {status}");
    }
}

#[tokio::test]
async fn workers_can_check_a_recruiters_phone_or_handle() {
    let app = app().await;
    let ngo = app.token(Role::Ngo).await;
    let ministry = app.token(Role::Ministry).await;
    let mut ids = Vec::new();
    for (key, description) in [("r-1", None), ("r-2", Some("Same man, another village."))] {
        let mut body = against_recruiter();
        if let Some(d) = description {
            body["description"] = json!(d);
        }
        let filed = file(&app, &ngo, key, body).await;
        assert_eq!(filed.status(), 201);
        ids.push(filed.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned());
    }
    // Filed is not public: nothing shows until the ministry decides.
    let (_, listed) = app.get_json("/v1/recruiters/reported?q=998901234567").await;
    assert_eq!(listed, json!({"items": [], "next_cursor": null}));
    // Not before triage.
    assert_problem(publication(&app, &ministry, Method::PUT, &ids[0]).await, 409).await;
    for id in &ids {
        assert_eq!(move_to(&app, &ministry, id, "under_review").await, 201);
    }
    // Triage alone does not publish either; only the decision does.
    let (_, listed) = app.get_json("/v1/recruiters/reported").await;
    assert_eq!(listed["items"], json!([]));
    // NGOs cannot publish.
    assert_problem(publication(&app, &ngo, Method::PUT, &ids[0]).await, 403).await;
    for id in &ids {
        let published = publication(&app, &ministry, Method::PUT, id).await;
        assert_eq!(published.status(), 200);
    }
    assert_eq!(
        publication(&app, &ministry, Method::PUT, &ids[0]).await.status(),
        200,
        "publishing twice changes nothing"
    );

    for q in [
        "%2B998%2090%20123-45-67",
        "998901234567",
        "90%20123%2045%2067",
        "ISHCHI_KERAK",
        "%40ishchi_kerak",
        "https%3A%2F%2Ft.me%2FIshchi_Kerak",
        "aziz",
    ] {
        let (status, found) = app.get_json(&format!("/v1/recruiters/reported?q={q}")).await;
        assert_eq!(status, 200);
        let items = found["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "q={q}: {found}");
        assert_eq!(items[0]["phones"], json!(["+998901234567"]));
        assert_eq!(items[0]["handles"], json!(["ishchi_kerak"]));
        assert_eq!(items[0]["complaints"], 2);
        // A month, never a timestamp.
        assert_eq!(items[0]["last_reported"], json!(today().format("%Y-%m").to_string()));
        assert_eq!(found["next_cursor"], Value::Null);
    }
    let (_, none) = app
        .get_json("/v1/recruiters/reported?q=%2B998%2091%20000%2000%2000")
        .await;
    assert_eq!(none["items"], json!([]));
    let (_, all) = app.get_json("/v1/recruiters/reported").await;
    let text = all.to_string();
    assert!(
        !text.contains("passports") && !text.contains("village"),
        "no complaint text in public: {text}"
    );

    // Withdrawing one leaves the other; withdrawing both empties the list.
    assert_eq!(
        publication(&app, &ministry, Method::DELETE, &ids[0]).await.status(),
        204
    );
    assert_problem(publication(&app, &ministry, Method::DELETE, &ids[0]).await, 404).await;
    let (_, found) = app.get_json("/v1/recruiters/reported?q=aziz").await;
    assert_eq!(found["items"][0]["complaints"], 1);
    assert_eq!(
        publication(&app, &ministry, Method::DELETE, &ids[1]).await.status(),
        204
    );
    let (_, found) = app.get_json("/v1/recruiters/reported?q=aziz").await;
    assert_eq!(found["items"], json!([]));

    // Every decision is in the audit trail.
    let auditor = app.token(Role::Auditor).await;
    let trail: Value = get(&app, &auditor, "/v1/audit-events?resource_type=complaint")
        .await
        .json()
        .await
        .unwrap();
    let actions: Vec<_> = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .filter(|a| a.ends_with("_recruiter"))
        .collect();
    assert_eq!(
        actions,
        [
            "publish_recruiter",
            "publish_recruiter",
            "withdraw_recruiter",
            "withdraw_recruiter"
        ]
    );
}

#[tokio::test]
async fn reported_recruiters_page_with_cursors_and_drop_unsubstantiated_ones() {
    let app = app().await;
    let ngo = app.token(Role::Ngo).await;
    let ministry = app.token(Role::Ministry).await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let body = json!({
            "category": "unlicensed_recruitment",
            "recruiter": {"name": format!("Recruiter {i}"), "phones": [format!("+99890000000{i}")]},
            "description": "Promised a job abroad for a fee."
        });
        let filed: Value = file(&app, &ngo, &format!("p-{i}"), body).await.json().await.unwrap();
        let id = filed["id"].as_str().unwrap().to_owned();
        assert_eq!(move_to(&app, &ministry, &id, "under_review").await, 201);
        assert_eq!(publication(&app, &ministry, Method::PUT, &id).await.status(), 200);
        ids.push(id);
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/v1/recruiters/reported?limit=2&cursor={c}"),
            None => "/v1/recruiters/reported?limit=2".into(),
        };
        let (status, page) = app.get_json(&path).await;
        assert_eq!(status, 200, "{page}");
        for item in page["items"].as_array().unwrap() {
            seen.push(item["name"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    seen.sort();
    assert_eq!(seen, (0..5).map(|i| format!("Recruiter {i}")).collect::<Vec<_>>());
    assert_problem(app.get("/v1/recruiters/reported?cursor=bogus").await, 400).await;

    // Found unsubstantiated: off the public list, whatever was published.
    assert_eq!(move_to(&app, &ministry, &ids[0], "unsubstantiated").await, 201);
    let (_, found) = app.get_json("/v1/recruiters/reported?q=Recruiter%200").await;
    assert_eq!(found["items"], json!([]));
    // And it cannot be published again.
    assert_problem(publication(&app, &ministry, Method::PUT, &ids[0]).await, 409).await;
}

#[tokio::test]
async fn personal_data_stays_out_of_logs_and_the_audit_trail() {
    let app = app().await;
    let ngo = app.token(Role::Ngo).await;
    assert_eq!(file(&app, &ngo, "pd-1", against_license()).await.status(), 201);
    let auditor = app.token(Role::Auditor).await;
    let trail: Value = get(&app, &auditor, "/v1/audit-events?resource_type=complaint")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(trail["items"][0]["after"]["complainant_provided"], true);
    let trail = trail.to_string();
    assert!(!trail.contains(VICTIM_NAME) && !trail.contains(VICTIM_CONTACT));
    let logs = captured_logs();
    assert!(logs.contains("/v1/complaints"), "the request was logged");
    assert!(
        !logs.contains(VICTIM_NAME) && !logs.contains(VICTIM_CONTACT),
        "personal data reached the logs"
    );
}

#[tokio::test]
async fn expired_idempotency_keys_are_purged_on_a_schedule() {
    let app = TestApp::spawn_with(Settings {
        housekeeping_every: std::time::Duration::from_millis(200),
        ..Settings::defaults()
    })
    .await;
    let (client_id, _) = app.register_client(Role::Ngo, Some("Test NGO")).await;
    let db = app.db.client().await;
    db.execute(
        "INSERT INTO idempotency_keys (client_id, key, request_hash, created_at)
         VALUES ($1, 'old', 'x', now() - interval '49 hours'), ($1, 'new', 'y', now())",
        &[&client_id],
    )
    .await
    .unwrap();
    let mut left = Vec::new();
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        left = db
            .query("SELECT key FROM idempotency_keys ORDER BY key", &[])
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<_, String>(0))
            .collect::<Vec<_>>();
        if left.len() == 1 {
            break;
        }
    }
    assert_eq!(left, ["new"], "the expired key is gone without anyone filing");
}

#[tokio::test]
async fn filing_is_limited_per_client_and_checked() {
    let app = TestApp::spawn_with(Settings {
        complaints_per_hour: 2,
        ..Settings::defaults()
    })
    .await;
    let ngo = app.token(Role::Ngo).await;
    for key in ["q-1", "q-2"] {
        assert_eq!(file(&app, &ngo, key, against_recruiter()).await.status(), 201);
    }
    let limited = file(&app, &ngo, "q-3", against_recruiter()).await;
    assert!(limited.headers().contains_key("retry-after"));
    assert_problem(limited, 429).await;
    // A retry of an accepted filing is still answered.
    assert_eq!(file(&app, &ngo, "q-1", against_recruiter()).await.status(), 201);

    let other = app.token(Role::Ngo).await;
    let mut anonymous_with_name = against_recruiter();
    anonymous_with_name["complainant"] = json!({"anonymous": true, "name": "x"});
    assert_problem(file(&app, &other, "v-1", anonymous_with_name).await, 422).await;
    let mut both = against_license();
    both["recruiter"] = json!({"name": "x"});
    assert_problem(file(&app, &other, "v-2", both).await, 422).await;
    let mut unknown = against_license();
    unknown["license_number"] = json!("UZ-XX-9999");
    assert_problem(file(&app, &other, "v-3", unknown).await, 404).await;
    let mut long = against_recruiter();
    long["description"] = json!("x".repeat(10_001));
    assert_problem(file(&app, &other, "v-4", long).await, 422).await;
    let mut nul = against_license();
    nul["complainant"]["name"] = json!("Dil\u{0}noza");
    assert_problem(file(&app, &other, "v-6", nul).await, 422).await;
    let auditor = app.token(Role::Auditor).await;
    assert_problem(file(&app, &auditor, "v-5", against_recruiter()).await, 403).await;
    assert_problem(get(&app, &auditor, "/v1/audit-events?resource_id=a%00b").await, 400).await;
}

/// Bodies of every malformed shape, each with the canary in every string it
/// carries, the raw bytes sent as they are.
fn malformed_bodies(canary: &str) -> Vec<(&'static str, Vec<u8>)> {
    let mut full = against_recruiter();
    full["description"] = json!(canary);
    // A handle is refused as it is read (its type is its check): the canary
    // goes in one of its own below, so that each case here fails on its field.
    full["recruiter"] = json!({"name": canary, "phones": [canary], "handles": ["@aziz_aka"], "place": canary});
    full["complainant"] = json!({"name": canary, "contact": canary, "consent_to_contact": true});
    let json = |v: Value| v.to_string().into_bytes();
    let with = |field: &str, value: Value| {
        let mut body = full.clone();
        body[field] = value;
        json(body)
    };
    let mut invalid_utf8 = format!("{{\"category\":\"other\",\"description\":\"{canary} ").into_bytes();
    invalid_utf8.extend_from_slice(&[0xff, 0xfe]);
    invalid_utf8.extend_from_slice(b"\"}");
    vec![
        ("complainant as a string", with("complainant", json!(canary))),
        ("workers_affected as text", with("workers_affected", json!(canary))),
        ("category unknown", with("category", json!(canary))),
        ("incident date nonsense", with("incident_date", json!(canary))),
        (
            "incident date out of range",
            with("incident_date", json!("-200000-01-01")),
        ),
        ("agency id not a uuid", with("agency_id", json!(canary))),
        ("destination not a country", with("destination_country", json!(canary))),
        ("a handle that is the canary", {
            let mut body = full.clone();
            body["recruiter"]["handles"] = json!([canary]);
            json(body)
        }),
        ("phones not a list", {
            let mut body = full.clone();
            body["recruiter"]["phones"] = json!(canary);
            json(body)
        }),
        ("unknown field named by the canary", {
            let mut body = full.clone();
            body[canary] = json!(canary);
            json(body)
        }),
        ("unknown nested field", {
            let mut body = full.clone();
            body["complainant"]["passport"] = json!(canary);
            json(body)
        }),
        // A key that passes for a field name: never echoed either.
        ("unknown field named like a person", {
            let mut body = full.clone();
            body["Madina_Yusupova_tel_998909998877"] = json!(1);
            json(body)
        }),
        ("unknown nested field named like a person", {
            let mut body = full.clone();
            body["complainant"]["Madina_Yusupova_tel_998909998877"] = json!(1);
            json(body)
        }),
        ("too long", with("description", json!(format!("{canary} ").repeat(600)))),
        ("NUL", with("description", json!(format!("{canary}\u{0}")))),
        (
            "not JSON",
            format!("{{\"description\": \"{canary}\", oops").into_bytes(),
        ),
        ("invalid UTF-8", invalid_utf8),
        ("an array", json(json!([canary]))),
        ("a bare string", json(json!(canary))),
    ]
}

#[tokio::test]
async fn a_canary_in_any_malformed_complaint_reaches_no_log_and_no_answer() {
    const NAME: &str = "Madina Yusupova";
    const PHONE: &str = "+998909998877";
    let canary = format!("{NAME} {PHONE}");
    let app = app().await;
    let ngo = app.token(Role::Ngo).await;
    for (i, (what, body)) in malformed_bodies(&canary).into_iter().enumerate() {
        let response = app
            .client
            .post(format!("{}/v1/complaints", app.address))
            .bearer_auth(&ngo)
            .header("Idempotency-Key", format!("canary-{i}"))
            .header("Content-Type", "application/json")
            .header("Accept-Language", "en")
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        assert!((400..500).contains(&status), "{what}: {status}");
        let answer = response.text().await.unwrap();
        assert!(
            !answer.contains(NAME) && !answer.contains("998909998877"),
            "{what}: the answer quotes the canary: {answer}"
        );
        if what == "workers_affected as text" {
            let problem: Value = serde_json::from_str(&answer).unwrap();
            assert_eq!(problem["errors"][0]["field"], "workers_affected", "{answer}");
            assert_eq!(problem["errors"][0]["message"], "expected an integer", "{answer}");
        }
    }
    // A well-formed complaint with the canary everywhere is filed, and read back.
    let mut good = against_recruiter();
    good["description"] = json!(canary);
    good["complainant"] = json!({"name": canary, "contact": canary, "consent_to_contact": true});
    let filed = file(&app, &ngo, "canary-ok", good).await;
    assert_eq!(filed.status(), 201);
    let id = filed.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    assert_eq!(get(&app, &ngo, &format!("/v1/complaints/{id}")).await.status(), 200);

    let logs = captured_logs();
    assert!(logs.contains("/v1/complaints"), "the requests were logged");
    assert!(logs.contains("\"level\":\"DEBUG\""), "logs were captured at debug");
    // The Postgres driver would log bound parameters as byte lists.
    let as_bytes = |s: &str| s.bytes().map(|b| b.to_string()).collect::<Vec<_>>().join(", ");
    let (name_bytes, phone_bytes) = (as_bytes(NAME), as_bytes("998909998877"));
    for line in logs.lines() {
        assert!(
            !line.contains(NAME)
                && !line.contains("998909998877")
                && !line.contains(&name_bytes)
                && !line.contains(&phone_bytes),
            "the canary reached a log line: {line}"
        );
    }
}

/// The kinds of the change feed's entries, from the start.
async fn feed_kinds(app: &TestApp) -> Vec<String> {
    let (_, feed) = app.get_json("/v1/changes?limit=1000").await;
    feed["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap().to_owned())
        .collect()
}

/// The complainant is stored as its type: read back whole, and a stored
/// value that stopped fitting is a fault (500, logged without its content),
/// never a complaint answered as if nobody had spoken up.
#[tokio::test]
async fn the_complainant_is_stored_typed_and_a_misfit_is_never_dropped_silently() {
    let app = TestApp::spawn().await;
    let ngo = app.token(Role::Ngo).await;
    let mut body = against_recruiter();
    body["complainant"] = json!({"name": "Madina Yusupova", "contact": "+998909998877", "consent_to_contact": true});
    let filed: Value = file(&app, &ngo, "typed-1", body).await.json().await.unwrap();
    let id = filed["id"].as_str().unwrap().to_owned();
    let read: Value = get(&app, &ngo, &format!("/v1/complaints/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        read["complainant"],
        json!({"name": "Madina Yusupova", "contact": "+998909998877", "consent_to_contact": true, "anonymous": false})
    );
    let stored: Value = app
        .db
        .client()
        .await
        .query_one("SELECT complainant::text FROM complaints WHERE id::text = $1", &[&id])
        .await
        .unwrap()
        .get::<_, String>(0)
        .parse()
        .unwrap();
    assert_eq!(stored["name"], "Madina Yusupova");
    // A shape that no longer fits (a field of another type).
    app.db
        .rewrite(&format!(
            "UPDATE complaints SET complainant = '{{\"name\": 5}}' WHERE id = '{id}'"
        ))
        .await;
    let response = get(&app, &ngo, &format!("/v1/complaints/{id}")).await;
    assert_eq!(response.status(), 500);
    assert!(
        !crate::helpers::captured_logs().contains("Madina"),
        "personal data in the logs"
    );
}
