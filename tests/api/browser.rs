//! The check page in a real browser: headless Chromium (Debian's package,
//! installed here when missing) renders each verdict in each language at a
//! phone's 360x740, and keeps a screenshot of each under
//! `target/check-pages/`.
//!
//! JavaScript is off for the verdicts, as a browser's setting (the
//! profile's content setting; Chromium 156's
//! `--blink-settings=scriptEnabled=false` would also stop its own headless
//! `--dump-dom` and `--screenshot`), and on for the one thing a script adds:
//! when the registry issued a QR code's statement. Other hosts: the page's
//! policy lets it load nothing but its inline style, its one script (by
//! hash) and the registry's keys from itself, and the rendered DOM is
//! checked for any reference to another host.

use std::path::PathBuf;
use std::process::Command;

use crate::check_page;

fn chromium() -> PathBuf {
    let found = || {
        Command::new("sh")
            .args(["-c", "command -v chromium"])
            .output()
            .ok()
            .filter(|o| o.status.success())
    };
    if found().is_none() {
        // Package lists of a fresh machine may be empty: refresh them first.
        let installed = Command::new("sh")
            .args(["-c", "apt-get update -qq && apt-get install -y -qq chromium"])
            .status();
        assert!(
            installed.is_ok_and(|s| s.success()),
            "Chromium is missing and apt-get could not install it"
        );
    }
    let path = found().expect("chromium on PATH").stdout;
    PathBuf::from(String::from_utf8_lossy(&path).trim())
}

/// Runs Chromium without blocking the runtime that serves the app (and
/// owns its database connections).
async fn run(browser: &PathBuf, javascript: bool, args: &[&str], url: &str) -> String {
    let profile = tempfile_dir();
    if !javascript {
        // As a reader who turned JavaScript off in the browser's settings.
        let settings = r#"{"profile":{"default_content_setting_values":{"javascript":2}}}"#;
        std::fs::create_dir_all(profile.join("Default")).unwrap();
        std::fs::write(profile.join("Default").join("Preferences"), settings).unwrap();
    }
    let output = tokio::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--window-size=360,740",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(std::time::Duration::from_secs(60), output)
        .await
        .expect("chromium answers within a minute")
        .expect("chromium runs");
    let _ = std::fs::remove_dir_all(&profile);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("check-page-chromium-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn chromium_renders_every_verdict_in_every_language_on_a_phone() {
    let browser = chromium();
    let app = check_page::app().await;
    let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("check-pages");
    std::fs::create_dir_all(&shots).unwrap();
    for (number, _, symbol, headings) in check_page::CASES {
        for (lang, heading) in check_page::LANGS.into_iter().zip(headings) {
            let url = format!("{}/check/{number}?lang={lang}", app.address);
            let dom = run(&browser, false, &["--dump-dom"], &url).await;
            assert!(
                dom.contains(&format!("{symbol}</span> {heading}</h2>")),
                "{number} {lang}: {dom}"
            );
            let others = ["src=\"http", "href=\"http", "action=\"http", "url(", "//"];
            let body = without_script(dom.split("<body>").nth(1).unwrap_or_default());
            for other in others {
                assert!(!body.contains(other), "{number} {lang} refers elsewhere: {other}");
            }
            let shot = shots.join(format!("{number}-{lang}.png"));
            run(&browser, false, &[&format!("--screenshot={}", shot.display())], &url).await;
            let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or_default();
            assert!(size > 1000, "{number} {lang}: no screenshot at {}", shot.display());
        }
    }
}

/// The page without the text of its script, whose one request (the
/// registry's keys, from the page's own host) is checked on its own.
fn without_script(body: &str) -> String {
    let (before, rest) = body.split_once("<script>").unwrap_or((body, ""));
    let after = rest.split_once("</script>").map_or("", |(script, after)| {
        assert!(script.contains("fetch(\"/.well-known/jwks.json\")"), "{script}");
        assert_eq!(script.matches("fetch(").count(), 1, "{script}");
        after
    });
    format!("{before}{after}")
}

/// The `issued` line of a dumped page: its text when shown, `None` while hidden.
fn issued_line(dom: &str) -> Option<String> {
    let start = dom.find("<p id=\"issued\"").expect("the page has the issued line");
    let tag_end = start + dom[start..].find('>').unwrap();
    if dom[start..tag_end].contains("hidden") {
        return None;
    }
    let end = tag_end + dom[tag_end..].find("</p>").unwrap();
    Some(dom[tag_end + 1..end].to_owned())
}

#[tokio::test]
async fn a_qr_codes_statement_is_checked_in_the_browser_and_never_changes_the_verdict() {
    let browser = chromium();
    let app = check_page::app().await;
    let statement = |number: &'static str| {
        let app = &app;
        async move {
            let response = app.get(&format!("/v1/licenses/{number}/statement")).await;
            assert_eq!(response.status(), 200);
            response.text().await.unwrap()
        }
    };
    let active = statement("UZ-TK-0123").await;
    let other = statement("UZ-AN-0777").await;
    // One signature bit flipped (not in the last character, whose low bits
    // are padding that decoding ignores).
    let mut tampered = active.clone().into_bytes();
    let at = tampered.len() - 3;
    tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    let page = |fragment: &str| format!("{}/check/UZ-TK-0123?lang=en#{fragment}", app.address);
    // Time for the page's fetch of the keys and WebCrypto's verification.
    let wait = ["--virtual-time-budget=10000", "--dump-dom"];

    let dom = run(&browser, true, &wait, &page(&active)).await;
    let today = agency_registry::domain::registry_today(chrono::Utc::now()).to_string();
    assert_eq!(
        issued_line(&dom).as_deref(),
        Some(format!("This code was issued by the registry on {today}.").as_str()),
        "{dom}"
    );
    assert!(dom.contains("✔</span> May recruit</h2>"), "{dom}");
    // A damaged code, another licence's code, or no code: nothing more is said.
    for fragment in [tampered.as_str(), other.as_str(), "", "not-a-statement"] {
        let dom = run(&browser, true, &wait, &page(fragment)).await;
        assert_eq!(issued_line(&dom), None, "{fragment}");
        assert!(dom.contains("✔</span> May recruit</h2>"), "{dom}");
    }
    // Without JavaScript the page is the same verdict, without the line.
    let dom = run(&browser, false, &["--dump-dom"], &page(&active)).await;
    assert_eq!(issued_line(&dom), None);
    assert!(dom.contains("✔</span> May recruit</h2>"), "{dom}");
}

#[tokio::test]
async fn chromium_shows_a_cards_page_and_checks_its_qr_statement() {
    let browser = chromium();
    let app = check_page::app().await;
    let card = check_page::card_of_istiqbol(&app).await;
    let statement = app
        .get(&format!("/v1/representatives/{card}/statement"))
        .await
        .text()
        .await
        .unwrap();
    let licence = app.get("/v1/licenses/UZ-TK-0123/statement").await.text().await.unwrap();
    let page = |fragment: &str| format!("{}/check/representative/{card}?lang=en#{fragment}", app.address);
    let wait = ["--virtual-time-budget=10000", "--dump-dom"];
    let dom = run(&browser, true, &wait, &page(&statement)).await;
    let today = agency_registry::domain::registry_today(chrono::Utc::now()).to_string();
    assert_eq!(
        issued_line(&dom).as_deref(),
        Some(format!("This code was issued by the registry on {today}.").as_str()),
        "{dom}"
    );
    assert!(dom.contains("✔</span> May recruit</h2>"), "{dom}");
    // A licence's statement is no card's.
    let dom = run(&browser, true, &wait, &page(&licence)).await;
    assert_eq!(issued_line(&dom), None);
    let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("check-pages");
    std::fs::create_dir_all(&shots).unwrap();
    let shot = shots.join("card-en.png");
    run(
        &browser,
        false,
        &[&format!("--screenshot={}", shot.display())],
        &page(""),
    )
    .await;
    assert!(std::fs::metadata(&shot).map(|m| m.len()).unwrap_or_default() > 1000);
}

/// A worker's link to share a job order, from its page.
async fn share_link(app: &crate::helpers::TestApp, reference: &str) -> String {
    let html = app
        .get(&format!("/check/job-orders/{reference}?lang=en"))
        .await
        .text()
        .await
        .unwrap();
    let start = html.find("href=\"/check/share").expect("a share link") + "href=\"".len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end].replace("&#x2f;", "/").replace("&amp;", "&")
}

#[tokio::test]
async fn chromium_shows_a_shared_job_order_verified_and_nothing_of_a_tampered_link() {
    use agency_registry::domain::access::Role;
    let browser = chromium();
    let app = check_page::app().await;
    let token = app.token(Role::Ministry).await;
    let (reference, _) = crate::job_orders::offer(&app, &token).await;
    let link = share_link(&app, &reference).await;
    let wait = ["--virtual-time-budget=10000", "--dump-dom"];
    let dom = run(&browser, true, &wait, &format!("{}{link}", app.address)).await;
    let today = agency_registry::domain::registry_today(chrono::Utc::now()).to_string();
    assert!(
        dom.contains(&format!("Verified: signed by the registry on {today}.")),
        "{dom}"
    );
    for fact in [
        reference.as_str(),
        "Welder (KR)",
        "Hanil Construction",
        "2100000 KRW",
        "UZ-TK-0123",
    ] {
        assert!(dom.contains(fact), "{fact} in {dom}");
    }
    // The order's claims rewritten (a better wage, still well-formed JSON)
    // under the registry's signature: nothing verified, nothing shown, not
    // even the licence's statement beside it.
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let (page, fragment) = link.split_once('#').unwrap();
    let (order, licence) = fragment.split_once('~').unwrap();
    let mut parts: Vec<String> = order.split('.').map(str::to_owned).collect();
    let claims = String::from_utf8(URL_SAFE_NO_PAD.decode(&parts[1]).unwrap()).unwrap();
    assert!(claims.contains("2100000"), "{claims}");
    parts[1] = URL_SAFE_NO_PAD.encode(claims.replace("2100000", "9100000"));
    let tampered = format!("{}{page}#{}~{licence}", app.address, parts.join("."));
    let dom = run(&browser, true, &wait, &tampered).await;
    assert!(
        !dom.contains(&format!("Verified: signed by the registry on {today}.")),
        "{dom}"
    );
    assert!(!dom.contains("9100000") && !dom.contains("Welder (KR)"), "{dom}");
    assert!(dom.contains("Nothing here could be verified as the registry"), "{dom}");
}
