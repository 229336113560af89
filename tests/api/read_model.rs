//! The read model of each instance: fresh within a second of a change made
//! through another instance, honest about its position, answering from
//! Postgres while it is behind, and with cursors that work on any instance.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use agency_registry::config::Settings;
use agency_registry::domain::access::Role;
use agency_registry::seed::Batch;
use serde_json::{json, Value};

use crate::helpers::{agency_with_license, days_ago, days_ahead, three_verdicts, TestApp};

/// A second instance on the same database, once its model is built.
async fn second_instance(app: &TestApp, settings: Settings) -> String {
    app.another(settings).await.address
}

async fn get(app: &TestApp, address: &str, path: &str) -> (i64, Value) {
    let response = app.client.get(format!("{address}{path}")).send().await.unwrap();
    let position = response.headers()["registry-position"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    (position, response.json().await.unwrap())
}

/// Polls `path` on `address` until `done` holds of its answer; the time it took.
async fn seen_within(
    app: &TestApp,
    address: &str,
    path: &str,
    since: Instant,
    done: impl Fn(&Value) -> bool,
) -> (Duration, i64) {
    loop {
        let (position, body) = get(app, address, path).await;
        if done(&body) {
            return (since.elapsed(), position);
        }
        assert!(since.elapsed() < Duration::from_secs(5), "{path} never changed: {body}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test]
async fn a_change_through_one_instance_is_seen_on_another_within_a_second() {
    let app = three_verdicts(Settings::defaults()).await;
    let other = second_instance(&app, Settings::defaults()).await;
    let token = app.token(Role::Ministry).await;
    let (before, check) = get(&app, &other, "/v1/licenses/UZ-TK-0123").await;
    assert_eq!(check["status"], "active");

    let tag = app.etag("/v1/licenses/UZ-TK-0123").await;
    let start = Instant::now();
    let suspended = app
        .post("/v1/licenses/UZ-TK-0123/events")
        .as_(&token)
        .json(json!({"action": "suspend", "reason": "inspection"}))
        .if_match(&tag)
        .send()
        .await;
    assert_eq!(suspended.status(), 201);
    let (took, after) = seen_within(&app, &other, "/v1/licenses/UZ-TK-0123", start, |b| {
        b["status"] == "suspended"
    })
    .await;
    println!("a suspension made through one instance was seen on the other after {took:?}");
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert!(after > before, "the position moves on: {before} -> {after}");
    // The instance that made the change shows it at once.
    assert_eq!(
        get(&app, &app.address, "/v1/licenses/UZ-TK-0123").await.1["status"],
        "suspended"
    );

    // Search follows too: a renamed agency is found by its new name.
    let id = check["agency"]["id"].as_str().unwrap().to_owned();
    let path = format!("/v1/agencies/{id}");
    let tag = app.etag(&path).await;
    let start = Instant::now();
    let renamed = app
        .patch(&path)
        .as_(&token)
        .json(json!({"legal_name": "Zumrad Yo'llar Recruitment"}))
        .if_match(&tag)
        .send()
        .await;
    assert_eq!(renamed.status(), 200);
    let (took, _) = seen_within(&app, &other, "/v1/agencies?q=zumrad%20yollar", start, |b| {
        b["items"][0]["id"] == id.as_str()
    })
    .await;
    println!("a rename made through one instance was searchable on the other after {took:?}");
    assert!(took < Duration::from_secs(1), "{took:?}");
    // Both instances answer the same tag for the same state.
    let tags: Vec<String> = futures_util::future::join_all([&app.address, &other].map(|a| {
        let url = format!("{a}{path}");
        let client = app.client.clone();
        async move {
            client.get(url).send().await.unwrap().headers()["etag"]
                .to_str()
                .unwrap()
                .to_owned()
        }
    }))
    .await;
    assert_eq!(tags[0], tags[1]);
}

#[tokio::test]
async fn an_instance_behind_the_feed_answers_from_postgres_and_says_so() {
    let app = three_verdicts(Settings {
        read_model_max_lag_secs: 1,
        ..Settings::defaults()
    })
    .await;
    let health = |app: &TestApp| {
        let url = format!("{}/health/ready", app.address);
        let client = app.client.clone();
        async move {
            let r = client.get(url).send().await.unwrap();
            (r.status().as_u16(), r.json::<Value>().await.unwrap())
        }
    };
    let (status, body) = health(&app).await;
    assert_eq!(
        (status, &body["read_model"]["state"]),
        (200, &json!("current")),
        "{body}"
    );
    assert!(body["read_model"]["build_secs"].as_f64().is_some(), "{body}");

    // The follower cannot read the feed while another session holds its lock.
    let locker = app.db.client().await;
    locker
        .batch_execute("BEGIN; LOCK TABLE changes IN ACCESS EXCLUSIVE MODE")
        .await
        .unwrap();
    app.db
        .behind_the_feed("UPDATE licenses SET status = 'revoked' WHERE license_number = 'UZ-TK-0123'")
        .await;
    let since = Instant::now();
    loop {
        let (status, body) = health(&app).await;
        if body["read_model"]["state"] == "behind" {
            assert_eq!(status, 200, "an instance behind still serves, from Postgres");
            break;
        }
        assert!(since.elapsed() < Duration::from_secs(5), "never behind: {body}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Answered from Postgres: the row as stored now.
    let (status, check) = app.get_json("/v1/licenses/UZ-TK-0123").await;
    assert_eq!((status, check["status"].as_str()), (200, Some("revoked")));

    locker.batch_execute("ROLLBACK").await.unwrap();
    let since = Instant::now();
    while health(&app).await.1["read_model"]["state"] != "current" {
        assert!(since.elapsed() < Duration::from_secs(5), "never caught up");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_cursor_from_one_instance_pages_on_another_and_every_row_comes_once() {
    let app = TestApp::spawn().await;
    let mut batch = Batch::default();
    for i in 0..45 {
        let name = format!("Umumiy Recruitment {}", ["Alfa", "Beta", "Gamma"][i % 3]);
        let number = format!("UZ-TK-{:04}", 100 + i);
        agency_with_license(
            &mut batch,
            &name,
            &[],
            &format!("3020000{i:02}"),
            "UZ-TK",
            (&number, "active", days_ago(10), days_ahead(100)),
        );
    }
    app.insert(batch).await;
    let other = second_instance(&app, Settings::defaults()).await;
    let (mut seen, mut cursor, mut turn) = (Vec::new(), None::<String>, 0);
    loop {
        let address = if turn % 2 == 0 { &app.address } else { &other };
        turn += 1;
        let mut path = "/v1/agencies?q=umumiy%20recruitment&limit=4".to_owned();
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let (_, page) = get(&app, address, &path).await;
        for item in page["items"].as_array().unwrap() {
            seen.push(item["id"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    let unique: HashSet<_> = seen.iter().collect();
    assert_eq!((seen.len(), unique.len()), (45, 45), "{turn} pages");
    // The same rows Postgres finds (in its own order: it ranks otherwise).
    let postgres = second_instance(
        &app,
        Settings {
            read_model: false,
            ..Settings::defaults()
        },
    )
    .await;
    let (_, first) = get(&app, &postgres, "/v1/agencies?q=umumiy%20recruitment&limit=45").await;
    let ids: HashSet<&str> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, seen.iter().map(String::as_str).collect::<HashSet<_>>());
}
