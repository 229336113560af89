//! A licence's standing on a day is decided once (`domain::license_status::
//! standing`) and every reader tells it alike: the licence check, an
//! agency's answer, the search's filters (from memory and from Postgres),
//! the check page, statements, the snapshot and the change feed. The
//! calendar is walked across a suspension's end and an expiry.

use std::sync::atomic::Ordering;
use std::time::Duration;

use agency_registry::auth::statement;
use agency_registry::config::Settings;
use agency_registry::domain::access::Role;
use serde_json::{json, Value};

use crate::helpers::{days_ahead, eventually, movable_clock, TestApp};

/// What every reader says of `number`'s status, read from `address`.
async fn told(app: &TestApp, address: &str, number: &str, agency: &str, name: &str) -> Vec<(String, String)> {
    let get = |path: String| {
        let client = app.client.clone();
        async move { client.get(format!("{address}{path}")).send().await.unwrap() }
    };
    let json = |path: String| {
        let get = &get;
        async move { get(path).await.json::<Value>().await.unwrap() }
    };
    let mut said = Vec::new();
    let check = json(format!("/v1/licenses/{number}")).await;
    said.push(("licence check".to_owned(), check["status"].as_str().unwrap().to_owned()));
    let agency_answer = json(format!("/v1/agencies/{agency}")).await;
    let licence = agency_answer["licenses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["license_number"] == number)
        .unwrap()
        .clone();
    said.push(("agency".into(), licence["status"].as_str().unwrap().to_owned()));
    for status in ["active", "suspended", "expired"] {
        let found = json(format!("/v1/agencies?q={name}&license_status={status}")).await;
        if found["items"].as_array().unwrap().iter().any(|a| a["id"] == agency) {
            said.push(("search filter".into(), status.to_owned()));
        }
    }
    let page = get(format!("/check/{number}?lang=en")).await.text().await.unwrap();
    for status in ["active", "suspended", "expired"] {
        if page.contains(&format!("{number} ({status})")) {
            said.push(("check page".into(), status.to_owned()));
        }
    }
    let jws = get(format!("/v1/licenses/{number}/statement"))
        .await
        .text()
        .await
        .unwrap();
    let claims = statement::verify(&app.keys, &jws).unwrap();
    said.push(("statement".into(), claims.status.as_str().to_owned()));
    let snapshot = get("/v1/registry/snapshot".into()).await.text().await.unwrap();
    for line in snapshot.lines().skip(1) {
        let line: Value = serde_json::from_str(line).unwrap();
        if line["license_number"] == number {
            said.push(("snapshot".into(), line["status"].as_str().unwrap().to_owned()));
        }
    }
    let feed = json("/v1/changes?after=0".into()).await;
    let last = feed["changes"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["id"] == number)
        .unwrap_or_else(|| panic!("no feed entry of {number}: {feed}"))
        .clone();
    said.push(("feed".into(), last["data"]["status"].as_str().unwrap().to_owned()));
    said
}

fn all(status: &str) -> Vec<(String, String)> {
    [
        "licence check",
        "agency",
        "search filter",
        "check page",
        "statement",
        "snapshot",
        "feed",
    ]
    .into_iter()
    .map(|reader| (reader.to_owned(), status.to_owned()))
    .collect()
}

#[tokio::test]
async fn every_reader_tells_the_same_standing_across_a_suspensions_end_and_an_expiry() {
    let (clock, days) = movable_clock();
    let options = || Settings {
        clock: clock.clone(),
        clock_every: Duration::from_millis(100),
        ..Settings::defaults()
    };
    let app = TestApp::spawn_with(options()).await;
    // A second instance answering from Postgres alone (no read model).
    let from_postgres = app
        .another(Settings {
            read_model: false,
            ..options()
        })
        .await
        .address;
    let ministry = app.token(Role::Ministry).await;
    let mut agencies = Vec::new();
    for (name, taxpayer, number) in [
        ("Muddat MChJ", "301000001", "UZ-TK-0001"),
        ("Tanaffus MChJ", "301000002", "UZ-TK-0002"),
    ] {
        let created: Value = app
            .post("/v1/agencies")
            .as_(&ministry)
            .json(json!({"legal_name": name, "taxpayer_id": taxpayer, "region": "UZ-TK"}))
            .send()
            .await
            .json()
            .await
            .unwrap();
        let id = created["id"].as_str().unwrap().to_owned();
        let until = if number == "UZ-TK-0001" {
            days_ahead(2)
        } else {
            days_ahead(400)
        };
        let issued = app
            .post(&format!("/v1/agencies/{id}/licenses"))
            .as_(&ministry)
            .json(json!({"license_number": number, "valid_from": days_ahead(0).to_string(), "valid_until": until.to_string(),
                         "destination_countries": ["KR"], "sectors": ["construction"]}))
            .send()
            .await;
        assert_eq!(issued.status(), 201);
        agencies.push((number, id, name.split(' ').next().unwrap().to_owned()));
    }
    let tag = app.etag("/v1/licenses/UZ-TK-0002").await;
    let suspended = app
        .post("/v1/licenses/UZ-TK-0002/events")
        .as_(&ministry)
        .if_match(&tag)
        .json(json!({"action": "suspend", "reason": "Inspection", "until": days_ahead(1).to_string()}))
        .send()
        .await;
    assert_eq!(suspended.status(), 201);
    app.settle().await;

    for address in [&app.address, &from_postgres] {
        let (number, id, name) = &agencies[0];
        assert_eq!(told(&app, address, number, id, name).await, all("active"), "{address}");
        let (number, id, name) = &agencies[1];
        assert_eq!(
            told(&app, address, number, id, name).await,
            all("suspended"),
            "{address}"
        );
    }

    // Three days on: the suspension has ended by itself and the other
    // licence has lapsed, for every reader, once the calendar's job has
    // given each its feed entry.
    days.store(3, Ordering::SeqCst);
    eventually("the calendar's entries", Duration::from_secs(10), || async {
        let (_, feed) = app.get_json("/v1/changes?after=0").await;
        let kinds: Vec<&str> = feed["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["type"].as_str().unwrap())
            .collect();
        kinds.contains(&"license.expired") && kinds.contains(&"license.suspension_ended")
    })
    .await;
    app.settle().await;
    for address in [&app.address, &from_postgres] {
        let (number, id, name) = &agencies[0];
        assert_eq!(told(&app, address, number, id, name).await, all("expired"), "{address}");
        let (number, id, name) = &agencies[1];
        assert_eq!(told(&app, address, number, id, name).await, all("active"), "{address}");
    }
}

/// The rule in SQL (the database's own filters) agrees with the function
/// on every kind of case.
#[tokio::test]
async fn the_database_filter_and_the_function_agree_on_every_case() {
    use agency_registry::domain::license_status::{standing, standing_status_sql, LicenseStatus, Validity};
    let app = TestApp::spawn().await;
    let db = app.db.client().await;
    let today = crate::helpers::today();
    let around = |d: i64| today + chrono::Duration::days(d);
    let mut cases = 0;
    for stored in LicenseStatus::ALL {
        for until in [-2, -1, 0, 1, 2] {
            for suspended_until in [None, Some(-3), Some(-1), Some(0), Some(1), Some(5)] {
                let validity = Validity {
                    from: around(-30),
                    until: around(until),
                    suspended_until: suspended_until.map(around),
                };
                let expected = standing(stored, validity, today).status;
                let sql = format!(
                    "SELECT {} FROM (SELECT $1::text AS status, $2::text::date AS valid_until, \
                     $3::text::date AS suspended_until) l",
                    standing_status_sql("l", "$4::text::date")
                );
                let (until, suspended, day) = (
                    validity.until.to_string(),
                    validity.suspended_until.map(|d| d.to_string()),
                    today.to_string(),
                );
                let got: String = db
                    .query_one(&sql, &[&stored.as_str(), &until, &suspended, &day])
                    .await
                    .unwrap()
                    .get(0);
                assert_eq!(got, expected.as_str(), "{stored:?} {validity:?}");
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 150);
}
