//! Foreign employers and job orders: registered by the ministry, checked by
//! a worker holding an offer, kept in step with the licence and the employer.

use std::time::Duration;

use agency_registry::config::Settings;
use agency_registry::domain::access::Role;
use agency_registry::domain::job_order::JobOrderReference;
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, days_ahead, eventually, three_verdicts, TestApp};

fn hanil() -> Value {
    json!({
        "legal_name": "Hanil Construction Co., Ltd.",
        "other_names": ["한일건설", "Ханил Констракшн"],
        "country": "kr",
        "registration_number": "110111-1234567",
        "sectors": ["construction"],
        "address": "12 Sejong-daero, Seoul"
    })
}

/// Accredits an employer; its id.
async fn employer(app: &TestApp, token: &str, body: Value) -> String {
    let created = app.post("/v1/employers").as_(token).json(body).send().await;
    assert_eq!(created.status(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let body: Value = created.json().await.unwrap();
    let id = body["id"].as_str().unwrap().to_owned();
    assert_eq!(location, format!("/v1/employers/{id}"));
    id
}

fn welder(employer_id: &str) -> Value {
    json!({
        "employer_id": employer_id,
        "destination_country": "KR",
        "sector": "construction",
        "position": "Welder",
        "workers_needed": 20,
        "wage": {"amount": 2100000, "currency": "KRW", "period": "month"},
        "hours_per_week": 48,
        "contract_months": 36,
        "employer_provides": ["housing", "health_insurance", "housing"],
        "valid_until": days_ahead(90).to_string()
    })
}

async fn register(app: &TestApp, token: &str, number: &str, body: Value) -> reqwest::Response {
    app.post(&format!("/v1/licenses/{number}/job-orders"))
        .as_(token)
        .json(body)
        .send()
        .await
}

/// Registers a welder's job under UZ-TK-0123 with a new employer; (its
/// reference, the employer's id).
pub async fn offer(app: &TestApp, token: &str) -> (String, String) {
    let employer_id = employer(app, token, hanil()).await;
    let created = register(app, token, "UZ-TK-0123", welder(&employer_id)).await;
    assert_eq!(created.status(), 201);
    let body: Value = created.json().await.unwrap();
    (body["reference"].as_str().unwrap().to_owned(), employer_id)
}

async fn check(app: &TestApp, reference: &str) -> (u16, Value) {
    app.get_json(&format!("/v1/job-orders/{reference}?lang=en")).await
}

#[tokio::test]
async fn a_registered_job_order_is_checked_by_its_reference_in_any_spelling() {
    let app = three_verdicts(Settings::defaults()).await;
    let token = app.token(Role::Ministry).await;
    let employer_id = employer(&app, &token, hanil()).await;
    let created = register(&app, &token, "UZ-TK-0123", welder(&employer_id)).await;
    assert_eq!(created.status(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    assert!(created.headers().contains_key("etag"));
    let body: Value = created.json().await.unwrap();
    let reference = body["reference"].as_str().unwrap();
    assert_eq!(location, format!("/v1/job-orders/{reference}"));
    assert!(JobOrderReference::parse(reference).is_ok(), "{reference}");
    assert_eq!(body["employer_provides"], json!(["health_insurance", "housing"]));
    assert_eq!(body["worker_fee"], json!({"amount": 0.0, "currency": "KRW"}));
    assert_eq!(body["employer"]["country"], "KR");

    // Lower case, Cyrillic Ж, spaces: the same order.
    let digits: String = reference.chars().filter(char::is_ascii_digit).collect();
    for typed in [reference.to_owned(), format!("ж {digits}"), format!("j{digits}")] {
        let (status, check) = check(&app, &typed).await;
        assert_eq!(status, 200, "{typed}: {check}");
        assert_eq!(check["reference"], reference);
        assert_eq!(check["standing"], "open");
        assert_eq!(check["is_open"], true);
        assert_eq!(check["verdict"]["code"], "open");
        assert_eq!(check["warnings"], json!([]));
        let message = check["verdict"]["message"].as_str().unwrap();
        assert!(message.contains("Welder") && message.contains("Hanil"), "{message}");
        assert_eq!(check["agency"]["license"]["license_number"], "UZ-TK-0123");
    }
    let (_, uz) = app.get_json(&format!("/v1/job-orders/{reference}?lang=uz-Cyrl")).await;
    let message = uz["verdict"]["message"].as_str().unwrap();
    assert!(message.contains("Ханил") && message.contains("Истиқбол"), "{message}");

    let (status, found) = app.get_json(&format!("/v1/employers/{employer_id}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        (found["status"].as_str(), found["may_hire"].as_bool()),
        (Some("accredited"), Some(true))
    );
}

#[tokio::test]
async fn an_unknown_reference_is_a_404_that_says_to_ask_and_a_mistyped_one_a_400() {
    let app = three_verdicts(Settings::defaults()).await;
    let unknown = JobOrderReference::from_serial(4_242_424).unwrap();
    let response = app.get(&format!("/v1/job-orders/{unknown}?lang=en")).await;
    let problem = assert_problem(response, 404).await;
    let detail = problem["detail"].as_str().unwrap();
    assert!(
        detail.contains("No such job order") && detail.contains("ask for it"),
        "{detail}"
    );

    // One digit changed: the check digit no longer fits.
    let mut typo: Vec<char> = unknown.as_str().chars().collect();
    typo[2] = if typo[2] == '9' {
        '8'
    } else {
        char::from(typo[2] as u8 + 1)
    };
    let typo: String = typo.into_iter().collect();
    let problem = assert_problem(app.get(&format!("/v1/job-orders/{typo}?lang=en")).await, 400).await;
    assert!(problem["detail"].as_str().unwrap().contains("mistyped"), "{problem}");
    assert_problem(app.get("/v1/job-orders/J-12?lang=en").await, 400).await;
}

#[tokio::test]
async fn an_order_outside_the_licence_or_with_implausible_terms_is_refused_naming_the_field() {
    let app = three_verdicts(Settings::defaults()).await;
    let token = app.token(Role::Ministry).await;
    let employer_id = employer(&app, &token, hanil()).await;
    let cases = [
        ("destination_country", json!({"destination_country": "JP"})),
        ("sector", json!({"sector": "agriculture"})),
        (
            "wage.amount",
            json!({"wage": {"amount": 0, "currency": "USD", "period": "hour"}}),
        ),
        (
            "wage.amount",
            json!({"wage": {"amount": 12.345, "currency": "USD", "period": "hour"}}),
        ),
        (
            "wage.currency",
            json!({"wage": {"amount": 10, "currency": "ABC", "period": "hour"}}),
        ),
        (
            "worker_fee.amount",
            json!({"worker_fee": {"amount": -5, "currency": "USD"}}),
        ),
        ("hours_per_week", json!({"hours_per_week": 85})),
        ("contract_months", json!({"contract_months": 61})),
        ("workers_needed", json!({"workers_needed": 0})),
        (
            "employer_id",
            json!({"employer_id": "0190a3a4-0000-7000-8000-000000000000"}),
        ),
        ("valid_until", json!({"valid_until": "2020-01-01"})),
    ];
    for (field, change) in cases {
        let mut body = welder(&employer_id);
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        let response = register(&app, &token, "UZ-TK-0123", body).await;
        let problem = assert_problem(response, 422).await;
        let fields: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["field"].as_str().or(e["pointer"].as_str()))
            .collect();
        assert!(
            fields
                .iter()
                .any(|f| f.trim_start_matches('/').replace('/', ".") == field),
            "{field}: {problem}"
        );
    }
    // Under a licence that may not recruit: 409.
    let response = register(&app, &token, "UZ-SA-0666", welder(&employer_id)).await;
    assert_problem(response, 409).await;
    // Nothing was registered.
    let (_, feed) = app.get_json("/v1/changes?after=0&limit=1000").await;
    let orders = feed["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "job_order.registered")
        .count();
    assert_eq!(orders, 0);
}

#[tokio::test]
async fn a_fee_is_a_warning_and_a_withdrawn_order_says_so() {
    let app = three_verdicts(Settings::defaults()).await;
    let token = app.token(Role::Ministry).await;
    let employer_id = employer(&app, &token, hanil()).await;
    let mut body = welder(&employer_id);
    body["worker_fee"] = json!({"amount": 800, "currency": "USD"});
    let created = register(&app, &token, "UZ-TK-0123", body).await;
    assert_eq!(created.status(), 201);
    let reference = created.json::<Value>().await.unwrap()["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, found) = check(&app, &reference).await;
    assert_eq!(found["warnings"][0]["code"], "worker_fee");
    assert!(
        found["warnings"][0]["message"].as_str().unwrap().contains("800 USD"),
        "{found}"
    );

    let path = format!("/v1/job-orders/{reference}");
    let tag = app.etag(&path).await;
    let withdrawn = app
        .post(&format!("{path}/events"))
        .as_(&token)
        .if_match(&tag)
        .json(json!({"action": "withdraw", "reason": "The employer cancelled the project."}))
        .send()
        .await;
    assert_eq!(withdrawn.status(), 200);
    let (_, found) = check(&app, &reference).await;
    assert_eq!(found["verdict"]["code"], "withdrawn");
    assert_eq!(found["history"][0]["action"], "withdraw");
    // Withdrawn for good.
    let tag = app.etag(&path).await;
    let reopened = app
        .post(&format!("{path}/events"))
        .as_(&token)
        .if_match(&tag)
        .json(json!({"action": "reopen"}))
        .send()
        .await;
    let problem = assert_problem(reopened, 409).await;
    assert_eq!(problem["possible_actions"], json!([]), "{problem}");
}

#[tokio::test]
async fn banning_an_employer_closes_its_open_orders_each_in_the_feed_and_suspending_shows_at_once() {
    let app = three_verdicts(Settings::defaults()).await;
    let token = app.token(Role::Ministry).await;
    let employer_id = employer(&app, &token, hanil()).await;
    let mut references = Vec::new();
    for _ in 0..3 {
        let created = register(&app, &token, "UZ-TK-0123", welder(&employer_id)).await;
        assert_eq!(created.status(), 201);
        references.push(
            created.json::<Value>().await.unwrap()["reference"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let path = format!("/v1/employers/{employer_id}");
    let act = |action: &'static str| {
        let (app, token, path) = (&app, &token, &path);
        async move {
            let tag = app.etag(path).await;
            app.post(&format!("{path}/events"))
                .as_(token)
                .if_match(&tag)
                .json(json!({"action": action, "reason": "Unpaid wages reported."}))
                .send()
                .await
        }
    };
    assert_eq!(act("suspend").await.status(), 200);
    for reference in &references {
        let (_, found) = check(&app, reference).await;
        assert_eq!(found["verdict"]["code"], "employer_not_accredited", "{found}");
        assert_eq!(found["status"], "open");
    }
    // Registering another with it is refused meanwhile.
    let refused = register(&app, &token, "UZ-TK-0123", welder(&employer_id)).await;
    assert_problem(refused, 409).await;
    assert_eq!(act("suspend").await.status(), 409, "suspended twice");

    let (_, before) = app.get_json("/v1/changes?after=0&limit=1000").await;
    let after = before["next_after"].as_i64().unwrap();
    assert_eq!(act("ban").await.status(), 200);
    let (_, feed) = app.get_json(&format!("/v1/changes?after={after}&limit=1000")).await;
    let types: Vec<(&str, &str)> = feed["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["type"].as_str().unwrap(), e["id"].as_str().unwrap()))
        .collect();
    assert_eq!(types[0], ("employer.banned", employer_id.as_str()));
    for reference in &references {
        assert!(types.contains(&("job_order.closed", reference.as_str())), "{types:?}");
    }
    assert_eq!(types.len(), 4, "{types:?}");
    assert!(feed["changes"][0]["agency_id"].is_null());
    for reference in &references {
        let (_, found) = check(&app, reference).await;
        assert_eq!(found["status"], "closed");
        assert_eq!(found["verdict"]["code"], "employer_not_accredited");
    }
    // Reinstated: the banned orders stay closed until their agency reopens them.
    assert_eq!(act("reinstate").await.status(), 200);
    let (_, found) = check(&app, &references[0]).await;
    assert_eq!(found["verdict"]["code"], "closed");
    let (_, employer) = app.get_json(&path).await;
    let actions: Vec<&str> = employer["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["suspend", "ban", "reinstate"]);
}

#[tokio::test]
async fn a_revoked_licence_shows_on_its_job_orders_on_every_instance_within_a_second() {
    let app = three_verdicts(Settings::defaults()).await;
    let other = app.another(Settings::defaults()).await;
    let token = app.token(Role::Ministry).await;
    let (reference, _) = offer(&app, &token).await;
    let tag = app.etag("/v1/licenses/UZ-TK-0123").await;
    let revoked = app
        .post("/v1/licenses/UZ-TK-0123/events")
        .as_(&token)
        .if_match(&tag)
        .json(json!({"action": "revoke", "reason": "Fees charged to workers."}))
        .send()
        .await;
    assert_eq!(revoked.status(), 201);
    let (_, here) = check(&app, &reference).await;
    assert_eq!(here["verdict"]["code"], "agency_cannot_recruit");
    let url = format!("{}/v1/job-orders/{reference}", other.address);
    eventually(
        "the other instance shows the revocation",
        Duration::from_secs(1),
        || async {
            let body: Value = app.client.get(&url).send().await.unwrap().json().await.unwrap();
            body["verdict"]["code"] == "agency_cannot_recruit"
        },
    )
    .await;
}

#[tokio::test]
async fn concurrent_edits_with_one_etag_let_one_win_and_the_rest_412() {
    let app = three_verdicts(Settings::defaults()).await;
    let token = app.token(Role::Ministry).await;
    let (reference, _) = offer(&app, &token).await;
    let path = format!("/v1/job-orders/{reference}");
    let tag = app.etag(&path).await;
    let edits = (0..6).map(|i| {
        app.call(Method::PATCH, &path)
            .as_(&token)
            .if_match(&tag)
            .json(json!({"workers_needed": 10 + i}))
            .send()
    });
    let statuses: Vec<u16> = futures_util::future::join_all(edits)
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 412).count(), 5, "{statuses:?}");
    // Without If-Match: 428.
    let missing = app
        .call(Method::PATCH, &path)
        .as_(&token)
        .json(json!({"position": "Fitter"}))
        .send()
        .await;
    assert_problem(missing, 428).await;
    // With the new tag, the next edit goes through.
    let tag = app.etag(&path).await;
    let edited = app
        .call(Method::PATCH, &path)
        .as_(&token)
        .if_match(&tag)
        .json(json!({"position": "Steel fixer", "hours_per_week": 40}))
        .send()
        .await;
    assert_eq!(edited.status(), 200);
    let (_, found) = check(&app, &reference).await;
    assert_eq!(
        (found["position"].as_str(), found["hours_per_week"].as_i64()),
        (Some("Steel fixer"), Some(40))
    );
}

#[tokio::test]
async fn employers_are_registered_once_per_registration_and_need_the_ministry() {
    let app = three_verdicts(Settings::defaults()).await;
    let token = app.token(Role::Ministry).await;
    let first = employer(&app, &token, hanil()).await;
    let again = app.post("/v1/employers").as_(&token).json(hanil()).send().await;
    let problem = assert_problem(again, 409).await;
    assert!(problem["detail"].as_str().unwrap().contains(&first), "{problem}");
    let ngo = app.token(Role::Ngo).await;
    let refused = app.post("/v1/employers").as_(&ngo).json(hanil()).send().await;
    assert_eq!(refused.status(), 403);
    let anonymous = app.post("/v1/employers").json(hanil()).send().await;
    assert_eq!(anonymous.status(), 401);
    let mut bad = hanil();
    bad["sectors"] = json!([]);
    bad["country"] = json!("XX");
    let problem = assert_problem(app.post("/v1/employers").as_(&token).json(bad).send().await, 422).await;
    assert_eq!(problem["errors"].as_array().unwrap().len(), 2, "{problem}");

    // A change: names in another script; the audit trail keeps it.
    let path = format!("/v1/employers/{first}");
    let tag = app.etag(&path).await;
    let changed = app
        .patch(&path)
        .as_(&token)
        .if_match(&tag)
        .json(json!({"other_names": ["Ханил"], "address": null}))
        .send()
        .await;
    assert_eq!(changed.status(), 200);
    let body: Value = changed.json().await.unwrap();
    assert_eq!(
        (body["other_names"].clone(), body["address"].clone()),
        (json!(["Ханил"]), Value::Null)
    );
    let (status, _) = app.get_json("/v1/employers/0190a3a4-0000-7000-8000-000000000000").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn job_orders_are_searched_by_position_and_employer_in_any_script_with_filters_and_pages() {
    let app = three_verdicts(Settings::defaults()).await;
    let token = app.token(Role::Ministry).await;
    let hanil_id = employer(&app, &token, hanil()).await;
    let mut samsung = hanil();
    samsung["legal_name"] = json!("Daesung Shipbuilding Co.");
    samsung["other_names"] = json!(["Дэсон"]);
    samsung["registration_number"] = json!("220222-7654321");
    let daesung = employer(&app, &token, samsung).await;
    let mut references = Vec::new();
    for (employer_id, position) in [
        (&hanil_id, "Payvandchi"),
        (&hanil_id, "Beton quyuvchi"),
        (&daesung, "Payvandchi"),
        (&daesung, "Kemasozlik montajchisi"),
    ] {
        let mut body = welder(employer_id);
        body["position"] = json!(position);
        let created = register(&app, &token, "UZ-TK-0123", body).await;
        assert_eq!(created.status(), 201);
        references.push(
            created.json::<Value>().await.unwrap()["reference"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let search = |query: &str| {
        let app = &app;
        let url = format!("/v1/job-orders?{query}");
        async move {
            let (status, body) = app.get_json(&url).await;
            assert_eq!(status, 200, "{url}: {body}");
            let found: Vec<String> = body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["reference"].as_str().unwrap().to_owned())
                .collect();
            (found, body["next_cursor"].clone())
        }
    };
    let mut welders = vec![references[0].clone(), references[2].clone()];
    welders.sort();
    // The position in Cyrillic, and with a typo.
    for q in [
        "q=%D0%BF%D0%B0%D0%B9%D0%B2%D0%B0%D0%BD%D0%B4%D1%87%D0%B8",
        "q=payvanchi",
        "q=PAYVANDCHI",
    ] {
        let (mut found, _) = search(q).await;
        found.sort();
        assert_eq!(found, welders, "{q}");
    }
    // Position and employer together: every word must match.
    let (found, _) = search("q=payvandchi+daesung").await;
    assert_eq!(found, [references[2].clone()]);
    // The employer's name in its other script.
    let (found, _) = search(&format!("q=%D0%94%D1%8D%D1%81%D0%BE%D0%BD&employer_id={daesung}")).await;
    assert_eq!(found.len(), 2, "{found:?}");
    // A reference finds its order.
    let (found, _) = search(&format!("q={}", references[3])).await;
    assert_eq!(found, [references[3].clone()]);
    // Filters.
    let (found, _) = search(&format!("employer_id={hanil_id}&sector=construction&country=kr")).await;
    assert_eq!(found.len(), 2);
    let (found, _) = search("country=JP").await;
    assert!(found.is_empty());
    // Pages of one: every order once.
    let mut seen = Vec::new();
    let mut cursor = Value::Null;
    loop {
        let query = match cursor.as_str() {
            Some(c) => format!("limit=1&cursor={c}"),
            None => "limit=1".to_owned(),
        };
        let (found, next) = search(&query).await;
        seen.extend(found);
        if next.is_null() {
            break;
        }
        cursor = next;
    }
    let mut all = references.clone();
    all.sort();
    assert_eq!(seen, all);
    // Open only: a filled order drops out.
    let path = format!("/v1/job-orders/{}", references[1]);
    let tag = app.etag(&path).await;
    let filled = app
        .post(&format!("{path}/events"))
        .as_(&token)
        .if_match(&tag)
        .json(json!({"action": "fill"}))
        .send()
        .await;
    assert_eq!(filled.status(), 200);
    let (found, _) = search(&format!("open=true&employer_id={hanil_id}")).await;
    assert_eq!(found, [references[0].clone()]);
    assert_problem(app.get("/v1/job-orders?cursor=bm9wZQ").await, 400).await;
}

#[tokio::test]
async fn the_snapshot_carries_employers_before_the_job_orders_that_name_them() {
    let app = three_verdicts(Settings::defaults()).await;
    let token = app.token(Role::Ministry).await;
    let (reference, employer_id) = offer(&app, &token).await;
    let response = app.get("/v1/registry/snapshot").await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let employer_at = lines
        .iter()
        .position(|l| l["id"] == employer_id.as_str() && l["registration_number"].is_string())
        .expect("the employer's line");
    let order_at = lines
        .iter()
        .position(|l| l["reference"] == reference.as_str())
        .expect("the job order's line");
    assert!(employer_at < order_at);
    let order = &lines[order_at];
    assert_eq!(order["license_number"], "UZ-TK-0123");
    assert_eq!(order["employer_id"], employer_id.as_str());
    assert_eq!(
        order["wage"],
        json!({"amount": 2100000.0, "currency": "KRW", "period": "month"})
    );
    assert_eq!(order["status"], "open");
}

#[tokio::test]
async fn a_job_orders_statement_is_signed_as_its_own_kind_and_its_qr_opens_its_page() {
    let app = three_verdicts(Settings::defaults()).await;
    let token = app.token(Role::Ministry).await;
    let (reference, employer_id) = offer(&app, &token).await;
    let response = app.get(&format!("/v1/job-orders/{reference}/statement")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/jose");
    let jws = response.text().await.unwrap();
    let claims = agency_registry::auth::statement::verify_job_order(&app.keys, &jws).unwrap();
    assert_eq!(claims.sub, reference);
    assert!(claims.is_open);
    assert_eq!(claims.employer.id.to_string(), employer_id);
    assert_eq!(claims.agency.license_number, "UZ-TK-0123");
    assert_eq!((claims.wage.minor, claims.wage.currency.as_str()), (2_100_000, "KRW"));
    // Never a licence's or a card's.
    assert!(agency_registry::auth::statement::verify(&app.keys, &jws).is_err());
    assert!(agency_registry::auth::statement::verify_card(&app.keys, &jws).is_err());
    for format in ["svg", "png"] {
        let qr = app.get(&format!("/v1/job-orders/{reference}/qr.{format}")).await;
        assert_eq!(qr.status(), 200, "{format}");
        assert!(qr.bytes().await.unwrap().len() > 500);
    }
    let unknown = JobOrderReference::from_serial(4_242_424).unwrap();
    assert_problem(app.get(&format!("/v1/job-orders/{unknown}/statement")).await, 404).await;
}

#[tokio::test]
async fn a_job_orders_page_tells_its_terms_in_plain_words_with_a_checklist_and_a_link_to_share() {
    let app = three_verdicts(Settings::defaults()).await;
    let token = app.token(Role::Ministry).await;
    let (reference, _) = offer(&app, &token).await;
    let page = app.get(&format!("/check/job-orders/{reference}?lang=en")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for text in [
        "Open: registered and recruiting",
        "Welder",
        "2100000 KRW a month",
        "48 hours a week",
        "36 months",
        "Nothing: you should not pay anything to get this job.",
        "health insurance, housing",
        "Before you sign",
        "Keep your passport",
        "href=\"/check/share?lang=en#",
    ] {
        assert!(html.contains(text), "{text} in {html}");
    }
    // The search box takes a reference, in any spelling.
    let digits: String = reference.chars().filter(char::is_ascii_digit).collect();
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let found = no_redirects
        .get(format!("{}/check?q=%D0%B6{digits}&lang=en", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(found.status(), 303);
    assert_eq!(
        found.headers()["location"],
        format!("/check/job-orders/{reference}?lang=en")
    );
    let unknown = JobOrderReference::from_serial(4_242_424).unwrap();
    let page = app.get(&format!("/check/job-orders/{unknown}?lang=en")).await;
    assert_eq!(page.status(), 404);
    assert!(page.text().await.unwrap().contains("ask for it"));
    let share = app.get("/check/share?lang=uz-Cyrl").await;
    assert_eq!(share.status(), 200);
    let html = share.text().await.unwrap();
    assert!(html.contains("id=\"shared\"") && html.contains("statement"), "{html}");
}
