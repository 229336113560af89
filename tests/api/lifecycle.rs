//! The process's life: its background tasks watched and restarted, and an
//! orderly stop on SIGTERM.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use agency_registry::config::Settings;
use agency_registry::domain::access::Role;
use serde_json::{json, Value};

use crate::helpers::{eventually, TestApp, TestDatabase};
use crate::process::ServiceProcess;

/// The value of `series` (a full name with labels) in a scrape, 0 when absent.
fn sample(scrape: &str, series: &str) -> f64 {
    scrape
        .lines()
        .find_map(|l| l.strip_prefix(series)?.trim().parse().ok())
        .unwrap_or(0.0)
}

async fn ready_body(app: &TestApp) -> Value {
    app.get("/health/ready").await.json().await.unwrap()
}

fn task<'a>(health: &'a Value, name: &str) -> &'a Value {
    health["tasks"]
        .as_array()
        .and_then(|tasks| tasks.iter().find(|t| t["name"] == name))
        .unwrap_or(&Value::Null)
}

#[tokio::test]
async fn a_killed_background_task_is_counted_listed_and_started_again() {
    let app = TestApp::spawn_with(Settings {
        metrics_addr: Some(SocketAddr::from(([127, 0, 0, 1], 0))),
        ..Settings::defaults()
    })
    .await;
    let health = ready_body(&app).await;
    for name in [
        "notifications",
        "database-checks",
        "read-model",
        "key-refresh",
        "calendar",
        "audit-checkpoints",
        "housekeeping",
        "rate-limit-sweep",
        "metrics-upkeep",
    ] {
        assert_eq!(task(&health, name)["state"], "running", "{name} in {health}");
    }
    assert_eq!(task(&health, "read-model")["restarts"], 0);
    let series = "background_task_restarts_total{task=\"read-model\"}";
    let before = sample(&app.scrape().await, series);

    // The follower dies, as a panic would end it.
    assert!(app.instance.tasks.kill("read-model"));
    eventually("the follower restarted", Duration::from_secs(5), || async {
        let health = ready_body(&app).await;
        task(&health, "read-model")["restarts"] == 1 && task(&health, "read-model")["state"] == "running"
    })
    .await;
    assert!(
        crate::helpers::captured_logs().contains("a background task was killed; starting it again"),
        "the death is logged"
    );
    eventually("the restart is counted", Duration::from_secs(5), || async {
        sample(&app.scrape().await, series) >= before + 1.0
    })
    .await;
    let scrape = app.scrape().await;
    assert_eq!(
        sample(&scrape, "background_task_running{task=\"read-model\"}"),
        1.0,
        "{scrape}"
    );

    // The restarted follower follows: a licence issued now is answered from memory.
    let token = app.token(Role::Ministry).await;
    let agency: Value = app
        .post("/v1/agencies")
        .as_(&token)
        .json(json!({"legal_name": "Qayta MChJ", "taxpayer_id": "301999001", "region": "UZ-TK"}))
        .send()
        .await
        .json()
        .await
        .unwrap();
    let issued = app
        .post(&format!("/v1/agencies/{}/licenses", agency["id"].as_str().unwrap()))
        .as_(&token)
        .json(json!({
            "license_number": "UZ-TK-0999",
            "valid_from": crate::helpers::days_ago(1),
            "valid_until": crate::helpers::days_ahead(300),
            "destination_countries": ["KR"],
            "sectors": ["construction"],
        }))
        .send()
        .await;
    assert_eq!(issued.status(), 201);
    app.settle().await;
    let health = ready_body(&app).await;
    assert_eq!(health["read_model"]["state"], "current", "{health}");
    assert_eq!(app.get("/v1/licenses/UZ-TK-0999").await.status(), 200);

    // Stopped from within (as an embedder would): it ends, tasks and all.
    let tasks = app.instance.tasks.clone();
    app.instance.stop.cancel();
    tokio::time::timeout(Duration::from_secs(5), app.instance.stopped)
        .await
        .expect("the instance stops")
        .unwrap()
        .unwrap();
    assert!(
        tasks.health().iter().all(|t| t.state == "stopped"),
        "{:?}",
        tasks.health()
    );
    assert!(app
        .client
        .get(format!("{}/health/live", app.address))
        .send()
        .await
        .is_err());
}

#[tokio::test]
async fn sigterm_with_eight_long_polls_held_stops_at_once_cleanly() {
    let db = TestDatabase::create().await;
    let service = ServiceProcess::start(&db, &[("FEED_MAX_WAITERS_PER_ADDRESS", "8"), ("WORKERS", "2")]).await;
    let client = reqwest::Client::new();
    let head: i64 = db
        .client()
        .await
        .query_one("SELECT coalesce(max(seq), 0) FROM changes", &[])
        .await
        .unwrap()
        .get(0);
    let polls: Vec<_> = (0..8)
        .map(|_| {
            let request = client
                .get(format!("{}/v1/changes?after={head}&wait=30", service.address))
                .send();
            tokio::spawn(async move {
                let response = request.await.unwrap();
                let status = response.status();
                (status, response.json::<Value>().await.unwrap())
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(polls.iter().all(|p| !p.is_finished()), "the polls are held");

    let pid = service.child.id().unwrap();
    let mut service = service;
    let signalled = Instant::now();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let exit = tokio::time::timeout(Duration::from_secs(5), service.child.wait())
        .await
        .expect("the process ends")
        .unwrap();
    let took = signalled.elapsed();
    assert!(exit.success(), "exit {exit:?}: {}", service.logs());
    assert!(
        took < Duration::from_secs(2),
        "stopping took {took:?}: {}",
        service.logs()
    );
    // Each poll got its answer: an empty page at the current position.
    for poll in polls {
        let (status, page) = poll.await.unwrap();
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["changes"], json!([]), "{page}");
        assert_eq!(page["next_after"], head, "{page}");
    }
    let left: i64 = db
        .client()
        .await
        .query_one(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(left, 0, "connections left behind");
    let logs = service.logs();
    assert!(logs.contains("stopped"), "{logs}");
}
