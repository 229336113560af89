//! "Who is contacting me?": one public check for a phone, a handle or a web
//! address, answered from the agencies' registered channels.

use std::time::{Duration, Instant};

use agency_registry::config::Settings;
use agency_registry::domain::access::Role;
use agency_registry::domain::card::CardNumber;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, three_verdicts, TestApp};

/// Registers `channels` for the agency of licence `number`; its id.
async fn register(app: &TestApp, number: &str, channels: Value) -> String {
    let id = app.get_json(&format!("/v1/licenses/{number}")).await.1["agency"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let token = app.token(Role::Ministry).await;
    let path = format!("/v1/agencies/{id}");
    let tag = app.etag(&path).await;
    let put = app.call(reqwest::Method::PUT, &format!("{path}/channels")).as_(&token);
    assert_eq!(put.json(channels).if_match(&tag).send().await.status(), 200);
    id
}

async fn check(app: &TestApp, address: &str, q: &str) -> (u16, Value) {
    let url =
        reqwest::Url::parse_with_params(&format!("{address}/v1/contacts/check"), &[("q", q), ("lang", "en")]).unwrap();
    let response = app.client.get(url).send().await.unwrap();
    let status = response.status().as_u16();
    if status == 200 {
        assert!(response.headers().contains_key("registry-position"));
    }
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn any_spelling_of_a_registered_channel_names_its_agency_and_its_standing() {
    let app = three_verdicts(Settings::defaults()).await;
    let istiqbol = register(
        &app,
        "UZ-TK-0123",
        json!({"phones": ["+998 71 200 11 22"], "handles": ["https://t.me/istiqbol_jobs"], "websites": ["istiqbol.uz"]}),
    )
    .await;
    let suspended = register(&app, "UZ-AN-0777", json!({"phones": ["+998 66 233 44 55"]})).await;
    for q in [
        "71 200 11 22",
        "998712001122",
        "+998 (71) 200-11-22",
        "@Istiqbol_Jobs",
        "istiqbol_jobs",
        "https://t.me/s/istiqbol_jobs",
        "https://www.istiqbol.uz/vacancies?x=1",
        "jobs.istiqbol.uz",
    ] {
        let (status, answer) = check(&app, &app.address, q).await;
        assert_eq!(status, 200, "{q}: {answer}");
        assert_eq!(answer["verdict"]["code"], "official_channel", "{q}: {answer}");
        assert_eq!(answer["agencies"][0]["id"], istiqbol.as_str(), "{q}");
        assert!(
            answer["verdict"]["message"]
                .as_str()
                .unwrap()
                .contains("may recruit today"),
            "{answer}"
        );
    }
    let (_, answer) = check(&app, &app.address, "66 233 44 55").await;
    assert_eq!(answer["agencies"][0]["id"], suspended.as_str());
    assert!(
        answer["verdict"]["message"]
            .as_str()
            .unwrap()
            .contains("may not recruit now"),
        "{answer}"
    );

    // Another platform's account of the same name is not the agency's.
    for q in [
        "instagram.com/istiqbol_jobs",
        "+998 90 000 00 00",
        "istiqbol.example",
        "istiqbol-uz.com",
    ] {
        let (status, answer) = check(&app, &app.address, q).await;
        assert_eq!(
            (status, answer["verdict"]["code"].as_str()),
            (200, Some("unknown")),
            "{q}: {answer}"
        );
        assert_eq!(answer["agencies"], json!([]));
        assert!(
            answer["verdict"]["message"].as_str().unwrap().contains("report it"),
            "{answer}"
        );
    }
}

#[tokio::test]
async fn look_alikes_are_impersonations_and_other_text_is_refused_in_words() {
    let app = three_verdicts(Settings::defaults()).await;
    register(
        &app,
        "UZ-TK-0123",
        json!({"handles": ["https://t.me/istiqbol_jobs"], "websites": ["istiqbol.uz"]}),
    )
    .await;
    for (q, looks_like) in [
        ("@istiqbol_jоbs", "istiqbol_jobs"),
        ("t.me/istiqbol\u{200B}_jobs", "istiqbol_jobs"),
        ("https://istiqbоl.uz", "istiqbol.uz"),
    ] {
        let (status, answer) = check(&app, &app.address, q).await;
        assert_eq!(status, 200, "{q}");
        assert_eq!(answer["verdict"]["code"], "impersonation", "{q}: {answer}");
        assert_eq!(answer["looks_like"], looks_like);
        assert_eq!(answer["agencies"], json!([]), "never folded into a match");
    }
    let (status, problem) = check(&app, &app.address, "hello world").await;
    assert_eq!(status, 400);
    assert!(
        problem["detail"].as_str().unwrap().contains("phone number"),
        "{problem}"
    );
    let card = CardNumber::from_serial(1_234_567).unwrap();
    let mut typo = card.as_str().to_owned();
    let last = typo.pop().unwrap();
    typo.push(if last == '1' { '2' } else { '1' });
    let (status, problem) = check(&app, &app.address, &typo).await;
    assert_eq!(status, 400);
    assert!(problem["detail"].as_str().unwrap().contains("mistyped"), "{problem}");
    assert_problem(app.get(&format!("/v1/contacts/check?q={}", card.as_str())).await, 404).await;
    let russian = app.get("/v1/contacts/check?q=%2B998900000000&lang=ru").await;
    let russian: Value = russian.json().await.unwrap();
    assert!(
        russian["verdict"]["message"]
            .as_str()
            .unwrap()
            .contains("не зарегистрирован"),
        "{russian}"
    );
}

#[tokio::test]
async fn a_removed_channel_is_unknown_on_every_instance_within_a_second() {
    let app = three_verdicts(Settings::defaults()).await;
    let id = register(&app, "UZ-TK-0123", json!({"phones": ["+998 71 200 11 22"]})).await;
    let other = app.another(Settings::defaults()).await;
    let (_, answer) = check(&app, &other.address, "+998712001122").await;
    assert_eq!(answer["verdict"]["code"], "official_channel");
    let token = app.token(Role::Ministry).await;
    let path = format!("/v1/agencies/{id}");
    let tag = app.etag(&path).await;
    let put = app
        .call(reqwest::Method::PUT, &format!("{path}/channels"))
        .as_(&token)
        .json(json!({}));
    assert_eq!(put.if_match(&tag).send().await.status(), 200);
    let since = Instant::now();
    loop {
        let (_, answer) = check(&app, &other.address, "+998712001122").await;
        if answer["verdict"]["code"] == "unknown" {
            break;
        }
        assert!(since.elapsed() < Duration::from_secs(1), "still {answer}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
