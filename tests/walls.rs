//! The walls between the layers, checked rather than promised: `domain/`
//! knows neither the web framework, nor the database, nor the runtime; `db/`
//! knows no HTTP and not the API's error type. (`routes/` knowing no diesel
//! joins them once every change goes through the use-case layer.)

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
fn the_wall_check_sees_what_it_forbids() {
    // A check that cannot fail is no check: it finds the web framework where it belongs.
    assert!(!offences("routes", &["actix_web"]).is_empty());
}
