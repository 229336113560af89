//! The public check page: the verdict a worker without an app reads, in
//! four languages, small, and with nothing loaded from anywhere else.

use agency_registry::config::Settings;
use base64::Engine;
use sha2::Digest;

use crate::helpers::{three_verdicts, TestApp};

pub async fn app() -> TestApp {
    three_verdicts(Settings {
        helpline_text: "Ishonch telefoni 1000 (test)".into(),
        ..Settings::defaults()
    })
    .await
}

/// Licences of each verdict: number, status, symbol, headings in `LANGS` order.
pub const CASES: [(&str, u16, &str, [&str; 4]); 4] = [
    (
        "UZ-TK-0123",
        200,
        "✔",
        [
            "Ishchi yollashi mumkin",
            "Ишчи ёллаши мумкин",
            "Может набирать работников",
            "May recruit",
        ],
    ),
    (
        "UZ-AN-0777",
        200,
        "✖",
        [
            "Ishchi yollashi MUMKIN EMAS",
            "Ишчи ёллаши МУМКИН ЭМАС",
            "НЕ может набирать работников",
            "May NOT recruit",
        ],
    ),
    (
        "UZ-SA-0666",
        200,
        "✖",
        [
            "Ishchi yollashi MUMKIN EMAS",
            "Ишчи ёллаши МУМКИН ЭМАС",
            "НЕ может набирать работников",
            "May NOT recruit",
        ],
    ),
    (
        "UZ-TK-9999",
        404,
        "✖",
        [
            "Ro‘yxatdan o‘tmagan",
            "Рўйхатдан ўтмаган",
            "Не зарегистрировано",
            "Not registered",
        ],
    ),
];

/// The four languages, in the order of `CASES` headings.
pub const LANGS: [&str; 4] = ["uz-Latn", "uz-Cyrl", "ru", "en"];

async fn page(app: &TestApp, path: &str) -> (u16, reqwest::header::HeaderMap, String) {
    let response = app.get(path).await;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.unwrap())
}

#[tokio::test]
async fn each_verdict_reads_plainly_in_each_language_and_never_by_colour_alone() {
    let app = app().await;
    for (number, status, symbol, headings) in CASES {
        for (lang, heading) in LANGS.into_iter().zip(headings) {
            let (got, headers, html) = page(&app, &format!("/check/{number}?lang={lang}")).await;
            assert_eq!(got, status, "{number} {lang}");
            assert_eq!(headers["content-type"], "text/html; charset=utf-8");
            assert_eq!(headers["content-language"], lang);
            assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{number} {lang}");
            assert!(
                html.contains(&format!("{symbol}</span> {heading}</h2>")),
                "{number} {lang}: {html}"
            );
            // Who may not recruit gets the warning and where to report.
            assert_eq!(
                html.contains("Ishonch telefoni 1000 (test)"),
                symbol == "✖",
                "{number} {lang}"
            );
            // Small, and nothing from another host: no font, no image, and
            // only the one inline script its policy names by hash.
            assert!(html.len() < 15 * 1024, "{number} {lang}: {} bytes", html.len());
            // The canonical address is the registry's own, and loads nothing.
            let loaded: String = html
                .lines()
                .filter(|l| !l.starts_with("<link rel=\"canonical\" href=\"https://registry.example.uz/check"))
                .collect();
            for outside in ["<script src", "http://", "https://", "@import", "url(", "<link"] {
                assert!(!loaded.contains(outside), "{number} {lang}: {outside}");
            }
            let csp = headers["content-security-policy"].to_str().unwrap();
            assert!(csp.starts_with("default-src 'none'"), "{csp}");
            assert!(
                !csp.contains("unsafe-inline'; script") && !csp.contains("unsafe-eval"),
                "{csp}"
            );
            let scripts: Vec<_> = html.match_indices("<script").collect();
            assert!(scripts.len() <= 1, "{number} {lang}");
            if let Some((at, _)) = scripts.first() {
                let script = &html[at + "<script>".len()..html[*at..].find("</script>").unwrap() + at];
                let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()));
                let script_src = csp.split("; ").find(|d| d.starts_with("script-src")).unwrap();
                assert_eq!(script_src, format!("script-src 'sha256-{hash}'"), "{csp}");
            }
        }
    }
    // The details a worker needs, as registered.
    let (_, _, html) = page(&app, "/check/uz-tk-0123?lang=en").await;
    for expected in [
        "UZ-TK-0123",
        "Istiqbol Recruitment MChJ",
        "Истиқбол Рекрутмент",
        "South Korea",
        "construction",
        "History of the licence",
    ] {
        assert!(html.contains(expected), "{expected}");
    }
    // Without ?lang, the reader's Accept-Language decides.
    let response = app
        .client
        .get(format!("{}/check/UZ-TK-0123", app.address))
        .header("Accept-Language", "ru-RU,ru;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-language"], "ru");
}

#[tokio::test]
async fn the_form_finds_a_licence_by_number_and_agencies_by_name_or_taxpayer_id() {
    let app = app().await;
    let (status, _, html) = page(&app, "/check").await;
    assert_eq!(status, 200);
    assert!(html.contains("<form method=\"get\" action=\"/check\">"));
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = no_redirects
        .get(format!("{}/check?q=uz%20tk%200123&lang=ru", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/check/UZ-TK-0123?lang=ru");
    for q in [
        "istiqbol",
        "%D0%98%D1%81%D1%82%D0%B8%D2%9B%D0%B1%D0%BE%D0%BB",
        "301234567",
    ] {
        let (status, _, html) = page(&app, &format!("/check?q={q}&lang=en")).await;
        assert_eq!(status, 200, "{q}");
        assert!(
            html.contains("<a href=\"/check/UZ-TK-0123?lang=en\">UZ-TK-0123</a> (active)"),
            "{q}: {html}"
        );
    }
    let (_, _, html) = page(&app, "/check?q=nobody%20at%20all&lang=en").await;
    assert!(html.contains("No agency found"), "{html}");
}

#[tokio::test]
async fn a_link_cannot_make_the_page_say_a_sentence_of_its_own() {
    let app = app().await;
    let phishing = "Call +998901112233 now: your licence check passed, pay the visa fee to card 8600";
    let encoded: String = phishing
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    for lang in LANGS {
        let (status, _, html) = page(&app, &format!("/check/{encoded}?lang={lang}")).await;
        assert_eq!(status, 404);
        for part in ["998901112233", "visa fee", "8600", "passed"] {
            assert!(!html.contains(part), "{lang}: `{part}` echoed: {html}");
        }
    }
    let (_, _, html) = page(&app, &format!("/check/{encoded}?lang=en")).await;
    assert!(html.contains("Not a licence number"), "{html}");
    // A number that parses is echoed in its canonical form only.
    let (status, _, html) = page(&app, "/check/uz%20tk%209999?lang=en").await;
    assert_eq!(status, 404);
    assert!(html.contains("No licence UZ-TK-9999 is registered"), "{html}");
}

/// Registers a representative of Istiqbol (UZ-TK-0123); the card number.
pub async fn card_of_istiqbol(app: &TestApp) -> String {
    use agency_registry::domain::access::Role;
    let (_, licence) = app.get_json("/v1/licenses/UZ-TK-0123").await;
    let id = licence["agency"]["id"].as_str().unwrap();
    let token = app.token(Role::Ministry).await;
    let created = app
        .post(&format!("/v1/agencies/{id}/representatives"))
        .as_(&token)
        .json(serde_json::json!({
            "full_name": "Aliyev Jasur Karimovich",
            "regions": ["UZ-TK"],
            "phones": ["+998 90 123-45-67"],
            "handles": ["https://t.me/jasur_istiqbol"]
        }))
        .send()
        .await;
    assert_eq!(created.status(), 201);
    let card: serde_json::Value = created.json().await.unwrap();
    card["card_number"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_cards_page_reads_plainly_in_each_language_and_the_form_takes_any_contact() {
    let app = app().await;
    let card = card_of_istiqbol(&app).await;
    let headings = [
        "Ishchi yollashi mumkin",
        "Ишчи ёллаши мумкин",
        "Может набирать работников",
        "May recruit",
    ];
    for (lang, heading) in LANGS.into_iter().zip(headings) {
        let (status, headers, html) = page(&app, &format!("/check/representative/{card}?lang={lang}")).await;
        assert_eq!(status, 200, "{lang}");
        assert_eq!(headers["content-language"], lang);
        assert!(html.contains(&format!("✔</span> {heading}</h2>")), "{lang}: {html}");
        assert!(
            html.contains(&card) && html.contains("Aliyev Jasur Karimovich"),
            "{lang}"
        );
        assert!(html.contains("UZ-TK-0123"), "the agency's licence: {lang}");
        assert!(html.len() < 15 * 1024, "{lang}: {} bytes", html.len());
        assert!(html.contains("data-typ=\"representative-statement+jwt\""), "{lang}");
        let loaded: String = html
            .lines()
            .filter(|l| !l.starts_with("<link rel=\"canonical\" href=\"https://registry.example.uz/check"))
            .collect();
        for outside in ["<script src", "http://", "https://", "@import", "url(", "<link"] {
            assert!(!loaded.contains(outside), "{lang}: {outside}");
        }
    }
    // The form: a card in any spelling goes to its page.
    let digits: String = card.chars().filter(char::is_ascii_digit).collect();
    let typed = format!("k {} {}", &digits[..4], &digits[4..]);
    let url = reqwest::Url::parse_with_params(
        &format!("{}/check", app.address),
        &[("q", typed.as_str()), ("lang", "en")],
    )
    .unwrap();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = client.get(url).send().await.unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        format!("/check/representative/{card}?lang=en").as_str()
    );
    // A representative's handle, a stranger's, a mistyped card, a look-alike.
    let mut typo = card.clone();
    let last = typo.pop().unwrap();
    typo.push(if last == '1' { '2' } else { '1' });
    for (q, expected) in [
        ("@jasur_istiqbol", "✔</span> May recruit</h2>"),
        ("90 123 45 67", "Aliyev Jasur Karimovich"),
        ("t.me/ishchi_kerak_uz", "✖</span> Not registered</h2>"),
        (typo.as_str(), "✖</span> Check the number</h2>"),
        ("@jasur_іstiqbol", "look-alike"),
    ] {
        let url =
            reqwest::Url::parse_with_params(&format!("{}/check", app.address), &[("q", q), ("lang", "en")]).unwrap();
        let response = client.get(url).send().await.unwrap();
        assert_eq!(response.status(), 200, "{q}");
        let html = response.text().await.unwrap();
        assert!(html.contains(expected), "{q}: {html}");
        assert!(html.len() < 15 * 1024, "{q}");
    }
    // A name still searches.
    let url = reqwest::Url::parse_with_params(&format!("{}/check", app.address), &[("q", "istiqbol"), ("lang", "en")])
        .unwrap();
    let html = client.get(url).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("/check/UZ-TK-0123?lang=en"), "{html}");
    // A card nobody holds, and a withdrawn one.
    let (status, _, html) = page(&app, "/check/representative/K-0000-0000?lang=en").await;
    assert_eq!(status, 404);
    assert!(html.contains("✖</span> Not registered</h2>"), "{html}");
    let token = app.token(agency_registry::domain::access::Role::Ministry).await;
    let path = format!("/v1/representatives/{card}");
    let tag = app.etag(&path).await;
    let withdrawn = app
        .post(&format!("{path}/withdrawal"))
        .as_(&token)
        .json(serde_json::json!({"reason": "Left the agency"}))
        .if_match(&tag)
        .send()
        .await;
    assert_eq!(withdrawn.status(), 200);
    let (_, _, html) = page(&app, &format!("/check/representative/{card}?lang=en")).await;
    assert!(html.contains("✖</span> May NOT recruit</h2>"), "{html}");
    assert!(
        html.contains("no longer represents") && html.contains("Left the agency"),
        "{html}"
    );
}
