//! The service as an operator runs it: the release or debug binary in a
//! process of its own, for what only a process shows (its resident memory,
//! how it stops on a signal).

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::helpers::{eventually, TestDatabase};

/// A running `agency-registry serve`, killed when dropped.
pub struct ServiceProcess {
    pub child: Child,
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    /// The metrics listener's address, when `METRICS_ADDR` was given.
    pub metrics_address: Option<String>,
    /// Every line the process wrote to stderr so far.
    pub logs: Arc<Mutex<Vec<String>>>,
    _kek: PathBuf,
}

impl ServiceProcess {
    /// Starts the binary on a free port against `db` (as its runtime role,
    /// migrating as the owner), with `env` on top of the defaults; waits
    /// until it is ready.
    /// `agency-registry serve` against `db` with nothing but what it needs
    /// (no `PUBLIC_BASE_URL` yet), and the key-encryption key file it uses.
    pub fn command(db: &TestDatabase) -> (Command, PathBuf) {
        let kek = std::env::temp_dir().join(format!("{}-process.kek", db.name));
        agency_registry::auth::kek::Kek::create_file(&kek).unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_agency-registry"));
        command
            .arg("serve")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATABASE_URL", &db.runtime_url)
            .env("MIGRATION_DATABASE_URL", &db.url)
            .env("KEY_ENCRYPTION_KEY_FILE", &kek)
            .env("LISTEN_ADDR", "127.0.0.1:0")
            .kill_on_drop(true);
        (command, kek)
    }

    pub async fn start(db: &TestDatabase, env: &[(&str, &str)]) -> Self {
        let (mut command, kek) = Self::command(db);
        command
            .env("PUBLIC_BASE_URL", "https://registry.example.uz")
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("the agency-registry binary starts");
        let logs: Arc<Mutex<Vec<String>>> = Arc::default();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let kept = logs.clone();
        // Read to the end, so that the process never blocks on a full pipe.
        tokio::spawn(async move {
            while let Ok(Some(line)) = lines.next_line().await {
                kept.lock().unwrap().push(line);
            }
        });
        let found = |marker: &str| {
            logs.lock().unwrap().iter().find_map(|l| {
                let at = l.find(marker)? + marker.len();
                let rest = &l[at..];
                let end = rest
                    .find(|c: char| c == ';' || c == '/' || c.is_whitespace())
                    .unwrap_or(rest.len());
                Some(format!("http://{}", &rest[..end]))
            })
        };
        let wants_metrics = env.iter().any(|(name, _)| *name == "METRICS_ADDR");
        // The metrics line comes after the address line, and the reader may
        // have seen only the first: wait for every address this start needs.
        eventually("the process logs its addresses", Duration::from_secs(30), || async {
            found("listening on http://").is_some() && (!wants_metrics || found("metrics at http://").is_some())
        })
        .await;
        let address = found("listening on http://").unwrap();
        let metrics_address = wants_metrics.then(|| found("metrics at http://")).flatten();
        let client = reqwest::Client::new();
        crate::helpers::ready(&client, &address).await;
        Self {
            child,
            address,
            metrics_address,
            logs,
            _kek: kek,
        }
    }

    /// Resident memory now, in kB (`VmRSS` of `/proc/PID/status`).
    pub fn resident_kb(&self) -> u64 {
        let pid = self.child.id().expect("the process runs");
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }

    /// The logs so far, one string.
    pub fn logs(&self) -> String {
        self.logs.lock().unwrap().join("\n")
    }
}

impl Drop for ServiceProcess {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self._kek);
    }
}
