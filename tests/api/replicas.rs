//! A read replica for real: a private primary cluster and its streaming
//! replica (`pg_basebackup -R`) in a temporary directory, the service on
//! both. The replica serves the reads it should, sees a write within a
//! second, and while it is stopped or held behind, reads go to the primary
//! and stay right; it is taken back once healthy.

use std::path::PathBuf;
use std::time::Duration;

use agency_registry::auth::kek::Kek;
use agency_registry::auth::keys::KeyStore;
use agency_registry::config::Settings;
use agency_registry::db::pool::{build_pool, PoolSettings};
use agency_registry::domain::access::Role;
use agency_registry::local_postgres::LocalPostgres;
use agency_registry::seed::Batch;
use serde_json::{json, Value};

use crate::helpers::{
    agency_with_license, client_token, days_ago, days_ahead, eventually, load, ready, start, RUNTIME_ROLE,
};

/// The clusters of one test, stopped and removed when it ends.
struct Clusters {
    root: PathBuf,
    primary: LocalPostgres,
    replica: LocalPostgres,
}

impl Drop for Clusters {
    fn drop(&mut self) {
        let _ = self.replica.stop();
        let _ = self.primary.stop();
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// How long anything the test waits for may take (a loaded CI machine).
const LIMIT: Duration = Duration::from_secs(15);

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn sql(url: &str, statement: &str) -> Vec<tokio_postgres::Row> {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(connection);
    client.query(statement, &[]).await.unwrap()
}

/// Scans of the registry's tables on `url`'s server, by its own statistics.
async fn scans(url: &str) -> i64 {
    sql(
        url,
        "SELECT (coalesce(sum(seq_scan), 0) + coalesce(sum(idx_scan), 0))::bigint FROM pg_stat_user_tables \
         WHERE relname IN ('agencies', 'licenses', 'changes')",
    )
    .await[0]
        .get(0)
}

#[tokio::test]
async fn a_replica_serves_the_reads_that_need_no_fresh_write_and_is_skipped_while_down_or_behind() {
    if !LocalPostgres::available() {
        eprintln!("SKIPPED: no PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) on this machine");
        return;
    }
    let root = std::env::temp_dir().join(format!("agency-registry-replica-{}", uuid::Uuid::new_v4().simple()));
    let primary = LocalPostgres::start_with(&root.join("primary"), free_port(), "-c fsync=off").unwrap();
    let owner = primary.url("postgres", "postgres");
    sql(&owner, "CREATE DATABASE registry").await;
    let owner = primary.url("postgres", "registry");
    agency_registry::db::migrations::run_pending(&owner).await.unwrap();
    {
        use diesel_async::AsyncConnection;
        let mut conn = diesel_async::AsyncPgConnection::establish(&owner).await.unwrap();
        agency_registry::db::roles::ensure_runtime_login(&mut conn, RUNTIME_ROLE)
            .await
            .unwrap();
    }
    let replica = primary.replicate(&root.join("replica"), free_port()).unwrap();
    let clusters = Clusters { root, primary, replica };
    let replica_owner = clusters.replica.url("postgres", "registry");

    // The service on both, as `serve` sets it up with DATABASE_READ_URL.
    let pool = build_pool(
        &clusters.primary.url(RUNTIME_ROLE, "registry"),
        &PoolSettings::default(),
    )
    .unwrap();
    let replica_url = clusters.replica.url(RUNTIME_ROLE, "registry");
    let kek_file = clusters.root.join("kek");
    let keys = {
        let kek = Kek::create_file(&kek_file).unwrap();
        {
            use diesel_async::AsyncConnection;
            let mut owner = diesel_async::AsyncPgConnection::establish(&clusters.primary.url("postgres", "registry"))
                .await
                .unwrap();
            agency_registry::auth::keys::prepare(&mut owner, None, Some(&kek))
                .await
                .unwrap();
        }
        let mut conn = pool.get().await.unwrap();
        KeyStore::load(&mut conn, None, Some(kek)).await.unwrap()
    };
    let mut batch = Batch::default();
    agency_with_license(
        &mut batch,
        "Istiqbol Recruitment MChJ",
        &[],
        "301234567",
        "UZ-TK",
        ("UZ-TK-0123", "active", days_ago(100), days_ahead(300)),
    );
    load(&pool, &batch).await;
    // Wait for the replica to hold the data before the service starts, so its
    // read model is built from it.
    eventually("the replica holds the data", LIMIT, || async {
        sql(&replica_owner, "SELECT count(*) FROM agencies").await[0].get::<_, i64>(0) == 1
    })
    .await;
    let owner_url = clusters.primary.url("postgres", "registry");
    let ministry_token = client_token(&owner_url, &keys, Role::Auditor, None).await;
    let client = reqwest::Client::new();
    let health = |address: String| {
        let client = client.clone();
        async move {
            let body: Value = client
                .get(format!("{address}/health/ready"))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap_or(Value::Null);
            body["read_replicas"][0]["state"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        }
    };
    let before_start = scans(&replica_owner).await;
    let instance = start(Settings {
        database: agency_registry::config::DatabaseArgs {
            database_url: Some(clusters.primary.url(RUNTIME_ROLE, "registry")),
            migration_database_url: Some(owner_url.clone()),
        },
        kek: agency_registry::config::KekArgs {
            key_encryption_key_file: Some(kek_file.clone()),
        },
        database_read_url: vec![replica_url.clone()],
        read_replica_max_lag_secs: 1,
        // The test polls readiness far more often than any orchestrator.
        rate_limit_health_per_min: 1_000_000,
        ..Settings::defaults()
    })
    .await;
    let address = instance.address.clone();
    eventually("the replica is healthy", LIMIT, || async {
        health(address.clone()).await == "healthy"
    })
    .await;
    ready(&client, &address).await;
    // The replica's name (host, port, database) is for authenticated callers only.
    let public: Value = client
        .get(format!("{address}/health/ready"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(public["read_replicas"][0].get("name").is_none(), "{public}");
    let named: Value = client
        .get(format!("{address}/health/ready"))
        .bearer_auth(&ministry_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        named["read_replicas"][0]["name"],
        agency_registry::db::replicas::name_of(&replica_url),
        "{named}"
    );

    // The replica serves the reads it should: its connections are the
    // reader's, and its own statistics count the snapshot and the feed's
    // history (a statement is made from what the check reads: the model).
    let readers: i64 = sql(
        &replica_owner,
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'agency-registry-reader'",
    )
    .await[0]
        .get(0);
    assert!(readers > 0, "the service reads from the replica");
    let get = |path: &str| {
        let url = format!("{address}{path}");
        let client = client.clone();
        async move {
            let response = client.get(url).send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    // The read model was built from the replica (statistics are published
    // by the server a moment later).
    eventually("the read model built from the replica", LIMIT, || async {
        scans(&replica_owner).await > before_start
    })
    .await;
    for path in ["/v1/registry/snapshot", "/v1/changes?after=0"] {
        let before = scans(&replica_owner).await;
        assert_eq!(get(path).await.0, 200, "{path}");
        // Statistics are published by the server a moment later.
        eventually(&format!("{path} read from the replica"), LIMIT, || async {
            scans(&replica_owner).await > before
        })
        .await;
    }

    // A write through the service is on the replica within a second.
    let ministry = client_token(&owner_url, &keys, Role::Ministry, None).await;
    let register = |name: &'static str, taxpayer_id: &'static str| {
        let client = client.clone();
        let url = format!("{address}/v1/agencies");
        let token = ministry.clone();
        async move {
            let response = client
                .post(url)
                .bearer_auth(token)
                .json(&json!({"legal_name": name, "taxpayer_id": taxpayer_id, "region": "UZ-SA"}))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
        }
    };
    register("Yangi Ufq MChJ", "305555555").await;
    let seen = eventually("the write on the replica", LIMIT, || async {
        sql(
            &replica_owner,
            "SELECT count(*) FROM agencies WHERE taxpayer_id = '305555555'",
        )
        .await[0]
            .get::<_, i64>(0)
            == 1
    })
    .await;
    assert!(
        seen < Duration::from_secs(1),
        "the replica saw the write after {seen:?}"
    );

    // Stopped: reads go to the primary at once and stay right; the health
    // check says so.
    clusters.replica.stop().unwrap();
    register("Sharq Yulduzi MChJ", "306666666").await;
    for path in [
        "/v1/licenses/UZ-TK-0123/statement",
        "/v1/changes?after=0",
        "/v1/registry/snapshot",
    ] {
        assert_eq!(get(path).await.0, 200, "{path} while the replica is down");
    }
    let (_, changes) = get("/v1/changes?after=0").await;
    assert!(
        changes.contains("Sharq Yulduzi"),
        "the feed is whole while the replica is down"
    );
    eventually("the replica reported down", LIMIT, || async {
        health(address.clone()).await == "down"
    })
    .await;

    // Back: taken again once it has caught up.
    clusters.replica.run().unwrap();
    eventually("the replica healthy again", LIMIT, || async {
        health(address.clone()).await == "healthy"
    })
    .await;
    let before = scans(&replica_owner).await;
    assert_eq!(get("/v1/registry/snapshot").await.0, 200);
    eventually("the snapshot read from the replica again", LIMIT, || async {
        scans(&replica_owner).await > before
    })
    .await;

    // Held behind (replay paused): skipped once it lags more than allowed,
    // while the answers stay right from the primary.
    sql(&replica_owner, "SELECT pg_wal_replay_pause()").await;
    register("Kumush Qanot MChJ", "307777777").await;
    eventually("the replica reported lagging", LIMIT, || async {
        health(address.clone()).await == "lagging"
    })
    .await;
    let (_, changes) = get("/v1/changes?after=0").await;
    assert!(
        changes.contains("Kumush Qanot"),
        "the feed is whole while the replica lags"
    );
    let head = serde_json::from_str::<Value>(&changes).unwrap()["next_after"]
        .as_i64()
        .unwrap();
    let (_, snapshot) = get("/v1/registry/snapshot").await;
    let stated: Value = serde_json::from_str(snapshot.lines().next().unwrap()).unwrap();
    assert_eq!(stated["seq"], head, "the snapshot is current while the replica lags");
    sql(&replica_owner, "SELECT pg_wal_replay_resume()").await;
    eventually("the replica healthy after catching up", LIMIT, || async {
        health(address.clone()).await == "healthy"
    })
    .await;
}
