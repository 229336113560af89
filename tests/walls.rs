//! The walls between the layers, checked rather than promised: `domain/`
//! knows neither the web framework, nor the database, nor the runtime; `db/`
//! knows no HTTP and not the API's error type; `usecases/` knows no HTTP;
//! `routes/` knows no diesel and opens no transaction, and its handlers stay
//! short: parse, call, answer.

#![allow(clippy::expect_used)]
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("source directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Lines of code under `src/<layer>` that name any of `forbidden` (comments skipped).
fn offences(layer: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(layer);
    let mut found = Vec::new();
    for file in rust_files(&root) {
        let text = std::fs::read_to_string(&file).expect("source file");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for name in forbidden {
                if code.contains(name) {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn the_domain_knows_no_framework_database_or_runtime() {
    let found = offences("domain", &["actix", "diesel", "tokio", "crate::db", "crate::routes"]);
    assert!(found.is_empty(), "domain/ must stay pure:\n{}", found.join("\n"));
}

#[test]
fn the_database_layer_knows_no_http() {
    let found = offences(
        "db",
        &["actix", "ApiError", "crate::error", "crate::routes", "HttpResponse"],
    );
    assert!(found.is_empty(), "db/ must not know HTTP:\n{}", found.join("\n"));
}

#[test]
fn the_use_cases_know_no_http() {
    let found = offences("usecases", &["actix", "HttpResponse", "HttpRequest", "crate::routes"]);
    assert!(found.is_empty(), "usecases/ must not know HTTP:\n{}", found.join("\n"));
}

#[test]
fn handlers_touch_no_database_layer_of_their_own() {
    let found = offences("routes", &["diesel", "transaction", "AuditEvent::append"]);
    assert!(
        found.is_empty(),
        "routes/ parse, call and answer; changes go through usecases/:\n{}",
        found.join("\n")
    );
}

/// Lines of each handler (the function after a route attribute), by file.
fn handler_lengths() -> Vec<(String, usize)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join("routes");
    let mut lengths = Vec::new();
    for file in rust_files(&root) {
        let text = std::fs::read_to_string(&file).expect("source file");
        let lines: Vec<&str> = text.lines().collect();
        let routes = ["#[get(", "#[post(", "#[put(", "#[patch(", "#[delete("];
        for (i, line) in lines.iter().enumerate() {
            if !routes.iter().any(|r| line.starts_with(r)) {
                continue;
            }
            let start = (i..lines.len()).find(|&j| lines[j].starts_with("pub async fn"));
            let end = start.and_then(|s| (s..lines.len()).find(|&j| lines[j] == "}"));
            if let (Some(start), Some(end)) = (start, end) {
                lengths.push((format!("{}:{}", file.display(), start + 1), end - start + 1));
            }
        }
    }
    lengths
}

#[test]
fn handlers_are_short() {
    let lengths = handler_lengths();
    assert!(lengths.len() >= 25, "every operation's handler is found: {lengths:?}");
    let long: Vec<_> = lengths.iter().filter(|(_, n)| *n > 40).collect();
    assert!(long.is_empty(), "handlers over 40 lines: {long:?}");
}

#[test]
fn the_wall_check_sees_what_it_forbids() {
    // A check that cannot fail is no check: it finds the web framework where it belongs.
    assert!(!offences("routes", &["actix_web"]).is_empty());
    assert!(!offences("usecases", &["transaction"]).is_empty());
    assert!(handler_lengths().iter().any(|(_, n)| *n > 10));
}
