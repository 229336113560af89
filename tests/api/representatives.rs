//! Agencies' representatives: registered by the ministry, each with a card a
//! worker checks by its number, its phone or its handle.

use std::time::Duration;

use agency_registry::config::Settings;
use agency_registry::domain::access::Role;
use agency_registry::domain::card::{CardError, CardNumber};
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, eventually, three_verdicts, TestApp};

/// The agency id of licence `number`.
async fn agency_of(app: &TestApp, number: &str) -> String {
    let (status, body) = app.get_json(&format!("/v1/licenses/{number}")).await;
    body["agency"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{status}: {body}"))
        .to_owned()
}

/// Registers a representative of the agency of `number`; the answer.
async fn register(app: &TestApp, number: &str, body: Value) -> reqwest::Response {
    let id = agency_of(app, number).await;
    let token = app.token(Role::Ministry).await;
    app.post(&format!("/v1/agencies/{id}/representatives"))
        .as_(&token)
        .json(body)
        .send()
        .await
}

fn jasur() -> Value {
    json!({
        "full_name": "Aliyev Jasur Karimovich",
        "regions": ["UZ-TK", "UZ-SA"],
        "phones": ["+998 90 123-45-67"],
        "handles": ["https://t.me/Jasur_Istiqbol"]
    })
}

async fn check(app: &TestApp, q: &str) -> (u16, Value) {
    let url = reqwest::Url::parse_with_params(
        &format!("{}/v1/contacts/check", app.address),
        &[("q", q), ("lang", "en")],
    )
    .unwrap();
    let response = app.client.get(url).send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

/// Registers Jasur for Istiqbol; his card number.
async fn jasur_card(app: &TestApp) -> String {
    let created = register(app, "UZ-TK-0123", jasur()).await;
    assert_eq!(created.status(), 201);
    let card: Value = created.json().await.unwrap();
    card["card_number"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_registered_card_is_found_by_its_number_phone_and_handle_in_any_spelling() {
    let app = three_verdicts(Settings::defaults()).await;
    let created = register(&app, "UZ-TK-0123", jasur()).await;
    assert_eq!(created.status(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    assert!(created.headers().contains_key("etag"));
    let card: Value = created.json().await.unwrap();
    let number = card["card_number"].as_str().unwrap();
    assert_eq!(location, format!("/v1/representatives/{number}"));
    assert!(CardNumber::parse(number).is_ok(), "{number}");
    assert_eq!(card["phones"], json!(["+998901234567"]));
    assert_eq!(
        card["handles"],
        json!([{"platform": "telegram", "name": "jasur_istiqbol"}])
    );
    assert_eq!(
        (card["standing"].as_str(), card["may_recruit"].as_bool()),
        (Some("may_recruit"), Some(true))
    );

    let (status, shown) = app.get_json(&format!("{location}?lang=en")).await;
    assert_eq!(status, 200, "{shown}");
    assert_eq!(shown["verdict"]["code"], "may_recruit");
    let message = shown["verdict"]["message"].as_str().unwrap();
    assert!(
        message.contains("Aliyev Jasur") && message.contains("may recruit today"),
        "{message}"
    );
    assert_eq!(shown["agency"]["legal_name"], card["agency"]["legal_name"]);

    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    for q in [
        number.to_owned(),
        format!("k {} {}", &digits[..4], &digits[4..]),
        format!("К{digits}"),
        "90 123 45 67".to_owned(),
        "998901234567".to_owned(),
        "@jasur_istiqbol".to_owned(),
        "t.me/Jasur_Istiqbol".to_owned(),
    ] {
        let (status, answer) = check(&app, &q).await;
        assert_eq!(status, 200, "{q}: {answer}");
        assert_eq!(answer["verdict"]["code"], "representative", "{q}: {answer}");
        assert_eq!(answer["representative"]["card_number"], number, "{q}");
        // One sentence says who it is and one what they may do: the name once.
        let message = answer["verdict"]["message"].as_str().unwrap();
        assert_eq!(message.matches("Aliyev Jasur").count(), 1, "{q}: {message}");
        assert!(
            message.contains(number) && message.contains("may recruit today"),
            "{message}"
        );
    }
    // In the feed, in commit order, and in the snapshot.
    let (_, feed) = app.get_json("/v1/changes?after=0&limit=1000").await;
    let entry = feed["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == "representative.registered")
        .unwrap_or_else(|| panic!("{feed}"));
    assert_eq!(entry["id"], number);
    assert_eq!(entry["data"]["card_number"], number);
    let snapshot = app.get("/v1/registry/snapshot").await.text().await.unwrap();
    let line = snapshot
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|l| l["card_number"] == number)
        .unwrap_or_else(|| panic!("no card line in {snapshot}"));
    assert_eq!(line["agency_id"], card["agency"]["id"]);
    assert_eq!(line["status"], "active");
}

#[tokio::test]
async fn a_mistyped_card_says_check_the_number_and_an_unknown_one_is_not_found() {
    let app = three_verdicts(Settings::defaults()).await;
    let number = jasur_card(&app).await;
    let mut typo = number.clone();
    let last = typo.pop().unwrap();
    typo.push(if last == '1' { '2' } else { '1' });
    assert_eq!(CardNumber::parse(&typo), Err(CardError::Mistyped));
    for path in [
        format!("/v1/representatives/{typo}?lang=en"),
        format!("/v1/contacts/check?q={typo}&lang=en"),
    ] {
        let problem = assert_problem(app.get(&path).await, 400).await;
        assert!(problem["detail"].as_str().unwrap().contains("mistyped"), "{problem}");
    }
    let other = (0..10_000_000)
        .map(|s| CardNumber::from_serial(s).unwrap())
        .find(|c| c.as_str() != number)
        .unwrap();
    let ru = app
        .get(&format!("/v1/representatives/{}?lang=ru", other.as_str()))
        .await;
    let problem = assert_problem(ru, 404).await;
    assert!(problem["detail"].as_str().unwrap().contains("Ни у одного"), "{problem}");
    assert_problem(app.get(&format!("/v1/contacts/check?q={}", other.as_str())).await, 404).await;
    let problem = assert_problem(app.get("/v1/representatives/K-12?lang=en").await, 400).await;
    assert!(
        problem["detail"].as_str().unwrap().contains("eight digits"),
        "{problem}"
    );
}

#[tokio::test]
async fn a_card_of_an_agency_that_may_not_recruit_says_nobody_may_recruit_for_it() {
    let app = three_verdicts(Settings::defaults()).await;
    let created = register(
        &app,
        "UZ-AN-0777",
        json!({"full_name": "Karimova Dilnoza", "regions": ["UZ-AN"]}),
    )
    .await;
    assert_eq!(created.status(), 201);
    let card: Value = created.json().await.unwrap();
    let (_, shown) = app
        .get_json(&format!(
            "/v1/representatives/{}?lang=en",
            card["card_number"].as_str().unwrap()
        ))
        .await;
    assert_eq!(shown["verdict"]["code"], "agency_may_not_recruit");
    assert_eq!(shown["may_recruit"], false);
    assert_eq!(shown["agency"]["can_recruit"], false);
    assert!(
        shown["verdict"]["message"]
            .as_str()
            .unwrap()
            .contains("nobody may recruit for it"),
        "{shown}"
    );
}

#[tokio::test]
async fn a_withdrawn_card_says_since_when_and_keeps_its_history_when_reactivated() {
    let app = three_verdicts(Settings::defaults()).await;
    let number = jasur_card(&app).await;
    let path = format!("/v1/representatives/{number}");
    let token = app.token(Role::Ministry).await;
    let withdrawal = || {
        app.post(&format!("{path}/withdrawal"))
            .as_(&token)
            .json(json!({"reason": "No longer works for the agency"}))
    };
    assert_problem(withdrawal().send().await, 428).await;
    let tag = app.etag(&path).await;
    let withdrawn = withdrawal().if_match(&tag).send().await;
    assert_eq!(withdrawn.status(), 200);
    let today = crate::helpers::today().to_string();
    let (_, shown) = app.get_json(&format!("{path}?lang=en")).await;
    assert_eq!(shown["verdict"]["code"], "withdrawn");
    assert_eq!(shown["withdrawn_on"], today.as_str());
    let message = shown["verdict"]["message"].as_str().unwrap();
    assert!(
        message.contains("no longer represents") && message.contains(&today),
        "{message}"
    );
    let (_, answer) = check(&app, "+998901234567").await;
    assert_eq!(answer["verdict"]["code"], "representative_withdrawn", "{answer}");
    let (_, answer) = check(&app, &number).await;
    assert_eq!(answer["verdict"]["code"], "representative_withdrawn", "{answer}");
    // Twice is a conflict; re-activation moves the withdrawal to the history.
    let tag = app.etag(&path).await;
    assert_problem(withdrawal().if_match(&tag).send().await, 409).await;
    let reactivate = app
        .patch(&path)
        .as_(&token)
        .json(json!({"status": "active"}))
        .if_match(&tag)
        .send()
        .await;
    assert_eq!(reactivate.status(), 200);
    let card: Value = reactivate.json().await.unwrap();
    assert_eq!(card["status"], "active");
    assert_eq!(card["withdrawn_on"], Value::Null);
    assert_eq!(card["history"][0]["withdrawn_on"], today.as_str());
    assert_eq!(card["history"][0]["reason"], "No longer works for the agency");
    let (_, feed) = app.get_json("/v1/changes?after=0&limit=1000").await;
    let kinds: Vec<&str> = feed["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"] == number.as_str())
        .map(|c| c["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "representative.registered",
            "representative.withdrawn",
            "representative.reactivated"
        ]
    );
    let auditor = app.token(Role::Auditor).await;
    let trail = app
        .read_as(
            &format!("/v1/audit-events?resource_type=representative&resource_id={number}"),
            &auditor,
        )
        .await;
    assert_eq!(trail["items"].as_array().map(Vec::len), Some(3), "{trail}");
    // Withdrawing is POST …/withdrawal, not a patch.
    let tag = app.etag(&path).await;
    let patch = app
        .patch(&path)
        .as_(&token)
        .json(json!({"status": "withdrawn"}))
        .if_match(&tag);
    assert_problem(patch.send().await, 422).await;
}

#[tokio::test]
async fn concurrent_edits_with_one_etag_one_wins_the_others_are_412() {
    let app = three_verdicts(Settings::defaults()).await;
    let number = jasur_card(&app).await;
    let path = format!("/v1/representatives/{number}");
    let token = app.token(Role::Ministry).await;
    let tag = app.etag(&path).await;
    let edits = ["UZ-TK", "UZ-SA", "UZ-AN", "UZ-FA", "UZ-NG"].map(|region| {
        app.patch(&path)
            .as_(&token)
            .json(json!({"regions": [region]}))
            .if_match(&tag)
            .send()
    });
    let mut statuses: Vec<u16> = futures_util::future::join_all(edits)
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 412, 412, 412, 412]);
    // Only `valid_until` may be removed; a `null` elsewhere is refused
    // before the (stale) version is compared.
    let nulls = app
        .patch(&path)
        .as_(&token)
        .json(json!({"full_name": null, "valid_from": null, "status": null, "phones": null}))
        .if_match(&tag)
        .send()
        .await;
    let problem = assert_problem(nulls, 422).await;
    assert_eq!(problem["errors"].as_array().map(Vec::len), Some(4), "{problem}");
}

#[tokio::test]
async fn a_number_belongs_to_one_agency_unless_every_holder_shares_it() {
    let app = three_verdicts(Settings::defaults()).await;
    let token = app.token(Role::Ministry).await;
    let put = |number: &'static str, channels: Value| {
        let (app, token) = (&app, token.clone());
        async move {
            let id = agency_of(app, number).await;
            let path = format!("/v1/agencies/{id}");
            let tag = app.etag(&path).await;
            app.call(Method::PUT, &format!("{path}/channels"))
                .as_(&token)
                .json(channels)
                .if_match(&tag)
                .send()
                .await
        }
    };
    // A representative's number is not another agency's channel.
    jasur_card(&app).await;
    let taken = put("UZ-SA-0666", json!({"phones": ["+998901234567"]})).await;
    let problem = assert_problem(taken, 409).await;
    assert!(problem["detail"].as_str().unwrap().contains("K-"), "{problem}");
    // An agency's number is not another agency's representative's.
    assert_eq!(
        put("UZ-SA-0666", json!({"phones": ["+998 71 100 00 01"]}))
            .await
            .status(),
        200
    );
    let refused = register(
        &app,
        "UZ-TK-0123",
        json!({"full_name": "X Y", "regions": ["UZ-TK"], "phones": ["+998711000001"]}),
    )
    .await;
    let problem = assert_problem(refused, 409).await;
    assert!(problem["detail"].as_str().unwrap().contains("Yopiq MChJ"), "{problem}");
    // A call centre shared by two agencies: both say so, the check names both.
    let centre = json!({"shared_phones": ["+998 71 200 00 00"]});
    assert_eq!(put("UZ-TK-0123", centre.clone()).await.status(), 200);
    assert_eq!(put("UZ-AN-0777", centre).await.status(), 200);
    let (_, answer) = check(&app, "71 200 00 00").await;
    assert_eq!(answer["verdict"]["code"], "official_channel", "{answer}");
    assert_eq!(answer["agencies"].as_array().map(Vec::len), Some(2), "{answer}");
    // One that holds it alone is in the way of sharing it, and the other way.
    let alone = put("UZ-SA-0666", json!({"phones": ["+998712000000"]})).await;
    assert_problem(alone, 409).await;
    let shared = put("UZ-SA-0666", json!({"shared_phones": ["+998711000001"]})).await;
    assert_eq!(shared.status(), 200, "its own number, now shared");
    let other = put("UZ-TK-0123", json!({"phones": ["+998711000001"]})).await;
    assert_problem(other, 409).await;
}

#[tokio::test]
async fn a_signed_card_statement_and_qr_codes_open_the_card_page() {
    let app = three_verdicts(Settings::defaults()).await;
    let number = jasur_card(&app).await;
    let response = app.get(&format!("/v1/representatives/{number}/statement")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/jose");
    let jws = response.text().await.unwrap();
    let claims = agency_registry::auth::statement::verify_card(&app.keys, &jws).unwrap();
    assert_eq!(claims.sub, number);
    assert!(claims.may_recruit);
    assert!(claims.exp - claims.iat <= 7 * 24 * 3600);
    assert!(
        agency_registry::auth::statement::verify(&app.keys, &jws).is_err(),
        "a card's statement is no licence statement"
    );
    let licence = app.get("/v1/licenses/UZ-TK-0123/statement").await.text().await.unwrap();
    assert!(agency_registry::auth::statement::verify_card(&app.keys, &licence).is_err());
    for (format, kind) in [("svg", "image/svg+xml"), ("png", "image/png")] {
        let image = app.get(&format!("/v1/representatives/{number}/qr.{format}")).await;
        assert_eq!(image.status(), 200);
        assert_eq!(image.headers()["content-type"], kind);
    }
}

#[tokio::test]
async fn an_official_number_also_reported_says_both() {
    let app = three_verdicts(Settings::defaults()).await;
    let ngo = app.token(Role::Ngo).await;
    let ministry = app.token(Role::Ministry).await;
    let filed = app
        .client
        .post(format!("{}/v1/complaints", app.address))
        .bearer_auth(&ngo)
        .header("Idempotency-Key", "reported-1")
        .json(&json!({
            "category": "unlicensed_recruitment",
            "recruiter": {"name": "Aziz aka", "phones": ["+998 90 765-43-21"], "handles": ["@Ishchi_Kerak"]},
            "description": "Promised farm work in Poland, took passports.",
            "complainant": {"anonymous": true}
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(filed.status(), 201);
    let id = filed.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    let moved = app
        .post(&format!("/v1/complaints/{id}/events"))
        .as_(&ministry)
        .json(json!({"status": "under_review", "note": "looking"}))
        .send()
        .await;
    assert_eq!(moved.status(), 201);
    let published = app
        .call(Method::PUT, &format!("/v1/complaints/{id}/publication"))
        .as_(&ministry)
        .send()
        .await;
    assert_eq!(published.status(), 200);
    // Reported and nothing else.
    eventually("the published list is read", Duration::from_secs(10), || async {
        check(&app, "@ishchi_kerak").await.1["verdict"]["code"] == "reported_recruiter"
    })
    .await;
    // The same number registered as an agency's: official, and reported too.
    let agency = agency_of(&app, "UZ-TK-0123").await;
    let path = format!("/v1/agencies/{agency}");
    let tag = app.etag(&path).await;
    let put = app
        .call(Method::PUT, &format!("{path}/channels"))
        .as_(&ministry)
        .json(json!({"phones": ["+998907654321"]}))
        .if_match(&tag)
        .send()
        .await;
    assert_eq!(put.status(), 200);
    app.settle().await;
    let (_, answer) = check(&app, "90 765 43 21").await;
    assert_eq!(answer["verdict"]["code"], "official_channel", "{answer}");
    assert_eq!(answer["also"][0]["code"], "reported_recruiter", "{answer}");
    assert_eq!(answer["reported"]["complaints"], 1);
    assert!(
        answer["reported"]["last_reported"].as_str().unwrap().len() == 7,
        "a month, never a day"
    );
}
