//! Signed licence statements, their QR codes, and caching that fits a
//! phone and a CDN.

use agency_registry::auth::statement;
use agency_registry::config::Settings;
use agency_registry::domain::access::{KeyPurpose, Role};
use agency_registry::domain::license_status::LicenseStatus;
use agency_registry::domain::sector::Sector;
use agency_registry::domain::triage::ComplaintCategory;
use agency_registry::seed::{Batch, LicenseSpec};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, days_ago, days_ahead, three_verdicts, TestApp};

const PUBLIC: &str = "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400";

async fn app() -> TestApp {
    three_verdicts(Settings {
        public_base_url: Some("https://registry.example.uz/".into()),
        ..Settings::defaults()
    })
    .await
}

async fn statement_of(app: &TestApp, number: &str) -> String {
    let response = app.get(&format!("/v1/licenses/{number}/statement")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/jose");
    response.text().await.unwrap()
}

fn part(jws: &str, i: usize) -> Value {
    let segment = jws.split('.').nth(i).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(segment).unwrap()).unwrap()
}

#[tokio::test]
async fn a_statement_says_what_the_check_says_signed_with_a_statement_key() {
    let app = app().await;
    let jws = statement_of(&app, "uz tk 0123").await;
    let header = part(&jws, 0);
    assert_eq!(header["typ"], "licence-statement+jwt");
    assert_eq!(header["alg"], "EdDSA");

    let claims = statement::verify(&app.keys, &jws).unwrap();
    let (_, check) = app.get_json("/v1/licenses/UZ-TK-0123").await;
    assert_eq!(claims.sub, "UZ-TK-0123");
    let claims = serde_json::to_value(&claims).unwrap();
    for field in [
        "status",
        "can_recruit",
        "valid_from",
        "valid_until",
        "destination_countries",
        "sectors",
        "checked_on",
    ] {
        assert_eq!(claims[field], check[field], "{field}");
    }
    assert_eq!(claims["agency"]["id"], check["agency"]["id"]);
    assert_eq!(claims["agency"]["legal_name"], "Istiqbol Recruitment MChJ");
    assert_eq!(claims["agency"]["taxpayer_id"], "301234567");
    let (iat, exp) = (claims["iat"].as_i64().unwrap(), claims["exp"].as_i64().unwrap());
    let now = chrono::Utc::now().timestamp();
    assert!(iat <= now && exp > now);
    assert!(exp - iat <= 7 * 24 * 3600, "at most a week");

    // Its key is published, apart from the token keys.
    let (_, jwks) = app.get_json("/.well-known/jwks.json").await;
    let kids: Vec<&str> = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap())
        .collect();
    assert!(kids.contains(&header["kid"].as_str().unwrap()));
    let token = app.token(Role::Ministry).await;
    let token_kid = part(&token, 0)["kid"].as_str().unwrap().to_owned();
    assert!(kids.contains(&token_kid.as_str()));
    assert_ne!(token_kid, header["kid"]);
    for key in jwks["keys"].as_array().unwrap() {
        assert_eq!(key["use"], "sig");
        // Each key says what it signs, and a verifier checks it.
        let expected = if key["kid"] == header["kid"] {
            "statement"
        } else if key["kid"] == token_kid.as_str() {
            "token"
        } else {
            "checkpoint"
        };
        assert_eq!(key["purpose"], expected, "{key}");
    }
}

#[tokio::test]
async fn unknown_numbers_have_no_statement_and_revoked_ones_say_so() {
    let app = app().await;
    assert_problem(app.get("/v1/licenses/UZ-TK-9999/statement").await, 404).await;
    assert_problem(app.get("/v1/licenses/UZ-TK-9999/qr.png").await, 404).await;
    assert_problem(app.get("/v1/licenses/%3F%3F/statement").await, 400).await;
    let revoked = statement::verify(&app.keys, &statement_of(&app, "UZ-SA-0666").await).unwrap();
    assert_eq!(revoked.status, LicenseStatus::Revoked);
    assert!(!revoked.can_recruit);
}

#[tokio::test]
async fn a_statement_is_no_access_token_and_an_access_token_no_statement() {
    let app = app().await;
    let jws = statement_of(&app, "UZ-TK-0123").await;
    // A statement as a bearer token: refused.
    let refused = app.post("/v1/agencies").as_(&jws).json(json!({})).send().await;
    assert_problem(refused, 401).await;
    // An access token as a statement: refused, by type and by key.
    let token = app.token(Role::Ministry).await;
    assert!(statement::verify(&app.keys, &token).is_err());
    let mut header = part(&token, 0);
    header["typ"] = "licence-statement+jwt".into();
    let relabelled = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        token.split_once('.').unwrap().1
    );
    assert!(statement::verify(&app.keys, &relabelled).is_err());
}

#[tokio::test]
async fn a_tampered_statement_fails() {
    let app = app().await;
    let jws = statement_of(&app, "UZ-SA-0666").await;
    let mut claims = part(&jws, 1);
    claims["status"] = "active".into();
    claims["can_recruit"] = true.into();
    let parts: Vec<&str> = jws.split('.').collect();
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        parts[2]
    );
    assert!(statement::verify(&app.keys, &forged).is_err());
    assert!(statement::verify(&app.keys, &jws).is_ok());
}

#[tokio::test]
async fn statement_keys_rotate_like_token_keys() {
    let app = app().await;
    let before = part(&statement_of(&app, "UZ-TK-0123").await, 0)["kid"]
        .as_str()
        .unwrap()
        .to_owned();
    let kek = agency_registry::auth::kek::Kek::from_file(&app.kek_file).unwrap();
    let key = agency_registry::auth::keys::generate(&kek, KeyPurpose::Statement).unwrap();
    // Keys are the owner's to add.
    let owner = agency_registry::db::pool::build_pool(&app.db.url, &Default::default()).unwrap();
    let writer = agency_registry::usecases::Writer::new(owner);
    agency_registry::usecases::keys::rotate(&writer, &agency_registry::usecases::Actor::system(), &key)
        .await
        .unwrap();
    app.keys.reload(&mut app.pool.get().await.unwrap()).await.unwrap();
    let jws = statement_of(&app, "UZ-TK-0123").await;
    assert_eq!(part(&jws, 0)["kid"], key.kid.as_str());
    assert!(statement::verify(&app.keys, &jws).is_ok());
    // The old key still verifies until retired, and stays published.
    let (_, jwks) = app.get_json("/.well-known/jwks.json").await;
    let kids: Vec<&str> = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap())
        .collect();
    assert!(kids.contains(&before.as_str()) && kids.contains(&key.kid.as_str()));
}

/// The PNG decoded by an independent decoder (rqrr) carries the check
/// page's address with a statement that verifies.
#[tokio::test]
async fn the_qr_code_opens_the_check_page_and_carries_a_statement() {
    let app = app().await;
    let response = app.get("/v1/licenses/uz-tk-0123/qr.png").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    assert_eq!(response.headers()["cache-control"], PUBLIC);
    let bytes = response.bytes().await.unwrap();
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes.to_vec()))
        .read_info()
        .unwrap();
    let mut pixels = vec![0; decoder.output_buffer_size().unwrap()];
    let frame = decoder.next_frame(&mut pixels).unwrap();
    let (width, height) = (frame.width as usize, frame.height as usize);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1);
    let (_, content) = grids[0].decode().unwrap();
    let (page, jws) = content.split_once('#').unwrap();
    assert_eq!(page, "https://registry.example.uz/check/UZ-TK-0123");
    let claims = statement::verify(&app.keys, jws).unwrap();
    assert_eq!(claims.sub, "UZ-TK-0123");

    let svg = app.get("/v1/licenses/UZ-TK-0123/qr.svg").await;
    assert_eq!(svg.status(), 200);
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    let svg = svg.text().await.unwrap();
    assert!(svg.contains("<svg") && svg.contains("</svg>"));
}

#[tokio::test]
async fn public_answers_are_cacheable_and_revalidate_with_304() {
    let app = app().await;
    let (_, agency) = app.get_json("/v1/licenses/UZ-TK-0123").await;
    let agency_id = agency["agency"]["id"].as_str().unwrap().to_owned();
    for path in [
        "/v1/licenses/UZ-TK-0123".to_owned(),
        "/v1/licenses/UZ-TK-0123/events".to_owned(),
        "/v1/licenses/UZ-TK-0123/statement".to_owned(),
        "/v1/licenses/UZ-TK-0123/qr.svg".to_owned(),
        "/v1/licenses/UZ-TK-0123/qr.png".to_owned(),
        format!("/v1/agencies/{agency_id}"),
        "/v1/agencies?q=istiqbol".to_owned(),
        "/v1/recruiters/reported".to_owned(),
        "/v1/changes".to_owned(),
        "/v1/registry/snapshot".to_owned(),
        "/.well-known/jwks.json".to_owned(),
    ] {
        let first = app.get(&path).await;
        assert_eq!(first.status(), 200, "{path}");
        assert_eq!(first.headers()["cache-control"], PUBLIC, "{path}");
        let tag = first.headers()["etag"].to_str().unwrap().to_owned();
        let again = app
            .client
            .get(format!("{}{path}", app.address))
            .header("If-None-Match", &tag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{path}");
        assert_eq!(again.headers()["cache-control"], PUBLIC, "{path}");
    }
    // Complaint data is never kept by a cache.
    let ngo = app.token(Role::Ngo).await;
    let list = app.call(reqwest::Method::GET, "/v1/complaints").as_(&ngo).send().await;
    assert_eq!(list.headers()["cache-control"], "no-store");
}

/// A licence check far larger than a typical one (about 500 bytes): five
/// destinations, four sectors, names in three scripts, full contacts, a
/// suspension reason, complaints in three categories, and the verdict, which
/// names the agency in the reader's script too; under 1 kB of gzip in every
/// language.
#[tokio::test]
async fn the_licence_check_stays_under_one_kilobyte_gzipped() {
    let app = TestApp::spawn().await;
    let mut batch = Batch::default();
    let long = "Xalqaro Mehnat Migratsiyasi Markazi MChJ";
    let id = batch.agency(
        long,
        &[
            "Халқаро Меҳнат Миграцияси Маркази МЧЖ",
            "Международный центр трудовой миграции",
        ],
        "301234567",
        "UZ-TK",
        Some("Toshkent, Mirzo Ulug'bek tumani, Buyuk Ipak Yo'li 123".into()),
        Some("+998 71 123 45 67".into()),
        Some("info@xalqaro-mehnat.example.uz".into()),
        Some("https://xalqaro-mehnat.example.uz".into()),
    );
    let destinations = ["KR", "JP", "DE", "GB", "TR"];
    let sectors: Vec<&str> = Sector::ALL.iter().take(4).map(|s| s.as_str()).collect();
    batch.license(
        LicenseSpec {
            agency_id: id,
            number: "UZ-TK-0123",
            status: LicenseStatus::Suspended,
            valid_from: days_ago(100),
            valid_until: days_ahead(300),
            destinations: &destinations,
            sectors: &sectors,
            status_reason: Some(
                "Suspended pending inspection of recruitment fees charged to workers bound for the Republic of Korea.",
            ),
        },
        &[],
    );
    app.insert(batch).await;
    let by_category: serde_json::Map<String, Value> = ComplaintCategory::ALL
        .iter()
        .take(3)
        .map(|c| (c.as_str().to_owned(), json!(120)))
        .collect();
    let counts = json!({"total": 360, "substantiated": 310, "by_category": by_category});
    app.rewrite(&format!("UPDATE agencies SET complaint_counts = '{counts}'"))
        .await;
    for lang in ["uz-Latn", "uz-Cyrl", "ru", "en"] {
        let response = app
            .client
            .get(format!("{}/v1/licenses/UZ-TK-0123?lang={lang}", app.address))
            .header("Accept-Encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["content-encoding"], "gzip");
        let gzipped = response.bytes().await.unwrap().len();
        println!("licence check ({lang}): {gzipped} bytes gzipped");
        assert!(gzipped < 1024, "{lang}: {gzipped} bytes gzipped");
    }
}

/// The check, the history, the statement and the QR code of one licence are
/// read through one door: while the read model answers, a row changed in
/// Postgres behind the feed (which the model never heard of) changes none
/// of them, so a worker never gets two standings from one registry.
#[tokio::test]
async fn check_history_statement_and_qr_read_the_same_source() {
    let app = app().await;
    let (_, before) = app.get_json("/v1/licenses/UZ-TK-0123").await;
    assert_eq!(before["status"], "active");
    app.db
        .behind_the_feed("UPDATE licenses SET status = 'revoked' WHERE license_number = 'UZ-TK-0123'")
        .await;
    let (_, check) = app.get_json("/v1/licenses/UZ-TK-0123").await;
    let claims =
        serde_json::to_value(statement::verify(&app.keys, &statement_of(&app, "UZ-TK-0123").await).unwrap()).unwrap();
    assert_eq!(
        (check["status"].clone(), claims["status"].clone()),
        (json!("active"), json!("active"))
    );
    let mut positions = Vec::new();
    for path in [
        "/v1/licenses/UZ-TK-0123",
        "/v1/licenses/UZ-TK-0123/events",
        "/v1/licenses/UZ-TK-0123/statement",
    ] {
        let response = app.get(path).await;
        positions.push(response.headers()["registry-position"].to_str().unwrap().to_owned());
    }
    assert!(positions.windows(2).all(|w| w[0] == w[1]), "{positions:?}");
    assert_eq!(app.get("/v1/licenses/UZ-TK-0123/qr.svg").await.status(), 200);
}

/// A 304 is decided from the entity tag before the answer is rendered, and
/// carries the position it reflects.
#[tokio::test]
async fn a_revalidated_check_is_answered_304_from_its_tag() {
    let app = app().await;
    let first = app.get("/v1/licenses/UZ-TK-0123?lang=ru").await;
    let tag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert!(tag.ends_with("-ru\""), "{tag}");
    for held in [tag.clone(), format!("W/{tag}"), format!("\"other\", {tag}")] {
        let again = app
            .client
            .get(format!("{}/v1/licenses/UZ-TK-0123?lang=ru", app.address))
            .header("If-None-Match", &held)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{held}");
        assert_eq!(again.headers()["etag"].to_str().unwrap(), tag);
        assert!(again.headers().contains_key("registry-position"));
    }
    // Another language's tag is another representation: answered whole.
    let english = app
        .client
        .get(format!("{}/v1/licenses/UZ-TK-0123?lang=en", app.address))
        .header("If-None-Match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(english.status(), 200);
}
