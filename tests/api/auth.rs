use agency_registry::auth::jwt::{Claims, AUDIENCE, ISSUER};
use agency_registry::auth::keys;
use agency_registry::db::models::ApiClient;
use agency_registry::domain::access::Role;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::Method;
use serde_json::json;

use crate::helpers::{assert_problem, captured_logs, TestApp};

async fn request_token(app: &TestApp, form: &[(&str, &str)]) -> reqwest::Response {
    app.client
        .post(format!("{}/v1/auth/token", app.address))
        .form(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn client_credentials_give_a_working_bearer_token() {
    let app = TestApp::spawn().await;
    let (id, secret) = app.register_client(Role::Ministry, None).await;
    let response = request_token(
        &app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &id),
            ("client_secret", &secret),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    let token = body["access_token"].as_str().unwrap();
    let created = app
        .post("/v1/agencies")
        .as_(token)
        .json(agency_body("301111111"))
        .send()
        .await;
    assert_eq!(created.status(), 201);

    // JSON works as well as the form encoding.
    let response = app
        .client
        .post(format!("{}/v1/auth/token", app.address))
        .json(&json!({"grant_type": "client_credentials", "client_id": id, "client_secret": secret}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

pub fn agency_body(taxpayer_id: &str) -> serde_json::Value {
    json!({"legal_name": "Yangi Yo'l MChJ", "taxpayer_id": taxpayer_id, "region": "UZ-SA"})
}

#[tokio::test]
async fn token_errors_follow_rfc_6749() {
    let app = TestApp::spawn().await;
    let (id, _) = app.register_client(Role::Ministry, None).await;
    type Case<'a> = (&'a [(&'a str, &'a str)], u16, &'a str);
    let cases: [Case; 5] = [
        (
            &[
                ("grant_type", "client_credentials"),
                ("client_id", "cl_\0"),
                ("client_secret", "x"),
            ],
            400,
            "invalid_request",
        ),
        (
            &[
                ("grant_type", "client_credentials"),
                ("client_id", &id),
                ("client_secret", "wrong"),
            ],
            401,
            "invalid_client",
        ),
        (
            &[
                ("grant_type", "client_credentials"),
                ("client_id", "cl_nobody"),
                ("client_secret", "x"),
            ],
            401,
            "invalid_client",
        ),
        (
            &[("grant_type", "password"), ("client_id", &id), ("client_secret", "x")],
            400,
            "unsupported_grant_type",
        ),
        (&[("grant_type", "client_credentials")], 400, "invalid_request"),
    ];
    for (form, status, error) in cases {
        let body = assert_problem(request_token(&app, form).await, status).await;
        assert_eq!(body["error"], error, "{form:?}");
    }
    let response = app
        .client
        .post(format!("{}/v1/auth/token", app.address))
        .header("content-type", "text/plain")
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap();
    assert_problem(response, 415).await;
}

#[tokio::test]
async fn wrong_secrets_are_throttled_per_client_id_but_never_the_right_one() {
    let app = TestApp::spawn().await;
    let (id, secret) = app.register_client(Role::Ngo, Some("Hamkor NGO")).await;
    let wrong = [
        ("grant_type", "client_credentials"),
        ("client_id", id.as_str()),
        ("client_secret", "guess"),
    ];
    // 20 concurrent guesses: the throttle holds under concurrency (10 a minute).
    let guesses = futures_util::future::join_all((0..20).map(|_| request_token(&app, &wrong))).await;
    let statuses: Vec<u16> = guesses.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 10, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 10, "{statuses:?}");
    let refused = request_token(&app, &wrong).await;
    let retry_after: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert!(refused.headers()["ratelimit-policy"]
        .to_str()
        .unwrap()
        .contains("q=10;w=60"));
    assert!(refused.headers()["ratelimit"].to_str().unwrap().contains("r=0"));
    assert_problem(refused, 429).await;
    // Someone else's wrong guesses never lock the real client out.
    let right = [
        ("grant_type", "client_credentials"),
        ("client_id", id.as_str()),
        ("client_secret", secret.as_str()),
    ];
    assert_eq!(request_token(&app, &right).await.status(), 200);
}

#[tokio::test]
async fn token_requests_are_limited_per_address_with_ratelimit_headers() {
    let app = TestApp::spawn().await;
    // 30 a minute from one address (the default), whatever client ids it tries.
    let ids: Vec<String> = (0..40).map(|i| format!("cl_nobody_{i}")).collect();
    let app = &app;
    let answers = futures_util::future::join_all(ids.iter().map(|id| {
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", id.as_str()),
            ("client_secret", "guess"),
        ];
        async move { request_token(app, &form).await }
    }))
    .await;
    let limited: Vec<_> = answers.into_iter().filter(|r| r.status() == 429).collect();
    assert_eq!(limited.len(), 10);
    let refused = limited.into_iter().next().unwrap();
    assert!(refused.headers().contains_key("retry-after"));
    assert_eq!(
        refused.headers()["ratelimit-policy"].to_str().unwrap(),
        "\"token\";q=30;w=60"
    );
    let body = assert_problem(refused, 429).await;
    assert_eq!(body["type"], "/problems/too-many-requests");
    // Another address is not affected: the public check still answers.
    assert_eq!(app.get("/health/live").await.status(), 200);
}

#[tokio::test]
async fn legacy_argon2_secrets_still_work_once_then_are_replaced() {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let app = TestApp::spawn().await;
    let (id, secret) = app.register_client(Role::Ministry, None).await;
    let salt = SaltString::encode_b64(b"0123456789abcdef").unwrap();
    let phc = argon2::Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .unwrap()
        .to_string();
    let db = app.db.client().await;
    db.execute(
        "UPDATE api_clients SET secret_hash = $1 WHERE client_id = $2",
        &[&phc, &id],
    )
    .await
    .unwrap();
    let right = [
        ("grant_type", "client_credentials"),
        ("client_id", id.as_str()),
        ("client_secret", secret.as_str()),
    ];
    assert_eq!(request_token(&app, &right).await.status(), 200);
    let stored: String = db
        .query_one("SELECT secret_hash FROM api_clients WHERE client_id = $1", &[&id])
        .await
        .unwrap()
        .get(0);
    assert!(stored.starts_with("sha256:"), "{stored}");
    assert_eq!(request_token(&app, &right).await.status(), 200);
}

/// The sum of the samples of `series` in the scrape of `app`'s metrics listener.
async fn metric(app: &TestApp, series: &str) -> f64 {
    app.scrape()
        .await
        .lines()
        .filter(|l| l.starts_with(series))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

#[tokio::test]
async fn guesses_for_a_legacy_client_are_throttled_before_argon2_runs() {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let app = TestApp::spawn_with(agency_registry::config::Settings {
        metrics_addr: Some(std::net::SocketAddr::from(([127, 0, 0, 1], 0))),
        trusted_proxies: agency_registry::rate_limit::TrustedProxies(
            agency_registry::rate_limit::parse_trusted_proxies("127.0.0.1").unwrap(),
        ),
        ..agency_registry::config::Settings::defaults()
    })
    .await;
    let (id, secret) = app.register_client(Role::Ministry, None).await;
    let salt = SaltString::encode_b64(b"0123456789abcdef").unwrap();
    let phc = argon2::Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .unwrap()
        .to_string();
    app.db
        .client()
        .await
        .execute(
            "UPDATE api_clients SET secret_hash = $1 WHERE client_id = $2",
            &[&phc, &id],
        )
        .await
        .unwrap();
    let checks_before = metric(&app, "auth_legacy_secret_checks_total").await;
    // 300 wrong secrets from 10 addresses (30 each: the per-address limit).
    let app = &app;
    let guesses = futures_util::future::join_all((0..300).map(|i| {
        let id = id.clone();
        async move {
            app.client
                .post(format!("{}/v1/auth/token", app.address))
                .header("X-Forwarded-For", format!("198.51.100.{}", i % 10))
                .form(&[
                    ("grant_type", "client_credentials"),
                    ("client_id", id.as_str()),
                    ("client_secret", "guess"),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    }))
    .await;
    assert_eq!(guesses.iter().filter(|s| **s == 401).count(), 10, "{guesses:?}");
    assert_eq!(guesses.iter().filter(|s| **s == 429).count(), 290, "{guesses:?}");
    // Only the guesses within the client id's budget reached Argon2 (another
    // test's legacy login may run meanwhile: a little slack).
    let checks = metric(app, "auth_legacy_secret_checks_total").await - checks_before;
    assert!((10.0..=12.0).contains(&checks), "{checks} Argon2 checks ran");
    // The operator rotates the legacy secret away: the new one is a SHA-256
    // secret, never throttled for others' guesses, and needs no Argon2.
    agency_registry::admin::clients(agency_registry::cli::ClientsArgs {
        database: app.database_args(),
        command: agency_registry::cli::ClientsCommand::RotateSecret { client_id: id.clone() },
    })
    .await
    .unwrap();
    let stored: String = app
        .db
        .client()
        .await
        .query_one("SELECT secret_hash FROM api_clients WHERE client_id = $1", &[&id])
        .await
        .unwrap()
        .get(0);
    assert!(stored.starts_with("sha256:"), "{stored}");
    let old = app
        .client
        .post(format!("{}/v1/auth/token", app.address))
        .header("X-Forwarded-For", "203.0.113.50")
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", id.as_str()),
            ("client_secret", secret.as_str()),
        ])
        .send()
        .await
        .unwrap();
    // Refused: 429 while the guesses' budget is spent, 401 after.
    assert!(
        [401, 429].contains(&old.status().as_u16()),
        "the old secret stopped working"
    );
}

#[tokio::test]
async fn a_disabled_clients_tokens_stop_working_at_once() {
    let app = TestApp::spawn().await;
    let (id, secret) = app.register_client(Role::Ministry, None).await;
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", id.as_str()),
        ("client_secret", secret.as_str()),
    ];
    let body: serde_json::Value = request_token(&app, &form).await.json().await.unwrap();
    let token = body["access_token"].as_str().unwrap().to_owned();
    let ok = app
        .post("/v1/agencies")
        .as_(&token)
        .json(agency_body("302222222"))
        .send()
        .await;
    assert_eq!(ok.status(), 201);

    ApiClient::disable(&mut app.db.owner().await, &id).await.unwrap();
    let refused = app
        .post("/v1/agencies")
        .as_(&token)
        .json(agency_body("303333333"))
        .send()
        .await;
    assert_problem(refused, 401).await;
    assert_problem(request_token(&app, &form).await, 401).await;
}

#[tokio::test]
async fn jwks_publishes_the_key_that_signs_tokens() {
    let app = TestApp::spawn().await;
    let token = app.token(Role::Auditor).await;
    let kid = jsonwebtoken::decode_header(&token).unwrap().kid.unwrap();
    let (status, body) = app.get_json("/.well-known/jwks.json").await;
    assert_eq!(status, 200);
    let key = body["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == kid.as_str())
        .unwrap();
    assert_eq!(
        (key["kty"].as_str(), key["crv"].as_str(), key["alg"].as_str()),
        (Some("OKP"), Some("Ed25519"), Some("EdDSA"))
    );
    assert_eq!(key["kid"], kid);
}

/// Tokens that must all be refused with 401.
fn bad_tokens(app: &TestApp, client_id: &str) -> Vec<(&'static str, String)> {
    let (kid, key) = app.keys.signing_key().unwrap();
    let now = chrono::Utc::now().timestamp();
    let claims = |iss: &str, aud: &str, nbf: i64, exp: i64| Claims {
        iss: iss.into(),
        aud: aud.into(),
        sub: client_id.into(),
        iat: now,
        nbf,
        exp,
        role: Role::Ministry,
        org: None,
    };
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some(kid.clone());
    header.typ = Some("at+jwt".into());
    let mut plain_jwt = header.clone();
    plain_jwt.typ = Some("JWT".into());
    let sign = |c: &Claims, k: &EncodingKey, h: &Header| jsonwebtoken::encode(h, c, k).unwrap();
    let valid = claims(ISSUER, AUDIENCE, now, now + 600);
    let (forger_kid, forger_pem, _) = keys::new_key().unwrap();
    let forged_key = EncodingKey::from_ed_pem(forger_pem.as_bytes()).unwrap();
    let mut unknown_kid = header.clone();
    unknown_kid.kid = Some(forger_kid.clone());
    let mut no_kid = header.clone();
    no_kid.kid = None;
    let none_header = URL_SAFE_NO_PAD.encode(json!({"alg": "none", "typ": "JWT", "kid": kid}).to_string());
    let none_claims = URL_SAFE_NO_PAD.encode(serde_json::to_string(&valid).unwrap());
    vec![
        ("malformed", "not-a-token".into()),
        (
            "expired",
            sign(&claims(ISSUER, AUDIENCE, now - 7200, now - 3600), &key, &header),
        ),
        (
            "not yet valid",
            sign(&claims(ISSUER, AUDIENCE, now + 3600, now + 7200), &key, &header),
        ),
        (
            "wrong audience",
            sign(&claims(ISSUER, "someone-else", now, now + 600), &key, &header),
        ),
        (
            "wrong issuer",
            sign(&claims("evil", AUDIENCE, now, now + 600), &key, &header),
        ),
        ("forged signature", sign(&valid, &forged_key, &header)),
        ("unknown kid", sign(&valid, &forged_key, &unknown_kid)),
        ("no kid", sign(&valid, &key, &no_kid)),
        ("alg none", format!("{none_header}.{none_claims}.")),
        ("not an access token (typ JWT)", sign(&valid, &key, &plain_jwt)),
        (
            "valid for ten years",
            sign(&claims(ISSUER, AUDIENCE, now, now + 10 * 365 * 86_400), &key, &header),
        ),
        (
            "lifetime of 16 minutes",
            sign(&claims(ISSUER, AUDIENCE, now, now + 960), &key, &header),
        ),
        (
            "issued a year ahead, valid from now until 15 minutes after then",
            sign(
                &Claims {
                    iat: now + 365 * 86_400,
                    ..claims(ISSUER, AUDIENCE, now, now + 365 * 86_400 + 900)
                },
                &key,
                &header,
            ),
        ),
    ]
}

#[tokio::test]
async fn the_authorisation_matrix() {
    let app = TestApp::spawn().await;
    let agency = "6a0c1e1e-0000-4000-8000-000000000000";
    let complaint = "6a0c1e1e-0000-4000-8000-000000000001";
    let operations: Vec<(Method, String, Option<serde_json::Value>, &[Role])> = vec![
        (
            Method::POST,
            "/v1/complaints".into(),
            Some(json!({"category": "other"})),
            &[Role::Ngo, Role::Ministry],
        ),
        (Method::GET, "/v1/complaints".into(), None, &[Role::Ngo, Role::Ministry]),
        (
            Method::GET,
            format!("/v1/complaints/{complaint}"),
            None,
            &[Role::Ngo, Role::Ministry],
        ),
        (
            Method::POST,
            format!("/v1/complaints/{complaint}/events"),
            Some(json!({"status": "closed", "note": "x"})),
            &[Role::Ministry],
        ),
        (
            Method::POST,
            format!("/v1/complaints/{complaint}/notes"),
            Some(json!({"note": "x"})),
            &[Role::Ngo],
        ),
        (
            Method::POST,
            "/v1/agencies".into(),
            Some(agency_body("304444444")),
            &[Role::Ministry],
        ),
        (
            Method::PATCH,
            format!("/v1/agencies/{agency}"),
            Some(json!({"phone": "+998 71 000-00-00"})),
            &[Role::Ministry],
        ),
        (
            Method::POST,
            format!("/v1/agencies/{agency}/licenses"),
            Some(json!({})),
            &[Role::Ministry],
        ),
        (
            Method::POST,
            "/v1/licenses/UZ-TK-0123/events".into(),
            Some(json!({"action": "revoke"})),
            &[Role::Ministry],
        ),
        (Method::GET, "/v1/audit-events".into(), None, &[Role::Auditor]),
        (Method::GET, "/v1/audit-events/verify".into(), None, &[Role::Auditor]),
        (
            Method::POST,
            "/v1/audit-events/verify".into(),
            Some(json!({"seq": 1, "hash": "0".repeat(64)})),
            &[Role::Ngo, Role::Ministry, Role::Auditor],
        ),
        (
            Method::PUT,
            format!("/v1/complaints/{complaint}/publication"),
            None,
            &[Role::Ministry],
        ),
        (
            Method::DELETE,
            format!("/v1/complaints/{complaint}/publication"),
            None,
            &[Role::Ministry],
        ),
    ];
    let tokens = [
        (Role::Ministry, app.token(Role::Ministry).await),
        (Role::Ngo, app.token(Role::Ngo).await),
        (Role::Auditor, app.token(Role::Auditor).await),
    ];
    let (valid_client, _) = app.register_client(Role::Ministry, None).await;
    let bad = bad_tokens(&app, &valid_client);
    for (method, path, body, allowed) in &operations {
        let anonymous = app
            .call(method.clone(), path)
            .json_maybe(body.clone())
            .if_match("*")
            .send()
            .await;
        assert!(anonymous.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer"));
        assert_problem(anonymous, 401).await;
        for (what, token) in &bad {
            let response = app
                .call(method.clone(), path)
                .as_(token)
                .json_maybe(body.clone())
                .if_match("*")
                .send()
                .await;
            assert_eq!(response.status(), 401, "{what} token on {method} {path}");
        }
        for (role, token) in &tokens {
            let status = app
                .call(method.clone(), path)
                .as_(token)
                .json_maybe(body.clone())
                .if_match("*")
                .send()
                .await
                .status();
            if allowed.contains(role) {
                assert!(
                    ![401, 403].contains(&status.as_u16()),
                    "{role:?} on {method} {path}: {status}"
                );
                assert!(status.as_u16() < 500, "{role:?} on {method} {path}: {status}");
            } else {
                assert_eq!(status, 403, "{role:?} on {method} {path}");
            }
        }
    }
}

#[tokio::test]
async fn secrets_and_tokens_never_reach_the_logs() {
    let app = TestApp::spawn().await;
    let (id, secret) = app.register_client(Role::Ministry, None).await;
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", id.as_str()),
        ("client_secret", secret.as_str()),
    ];
    let body: serde_json::Value = request_token(&app, &form).await.json().await.unwrap();
    let token = body["access_token"].as_str().unwrap().to_owned();
    let created = app
        .post("/v1/agencies")
        .as_(&token)
        .json(agency_body("306666666"))
        .send()
        .await;
    assert_eq!(created.status(), 201);
    let wrong = [
        ("grant_type", "client_credentials"),
        ("client_id", id.as_str()),
        ("client_secret", "wrong-secret-42"),
    ];
    assert_eq!(request_token(&app, &wrong).await.status(), 401);
    // A secret sent as a number, or in a body that does not parse, is not quoted either.
    for body in [
        format!("{{\"grant_type\":\"client_credentials\",\"client_id\":\"{id}\",\"client_secret\":987654321987}}"),
        "{\"client_secret\": \"wrong-secret-42\", oops".to_owned(),
    ] {
        let refused = app
            .client
            .post(format!("{}/v1/auth/token", app.address))
            .header("Content-Type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 400);
        let text = refused.text().await.unwrap();
        assert!(
            !text.contains("987654321987") && !text.contains("wrong-secret-42"),
            "{text}"
        );
    }
    // The service's own requests with the token, at debug.
    assert_eq!(
        app.call(Method::GET, "/v1/complaints")
            .as_(&token)
            .send()
            .await
            .status(),
        200
    );

    let logs = captured_logs();
    assert!(logs.contains("/v1/auth/token"), "the requests were logged");
    assert!(logs.contains(&id), "the client id may be logged");
    for secret_text in [secret.as_str(), token.as_str(), "wrong-secret-42", "987654321987"] {
        assert!(!logs.contains(secret_text), "a secret reached the logs");
    }
    let signature = token.rsplit('.').next().unwrap();
    assert!(!logs.contains(signature), "a token signature reached the logs");
}

#[tokio::test]
async fn rotated_keys_sign_and_retired_keys_stop_verifying() {
    use agency_registry::admin;
    use agency_registry::cli::{KeysArgs, KeysCommand};

    let app = TestApp::spawn().await;
    let old_token = app.token(Role::Auditor).await;
    let old_kid = jsonwebtoken::decode_header(&old_token).unwrap().kid.unwrap();
    let database = app.database_args();
    admin::keys(KeysArgs {
        database: database.clone(),
        kek: app.kek_args(),
        command: KeysCommand::Rotate {
            purpose: agency_registry::domain::access::KeyPurpose::Token,
        },
    })
    .await
    .unwrap();
    // What the service does at its next refresh (every few seconds).
    let mut conn = app.pool.get().await.unwrap();
    app.keys.reload(&mut conn).await.unwrap();
    let new_token = app.token(Role::Auditor).await;
    let new_kid = jsonwebtoken::decode_header(&new_token).unwrap().kid.unwrap();
    assert_ne!(new_kid, old_kid, "the newest key signs");
    let (_, jwks) = app.get_json("/.well-known/jwks.json").await;
    // Both token keys verify (beside the statement and checkpoint keys), each marked with its purpose.
    let purposes: Vec<&str> = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["purpose"].as_str().unwrap())
        .collect();
    assert_eq!(purposes.len(), 4, "both keys verify: {jwks}");
    assert_eq!(purposes.iter().filter(|p| **p == "token").count(), 2, "{jwks}");
    for token in [&old_token, &new_token] {
        assert_eq!(
            app.call(Method::GET, "/v1/audit-events/verify")
                .as_(token)
                .send()
                .await
                .status(),
            200
        );
    }

    admin::keys(KeysArgs {
        database,
        kek: app.kek_args(),
        command: KeysCommand::Retire { kid: old_kid },
    })
    .await
    .unwrap();
    app.keys.reload(&mut conn).await.unwrap();
    assert_problem(
        app.call(Method::GET, "/v1/audit-events/verify")
            .as_(&old_token)
            .send()
            .await,
        401,
    )
    .await;
    assert_eq!(
        app.call(Method::GET, "/v1/audit-events/verify")
            .as_(&new_token)
            .send()
            .await
            .status(),
        200
    );
    // Both key changes are in the audit trail, after the two keys generated at start.
    let trail: serde_json::Value = app.read_as("/v1/audit-events?resource_type=key", &new_token).await;
    let actions: Vec<_> = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["after"]["purpose"].as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("generate", Some("token")),
            ("generate", Some("statement")),
            ("generate", Some("checkpoint")),
            ("rotate", Some("token")),
            ("retire", None)
        ]
    );
}

#[tokio::test]
async fn a_key_file_signs_when_given() {
    use agency_registry::auth::keys::KeyStore;
    let app = TestApp::spawn().await;
    let (kid, pem, _) = keys::new_key().unwrap();
    let mut conn = app.pool.get().await.unwrap();
    // A key file needs no key-encryption key (and then signs alone: nothing
    // in the database can be trusted without one).
    let store = KeyStore::load(&mut conn, Some(&pem), None).await.unwrap();
    assert_eq!(store.signing_key().unwrap().0, kid);
    assert_eq!(
        store.jwks().iter().map(|k| k.kid.as_str()).collect::<Vec<_>>(),
        [kid.as_str()]
    );
}

#[tokio::test]
async fn clients_are_created_with_a_one_time_secret_and_can_be_disabled() {
    use agency_registry::admin;
    use agency_registry::cli::{ClientsArgs, ClientsCommand};

    let app = TestApp::spawn().await;
    let database = app.database_args();
    let refused = admin::clients(ClientsArgs {
        database: database.clone(),
        command: ClientsCommand::Create {
            name: "No org".into(),
            role: Role::Ngo,
            organization: None,
        },
    })
    .await;
    assert!(refused.is_err(), "an ngo client needs an organisation");
    admin::clients(ClientsArgs {
        database: database.clone(),
        command: ClientsCommand::Create {
            name: "Licensing desk".into(),
            role: Role::Ministry,
            organization: None,
        },
    })
    .await
    .unwrap();
    let db = app.db.client().await;
    let row = db
        .query_one(
            "SELECT client_id, secret_hash FROM api_clients WHERE name = 'Licensing desk'",
            &[],
        )
        .await
        .unwrap();
    let (client_id, hash): (String, String) = (row.get(0), row.get(1));
    assert!(hash.starts_with("sha256:"), "only a hash is stored");
    admin::clients(ClientsArgs {
        database,
        command: ClientsCommand::Disable {
            client_id: client_id.clone(),
        },
    })
    .await
    .unwrap();
    let disabled: bool = db
        .query_one(
            "SELECT disabled_at IS NOT NULL FROM api_clients WHERE client_id = $1",
            &[&client_id],
        )
        .await
        .unwrap()
        .get(0);
    assert!(disabled);
}

#[tokio::test]
async fn the_database_alone_cannot_mint_tokens() {
    use agency_registry::auth::kek::Kek;
    use agency_registry::auth::keys::{prepare, KeyStore};
    let app = TestApp::spawn().await;
    let db = app.db.client().await;
    // Private keys are stored sealed, to their id and public half.
    for row in db.query("SELECT private_key FROM signing_keys", &[]).await.unwrap() {
        let stored: String = row.get(0);
        assert!(stored.starts_with("sealed:v2:"), "{stored}");
        assert!(!stored.contains("PRIVATE KEY"));
    }
    let mut conn = app.pool.get().await.unwrap();
    // Without a key-encryption key (and no key file) the service refuses to start.
    let refused = KeyStore::load(&mut conn, None, None).await.err().unwrap().to_string();
    assert!(refused.contains("KEY_ENCRYPTION_KEY_FILE"), "{refused}");
    // Another key-encryption key opens nothing, so it trusts nothing; and
    // at start it refuses rather than make keys beside the real ones.
    let (stranger, _) = Kek::generate();
    let store = KeyStore::load(&mut conn, None, Some(stranger.clone())).await.unwrap();
    assert!(store.signing_key().is_none() && store.jwks().is_empty());
    let refused = prepare(&mut app.db.owner().await, None, Some(&stranger)).await;
    assert!(refused.unwrap_err().to_string().contains("opens none"));

    // A key stored in clear, or sealed to its id alone, by an earlier
    // version is sealed to its id and public half at the next start.
    let kek = Kek::from_file(&app.kek_file).unwrap();
    let (kid, pem, public) = agency_registry::auth::keys::new_key().unwrap();
    let (old_kid, old_pem, old_public) = agency_registry::auth::keys::new_key().unwrap();
    let v1 = kek
        .seal(&old_pem, &old_kid)
        .unwrap()
        .replace("sealed:v2:", "sealed:v1:");
    for (k, private, p, at) in [
        (&old_kid, &v1, &old_public, "1 second"),
        (&kid, &pem, &public, "2 seconds"),
    ] {
        db.execute(
            &format!("INSERT INTO signing_keys (kid, private_key, public_key, created_at) VALUES ($1, $2, $3, now() + interval '{at}')"),
            &[k, private, p],
        )
        .await
        .unwrap();
    }
    prepare(&mut app.db.owner().await, None, Some(&kek)).await.unwrap();
    let store = KeyStore::load(&mut conn, None, Some(kek)).await.unwrap();
    for k in [&kid, &old_kid] {
        let sealed: String = db
            .query_one("SELECT private_key FROM signing_keys WHERE kid = $1", &[k])
            .await
            .unwrap()
            .get(0);
        assert!(
            sealed.starts_with("sealed:v2:") && !sealed.contains("PRIVATE KEY"),
            "{sealed}"
        );
    }
    assert_eq!(store.signing_key().unwrap().0, kid, "the newest key, opened, signs");
}

#[tokio::test]
async fn a_key_written_behind_the_owners_back_is_never_trusted() {
    use agency_registry::auth::kek::Kek;
    let app = TestApp::spawn().await;
    // The runtime role may not add a key or a client at all.
    let runtime = app.db.runtime_client().await;
    let (kid, pem, public) = keys::new_key().unwrap();
    let denied = runtime
        .execute(
            "INSERT INTO signing_keys (kid, private_key, public_key, created_at) VALUES ($1, $2, $3, now() + interval '1 hour')",
            &[&kid, &pem, &public],
        )
        .await
        .unwrap_err();
    let message = |e: tokio_postgres::Error| e.as_db_error().map(|d| d.message().to_owned()).unwrap_or_default();
    let denied = message(denied);
    assert!(denied.contains("permission denied"), "{denied}");
    for sql in [
        "INSERT INTO api_clients (client_id, name, role, secret_hash) VALUES ('cl_x', 'x', 'ministry', 'sha256:00')",
        "UPDATE api_clients SET secret_hash = 'sha256:00'",
    ] {
        let denied = message(runtime.execute(sql, &[]).await.unwrap_err());
        assert!(denied.contains("permission denied"), "{sql}: {denied}");
    }
    // Whoever writes one anyway (a leaked owner password, a restored dump)
    // without the key-encryption key: a row with the attacker's public key
    // and any "sealed" value, or a real sealed key beside another public half.
    let kek = Kek::from_file(&app.kek_file).unwrap();
    let (other_kid, _, other_public) = keys::new_key().unwrap();
    let misplaced = kek.seal(&pem, &format!("{other_kid}\n{other_public}")).unwrap();
    let db = app.db.client().await;
    for (k, private, p) in [
        (
            &kid,
            "sealed:v2:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".to_owned(),
            &public,
        ),
        (&other_kid, misplaced, &other_public),
    ] {
        db.execute(
            "INSERT INTO signing_keys (kid, private_key, public_key, created_at) VALUES ($1, $2, $3, now() + interval '1 hour')",
            &[k, &private, p],
        )
        .await
        .unwrap();
    }
    // Every instance reloads its keys as soon as they change: give it time.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let (_, jwks) = app.get_json("/.well-known/jwks.json").await;
    for k in [&kid, &other_kid] {
        assert!(!jwks.to_string().contains(k.as_str()), "{k} published: {jwks}");
    }
    let ministry = app.register_client(Role::Ministry, None).await.0;
    let now = chrono::Utc::now().timestamp();
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some(kid.clone());
    header.typ = Some("at+jwt".into());
    let forged = jsonwebtoken::encode(
        &header,
        &Claims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: ministry,
            iat: now,
            nbf: now,
            exp: now + 600,
            role: Role::Ministry,
            org: None,
        },
        &EncodingKey::from_ed_pem(pem.as_bytes()).unwrap(),
    )
    .unwrap();
    let refused = app
        .post("/v1/agencies")
        .as_(&forged)
        .json(agency_body("304444444"))
        .send()
        .await;
    assert_problem(refused, 401).await;
    // The service still signs with its own key.
    assert_eq!(
        app.post("/v1/agencies")
            .as_(&app.log_in(Role::Ministry).await)
            .json(agency_body("304444444"))
            .send()
            .await
            .status(),
        201
    );
    assert!(crate::helpers::captured_logs().contains("is not trusted"));
}
