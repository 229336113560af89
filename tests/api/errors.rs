use std::time::{Duration, Instant};

use agency_registry::config::Settings;

use crate::helpers::{assert_problem, TestApp};

#[tokio::test]
async fn unknown_routes_are_404_problems() {
    let app = TestApp::spawn().await;
    for path in ["/", "/v1", "/v1/licences/UZ-TK-0123", "/v1/agencies/x/y/z", "/%FF%FE"] {
        assert_problem(app.get(path).await, 404).await;
    }
}

#[tokio::test]
async fn wrong_methods_are_405_problems_with_allow() {
    let app = TestApp::spawn().await;
    for (method, path, allowed) in [
        (reqwest::Method::POST, "/v1/licenses/UZ-TK-0123", "GET, HEAD"),
        (reqwest::Method::DELETE, "/v1/agencies", "GET, HEAD, POST"),
        (
            reqwest::Method::PUT,
            "/v1/agencies/6a0c1e1e-0000-4000-8000-000000000000",
            "GET, HEAD, PATCH",
        ),
        (reqwest::Method::PATCH, "/health/live", "GET, HEAD"),
        (
            reqwest::Method::DELETE,
            "/v1/licenses/UZ-TK-0123/events",
            "GET, HEAD, POST",
        ),
    ] {
        let response = app
            .client
            .request(method.clone(), format!("{}{}", app.address, path))
            .body("{}")
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["allow"], allowed, "{method} {path}");
        assert_problem(response, 405).await;
    }
}

#[tokio::test]
async fn oversized_bodies_and_huge_urls_never_cause_a_5xx() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(format!("{}/v1/agencies", app.address))
        .header("content-type", "application/json")
        .body(vec![b'x'; 1024 * 1024])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error(), "{}", response.status());
    let long = "a".repeat(10_000);
    for path in [
        format!("/v1/licenses/{long}"),
        format!("/v1/agencies?q={long}"),
        format!("/{long}"),
    ] {
        let response = app.get(&path).await;
        assert!(response.status().is_client_error(), "{}", response.status());
        assert_eq!(response.headers()["content-type"], "application/problem+json");
    }
}

#[tokio::test]
async fn every_answer_carries_a_request_id() {
    let app = TestApp::spawn().await;
    for path in ["/health/live", "/v1/licenses/UZ-0", "/nowhere"] {
        let response = app.get(path).await;
        let id = response
            .headers()
            .get("x-request-id")
            .expect("x-request-id")
            .to_str()
            .unwrap();
        assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
    }
}

#[tokio::test]
async fn unreachable_database_is_a_prompt_503_with_retry_after() {
    // Reads from Postgres alone, so that every one of them needs it.
    let app = TestApp::spawn_with(Settings {
        acquire_timeout_secs: 1,
        read_model: false,
        ..Settings::defaults()
    })
    .await;
    // The database goes away under the running service: it refuses the
    // service's role and drops the connections it held.
    let name = &app.db.name;
    app.db
        .client()
        .await
        .batch_execute(&format!(
            "ALTER DATABASE \"{name}\" CONNECTION LIMIT 0; \
             SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        ))
        .await
        .unwrap();
    let address = app.address.clone();
    let client = reqwest::Client::new();
    for path in [
        "/v1/licenses/UZ-TK-0123",
        "/v1/licenses/UZ-TK-0123/events",
        "/v1/agencies?q=x",
    ] {
        let started = Instant::now();
        let response = client.get(format!("{address}{path}")).send().await.unwrap();
        assert!(started.elapsed() < Duration::from_secs(5), "{path} hung");
        assert_eq!(response.status(), 503, "{path}: {:?}", response.headers());
        assert_eq!(response.headers()["retry-after"], "5", "{path}");
        let body = assert_problem(response, 503).await;
        assert!(
            !body.to_string().contains("127.0.0.1"),
            "internal details leaked: {body}"
        );
    }
    // Readiness says so within a check's period (once a second).
    crate::helpers::eventually("not ready", Duration::from_secs(5), || async {
        client
            .get(format!("{address}/health/ready"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 503 && r.headers().get("retry-after").is_some())
    })
    .await;
    // The process itself stays alive.
    assert_eq!(
        client
            .get(format!("{address}/health/live"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn out_of_range_dates_are_client_errors_never_500() {
    use agency_registry::domain::access::Role;
    let app = TestApp::spawn().await;
    let ministry = app.token(Role::Ministry).await;
    let auditor = app.token(Role::Auditor).await;
    for (path, token) in [
        ("/v1/complaints?from=-200000-01-01T00:00:00Z", &ministry),
        ("/v1/complaints?to=%2B200000-01-01T00:00:00Z", &ministry),
        ("/v1/audit-events?from=-200000-01-01T00:00:00Z", &auditor),
        ("/v1/audit-events?to=1899-12-31T23:59:59Z", &auditor),
    ] {
        let response = app.call(reqwest::Method::GET, path).as_(token).send().await;
        assert_problem(response, 400).await;
    }
    let agency = app
        .post("/v1/agencies")
        .as_(&ministry)
        .json(serde_json::json!({"legal_name": "Sana MChJ", "taxpayer_id": "301111222", "region": "UZ-TK"}))
        .send()
        .await;
    assert_eq!(agency.status(), 201);
    let id = agency.json::<serde_json::Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for (from, until) in [("-200000-01-01", "2027-01-01"), ("2026-01-01", "+99999-12-31")] {
        let issued = app
            .post(&format!("/v1/agencies/{id}/licenses"))
            .as_(&ministry)
            .json(
                serde_json::json!({"license_number": "UZ-TK-5555", "valid_from": from, "valid_until": until,
                    "destination_countries": ["KR"], "sectors": ["construction"]}),
            )
            .send()
            .await;
        assert_problem(issued, 422).await;
    }
}

/// Where the document and the server once disagreed (schemathesis ST201,
/// ST202): each field's type now carries its schema and its check.
#[tokio::test]
async fn what_the_document_forbids_the_server_refuses_and_the_reverse() {
    let app = TestApp::spawn().await;
    // A C1 control character in the check page's `q`: forbidden by the pattern.
    for q in ["%C2%85", "a%C2%9Fb", "tab%09"] {
        let response = app.get(&format!("/check?q={q}")).await;
        assert_problem(response, 400).await;
    }
    assert_eq!(app.get("/check?q=Istiqbol").await.status(), 200);
    // An audit filter longer than the document's maxLength.
    let auditor = app.token(agency_registry::domain::access::Role::Auditor).await;
    let too_long = "a".repeat(51);
    for (query, status) in [
        (format!("resource_type={too_long}"), 400),
        (format!("resource_type={}", "a".repeat(50)), 200),
        (format!("resource_id={}", "я".repeat(200)), 200),
        (format!("resource_id={}", "я".repeat(201)), 400),
    ] {
        let response = app
            .client
            .get(format!("{}/v1/audit-events?{query}", app.address))
            .bearer_auth(&auditor)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{query}");
    }
    // A handle the document allows is filed; one it forbids is refused, by both.
    let ngo = app.token(agency_registry::domain::access::Role::Ngo).await;
    for (handle, status) in [("", 422), ("@", 422), ("ish chi", 422), ("@Ishchi_Kerak", 201)] {
        let response = app
            .post("/v1/complaints")
            .as_(&ngo)
            .header("Idempotency-Key", &format!("handle-{}", handle.len()))
            .json(serde_json::json!({
                "category": "unlicensed_recruitment",
                "description": "Promised a job in Korea for a fee.",
                "recruiter": {"handles": [handle]},
                "complainant": {"anonymous": true}
            }))
            .send()
            .await;
        assert_eq!(response.status(), status, "{handle:?}");
    }
}
