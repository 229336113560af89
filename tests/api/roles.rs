//! The schema's owner need not be able to create roles (it cannot on most
//! managed PostgreSQL services): an administrator creates the runtime group
//! once, and the migrations only grant it what the service needs.

use agency_registry::local_postgres::LocalPostgres;

async fn sql(url: &str, statement: &str) {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(connection);
    client.batch_execute(statement).await.unwrap();
}

#[tokio::test]
async fn an_owner_without_createrole_migrates_once_the_runtime_role_exists() {
    if !LocalPostgres::available() {
        eprintln!("SKIPPED: no PostgreSQL server binaries (initdb, pg_ctl) on this machine");
        return;
    }
    let root = std::env::temp_dir().join(format!("agency-registry-roles-{}", uuid::Uuid::new_v4().simple()));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let cluster = LocalPostgres::start_with(&root.join("data"), port, "-c fsync=off").unwrap();
    let admin = cluster.url("postgres", "postgres");
    sql(&admin, "CREATE ROLE registry_owner LOGIN NOCREATEROLE NOSUPERUSER").await;
    sql(&admin, "CREATE DATABASE registry OWNER registry_owner").await;
    let owner = cluster.url("registry_owner", "registry");
    let refused = agency_registry::db::migrations::run_pending(&owner).await;
    let message = format!("{:#}", refused.unwrap_err());
    assert!(
        message.contains("CREATE ROLE agency_registry_runtime NOLOGIN"),
        "the error says what to create: {message}"
    );
    sql(&admin, "CREATE ROLE agency_registry_runtime NOLOGIN").await;
    let applied = agency_registry::db::migrations::run_pending(&owner).await.unwrap();
    assert!(applied > 0);
    let _ = cluster.stop();
    let _ = std::fs::remove_dir_all(&root);
}
