use crate::helpers::TestApp;

#[tokio::test]
async fn live_and_ready_answer_ok_with_a_database() {
    let app = TestApp::spawn().await;
    for path in ["/health/live", "/health/ready"] {
        let (status, body) = app.get_json(path).await;
        assert_eq!((status, body["status"].as_str()), (200, Some("ok")), "{path}");
    }
}

/// Transactions the test database has committed so far, by its own statistics.
async fn commits(app: &TestApp) -> i64 {
    let db = app.db.client().await;
    // Statistics are published by each backend a moment after it commits.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    db.batch_execute("SELECT pg_stat_clear_snapshot()").await.unwrap();
    db.query_one(
        "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()",
        &[],
    )
    .await
    .unwrap()
    .get(0)
}

#[tokio::test]
async fn readiness_is_answered_from_the_background_checks_without_asking_the_database() {
    let app = TestApp::spawn().await;
    let before = commits(&app).await;
    let started = std::time::Instant::now();
    for _ in 0..300 {
        assert_eq!(app.get("/health/ready").await.status(), 200);
    }
    let after = commits(&app).await;
    // The background work runs on its own clock (a few transactions a
    // second, more seconds on a loaded machine, and the start's reads: the
    // model, the keys, the reported recruiters); a probe that asked the
    // database would add 300 however long it took.
    let seconds = i64::try_from(started.elapsed().as_secs()).unwrap() + 2;
    let allowed = (60 + 8 * seconds).min(150);
    assert!(
        after - before < allowed,
        "{} transactions for 300 probes in {seconds} s",
        after - before
    );
}

#[tokio::test]
async fn probes_are_rate_limited_per_address() {
    let app = TestApp::spawn_with(agency_registry::config::Settings {
        rate_limit_health_per_min: 5,
        ..agency_registry::config::Settings::defaults()
    })
    .await;
    // settle() spent some of the budget already: drain it.
    let mut refused = None;
    for _ in 0..10 {
        let response = app.get("/health/live").await;
        if response.status() == 429 {
            refused = Some(response);
            break;
        }
    }
    let refused = refused.expect("the sixth probe in a minute is refused");
    assert_eq!(refused.headers()["ratelimit-policy"], "\"health\";q=5;w=60");
    crate::helpers::assert_problem(refused, 429).await;
    // Other endpoints have their own budget.
    assert_eq!(app.get("/v1/agencies").await.status(), 200);
}
