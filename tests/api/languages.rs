//! The registry speaks Uzbek (Latin and Cyrillic), Russian and English:
//! `?lang=`, then `Accept-Language`, then Uzbek in the Latin script.

use agency_registry::config::Settings;
use agency_registry::domain::access::Role;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, days_ahead, three_verdicts, TestApp};

async fn app() -> TestApp {
    three_verdicts(Settings::defaults()).await
}

async fn check(app: &TestApp, path: &str, accept: Option<&str>) -> (String, String, Value) {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if let Some(accept) = accept {
        request = request.header("Accept-Language", accept);
    }
    let response = request.send().await.unwrap();
    let language = response.headers()["content-language"].to_str().unwrap().to_owned();
    let vary = response
        .headers()
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect::<Vec<_>>()
        .join(",");
    (language, vary, response.json().await.unwrap())
}

#[tokio::test]
async fn the_verdict_is_one_sentence_in_the_readers_language() {
    let app = app().await;
    let (language, vary, body) = check(&app, "/v1/licenses/UZ-TK-0123", None).await;
    assert_eq!(language, "uz-Latn");
    assert!(vary.to_lowercase().contains("accept-language"), "{vary}");
    assert_eq!(body["verdict"]["code"], "may_recruit");
    let message = body["verdict"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("Istiqbol Recruitment MChJ amaldagi litsenziyaga ega"),
        "{message}"
    );
    assert!(
        message.contains("Janubiy Koreya") && message.contains(&days_ahead(300).to_string()),
        "{message}"
    );

    let cases = [
        (
            "?lang=uz-Cyrl",
            None,
            "uz-Cyrl",
            "Istiqbol Recruitment MChJ (Истиқбол Рекрутмент) амалдаги лицензияга эга",
        ),
        (
            "",
            Some("ru-RU,ru;q=0.9,en;q=0.8"),
            "ru",
            "У агентства «Istiqbol Recruitment MChJ (Истиқбол Рекрутмент)» действующая лицензия",
        ),
        (
            "",
            Some("de;q=1, en;q=0.5"),
            "en",
            "Istiqbol Recruitment MChJ holds a valid licence",
        ),
        (
            "?lang=en",
            Some("ru"),
            "en",
            "Istiqbol Recruitment MChJ holds a valid licence",
        ),
        ("?lang=uz", Some("en"), "uz-Latn", "Istiqbol Recruitment MChJ amaldagi"),
        (
            "",
            Some("uz-Cyrl-UZ"),
            "uz-Cyrl",
            "Istiqbol Recruitment MChJ (Истиқбол Рекрутмент) амалдаги",
        ),
    ];
    for (query, accept, expected, start) in cases {
        let (language, _, body) = check(&app, &format!("/v1/licenses/UZ-TK-0123{query}"), accept).await;
        assert_eq!(language, expected, "{query} {accept:?}");
        assert_eq!(body["verdict"]["code"], "may_recruit", "codes never change");
        assert_eq!(body["status"], "active", "nor do enum values");
        let message = body["verdict"]["message"].as_str().unwrap();
        assert!(message.starts_with(start), "{query} {accept:?}: {message}");
    }
}

#[tokio::test]
async fn a_licence_that_may_not_recruit_says_so_in_every_language() {
    let app = app().await;
    let expected = [
        ("uz-Latn", "MUMKIN EMAS"),
        ("uz-Cyrl", "МУМКИН ЭМАС"),
        ("ru", "НЕ может"),
        ("en", "may NOT recruit"),
    ];
    for (number, code) in [("UZ-SA-0666", "revoked"), ("UZ-AN-0777", "suspended")] {
        for (lang, words) in expected {
            let (language, _, body) = check(&app, &format!("/v1/licenses/{number}?lang={lang}"), None).await;
            assert_eq!(language, lang);
            assert_eq!(body["verdict"]["code"], code);
            let message = body["verdict"]["message"].as_str().unwrap();
            assert!(message.contains(words), "{number} {lang}: {message}");
        }
    }
}

#[tokio::test]
async fn problems_speak_the_readers_language_with_the_same_type() {
    let app = app().await;
    let mut titles = Vec::new();
    for (lang, words) in [
        ("uz-Latn", "pasportingizni bermang"),
        ("uz-Cyrl", "паспортингизни берманг"),
        ("ru", "не отдавайте паспорт"),
        ("en", "hand it your passport"),
    ] {
        let response = app.get(&format!("/v1/licenses/UZ-TK-9999?lang={lang}")).await;
        assert_eq!(response.headers()["content-language"], lang);
        let problem = assert_problem(response, 404).await;
        assert_eq!(problem["type"], "/problems/license-not-found");
        assert!(problem["detail"].as_str().unwrap().contains(words), "{lang}: {problem}");
        titles.push(problem["title"].as_str().unwrap().to_owned());
    }
    titles.dedup();
    assert_eq!(titles.len(), 4, "a title per language: {titles:?}");

    // An unknown language is refused, in the language the header asks for.
    let response = app
        .client
        .get(format!("{}/v1/licenses/UZ-TK-0123?lang=de", app.address))
        .header("Accept-Language", "ru")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-language"], "ru");
    let problem = assert_problem(response, 400).await;
    assert_eq!(problem["errors"][0]["field"], "lang");
    assert!(problem["detail"].as_str().unwrap().contains("недопустим"), "{problem}");
    // Rate-limit and routing refusals too.
    let problem = assert_problem(app.get("/v1/nowhere?lang=ru").await, 404).await;
    assert_eq!(problem["title"], "Не найдено");
}

#[tokio::test]
async fn lang_is_no_parameter_of_any_operation_and_tags_differ_per_language() {
    let app = app().await;
    // Operations that refuse unknown parameters take `lang` all the same.
    assert_eq!(app.get("/v1/agencies?q=istiqbol&lang=ru").await.status(), 200);
    assert_eq!(app.get("/v1/changes?lang=en&limit=1").await.status(), 200);
    let tag = |lang: &'static str| {
        let app = &app;
        async move {
            app.get(&format!("/v1/licenses/UZ-TK-0123?lang={lang}")).await.headers()["etag"]
                .to_str()
                .unwrap()
                .to_owned()
        }
    };
    let (uz, ru) = (tag("uz-Latn").await, tag("ru").await);
    assert_ne!(uz, ru, "each language is a representation of its own");
    // A write accepts the tag read in any language.
    let token = app.token(Role::Ministry).await;
    let response = app
        .post("/v1/licenses/UZ-TK-0123/events")
        .as_(&token)
        .json(json!({"action": "suspend", "reason": "Inspection"}))
        .if_match(&ru)
        .send()
        .await;
    assert_eq!(response.status(), 201);
    let (_, _, body) = check(&app, "/v1/licenses/UZ-TK-0123?lang=ru", None).await;
    assert_eq!(body["verdict"]["code"], "suspended");
}

/// Sends the request `send` makes in each language and returns the four
/// problems, checking that type, status and fields do not change with it.
async fn refusal_in_every_language(send: impl Fn(&'static str) -> crate::helpers::Call, status: u16) -> Vec<Value> {
    let mut problems = Vec::new();
    for lang in ["uz-Latn", "uz-Cyrl", "ru", "en"] {
        let response = send(lang).header("Accept-Language", lang).send().await;
        assert_eq!(response.headers()["content-language"], lang);
        problems.push(assert_problem(response, status).await);
    }
    let shape = |p: &Value| {
        let fields: Vec<_> = p["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e["field"].clone())
            .collect();
        (p["type"].clone(), p["status"].clone(), fields)
    };
    for problem in &problems[1..] {
        assert_eq!(shape(problem), shape(&problems[0]), "{problem}");
    }
    let details: std::collections::BTreeSet<_> = problems.iter().map(|p| p["detail"].to_string()).collect();
    assert_eq!(details.len(), 4, "a detail per language: {details:?}");
    problems
}

/// An English word of the old messages in a text that should not be English.
fn speaks_english(text: &str) -> bool {
    [" must ", " is required", " expected ", "The ", "This ", " not "]
        .iter()
        .any(|w| text.contains(w))
}

#[tokio::test]
async fn every_refusal_and_every_reason_speaks_the_readers_language() {
    let app = app().await;
    let ministry = app.token(Role::Ministry).await;
    let bad_agency = json!({
        "legal_name": " ",
        "taxpayer_id": "12",
        "region": "UZ-XX",
        "email": "not an address",
        "website": "ftp://x",
        "other_names": ["a".repeat(301)],
    });
    let problems = refusal_in_every_language(
        |_| app.post("/v1/agencies").as_(&ministry).json(bad_agency.clone()),
        422,
    )
    .await;
    let fields = problems[0]["errors"].as_array().unwrap().len();
    assert!(fields >= 5, "{}", problems[0]);
    for i in 0..fields {
        let reasons: std::collections::BTreeSet<_> =
            problems.iter().map(|p| p["errors"][i]["message"].to_string()).collect();
        assert_eq!(reasons.len(), 4, "field {i} has a reason per language: {reasons:?}");
    }
    for (problem, english) in problems.iter().zip([false, false, false, true]) {
        for error in problem["errors"].as_array().unwrap() {
            let message = error["message"].as_str().unwrap();
            assert_eq!(speaks_english(&format!(" {message} ")), english, "{problem}");
        }
    }
    assert!(
        problems[1]["detail"].as_str().unwrap().contains("яроқсиз майдонлар"),
        "{}",
        problems[1]
    );
    let taxpayer_id = problems[2]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == "taxpayer_id");
    assert!(
        taxpayer_id.is_some_and(|e| e["message"].as_str().unwrap().contains("9 цифр")),
        "{}",
        problems[2]
    );

    // A type the body cannot have, a missing token, a body that is not JSON,
    // a path that does not exist, a page size out of range.
    for (send, status) in [
        (
            Box::new(|_| app.post("/v1/agencies").as_(&ministry).json(json!({"legal_name": 5})))
                as Box<dyn Fn(&'static str) -> crate::helpers::Call>,
            422,
        ),
        (Box::new(|_| app.post("/v1/agencies").json(json!({}))), 401),
        (
            Box::new(|_| {
                app.post("/v1/agencies")
                    .as_(&ministry)
                    .header("Content-Type", "application/json")
                    .body("{oops")
            }),
            400,
        ),
        (Box::new(|_| app.call(reqwest::Method::GET, "/v1/nowhere")), 404),
        (
            Box::new(|_| app.call(reqwest::Method::GET, "/v1/agencies?limit=500")),
            400,
        ),
    ] {
        let problems = refusal_in_every_language(send, status).await;
        for (problem, english) in problems.iter().zip([false, false, false, true]) {
            let detail = problem["detail"].as_str().unwrap();
            assert_eq!(speaks_english(detail), english, "{problem}");
        }
    }
}
