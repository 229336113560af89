//! Search relevance, measured: the labelled searches of `tests/search/`
//! against a registry of 25 named agencies among 2,000 others that share
//! their common words ("Recruitment", "Group", "Xalqaro", "MChJ", ...).
//! Recall is the share of searches whose expected agency is in the first
//! three answers; the read model must reach 0.95 and do at least as well
//! as Postgres does on the same registry.

use agency_registry::config::Settings;
use agency_registry::domain::license_status::LicenseStatus;
use agency_registry::seed::{Batch, LicenseSpec};

use crate::helpers::{days_ago, days_ahead, TestApp};

fn rows(file: &str) -> Vec<Vec<String>> {
    let path = format!("{}/tests/search/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

/// The named agencies, and others whose names mix made-up words with the
/// common ones, in two regions, sending workers to Korea only.
fn registry() -> Batch {
    let mut batch = Batch::default();
    let split = |s: &str, sep| -> Vec<String> { s.split(sep).filter(|x| !x.is_empty()).map(str::to_owned).collect() };
    for row in rows("agencies.tsv") {
        let others = split(&row[1], ';');
        let others: Vec<&str> = others.iter().map(String::as_str).collect();
        let id = batch.agency(&row[0], &others, &row[2], &row[3], None, None, None, None);
        let (destinations, sectors) = (split(&row[5], ','), split(&row[6], ','));
        let destinations: Vec<&str> = destinations.iter().map(String::as_str).collect();
        let sectors: Vec<&str> = sectors.iter().map(String::as_str).collect();
        batch.license(
            LicenseSpec {
                agency_id: id,
                number: &row[4],
                status: LicenseStatus::Active,
                valid_from: days_ago(100),
                valid_until: days_ahead(300),
                destinations: &destinations,
                sectors: &sectors,
                status_reason: None,
            },
            &[],
        );
    }
    let syllables = [
        "ka", "ro", "mi", "zu", "te", "lo", "vi", "sa", "du", "ne", "pa", "ri", "bek", "nur",
    ];
    let common = [
        "MChJ",
        "Group",
        "Xalqaro",
        "Recruitment",
        "Servis",
        "Mehnat",
        "Invest",
        "Trans",
    ];
    for i in 0..2_000usize {
        let word: String = (0..3).map(|k| syllables[(i / 14usize.pow(k)) % 14]).collect();
        let word = format!("{}{}", word[..1].to_uppercase(), &word[1..]);
        let name = format!("{word} {} {}", common[i % 8], common[(i / 8 + 3) % 8]);
        let region = if i % 2 == 0 { "UZ-TK" } else { "UZ-TO" };
        let id = batch.agency(&name, &[], &format!("40{i:07}"), region, None, None, None, None);
        batch.license(
            LicenseSpec {
                agency_id: id,
                number: &format!("NS-{i:05}"),
                status: LicenseStatus::Active,
                valid_from: days_ago(100),
                valid_until: days_ahead(300),
                destinations: &["KR"],
                sectors: &["construction"],
                status_reason: None,
            },
            &[],
        );
    }
    batch
}

/// Recall at 3 of the labelled searches on the instance at `address`, and
/// the searches it missed.
async fn recall(app: &TestApp, address: &str) -> (f64, Vec<String>) {
    let queries = rows("queries.tsv");
    let mut missed = Vec::new();
    for q in &queries {
        let filters = if q[1].is_empty() {
            String::new()
        } else {
            format!("&{}", q[1])
        };
        let url = format!("{address}/v1/agencies?limit=3{filters}");
        let request = app.client.get(&url).query(&[("q", &q[0])]);
        let body: serde_json::Value = request.send().await.unwrap().json().await.unwrap();
        let names: Vec<&str> = body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["legal_name"].as_str().unwrap())
            .collect();
        if !names.contains(&q[2].as_str()) {
            missed.push(format!("{} [{}] ({}): {names:?}", q[0], q[1], q[3]));
        }
    }
    let found = queries.len() - missed.len();
    (found as f64 / queries.len() as f64, missed)
}

#[tokio::test]
async fn the_read_model_finds_the_expected_agency_at_least_as_well_as_postgres() {
    let app = TestApp::spawn().await;
    app.insert(registry()).await;
    assert!(rows("queries.tsv").len() >= 60);
    let postgres = app
        .another(Settings {
            read_model: false,
            ..Settings::defaults()
        })
        .await
        .address;
    let (model_recall, model_missed) = recall(&app, &app.address).await;
    let (db_recall, db_missed) = recall(&app, &postgres).await;
    println!("recall at 3: read model {model_recall:.3}, Postgres {db_recall:.3}");
    println!("read model missed: {model_missed:#?}");
    println!("Postgres missed: {db_missed:#?}");
    assert!(
        model_recall >= 0.95,
        "read model recall {model_recall:.3}: {model_missed:#?}"
    );
    assert!(model_recall >= db_recall, "{model_recall:.3} < {db_recall:.3}");
}
