use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use agency_registry::domain::license_status::LicenseStatus;
use agency_registry::seed::{Batch, LicenseSpec};

use crate::helpers::{agency_with_license, assert_problem, days_ago, days_ahead, TestApp};

fn names(body: &serde_json::Value) -> Vec<String> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["legal_name"].as_str().unwrap().to_owned())
        .collect()
}

/// A small registry: names in different scripts, regions, statuses.
async fn app_with_agencies() -> TestApp {
    let app = TestApp::spawn().await;
    let mut b = Batch::default();
    let valid = |n| (n, "active", days_ago(30), days_ahead(300));
    agency_with_license(
        &mut b,
        "Istiqbolli Avlod MChJ",
        &[],
        "301000001",
        "UZ-TK",
        valid("UZ-TK-0001"),
    );
    agency_with_license(
        &mut b,
        "Истиқболли Авлод МЧЖ",
        &[],
        "301000002",
        "UZ-SA",
        valid("UZ-SA-0002"),
    );
    agency_with_license(
        &mut b,
        "Yangi Ufq",
        &["Янги Уфқ"],
        "301000003",
        "UZ-FA",
        valid("UZ-FA-0003"),
    );
    agency_with_license(
        &mut b,
        "Oltin Qanot",
        &[],
        "301000004",
        "UZ-TK",
        ("UZ-TK-0004", "active", days_ago(400), days_ago(2)),
    );
    agency_with_license(
        &mut b,
        "Sharq Yulduzi",
        &[],
        "301000005",
        "UZ-BU",
        ("UZ-BU-0005", "suspended", days_ago(30), days_ahead(30)),
    );
    let care = b.agency("Mehribon Care", &[], "301000006", "UZ-XO", None, None, None, None);
    for (number, status, destinations, sectors) in [
        ("UZ-XO-0006", "active", &["DE"][..], &["care"][..]),
        ("UZ-XO-0007", "revoked", &["KR"][..], &["agriculture"][..]),
    ] {
        b.license(
            LicenseSpec {
                agency_id: care,
                number,
                status: LicenseStatus::parse(status).unwrap(),
                valid_from: days_ago(10),
                valid_until: days_ahead(10),
                destinations,
                sectors,
                status_reason: None,
            },
            &[],
        );
    }
    app.insert(b).await;
    app
}

#[tokio::test]
async fn latin_cyrillic_and_russian_spellings_find_each_other() {
    let app = app_with_agencies().await;
    let both = ["Istiqbolli Avlod MChJ", "Истиқболли Авлод МЧЖ"];
    for q in [
        "Istiqbolli%20Avlod",
        "%D0%98%D1%81%D1%82%D0%B8%D2%9B%D0%B1%D0%BE%D0%BB%D0%BB%D0%B8%20%D0%90%D0%B2%D0%BB%D0%BE%D0%B4",
        "%D0%98%D1%81%D1%82%D0%B8%D0%BA%D0%B1%D0%BE%D0%BB%D0%BB%D0%B8",
    ] {
        let (status, body) = app.get_json(&format!("/v1/agencies?q={q}")).await;
        assert_eq!(status, 200);
        let found: HashSet<_> = names(&body).into_iter().collect();
        for name in both {
            assert!(found.contains(name), "q={q} missed {name}: {found:?}");
        }
        assert!(!found.contains("Yangi Ufq"), "q={q}: {found:?}");
    }
    // Other names count too: the Cyrillic trade name of Yangi Ufq.
    let (_, body) = app
        .get_json("/v1/agencies?q=%D0%AF%D0%BD%D0%B3%D0%B8%20%D0%A3%D1%84%D2%9B")
        .await;
    assert_eq!(names(&body).first().map(String::as_str), Some("Yangi Ufq"));
}

#[tokio::test]
async fn small_typos_are_tolerated_and_best_match_comes_first() {
    let app = app_with_agencies().await;
    for q in [
        "Istikboli%20Avlod",
        "istiqbolli%20avlood",
        "Sharq%20Yulduz",
        "Oltin%20Kanot",
    ] {
        let (_, body) = app.get_json(&format!("/v1/agencies?q={q}")).await;
        assert!(!names(&body).is_empty(), "q={q} found nothing");
    }
    let (_, body) = app.get_json("/v1/agencies?q=Sharq%20Yuldzi").await;
    assert_eq!(names(&body)[0], "Sharq Yulduzi");
}

#[tokio::test]
async fn taxpayer_id_or_licence_number_in_q_finds_its_agency() {
    let app = app_with_agencies().await;
    let (_, body) = app.get_json("/v1/agencies?q=301000005").await;
    assert_eq!(names(&body), ["Sharq Yulduzi"]);
    let (_, body) = app.get_json("/v1/agencies?q=uz%20xo%200007").await;
    assert_eq!(names(&body), ["Mehribon Care"]);
}

#[tokio::test]
async fn filters_by_region_effective_status_destination_and_sector() {
    let app = app_with_agencies().await;
    let get = |query: &'static str| {
        let app = &app;
        async move {
            let (status, body) = app.get_json(&format!("/v1/agencies?{query}")).await;
            assert_eq!(status, 200, "{query}");
            let mut n = names(&body);
            n.sort();
            n
        }
    };
    assert_eq!(get("region=UZ-TK").await, ["Istiqbolli Avlod MChJ", "Oltin Qanot"]);
    // Oltin Qanot is stored active but lapsed: it counts as expired, not active.
    assert_eq!(get("license_status=expired").await, ["Oltin Qanot"]);
    assert!(!get("license_status=active").await.contains(&"Oltin Qanot".to_owned()));
    assert_eq!(get("license_status=suspended").await, ["Sharq Yulduzi"]);
    assert_eq!(get("destination=de").await, ["Mehribon Care"]);
    assert_eq!(get("sector=care").await, ["Mehribon Care"]);
    // Licence filters hold for one licence: the KR licence is revoked, not active.
    assert!(!get("destination=KR&license_status=active")
        .await
        .contains(&"Mehribon Care".to_owned()));
    assert_eq!(get("destination=KR&license_status=revoked").await, ["Mehribon Care"]);
    assert_eq!(get("region=UZ-TK&q=Oltin").await, ["Oltin Qanot"]);
    assert!(get("region=UZ-QR").await.is_empty());
}

#[tokio::test]
async fn find_agency_returns_all_its_licences() {
    let app = app_with_agencies().await;
    let (_, page) = app.get_json("/v1/agencies?q=Mehribon").await;
    let id = page["items"][0]["id"].as_str().unwrap().to_owned();
    let (status, body) = app.get_json(&format!("/v1/agencies/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(body["legal_name"], "Mehribon Care");
    assert_eq!(body["taxpayer_id"], "301000006");
    let numbers: HashSet<_> = body["licenses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["license_number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, HashSet::from(["UZ-XO-0006", "UZ-XO-0007"]));

    assert_problem(app.get(&format!("/v1/agencies/{}", uuid::Uuid::new_v4())).await, 404).await;
    assert_problem(app.get("/v1/agencies/not-a-uuid").await, 400).await;
}

/// Follows `next_cursor` to the end, inserting `during` new agencies after the first page.
async fn page_through(app: &TestApp, query: &str, limit: usize, during: usize) -> Vec<String> {
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    for page in 0.. {
        let path = match &cursor {
            Some(c) => format!("/v1/agencies?{query}&limit={limit}&cursor={c}"),
            None => format!("/v1/agencies?{query}&limit={limit}"),
        };
        let (status, body) = app.get_json(&path).await;
        assert_eq!(status, 200, "{path}: {body}");
        let ids = body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_owned());
        seen.extend(ids);
        if page == 0 && during > 0 {
            static ADDED: AtomicUsize = AtomicUsize::new(0);
            let mut b = Batch::default();
            for i in 0..during {
                let n = ADDED.fetch_add(1, Ordering::Relaxed);
                b.agency(
                    &format!("Paging Agency {i:03} New"),
                    &[],
                    &format!("4{n:08}"),
                    "UZ-NG",
                    None,
                    None,
                    None,
                    None,
                );
            }
            app.insert(b).await;
        }
        match body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
        assert!(page < 1000, "paging does not end");
    }
    seen
}

async fn app_with_many(count: usize) -> (TestApp, HashSet<String>) {
    let app = TestApp::spawn().await;
    let mut b = Batch::default();
    let ids = (0..count)
        .map(|i| {
            // Repeated names make the id the tie-breaker.
            b.agency(
                &format!("Paging Agency {:03}", i % 10),
                &[],
                &format!("30{i:07}"),
                "UZ-NG",
                None,
                None,
                None,
                None,
            )
            .to_string()
        })
        .collect();
    app.insert(b).await;
    (app, ids)
}

/// Asserts that paging saw each row once and exactly the `expected` rows.
fn assert_exactly_once(seen: &[String], expected: &HashSet<String>, what: &str) {
    let unique: HashSet<_> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "{what}: duplicates");
    assert_eq!(&unique, expected, "{what}: missing or extra rows");
}

#[tokio::test]
async fn paging_returns_every_row_exactly_once() {
    let (app, ids) = app_with_many(45).await;
    for (query, limit) in [("region=UZ-NG", 7), ("q=paging%20agency", 4), ("q=Pagin", 100)] {
        let seen = page_through(&app, query, limit, 0).await;
        assert_exactly_once(&seen, &ids, query);
    }
}

#[tokio::test]
async fn paging_while_agencies_are_added_neither_repeats_nor_skips() {
    let (app, ids) = app_with_many(30).await;
    for query in ["region=UZ-NG", "q=paging%20agency"] {
        let seen = page_through(&app, query, 6, 5).await;
        let unique: HashSet<_> = seen.iter().cloned().collect();
        assert_eq!(unique.len(), seen.len(), "{query}: duplicates");
        assert!(
            ids.is_subset(&unique),
            "{query}: rows present from the start were skipped"
        );
    }
}

#[tokio::test]
async fn odd_search_input_never_fails_the_server() {
    let app = app_with_agencies().await;
    for q in [
        "%25",
        "_",
        "%25_%25",
        "%27%3B%20DROP%20TABLE%20agencies%3B--",
        "%5C",
        "%E2%80%AE",
        "%F0%9F%98%80",
        "a",
        "%20%20",
    ] {
        let (status, _) = app.get_json(&format!("/v1/agencies?q={q}")).await;
        assert_eq!(status, 200, "q={q}");
    }
    let (_, body) = app.get_json("/v1/agencies?q=%25").await;
    assert!(names(&body).is_empty(), "% must not match everything");
    assert_problem(app.get(&format!("/v1/agencies?q={}", "x".repeat(10_000))).await, 400).await;
    assert_problem(app.get("/v1/agencies?q=a%00b").await, 400).await;
}

#[tokio::test]
async fn malformed_parameters_are_400_problems() {
    let app = app_with_agencies().await;
    for query in [
        "limit=0",
        "limit=101",
        "limit=-1",
        "limit=99999999999999999999999",
        "limit=ten",
        "region=UZ-ZZ",
        "license_status=valid",
        "destination=KOR",
        "destination=1",
        "sector=mining2",
        "cursor=not-a-cursor",
        "unknown=1",
    ] {
        assert_problem(app.get(&format!("/v1/agencies?{query}")).await, 400).await;
    }
}

#[tokio::test]
async fn a_common_word_matching_over_a_thousand_agencies_pages_completely() {
    // More matches than the selective (GIN) search takes: answered nearest-first from GiST.
    let app = TestApp::spawn().await;
    let mut b = Batch::default();
    let ids: HashSet<String> = (0..1_050)
        .map(|i| {
            b.agency(
                &format!("Umumiy Bandlik {}", i % 40),
                &[],
                &format!("5{i:08}"),
                "UZ-JI",
                None,
                None,
                None,
                None,
            )
            .to_string()
        })
        .collect();
    app.insert(b).await;
    let (_, first) = app.get_json("/v1/agencies?q=umumiy%20bandlik%207&limit=5").await;
    assert_eq!(names(&first)[0], "Umumiy Bandlik 7", "best match first");
    let seen = page_through(&app, "q=umumiy%20bandlik", 100, 0).await;
    assert_exactly_once(&seen, &ids, "common word");
}
