//! Safe on the open internet: rate limits per client address, cross-origin
//! rules, HEAD, and the security headers of every answer.

use agency_registry::config::Settings;
use agency_registry::rate_limit::RateSettings;
use agency_registry::seed::Batch;

use crate::helpers::{agency_with_license, assert_problem, days_ago, days_ahead, TestApp};

async fn app_with(options: Settings) -> TestApp {
    let app = TestApp::spawn_with(options).await;
    let mut b = Batch::default();
    agency_with_license(
        &mut b,
        "Ochiq Yo'l MChJ",
        &[],
        "306666666",
        "UZ-TK",
        ("UZ-TK-0666", "active", days_ago(10), days_ahead(300)),
    );
    app.insert(b).await;
    app
}

fn limited(public_per_minute: u32, trusted: &str) -> Settings {
    Settings {
        rate_limit_public_per_min: public_per_minute,
        trusted_proxies: agency_registry::rate_limit::TrustedProxies(
            agency_registry::rate_limit::parse_trusted_proxies(trusted).unwrap(),
        ),
        ..Settings::defaults()
    }
}

async fn check_from(app: &TestApp, forwarded_for: &str) -> reqwest::Response {
    app.client
        .get(format!("{}/v1/licenses/UZ-TK-0666", app.address))
        .header("X-Forwarded-For", forwarded_for)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn public_reads_are_limited_per_client_address_behind_a_trusted_proxy() {
    let app = app_with(limited(5, "127.0.0.1")).await;
    for _ in 0..5 {
        let ok = check_from(&app, "203.0.113.1").await;
        assert_eq!(ok.status(), 200);
        assert!(ok.headers()["ratelimit"].to_str().unwrap().starts_with("\"public\";r="));
    }
    let refused = check_from(&app, "203.0.113.1").await;
    let retry_after: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=12).contains(&retry_after), "{retry_after}");
    assert_eq!(refused.headers()["ratelimit-policy"], "\"public\";q=5;w=60");
    assert!(refused.headers()["ratelimit"]
        .to_str()
        .unwrap()
        .starts_with("\"public\";r=0;t="));
    assert_problem(refused, 429).await;
    // Another phone, another address: not affected.
    assert_eq!(check_from(&app, "203.0.113.2").await.status(), 200);
    // A client cannot pick its address: what it puts first is not what the proxy saw.
    assert_eq!(check_from(&app, "198.51.100.9, 203.0.113.1").await.status(), 429);
    // Health probes have a budget of their own.
    assert_eq!(app.get("/health/live").await.status(), 200);
    // A web app can read the refusal (and its Retry-After) across origins.
    let from_page = app
        .client
        .get(format!("{}/v1/licenses/UZ-TK-0666", app.address))
        .header("X-Forwarded-For", "203.0.113.1")
        .header("Origin", "https://campaign.example")
        .send()
        .await
        .unwrap();
    assert_eq!(from_page.status(), 429);
    assert!(from_page.headers().contains_key("access-control-allow-origin"));
    assert!(from_page.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .contains("retry-after"));
}

#[tokio::test]
async fn forwarded_for_from_an_untrusted_peer_is_ignored() {
    let app = app_with(limited(3, "")).await;
    for i in 0..3 {
        assert_eq!(check_from(&app, &format!("203.0.113.{i}")).await.status(), 200);
    }
    assert_problem(check_from(&app, "203.0.113.99").await, 429).await;
}

#[tokio::test]
async fn public_reads_are_open_to_any_origin_and_nothing_else_is() {
    let app = app_with(Settings::defaults()).await;
    let origin = "https://campaign.example";
    let public = app
        .client
        .get(format!("{}/v1/licenses/UZ-TK-0666", app.address))
        .header("Origin", origin)
        .send()
        .await
        .unwrap();
    assert_eq!(public.status(), 200);
    assert!(public.headers().contains_key("access-control-allow-origin"));
    for (method, path) in [
        (reqwest::Method::GET, "/v1/complaints"),
        (reqwest::Method::POST, "/v1/auth/token"),
        (reqwest::Method::GET, "/v1/audit-events"),
    ] {
        let closed = app
            .client
            .request(method.clone(), format!("{}{path}", app.address))
            .header("Origin", origin)
            .send()
            .await
            .unwrap();
        assert!(
            !closed.headers().contains_key("access-control-allow-origin"),
            "{method} {path}"
        );
    }
    let preflight = |path: &str, method: &str| {
        app.client
            .request(reqwest::Method::OPTIONS, format!("{}{path}", app.address))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", method)
            .send()
    };
    let allowed = preflight("/v1/agencies", "GET").await.unwrap();
    assert_eq!(allowed.status(), 200);
    assert!(allowed.headers().contains_key("access-control-allow-origin"));
    assert!(allowed.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .contains("GET"));
    for (path, method) in [
        ("/v1/complaints", "POST"),
        ("/v1/auth/token", "POST"),
        ("/v1/agencies", "POST"),
    ] {
        let refused = preflight(path, method).await.unwrap();
        assert_ne!(refused.status(), 405, "a preflight is answered");
        assert!(
            !refused.headers().contains_key("access-control-allow-origin"),
            "{method} {path}"
        );
        assert_problem(refused, 400).await;
    }
}

#[tokio::test]
async fn head_is_answered_wherever_get_is() {
    let app = app_with(Settings::defaults()).await;
    for (path, status) in [
        ("/v1/licenses/UZ-TK-0666", 200),
        ("/v1/licenses/UZ-TK-0999", 404),
        ("/v1/agencies?q=ochiq", 200),
        ("/health/live", 200),
        ("/openapi.json", 200),
    ] {
        let get = app.get(path).await;
        let head = app.client.head(format!("{}{path}", app.address)).send().await.unwrap();
        assert_eq!(head.status(), status, "HEAD {path}");
        assert_eq!(get.status(), status, "GET {path}");
        assert_eq!(head.headers().get("etag"), get.headers().get("etag"), "{path}");
        assert_eq!(head.headers().get("content-type"), get.headers().get("content-type"));
        assert!(head.bytes().await.unwrap().is_empty(), "HEAD {path} has no body");
    }
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let app = app_with(Settings::defaults()).await;
    for path in ["/v1/licenses/UZ-TK-0666", "/v1/nothing", "/docs/", "/openapi.json"] {
        let response = app.get(path).await;
        let headers = response.headers();
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("script-src 'unsafe-inline'"), "{path}: {csp}");
    }
}

#[tokio::test]
async fn a_request_line_names_the_route_the_parameters_and_the_counted_address_only() {
    let db = crate::helpers::TestDatabase::create().await;
    let service = crate::process::ServiceProcess::start(&db, &[]).await;
    let client = reqwest::Client::new();
    let response = client
        .get(format!(
            "{}/v1/agencies?q=%2B998901234567&evil%0Aname%0D%0Aforged%3Dline=1",
            service.address
        ))
        // No proxy is trusted: these addresses are the client's own claims.
        .header("X-Forwarded-For", "6.6.6.6")
        .header("Forwarded", "for=7.7.7.7")
        .header("User-Agent", "Madina Yusupova +998901234567")
        .send()
        .await
        .unwrap();
    let request_id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
    // The line is written once the answer is: wait for it.
    crate::helpers::eventually("the request's line", std::time::Duration::from_secs(5), || async {
        service.logs().contains(&request_id)
    })
    .await;
    let logs = service.logs();
    let line = logs
        .lines()
        .find(|l| l.contains(&request_id) && l.contains(" request "))
        .unwrap_or_else(|| panic!("no request line in\n{logs}"));
    for expected in ["route=/v1/agencies", "method=GET", "client=127.0.0.1", "status="] {
        assert!(line.contains(expected), "{expected} missing in {line}");
    }
    assert!(line.contains("params=q,evil\\nname\\r\\nforged=line"), "{line}");
    for never in ["998901234567", "6.6.6.6", "7.7.7.7", "Madina"] {
        assert!(!logs.contains(never), "{never} logged:\n{logs}");
    }
    assert!(
        !logs.lines().any(|l| l.starts_with("name") || l.starts_with("forged")),
        "a logged value started a line of its own:\n{logs}"
    );
}

#[tokio::test]
async fn serve_refuses_to_start_without_a_public_base_url() {
    let db = crate::helpers::TestDatabase::create().await;
    let (mut command, kek) = crate::process::ServiceProcess::command(&db);
    let output = command.output().await.unwrap();
    let _ = std::fs::remove_file(&kek);
    assert!(!output.status.success(), "it started without PUBLIC_BASE_URL");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("PUBLIC_BASE_URL is not set"), "{said}");
}

fn with_limits(rate: RateSettings) -> Settings {
    Settings {
        rate_limit_public_per_min: rate.public_per_minute,
        rate_limit_health_per_min: rate.health_per_minute,
        rate_limit_bulk_per_min: rate.bulk_per_minute,
        snapshots_per_hour: rate.snapshots_per_hour,
        rate_limit_token_per_min: rate.token_per_minute,
        rate_limit_token_failures_per_min: rate.token_failures_per_client_per_minute,
        trusted_proxies: agency_registry::rate_limit::TrustedProxies(
            agency_registry::rate_limit::parse_trusted_proxies("127.0.0.1").unwrap(),
        ),
        ..Settings::defaults()
    }
}

async fn get_from(app: &TestApp, path: &str, from: &str) -> reqwest::Response {
    app.client
        .get(format!("{}{path}", app.address))
        .header("X-Forwarded-For", from)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn whole_snapshots_have_an_hourly_budget_per_address_and_conditional_ones_are_free() {
    let app = app_with(with_limits(RateSettings {
        snapshots_per_hour: 2,
        ..RateSettings::default()
    }))
    .await;
    let first = get_from(&app, "/v1/registry/snapshot", "203.0.113.7").await;
    assert_eq!(first.status(), 200);
    let tag = first.headers()["etag"].to_str().unwrap().to_owned();
    first.text().await.unwrap();
    // Asking whether it changed costs nothing of the budget.
    for _ in 0..5 {
        let unchanged = app
            .client
            .get(format!("{}/v1/registry/snapshot", app.address))
            .header("X-Forwarded-For", "203.0.113.7")
            .header("If-None-Match", &tag)
            .send()
            .await
            .unwrap();
        assert_eq!(unchanged.status(), 304);
    }
    assert_eq!(
        get_from(&app, "/v1/registry/snapshot", "203.0.113.7").await.status(),
        200
    );
    let refused = get_from(&app, "/v1/registry/snapshot", "203.0.113.7").await;
    assert_eq!(refused.headers()["ratelimit-policy"], "\"snapshot\";q=2;w=3600");
    let retry_after: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((60..=3600).contains(&retry_after), "{retry_after}");
    let body = assert_problem(refused, 429).await;
    assert!(body["detail"].as_str().unwrap().contains("seq"), "{body}");
    // Another address, and the licence check of this one, are not affected.
    assert_eq!(
        get_from(&app, "/v1/registry/snapshot", "203.0.113.8").await.status(),
        200
    );
    assert_eq!(
        get_from(&app, "/v1/licenses/UZ-TK-0666", "203.0.113.7").await.status(),
        200
    );
}

#[tokio::test]
async fn feed_pages_and_qr_images_draw_on_a_bulk_budget_by_size_not_on_the_checks() {
    let app = app_with(with_limits(RateSettings {
        bulk_per_minute: 25,
        public_per_minute: 5,
        ..RateSettings::default()
    }))
    .await;
    let from = "203.0.113.9";
    // Pages of up to 1,000 entries cost ten units each.
    assert_eq!(get_from(&app, "/v1/changes?limit=1000", from).await.status(), 200);
    assert_eq!(get_from(&app, "/v1/changes?limit=1000", from).await.status(), 200);
    let refused = get_from(&app, "/v1/changes?limit=1000", from).await;
    assert_eq!(refused.headers()["ratelimit-policy"], "\"bulk\";q=25;w=60");
    assert_problem(refused, 429).await;
    // The public budget of the same address is untouched by them.
    for _ in 0..5 {
        assert_eq!(get_from(&app, "/v1/licenses/UZ-TK-0666", from).await.status(), 200);
    }
    // What is left of the bulk budget still buys a small page or a QR image.
    assert_eq!(
        get_from(&app, "/v1/licenses/UZ-TK-0666/qr.png", from).await.status(),
        200
    );
}

#[tokio::test]
async fn unknown_query_parameters_are_refused_by_the_json_api_and_ignored_by_the_pages() {
    let app = app_with(Settings::defaults()).await;
    for path in [
        "/v1/licenses/UZ-TK-0666?bust=1",
        "/v1/licenses/UZ-TK-0666/qr.svg?v=2",
        "/v1/agencies?q=ochiq&Madina_998901234567=1",
        "/v1/registry/snapshot?cachebuster=x",
        "/.well-known/jwks.json?t=1",
    ] {
        let response = app
            .client
            .get(format!("{}{path}", app.address))
            .header("Accept-Language", "en")
            .send()
            .await
            .unwrap();
        let body = assert_problem(response, 400).await;
        let text = body.to_string();
        for unknown in ["bust", "cachebuster", "Madina", "998901234567", "\"t\""] {
            assert!(!text.contains(unknown), "{path}: {text}");
        }
        assert_eq!(body["errors"][0]["field"], "query", "{path}: {body}");
    }
    // What the operation takes (and `lang`, which every operation takes) is fine.
    assert_eq!(app.get("/v1/licenses/UZ-TK-0666?lang=ru").await.status(), 200);
    assert_eq!(app.get("/v1/agencies?q=ochiq&limit=5").await.status(), 200);
    // The pages ignore what a shared link added, and name their one address.
    for (path, canonical) in [
        (
            "/check/uz-tk-0666?utm_source=facebook&fbclid=IwAR0x",
            "https://registry.example.uz/check/UZ-TK-0666?lang=uz-Latn",
        ),
        (
            "/check?q=ochiq&lang=ru&utm_campaign=spring",
            "https://registry.example.uz/check?lang=ru&q=ochiq",
        ),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            response.headers()["link"].to_str().unwrap(),
            format!("<{canonical}>; rel=\"canonical\""),
            "{path}"
        );
        let html = response.text().await.unwrap();
        let escaped = canonical.replace('&', "&#38;");
        assert!(
            html.contains(&format!("<link rel=\"canonical\" href=\"{escaped}\">")),
            "{html}"
        );
    }
}
