//! The check page in a real browser: headless Chromium (Debian's package,
//! installed here when missing) renders each verdict in each language at a
//! phone's 360x740, and keeps a screenshot of each under
//! `target/check-pages/`.
//!
//! JavaScript: the page has no script, and its Content-Security-Policy
//! (`default-src 'none'`, no `script-src`) forbids any, so the browser runs
//! none; Chromium 156's `--blink-settings=scriptEnabled=false` would also
//! stop its own headless `--dump-dom` and `--screenshot`. Other hosts: the
//! same policy lets the page load nothing but its inline style and images
//! from itself, and the rendered DOM is checked for any reference to
//! another host.

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
async fn run(browser: &PathBuf, args: &[&str], url: &str) -> String {
    let profile = tempfile_dir();
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
            let dom = run(&browser, &["--dump-dom"], &url).await;
            assert!(
                dom.contains(&format!("{symbol}</span> {heading}</h2>")),
                "{number} {lang}: {dom}"
            );
            assert!(!dom.contains("<script"), "{number} {lang}");
            let others = ["src=\"http", "href=\"http", "action=\"http", "url(", "//"];
            let body = dom.split("<body>").nth(1).unwrap_or_default();
            for other in others {
                assert!(!body.contains(other), "{number} {lang} refers elsewhere: {other}");
            }
            let shot = shots.join(format!("{number}-{lang}.png"));
            run(&browser, &[&format!("--screenshot={}", shot.display())], &url).await;
            let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or_default();
            assert!(size > 1000, "{number} {lang}: no screenshot at {}", shot.display());
        }
    }
}
