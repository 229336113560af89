//! Test harness: per-test databases cloned from a migrated template, and the
//! app served on a free port.

use std::time::{Duration, Instant};

use agency_registry::auth::kek::Kek;
use agency_registry::auth::keys::KeyStore;
use agency_registry::auth::{jwt, secret};
use agency_registry::config::Settings;
use agency_registry::db::models::{ApiClient, NewApiClient};
use agency_registry::db::pool::{build_pool, PoolSettings};
use agency_registry::db::DbPool;
use agency_registry::domain::access::Role;
use agency_registry::domain::license_status::LicenseStatus;
use agency_registry::domain::registry_today;
use agency_registry::seed::{Batch, LicenseSpec};
use agency_registry::startup::Application;
use chrono::{Days, NaiveDate, Utc};
use tokio::sync::OnceCell;
use uuid::Uuid;

/// Server to create test databases on; `TEST_DATABASE_URL` overrides it.
fn admin_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn url_for(database: &str) -> String {
    let admin = admin_url();
    let (base, _) = admin.rsplit_once('/').expect("TEST_DATABASE_URL ends in /DATABASE");
    format!("{base}/{database}")
}

/// The login role the app runs as in tests, like in production: a member of
/// `agency_registry_runtime`, not the owner.
pub const RUNTIME_ROLE: &str = "agency_registry_test_app";

/// `url` with the user replaced by the runtime role (trust auth, no password).
fn runtime_url_for(database: &str) -> String {
    let url = url_for(database);
    let (scheme, rest) = url.split_once("://").expect("TEST_DATABASE_URL is a URL");
    let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    format!("{scheme}://{RUNTIME_ROLE}@{host}")
}

async fn admin_client() -> tokio_postgres::Client {
    let (client, connection) = tokio_postgres::connect(&admin_url(), tokio_postgres::NoTls)
        .await
        .expect("cannot reach the test PostgreSQL server (set TEST_DATABASE_URL)");
    tokio::spawn(connection);
    client
}

/// The template's name changes with the migrations, so a changed schema gets
/// a fresh template.
fn template_name() -> String {
    use std::hash::{Hash, Hasher};
    let mut files: Vec<_> = walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations"));
    files.sort();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for f in files {
        f.hash(&mut hasher);
        std::fs::read(&f).expect("read migration").hash(&mut hasher);
    }
    format!("agency_registry_template_{:016x}", hasher.finish())
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .expect("migrations dir")
        .flat_map(|e| {
            let path = e.expect("dir entry").path();
            if path.is_dir() {
                walk(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}

static TEMPLATE: OnceCell<String> = OnceCell::const_new();

/// Creates the migrated template once; an advisory lock keeps concurrent test
/// processes from racing.
async fn template() -> &'static str {
    TEMPLATE
        .get_or_init(|| async {
            let name = template_name();
            let client = admin_client().await;
            client.execute("SELECT pg_advisory_lock(727274)", &[]).await.unwrap();
            let exists = client
                .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&name])
                .await
                .unwrap()
                .is_some();
            if !exists {
                let building = format!("{name}_building");
                for sql in [
                    format!("DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)"),
                    format!("CREATE DATABASE \"{building}\""),
                ] {
                    client.batch_execute(&sql).await.unwrap();
                }
                agency_registry::db::migrations::run_pending(&url_for(&building))
                    .await
                    .expect("migrations apply to an empty database");
                {
                    let mut owner = <diesel_async::AsyncPgConnection as diesel_async::AsyncConnection>::establish(
                        &url_for(&building),
                    )
                    .await
                    .unwrap();
                    agency_registry::db::roles::ensure_runtime_login(&mut owner, RUNTIME_ROLE)
                        .await
                        .unwrap();
                }
                client
                    .batch_execute(&format!("ALTER DATABASE \"{building}\" RENAME TO \"{name}\""))
                    .await
                    .unwrap();
            }
            client.execute("SELECT pg_advisory_unlock(727274)", &[]).await.unwrap();
            name
        })
        .await
}

/// A database that exists for one test and is dropped after it.
pub struct TestDatabase {
    pub name: String,
    /// As the owner (migrations, looking behind the service's back).
    pub url: String,
    /// As the runtime role the service connects as.
    pub runtime_url: String,
}

impl TestDatabase {
    pub async fn create() -> Self {
        let template = template().await;
        let name = format!("agency_registry_test_{}", Uuid::new_v4().simple());
        admin_client()
            .await
            .batch_execute(&format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""))
            .await
            .expect("create test database");
        let url = url_for(&name);
        let runtime_url = runtime_url_for(&name);
        Self { name, url, runtime_url }
    }

    /// Rewrites rows behind the API's back, as the calendar would (a
    /// validity over). The database refuses to commit a change to an agency
    /// or a licence without its feed entry; this session turns that check
    /// off (`session_replication_role`), as only a superuser can.
    pub async fn behind_the_feed(&self, sql: &str) {
        self.client()
            .await
            .batch_execute(&format!("SET session_replication_role = replica; {sql}"))
            .await
            .unwrap();
    }

    /// Rewrites rows behind the API's back like [`Self::behind_the_feed`],
    /// then appends a feed entry for every agency, so that the instances'
    /// read models read them again (a test's shortcut to a state the API
    /// would take many steps to reach).
    pub async fn rewrite(&self, sql: &str) {
        self.behind_the_feed(&format!(
            "{sql}; INSERT INTO changes (seq, type, subject, agency_id, body) \
             SELECT (SELECT coalesce(max(seq), 0) FROM changes) + row_number() OVER (ORDER BY id), \
                    'agency.updated', id::text, id, '{{}}' FROM agencies"
        ))
        .await;
    }

    /// A diesel connection as the schema's owner (who alone writes keys and clients).
    pub async fn owner(&self) -> diesel_async::AsyncPgConnection {
        <diesel_async::AsyncPgConnection as diesel_async::AsyncConnection>::establish(&self.url)
            .await
            .unwrap()
    }

    /// A plain connection for setup and for looking behind the API's back.
    pub async fn client(&self) -> tokio_postgres::Client {
        connect(&self.url).await
    }

    /// A plain connection as the runtime role the service runs as.
    pub async fn runtime_client(&self) -> tokio_postgres::Client {
        connect(&self.runtime_url).await
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(std::env::temp_dir().join(format!("{}.kek", self.name)));
        let name = self.name.clone();
        // Drop runs outside async context: use a thread with its own runtime.
        let dropped = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                admin_client()
                    .await
                    .batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("could not drop test database {}", self.name);
        }
    }
}

/// The app, served on a free port, with its own database.
pub struct TestApp {
    pub address: String,
    /// The metrics listener, when the options asked for one.
    pub metrics_address: Option<String>,
    pub client: reqwest::Client,
    pub pool: DbPool,
    pub keys: KeyStore,
    pub db: TestDatabase,
    /// The key-encryption key file of this app (sealed signing keys).
    pub kek_file: std::path::PathBuf,
    /// The running service.
    pub instance: Instance,
}

/// A running instance of the service, started as `serve` starts it.
pub struct Instance {
    pub address: String,
    /// The metrics listener, when the settings asked for one.
    pub metrics_address: Option<String>,
    pub keys: KeyStore,
    pub tasks: agency_registry::tasks::Tasks,
    /// Cancelling it stops the instance as SIGTERM would.
    pub stop: tokio_util::sync::CancellationToken,
    /// Ends when the instance has stopped.
    pub stopped: tokio::task::JoinHandle<anyhow::Result<()>>,
}

/// `settings` on `db` (the runtime role, the owner for migrations) with
/// the key-encryption key in `kek_file`, on a free port, one worker, and
/// the public address a test's QR codes point at, unless set otherwise.
pub fn for_database(db: &TestDatabase, kek_file: &std::path::Path, settings: Settings) -> Settings {
    Settings {
        database: database_args(db),
        kek: kek_args(kek_file),
        ..settings
    }
}

/// The database settings of `db`: the runtime role, and the owner for migrations.
fn database_args(db: &TestDatabase) -> agency_registry::config::DatabaseArgs {
    agency_registry::config::DatabaseArgs {
        database_url: Some(db.runtime_url.clone()),
        migration_database_url: Some(db.url.clone()),
    }
}

/// The key-encryption key setting naming `kek_file`.
fn kek_args(kek_file: &std::path::Path) -> agency_registry::config::KekArgs {
    agency_registry::config::KekArgs {
        key_encryption_key_file: Some(kek_file.to_owned()),
    }
}

/// Starts the service with `settings` as the binary does (on a free port
/// with one worker unless asked otherwise) and serves it in the background.
pub async fn start(settings: Settings) -> Instance {
    let defaults = Settings::defaults();
    let settings = Settings {
        listen_addr: if settings.listen_addr == defaults.listen_addr {
            "127.0.0.1:0".parse().unwrap()
        } else {
            settings.listen_addr
        },
        workers: settings.workers.or(Some(1)),
        public_base_url: settings
            .public_base_url
            .or_else(|| Some("https://registry.example.uz".into())),
        ..settings
    };
    let app = Application::build(settings).await.unwrap();
    let address = format!("http://127.0.0.1:{}", app.port());
    let metrics_address = app.metrics_port().map(|port| format!("http://127.0.0.1:{port}"));
    let (keys, tasks, stop) = (app.keys(), app.tasks(), app.stop_token());
    let stopped = tokio::spawn(app.run_until_stopped());
    Instance {
        address,
        metrics_address,
        keys,
        tasks,
        stop,
        stopped,
    }
}

/// Everything the service logged in this test process (JSON lines).
static LOGS: std::sync::OnceLock<std::sync::Arc<std::sync::Mutex<Vec<u8>>>> = std::sync::OnceLock::new();

#[derive(Clone)]
struct Capture(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn capture_logs() {
    LOGS.get_or_init(|| {
        let buffer = std::sync::Arc::default();
        let capture = Capture(std::sync::Arc::clone(&buffer));
        // Debug for everything, as an operator chasing a fault would set it:
        // what must never be logged must stay out even then.
        agency_registry::telemetry::init_with(
            agency_registry::config::LogFormat::Json,
            tracing_subscriber::EnvFilter::new("debug"),
            false,
            move || capture.clone(),
        );
        buffer
    });
}

/// The logs captured so far.
pub fn captured_logs() -> String {
    capture_logs();
    let buffer = LOGS.get().unwrap().lock().unwrap();
    String::from_utf8_lossy(&buffer).into_owned()
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(Settings::defaults()).await
    }

    /// The service as `serve` builds it, with `settings` (database, key and
    /// listen address filled in for this test), on a database of its own.
    pub async fn spawn_with(settings: Settings) -> Self {
        capture_logs();
        let db = TestDatabase::create().await;
        let kek_file = std::env::temp_dir().join(format!("{}.kek", db.name));
        Kek::create_file(&kek_file).unwrap();
        let settings = for_database(&db, &kek_file, settings);
        let instance = start(settings).await;
        let pool = build_pool(&db.runtime_url, &PoolSettings::default()).unwrap();
        let app = Self {
            address: instance.address.clone(),
            metrics_address: instance.metrics_address.clone(),
            client: reqwest::Client::new(),
            pool,
            keys: instance.keys.clone(),
            db,
            kek_file,
            instance,
        };
        app.settle().await;
        app
    }

    /// Another instance on this app's database, with its own process
    /// state (read model, limits, key store loaded from the database), as
    /// a second server would have; once it is ready.
    pub async fn another(&self, settings: Settings) -> Instance {
        let instance = start(for_database(&self.db, &self.kek_file, settings)).await;
        ready(&self.client, &instance.address).await;
        instance
    }

    /// Waits until the instance answers from a read model that has applied
    /// every change committed so far (at once without a read model).
    pub async fn settle(&self) {
        let head = {
            let row = self
                .db
                .client()
                .await
                .query_one("SELECT coalesce(max(seq), 0) FROM changes", &[])
                .await
                .unwrap();
            row.get::<_, i64>(0)
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let mut pause = std::time::Duration::from_millis(5);
        loop {
            let response = self.client.get(format!("{}/health/ready", self.address)).send().await;
            if let Ok(response) = response {
                let status = response.status();
                let body: serde_json::Value = response.json().await.unwrap_or_default();
                let model = &body["read_model"];
                let current =
                    model.is_null() || (model["state"] == "current" && model["position"].as_i64() >= Some(head));
                if status == 200 && current {
                    return;
                }
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the instance did not settle at {head}"
            );
            // Backing off: readiness probes are rate-limited like anything else.
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(std::time::Duration::from_millis(100));
        }
    }

    /// Rewrites rows behind the API's back (see [`TestDatabase::rewrite`])
    /// and waits for the instance to read them.
    pub async fn rewrite(&self, sql: &str) {
        self.db.rewrite(sql).await;
        self.settle().await;
    }

    /// The database settings of the command line: the runtime role, and the owner for migrations.
    pub fn database_args(&self) -> agency_registry::config::DatabaseArgs {
        database_args(&self.db)
    }

    /// The key-encryption key setting of the command line.
    pub fn kek_args(&self) -> agency_registry::config::KekArgs {
        kek_args(&self.kek_file)
    }

    /// Registers a client with a real secret; returns its id and secret.
    pub async fn register_client(&self, role: Role, organization: Option<&str>) -> (String, String) {
        let secret = secret::generate();
        let row = NewApiClient {
            client_id: secret::generate_client_id(),
            name: format!("test {}", role.as_str()),
            role,
            organization: organization.map(str::to_owned),
            secret_hash: secret::hash(&secret),
        };
        ApiClient::insert(&mut self.db.owner().await, &row).await.unwrap();
        (row.client_id, secret)
    }

    /// A valid access token of a new client with `role`, signed directly
    /// (the token endpoint has tests of its own).
    pub async fn token(&self, role: Role) -> String {
        self.token_of(role, (role == Role::Ngo).then_some("Test NGO")).await
    }

    /// A valid access token of a new client with `role` in `organization`.
    pub async fn token_of(&self, role: Role, organization: Option<&str>) -> String {
        client_token(&self.db.url, &self.keys, role, organization).await
    }

    /// A request to `path`, to be told who sends it and what (see [`Call`]).
    pub fn call(&self, method: reqwest::Method, path: &str) -> Call {
        Call(self.client.request(method, format!("{}{}", self.address, path)))
    }

    pub fn post(&self, path: &str) -> Call {
        self.call(reqwest::Method::POST, path)
    }

    pub fn patch(&self, path: &str) -> Call {
        self.call(reqwest::Method::PATCH, path)
    }

    /// Logs a new client with `role` in through the real token endpoint;
    /// returns its access token.
    pub async fn log_in(&self, role: Role) -> String {
        self.log_in_at(&self.address, role).await.0
    }

    /// Like [`TestApp::log_in`], through the token endpoint of the instance
    /// at `address`; the token and the client's id.
    pub async fn log_in_at(&self, address: &str, role: Role) -> (String, String) {
        let (client_id, secret) = self
            .register_client(role, (role == Role::Ngo).then_some("Test NGO"))
            .await;
        let answer: serde_json::Value = self
            .client
            .post(format!("{address}/v1/auth/token"))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", &client_id),
                ("client_secret", &secret),
            ])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        (answer["access_token"].as_str().expect("a token").to_owned(), client_id)
    }

    /// The ETag of a GET.
    pub async fn etag(&self, path: &str) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.headers()["etag"].to_str().unwrap().to_owned()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{}", self.address, path))
            .send()
            .await
            .unwrap()
    }

    /// GETs `path` and returns status and JSON body.
    pub async fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(serde_json::Value::Null))
    }

    /// GETs `path` as the holder of `token`; returns the JSON body.
    pub async fn read_as(&self, path: &str, token: &str) -> serde_json::Value {
        self.call(reqwest::Method::GET, path)
            .as_(token)
            .send()
            .await
            .json()
            .await
            .unwrap()
    }

    /// The scrape of the instance's metrics listener.
    pub async fn scrape(&self) -> String {
        let address = self.metrics_address.as_ref().expect("a metrics listener");
        let response = self.client.get(format!("{address}/metrics")).send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain"));
        response.text().await.unwrap()
    }

    pub async fn insert(&self, batch: Batch) {
        load(&self.pool, &batch).await;
        self.settle().await;
    }
}

/// A request being built: `app.post(path).as_(&token).json(body).if_match(&tag).send().await`.
pub struct Call(reqwest::RequestBuilder);

impl Call {
    /// Sent by the holder of `token`.
    pub fn as_(self, token: &str) -> Self {
        Self(self.0.bearer_auth(token))
    }

    /// With a JSON body.
    pub fn json(self, body: serde_json::Value) -> Self {
        Self(self.0.json(&body))
    }

    /// With a JSON body, if any.
    pub fn json_maybe(self, body: Option<serde_json::Value>) -> Self {
        match body {
            Some(body) => self.json(body),
            None => self,
        }
    }

    /// With a form-encoded body.
    pub fn form(self, fields: &[(&str, &str)]) -> Self {
        Self(self.0.form(fields))
    }

    /// With this body as it is (for bodies that are not JSON).
    pub fn body(self, body: &'static str) -> Self {
        Self(self.0.body(body))
    }

    /// With a header.
    pub fn header(self, name: &str, value: &str) -> Self {
        Self(self.0.header(name, value))
    }

    /// Changing the version with this ETag.
    pub fn if_match(self, tag: &str) -> Self {
        Self(self.0.header("If-Match", tag))
    }

    pub async fn send(self) -> reqwest::Response {
        self.0.send().await.unwrap()
    }
}

/// A valid access token of a new client with `role` in `organization`,
/// registered as the schema's owner at `owner_url` and signed directly (the
/// token endpoint has tests of its own).
pub async fn client_token(owner_url: &str, keys: &KeyStore, role: Role, organization: Option<&str>) -> String {
    let row = NewApiClient {
        client_id: secret::generate_client_id(),
        name: format!("test {}", role.as_str()),
        role,
        organization: organization.map(str::to_owned),
        secret_hash: secret::hash(&secret::generate()),
    };
    let mut owner = <diesel_async::AsyncPgConnection as diesel_async::AsyncConnection>::establish(owner_url)
        .await
        .unwrap();
    ApiClient::insert(&mut owner, &row).await.unwrap();
    jwt::issue(keys, &row.client_id, role, row.organization.clone())
        .unwrap()
        .0
}

/// A plain connection to `url`.
pub async fn connect(url: &str) -> tokio_postgres::Client {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(connection);
    client
}

/// Loads `batch` into the database of `pool`, as the system.
pub async fn load(pool: &DbPool, batch: &Batch) {
    let mut conn = pool.get().await.unwrap();
    agency_registry::usecases::seed::load(&mut conn, &agency_registry::usecases::Actor::system(), "fixture", batch)
        .await
        .unwrap();
}

/// Waits (at most 10 s) until the instance at `address` is ready.
pub async fn ready(client: &reqwest::Client, address: &str) {
    eventually(&format!("{address} ready"), Duration::from_secs(10), || async {
        client
            .get(format!("{address}/health/ready"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
    })
    .await;
}

/// Polls until `done` holds (failing after `limit`); how long it took.
pub async fn eventually<F, Fut>(what: &str, limit: Duration, done: F) -> Duration
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let since = Instant::now();
    while !done().await {
        assert!(since.elapsed() < limit, "{what} never happened");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    since.elapsed()
}

/// A clock a test moves forward: the service reads `Utc::now()` plus the
/// days stored in the handle.
pub fn movable_clock() -> (
    agency_registry::usecases::clock::Clock,
    std::sync::Arc<std::sync::atomic::AtomicI64>,
) {
    let days = std::sync::Arc::new(std::sync::atomic::AtomicI64::new(0));
    let read = days.clone();
    let clock = agency_registry::usecases::clock::Clock::new(move || {
        Utc::now() + chrono::Duration::days(read.load(std::sync::atomic::Ordering::SeqCst))
    });
    (clock, days)
}

pub fn today() -> NaiveDate {
    registry_today(Utc::now())
}

pub fn days_ago(n: u64) -> NaiveDate {
    today() - Days::new(n)
}

pub fn days_ahead(n: u64) -> NaiveDate {
    today() + Days::new(n)
}

/// An app with agency "Oltin Yo'l" holding licence UZ-TK-0777.
pub async fn oltin_yol() -> TestApp {
    let app = TestApp::spawn().await;
    let mut b = Batch::default();
    agency_with_license(
        &mut b,
        "Oltin Yo'l MChJ",
        &[],
        "307777777",
        "UZ-TK",
        ("UZ-TK-0777", "active", days_ago(10), days_ahead(300)),
    );
    app.insert(b).await;
    app
}

/// An app (with `options`) holding one licence of each standing a worker
/// must tell apart: active UZ-TK-0123 (Istiqbol, also registered in
/// Cyrillic), revoked UZ-SA-0666 and suspended UZ-AN-0777.
pub async fn three_verdicts(options: Settings) -> TestApp {
    let app = TestApp::spawn_with(options).await;
    let mut batch = Batch::default();
    let valid = |number, status| (number, status, days_ago(100), days_ahead(300));
    let istiqbol = (
        "Istiqbol Recruitment MChJ",
        &["Истиқбол Рекрутмент"][..],
        "301234567",
        "UZ-TK",
    );
    agency_with_license(
        &mut batch,
        istiqbol.0,
        istiqbol.1,
        istiqbol.2,
        istiqbol.3,
        valid("UZ-TK-0123", "active"),
    );
    agency_with_license(
        &mut batch,
        "Yopiq MChJ",
        &[],
        "302222222",
        "UZ-SA",
        valid("UZ-SA-0666", "revoked"),
    );
    agency_with_license(
        &mut batch,
        "Kutish MChJ",
        &[],
        "303333333",
        "UZ-AN",
        valid("UZ-AN-0777", "suspended"),
    );
    app.insert(batch).await;
    app
}

/// Adds an agency with one licence valid from `from` to `until`.
pub fn agency_with_license(
    batch: &mut Batch,
    name: &str,
    other_names: &[&str],
    taxpayer_id: &str,
    region: &str,
    license: (&str, &str, NaiveDate, NaiveDate),
) -> Uuid {
    let id = batch.agency(name, other_names, taxpayer_id, region, None, None, None, None);
    let (number, status, valid_from, valid_until) = license;
    batch.license(
        LicenseSpec {
            agency_id: id,
            number,
            status: LicenseStatus::parse(status).unwrap(),
            valid_from,
            valid_until,
            destinations: &["KR"],
            sectors: &["construction"],
            status_reason: None,
        },
        &[],
    );
    id
}

/// Asserts an RFC 9457 problem answer and returns its body.
pub async fn assert_problem(response: reqwest::Response, status: u16) -> serde_json::Value {
    assert_eq!(response.status().as_u16(), status, "status of {}", response.url());
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert_eq!(
        content_type,
        "application/problem+json",
        "content type of {}",
        response.url()
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], status);
    assert!(body["title"].is_string() && body["type"].is_string(), "{body}");
    assert!(!body["detail"].as_str().unwrap_or_default().is_empty(), "{body}");
    body
}
