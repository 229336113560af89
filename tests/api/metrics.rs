//! `GET /metrics` on its own listener: requests by route template, method and
//! status with latency histograms, what the process holds, and the events
//! operators watch (rate-limit refusals, token issues and failures,
//! complaints filed), never a licence number, an id or a name.

use std::net::SocketAddr;

use agency_registry::config::Settings;
use agency_registry::domain::access::Role;
use serde_json::json;

use crate::helpers::{days_ago, three_verdicts, TestApp, TestDatabase};
use crate::process::ServiceProcess;

async fn scrape(app: &TestApp) -> String {
    app.scrape().await
}

/// The value of the first sample whose line starts with `series`.
fn sample(scrape: &str, series: &str) -> f64 {
    scrape
        .lines()
        .find(|l| l.starts_with(series))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {series} in the scrape:\n{scrape}"))
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_events_by_reason_on_their_own_listener() {
    let app = three_verdicts(Settings {
        metrics_addr: Some(SocketAddr::from(([127, 0, 0, 1], 0))),
        rate_limit_public_per_min: 30,
        ..Settings::defaults()
    })
    .await;
    // The public listener has no such path.
    assert_eq!(app.get("/metrics").await.status(), 404);
    let before = scrape(&app).await;
    let count = |scrape: &str, series: &str| {
        scrape
            .lines()
            .find(|l| l.starts_with(series))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let checks = r#"http_requests_total{route="/v1/licenses/{number}",method="GET",status="2xx"}"#;
    let unknown = r#"http_requests_total{route="/v1/licenses/{number}",method="GET",status="4xx"}"#;
    for _ in 0..3 {
        assert_eq!(app.get("/v1/licenses/UZ-TK-0123").await.status(), 200);
    }
    assert_eq!(app.get("/v1/licenses/UZ-QQ-4242").await.status(), 404);

    // A token refused, one issued, a complaint filed.
    let refused = app
        .post("/v1/auth/token")
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", "nobody"),
            ("client_secret", "wrong-secret-42"),
        ])
        .send()
        .await;
    assert_eq!(refused.status(), 401);
    let ngo = app.log_in(Role::Ngo).await;
    let filed = app
        .post("/v1/complaints")
        .as_(&ngo)
        .header("Idempotency-Key", "metrics-test-1")
        .json(json!({
            "category": "recruitment_fees",
            "license_number": "UZ-TK-0123",
            "description": "Charged each worker 2,000 USD for a job in Korea.",
            "incident_date": days_ago(30).to_string(),
            "complainant": {"anonymous": true}
        }))
        .send()
        .await;
    assert_eq!(filed.status(), 201);
    // Over the public limit: refused, and counted by policy.
    let mut refusals = 0;
    for _ in 0..40 {
        if app.get("/v1/licenses/UZ-TK-0123").await.status() == 429 {
            refusals += 1;
        }
    }
    assert!(refusals > 0, "the limit of 30 a minute held");

    let after = scrape(&app).await;
    assert!(count(&after, checks) - count(&before, checks) >= 3.0, "{after}");
    assert!(count(&after, unknown) - count(&before, unknown) >= 1.0);
    assert!(
        sample(
            &after,
            r#"http_request_duration_seconds_bucket{route="/v1/licenses/{number}",method="GET",le="+Inf"}"#
        ) >= 4.0
    );
    let token_failures = r#"auth_token_failures_total{reason="invalid_client"}"#;
    assert!(count(&after, token_failures) - count(&before, token_failures) >= 1.0);
    assert!(count(&after, "auth_tokens_issued_total") - count(&before, "auth_tokens_issued_total") >= 1.0);
    assert!(count(&after, "complaints_filed_total") - count(&before, "complaints_filed_total") >= 1.0);
    let limited = r#"rate_limit_refusals_total{policy="public"}"#;
    assert!(count(&after, limited) - count(&before, limited) >= f64::from(refusals));
    // What the process holds.
    assert!(sample(&after, r#"db_pool_connections{state="max"}"#) >= 2.0);
    assert!(sample(&after, "read_model_current") == 1.0);
    assert!(sample(&after, "read_model_agencies") == 3.0);
    assert!(sample(&after, "read_model_lag_seconds") < 5.0);
    assert!(sample(&after, "change_feed_head") >= 1.0);
    // Route templates only: no licence number, id or name is a label value.
    for leak in ["UZ-TK-0123", "UZ-QQ-4242", "nobody", "Istiqbol", "metrics-test-1"] {
        assert!(!after.contains(leak), "{leak} in the metrics");
    }
}

/// A request with `method` to `path`, its status (0 when the server hung up).
async fn send(client: &reqwest::Client, address: &str, method: &str, path: &str) -> u16 {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    client
        .request(method, format!("{address}{path}"))
        .send()
        .await
        .map_or(0, |r| r.status().as_u16())
}

#[tokio::test]
async fn no_label_is_chosen_by_the_client() {
    use rand::Rng;
    let db = TestDatabase::create().await;
    let service = ServiceProcess::start(&db, &[("METRICS_ADDR", "127.0.0.1:0"), ("WORKERS", "2")]).await;
    let client = reqwest::Client::new();
    let address = service.address.clone();
    // Every kind of answer once, so that what a request normally holds is held before measuring.
    for (method, path) in [
        ("GET", "/v1/licenses/UZ-TK-0001"),
        ("GET", "/nowhere"),
        ("DELETE", "/v1/agencies"),
    ] {
        for _ in 0..50 {
            send(&client, &address, method, path).await;
        }
    }
    let before = service.resident_kb();
    // 10,000 requests with random methods (up to 8,000 characters) and
    // random paths, from one address: most are refused (429), all are counted.
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (client, address) = (client.clone(), address.clone());
            tokio::spawn(async move {
                for _ in 0..625 {
                    let (method, path) = {
                        let mut rng = rand::rng();
                        let length = rng.random_range(1..8000);
                        let method: String = (0..length).map(|_| rng.random_range(b'A'..=b'Z') as char).collect();
                        let path = format!("/{:x}/{:x}", rng.random::<u64>(), rng.random::<u64>());
                        (method, path)
                    };
                    send(&client, &address, &method, &path).await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let scrape = client
        .get(format!("{}/metrics", service.metrics_address.as_ref().unwrap()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let after = service.resident_kb();
    assert!(scrape.len() < 200_000, "the scrape is {} bytes", scrape.len());
    assert!(
        scrape.contains(r#"method="other""#) && scrape.contains(r#"route="unmatched""#),
        "{scrape}"
    );
    assert!(
        after < before + 20_000,
        "resident memory grew from {before} kB to {after} kB"
    );
}
