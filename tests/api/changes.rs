//! The public change feed: every change once, in commit order, with the
//! public representation after it; long polls; what the calendar changes.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use agency_registry::config::Settings;
use agency_registry::domain::access::Role;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, days_ago, days_ahead, TestApp};

async fn register(app: &TestApp, token: &str, n: usize) -> String {
    let body = json!({"legal_name": format!("Agency {n} MChJ"), "taxpayer_id": format!("30{n:07}"), "region": "UZ-TK"});
    let response = app.post("/v1/agencies").as_(token).json(body).send().await;
    assert_eq!(response.status(), 201);
    response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn issue(app: &TestApp, token: &str, agency: &str, number: &str, until: chrono::NaiveDate) {
    let body = json!({
        "license_number": number,
        "valid_from": days_ago(10).to_string(),
        "valid_until": until.to_string(),
        "destination_countries": ["KR"],
        "sectors": ["construction"]
    });
    let path = format!("/v1/agencies/{agency}/licenses");
    let response = app.post(&path).as_(token).json(body).send().await;
    assert_eq!(response.status(), 201, "{:?}", response.text().await);
}

/// Posts a lifecycle action on `number` with its current ETag; answers the status.
async fn act(app: &TestApp, token: &str, number: &str, body: Value) -> u16 {
    let path = format!("/v1/licenses/{number}");
    let tag = app.etag(&path).await;
    let response = app
        .post(&format!("{path}/events"))
        .as_(token)
        .json(body)
        .if_match(&tag)
        .send()
        .await;
    response.status().as_u16()
}

async fn page(app: &TestApp, query: &str) -> Value {
    let (status, body) = app.get_json(&format!("/v1/changes?{query}")).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// Every entry from the start.
async fn all_entries(app: &TestApp) -> Vec<Value> {
    let mut entries = Vec::new();
    let mut after = 0;
    loop {
        let body = page(app, &format!("after={after}&limit=1000")).await;
        let batch = body["changes"].as_array().unwrap().clone();
        after = body["next_after"].as_i64().unwrap();
        if batch.is_empty() {
            return entries;
        }
        entries.extend(batch);
    }
}

#[tokio::test]
async fn each_change_is_an_entry_with_the_public_representation_after_it() {
    let app = TestApp::spawn().await;
    let token = app.token(Role::Ministry).await;
    let agency = register(&app, &token, 1).await;
    issue(&app, &token, &agency, "UZ-TK-0001", days_ahead(400)).await;
    assert_eq!(
        act(
            &app,
            &token,
            "UZ-TK-0001",
            json!({"action": "suspend", "reason": "Inspection"})
        )
        .await,
        201
    );

    let entries = all_entries(&app).await;
    let kinds: Vec<_> = entries.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["agency.registered", "license.issued", "license.suspended"]);
    let seqs: Vec<_> = entries.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, [1, 2, 3]);
    assert_eq!(entries[0]["id"], agency.as_str());
    assert_eq!(entries[2]["id"], "UZ-TK-0001");
    assert_eq!(entries[2]["agency_id"], agency.as_str());
    // The same JSON as the public GET answers now.
    // The licence check adds only its verdict, a sentence in the reader's language.
    let (_, mut now) = app.get_json("/v1/licenses/UZ-TK-0001").await;
    assert_eq!(
        now.as_object_mut().unwrap().remove("verdict").unwrap()["code"],
        "suspended"
    );
    assert_eq!(entries[2]["data"], now);
    assert_eq!(entries[2]["data"]["status"], "suspended");
    assert_eq!(entries[1]["data"]["status"], "active");

    // Paging forward from a position.
    let rest = page(&app, "after=1&limit=1").await;
    assert_eq!(rest["changes"][0]["seq"], 2);
    assert_eq!(rest["next_after"], 2);
    let end = page(&app, "after=3").await;
    assert_eq!(end, json!({"changes": [], "next_after": 3}));

    // A refused change writes nothing.
    assert_eq!(
        act(
            &app,
            &token,
            "UZ-TK-0001",
            json!({"action": "suspend", "reason": "again"})
        )
        .await,
        409
    );
    assert_eq!(all_entries(&app).await.len(), 3);
}

#[tokio::test]
async fn bad_positions_and_sizes_are_400_problems() {
    let app = TestApp::spawn().await;
    for query in [
        "after=-1",
        "limit=0",
        "limit=1001",
        "wait=0",
        "wait=31",
        "after=x",
        "since=3",
    ] {
        assert_problem(app.get(&format!("/v1/changes?{query}")).await, 400).await;
    }
}

#[tokio::test]
async fn no_change_to_public_data_commits_without_its_entry() {
    let app = TestApp::spawn().await;
    let token = app.token(Role::Ministry).await;
    let agency = register(&app, &token, 1).await;
    // Not as the service (its role), not even as the owner: the commit fails.
    for url in [&app.db.runtime_url, &app.db.url] {
        let (db, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
        tokio::spawn(connection);
        let refused = db
            .execute(
                &format!("UPDATE agencies SET legal_name = 'Forged' WHERE id = '{agency}'"),
                &[],
            )
            .await;
        let error = refused.unwrap_err();
        let message = error.as_db_error().map(|e| e.message().to_owned()).unwrap_or_default();
        assert_eq!(message, "a change to agencies has no change-feed entry");
    }
    let (_, stored) = app.get_json(&format!("/v1/agencies/{agency}")).await;
    assert_eq!(stored["legal_name"], "Agency 1 MChJ");
}

/// Eight writers at once, and a consumer tailing the feed meanwhile with
/// small pages: it must see every change exactly once, in `seq` order, with
/// no gap, and the same entries a reader from the start sees afterwards.
#[tokio::test]
async fn a_tailing_consumer_sees_every_change_once_in_order_under_concurrent_writers() {
    const WRITERS: usize = 8;
    const ROUNDS: usize = 6;
    // The consumer polls the feed once per change or two while writers
    // trickle in (more than the feed's 120 a minute on a slow machine).
    let app = TestApp::spawn_with(Settings {
        rate_limit_public_per_min: 100_000,
        rate_limit_bulk_per_min: 100_000,
        ..Settings::defaults()
    })
    .await;
    let token = app.token(Role::Ministry).await;
    for w in 0..WRITERS {
        let agency = register(&app, &token, w).await;
        issue(&app, &token, &agency, &format!("UZ-TK-{w:04}"), days_ahead(400)).await;
    }
    let start = page(&app, "after=0&limit=1000").await["next_after"].as_i64().unwrap();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));

    let consumer = {
        let (address, done) = (app.address.clone(), done.clone());
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            let (mut after, mut seen) = (start, Vec::<Value>::new());
            loop {
                let finished = done.load(std::sync::atomic::Ordering::SeqCst);
                let body: Value = client
                    .get(format!("{address}/v1/changes?after={after}&limit=3&wait=1"))
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                let batch = body["changes"].as_array().unwrap().clone();
                after = body["next_after"].as_i64().unwrap();
                if batch.is_empty() && finished {
                    return seen;
                }
                seen.extend(batch);
            }
        })
    };

    let writers = (0..WRITERS).map(|w| {
        let (app, token) = (&app, &token);
        async move {
            let number = format!("UZ-TK-{w:04}");
            let mut done = 0;
            for _ in 0..ROUNDS {
                for body in [
                    json!({"action": "suspend", "reason": "Inspection"}),
                    json!({"action": "reinstate"}),
                ] {
                    // A lost race for the ETag (412) is retried, as a client would.
                    while act(app, token, &number, body.clone()).await != 201 {}
                    done += 1;
                }
            }
            done
        }
    });
    let written: usize = futures_util::future::join_all(writers).await.into_iter().sum();
    assert_eq!(written, WRITERS * ROUNDS * 2);
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let seen = consumer.await.unwrap();

    let seqs: Vec<i64> = seen.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    let expected: Vec<i64> = (start + 1..=start + written as i64).collect();
    assert_eq!(seqs, expected, "every change once, in order, without gaps");
    let from_start: Vec<Value> = all_entries(&app).await.into_iter().skip(start as usize).collect();
    assert_eq!(seen, from_start);
    // Each licence's entries alternate as its writer made them.
    let mut per_license: HashMap<String, Vec<String>> = HashMap::new();
    for e in &seen {
        per_license
            .entry(e["id"].as_str().unwrap().to_owned())
            .or_default()
            .push(e["type"].as_str().unwrap().to_owned());
    }
    assert_eq!(per_license.len(), WRITERS);
    for kinds in per_license.values() {
        let expected: Vec<&str> = (0..ROUNDS)
            .flat_map(|_| ["license.suspended", "license.reinstated"])
            .collect();
        assert_eq!(kinds, &expected);
    }
}

#[tokio::test]
async fn a_long_poll_answers_as_soon_as_a_change_commits() {
    let app = TestApp::spawn().await;
    let token = app.token(Role::Ministry).await;
    let head = page(&app, "").await["next_after"].as_i64().unwrap();

    // Nothing new: an empty answer when the wait is over.
    let started = Instant::now();
    let empty = page(&app, &format!("after={head}&wait=1")).await;
    assert!(started.elapsed() >= Duration::from_millis(900));
    assert_eq!(empty, json!({"changes": [], "next_after": head}));

    let waiting = {
        let (address, client) = (app.address.clone(), app.client.clone());
        tokio::spawn(async move {
            let started = Instant::now();
            let body: Value = client
                .get(format!("{address}/v1/changes?after={head}&wait=20"))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            (started.elapsed(), body)
        })
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    register(&app, &token, 7).await;
    let (took, body) = waiting.await.unwrap();
    assert_eq!(body["changes"][0]["type"], "agency.registered");
    assert!(took >= Duration::from_millis(400), "it waited for the change: {took:?}");
    assert!(
        took < Duration::from_secs(5),
        "and answered when it committed: {took:?}"
    );
}

#[tokio::test]
async fn pages_are_cacheable_and_full_ones_for_a_day() {
    let app = TestApp::spawn().await;
    let token = app.token(Role::Ministry).await;
    register(&app, &token, 1).await;
    register(&app, &token, 2).await;
    let full = app.get("/v1/changes?after=0&limit=2").await;
    assert_eq!(
        full.headers()["cache-control"],
        "public, max-age=86400, stale-if-error=86400"
    );
    let partial = app.get("/v1/changes?after=0&limit=3").await;
    assert_eq!(
        partial.headers()["cache-control"],
        "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400"
    );
    let tag = partial.headers()["etag"].to_str().unwrap().to_owned();
    let again = app
        .client
        .get(format!("{}/v1/changes?after=0&limit=3", app.address))
        .header("If-None-Match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
}

/// A licence lapsing at midnight and a suspension ending are in the feed
/// within a tick of the clock job, with nobody asking for the licence.
#[tokio::test]
async fn what_the_calendar_changes_reaches_the_feed_by_itself() {
    let (clock, days) = crate::helpers::movable_clock();
    let app = TestApp::spawn_with(Settings {
        clock_every: Duration::from_millis(200),
        clock,
        ..Settings::defaults()
    })
    .await;
    let token = app.token(Role::Ministry).await;
    let agency = register(&app, &token, 1).await;
    issue(&app, &token, &agency, "UZ-TK-0001", days_ahead(1)).await;
    issue(&app, &token, &agency, "UZ-TK-0002", days_ahead(400)).await;
    let until = days_ahead(1).to_string();
    let suspend = json!({"action": "suspend", "reason": "Inspection", "until": until});
    assert_eq!(act(&app, &token, "UZ-TK-0002", suspend).await, 201);
    issue(&app, &token, &agency, "UZ-TK-0003", days_ahead(400)).await;
    // Three days later, by the service's clock.
    days.store(3, std::sync::atomic::Ordering::SeqCst);

    let mut by_date = Vec::new();
    for _ in 0..50 {
        by_date = all_entries(&app)
            .await
            .into_iter()
            .filter(|e| {
                e["type"] == "license.expired"
                    || e["type"] == "license.suspension_ended"
                    || e["type"] == "license.took_effect"
            })
            .collect();
        if by_date.len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut got: Vec<(String, String, String)> = by_date
        .iter()
        .map(|e| {
            let e = e.clone();
            (
                e["id"].as_str().unwrap().into(),
                e["type"].as_str().unwrap().into(),
                e["data"]["status"].as_str().unwrap().into(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("UZ-TK-0001".into(), "license.expired".into(), "expired".into()),
            ("UZ-TK-0002".into(), "license.suspension_ended".into(), "active".into()),
        ]
    );
    // Once only, and the untouched licence not at all.
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(all_entries(&app).await.len(), 7);
    // Each has its audit record, made by the service itself.
    let db = app.db.client().await;
    let audited = db
        .query_one(
            "SELECT count(*) FROM audit_events WHERE actor = 'system' AND action LIKE 'license.%'",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(audited.get::<_, i64>(0), 2);
}

#[tokio::test]
async fn the_snapshot_lists_every_licence_and_the_feed_position_it_reflects() {
    let app = TestApp::spawn().await;
    let token = app.token(Role::Ministry).await;
    let empty = app.get("/v1/registry/snapshot").await.text().await.unwrap();
    assert_eq!(empty.lines().count(), 1, "the header line alone: {empty}");
    // More licences than one page (1,000), in numbers that sort apart.
    let mut batch = agency_registry::seed::Batch::default();
    for i in 0..1_203 {
        crate::helpers::agency_with_license(
            &mut batch,
            &format!("Agency {i}"),
            &[],
            &format!("4{i:08}"),
            "UZ-TK",
            (&format!("UZ-SY-{i:04}"), "active", days_ago(10), days_ahead(100)),
        );
    }
    app.insert(batch).await;
    let agency = register(&app, &token, 1).await;
    issue(&app, &token, &agency, "UZ-TK-0001", days_ahead(400)).await;
    assert_eq!(
        act(
            &app,
            &token,
            "UZ-TK-0001",
            json!({"action": "revoke", "reason": "Fees"})
        )
        .await,
        201
    );

    let response = app
        .client
        .get(format!("{}/v1/registry/snapshot", app.address))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/x-ndjson");
    assert_eq!(response.headers()["content-encoding"], "gzip");
    let seq_header = response.headers()["registry-seq"].to_str().unwrap().to_owned();
    let gzipped = response.bytes().await.unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gzipped[..]), &mut text).unwrap();
    let mut lines = text.lines().map(|l| serde_json::from_str::<Value>(l).unwrap());
    let header = lines.next().unwrap();
    let head = all_entries(&app).await.last().unwrap()["seq"].as_i64().unwrap();
    assert_eq!(header["seq"], head);
    assert_eq!(seq_header, head.to_string());
    let rest: Vec<Value> = lines.collect();
    assert_eq!(rest.len(), 1_204);
    let numbers: Vec<&str> = rest.iter().map(|l| l["license_number"].as_str().unwrap()).collect();
    let mut sorted = numbers.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(numbers, sorted, "each once, in number order");
    let revoked = rest.iter().find(|l| l["license_number"] == "UZ-TK-0001").unwrap();
    assert_eq!(
        revoked,
        &json!({
            "license_number": "UZ-TK-0001", "status": "revoked", "can_recruit": false,
            "valid_from": days_ago(10).to_string(), "valid_until": days_ahead(400).to_string(),
            "destination_countries": ["KR"], "sectors": ["construction"],
            "agency_id": agency, "legal_name": "Agency 1 MChJ", "other_names": [],
            "taxpayer_id": "300000001", "region": "UZ-TK"
        })
    );

    // The same position answers 304; a change makes a new snapshot.
    let tag = app.get("/v1/registry/snapshot").await.headers()["etag"]
        .to_str()
        .unwrap()
        .to_owned();
    let again = app
        .client
        .get(format!("{}/v1/registry/snapshot", app.address))
        .header("If-None-Match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    register(&app, &token, 2).await;
    let newer = app.get("/v1/registry/snapshot").await;
    assert_ne!(newer.headers()["etag"].to_str().unwrap(), tag);
}

#[tokio::test]
async fn long_polls_are_capped_per_address_and_in_all_and_answered_at_once_beyond_the_caps() {
    let app = TestApp::spawn_with(Settings {
        feed_max_waiters_per_address: 2,
        feed_max_waiters: Some(3),
        trusted_proxies: agency_registry::rate_limit::TrustedProxies(
            agency_registry::rate_limit::parse_trusted_proxies("127.0.0.1").unwrap(),
        ),
        ..Settings::defaults()
    })
    .await;
    let head = page(&app, "after=0&limit=1000").await["next_after"].as_i64().unwrap();
    let poll = |from: &'static str, head: i64| {
        let request = app
            .client
            .get(format!("{}/v1/changes?after={head}&wait=30", app.address))
            .header("X-Forwarded-For", from);
        async move {
            let body: Value = request.send().await.unwrap().json().await.unwrap();
            body["changes"].as_array().unwrap().len()
        }
    };
    // Two from one address are held, and one from another: three in all.
    let held: Vec<_> = ["203.0.113.1", "203.0.113.1", "203.0.113.2"]
        .into_iter()
        .map(|from| tokio::spawn(poll(from, head)))
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(held.iter().all(|h| !h.is_finished()), "the polls within the caps wait");
    // Beyond either cap: an empty page at once, not a refusal, not a wait.
    for (from, cap) in [("203.0.113.1", "per address"), ("203.0.113.3", "in all")] {
        let answered = tokio::time::timeout(Duration::from_secs(5), poll(from, head)).await;
        assert_eq!(answered.expect(cap), 0, "{cap}");
    }
    // Other requests are never refused for it.
    assert_eq!(app.get("/v1/licenses/UZ-TK-9999").await.status(), 404);
    // A change wakes the held polls, each with the entry.
    let ministry = app.token(Role::Ministry).await;
    register(&app, &ministry, 1).await;
    for poll in held {
        let got = tokio::time::timeout(Duration::from_secs(5), poll)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(got, 1);
    }
    // Their places are free again.
    let again = tokio::spawn(poll("203.0.113.3", head + 1));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!again.is_finished(), "a place given back is taken again");
    again.abort();
}
