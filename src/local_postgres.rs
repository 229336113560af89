//! A private PostgreSQL cluster for a zero-configuration start: created with
//! the local installation's `initdb` on first use, started with `pg_ctl`,
//! listening only on a Unix socket inside its own directory (so it never
//! collides with a server on port 5432), and stopped when the service stops.
//! A cluster can also be copied into a streaming replica of itself
//! (`pg_basebackup`), which is how the tests run the service with a replica.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context};

/// A running private cluster; stop it with [`LocalPostgres::stop`].
#[derive(Debug)]
pub struct LocalPostgres {
    bin_dir: PathBuf,
    data_dir: PathBuf,
    /// The port in the socket's name (`.s.PGSQL.PORT`); nothing listens on TCP.
    port: u16,
    /// Further server settings (`-c name=value ...`).
    settings: String,
    run_as_postgres: bool,
    /// True when this start created the cluster (and it needs its demo data).
    pub created: bool,
}

impl LocalPostgres {
    /// Creates the cluster under `dir` if needed, and starts it.
    pub fn start(dir: &Path) -> anyhow::Result<Self> {
        Self::start_with(dir, 5432, "")
    }

    /// Whether the server binaries are installed.
    pub fn available() -> bool {
        find_bin_dir().is_ok()
    }

    /// Like [`LocalPostgres::start`], with the socket's port and further
    /// server settings (`-c fsync=off`).
    pub fn start_with(dir: &Path, port: u16, settings: &str) -> anyhow::Result<Self> {
        let bin_dir = find_bin_dir()?;
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let data_dir = dir
            .canonicalize()
            .with_context(|| format!("cannot resolve {}", dir.display()))?;
        // initdb refuses to run as root; run it and the server as `postgres`.
        let run_as_postgres = is_root();
        let pg = Self {
            bin_dir,
            data_dir,
            port,
            settings: settings.to_owned(),
            run_as_postgres,
            created: false,
        };
        let created = !pg.data_dir.join("PG_VERSION").exists();
        if created {
            pg.init()?;
        }
        pg.run()?;
        Ok(Self { created, ..pg })
    }

    /// Starts the cluster (again) unless it runs.
    pub fn run(&self) -> anyhow::Result<()> {
        if self.is_running() {
            return Ok(());
        }
        self.pg_ctl(&["start", "-w", "-t", "60", "-l"])
            .arg(self.data_dir.join("server.log"))
            .arg("-o")
            .arg(format!(
                "-c listen_addresses='' -k {} -p {} {}",
                self.data_dir.display(),
                self.port,
                self.settings
            ))
            .status_ok("pg_ctl start")
    }

    /// Copies the running cluster into `dir` and starts the copy as its
    /// streaming replica (hot standby), on its own socket `port`.
    pub fn replicate(&self, dir: &Path, port: u16) -> anyhow::Result<Self> {
        // pg_basebackup makes the directory itself, with the mode the server requires.
        let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
            bail!("{} cannot hold a cluster", dir.display());
        };
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        let parent = parent
            .canonicalize()
            .with_context(|| format!("cannot resolve {}", parent.display()))?;
        self.own(&parent, false)?;
        let data_dir = parent.join(name);
        self.command("pg_basebackup")
            .arg("-h")
            .arg(&self.data_dir)
            // A fast checkpoint: the default spreads it over minutes.
            .args([
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
                "-R",
                "-X",
                "stream",
                "-c",
                "fast",
                "-D",
            ])
            .arg(&data_dir)
            .status_ok("pg_basebackup")?;
        let replica = Self {
            bin_dir: self.bin_dir.clone(),
            data_dir,
            port,
            settings: self.settings.clone(),
            run_as_postgres: self.run_as_postgres,
            created: true,
        };
        replica.run()?;
        Ok(replica)
    }

    /// A connection string for database `dbname` as `user`.
    pub fn url(&self, user: &str, dbname: &str) -> String {
        format!(
            "host={} port={} user={user} dbname={dbname}",
            self.data_dir.display(),
            self.port
        )
    }

    /// The role the service runs as (created after the migrations).
    pub const RUNTIME_ROLE: &'static str = "agency_registry_app";

    /// A connection string for the cluster's `postgres` database as its
    /// owner, for migrations.
    pub fn owner_url(&self) -> String {
        self.url("postgres", "postgres")
    }

    /// A connection string for the same database as the runtime role.
    pub fn runtime_url(&self) -> String {
        self.url(Self::RUNTIME_ROLE, "postgres")
    }

    /// The key-encryption key kept beside the cluster (created on first use):
    /// outside the data directory, so a copy of the cluster alone cannot
    /// open the signing keys.
    pub fn key_encryption_key(&self) -> anyhow::Result<crate::auth::kek::Kek> {
        let path = self.data_dir.with_file_name("key-encryption-key");
        crate::auth::kek::Kek::create_file(&path)
    }

    /// Stops the cluster, letting it finish cleanly.
    pub fn stop(&self) -> anyhow::Result<()> {
        self.pg_ctl(&["stop", "-m", "fast", "-w"]).status_ok("pg_ctl stop")
    }

    fn is_running(&self) -> bool {
        self.pg_ctl(&["status"])
            .stdout(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    /// Gives `dir` (and with `all`, what it holds) to the `postgres` user
    /// when the servers run as it.
    fn own(&self, dir: &Path, all: bool) -> anyhow::Result<()> {
        if self.run_as_postgres {
            // The `postgres` user must own the data directory and reach it.
            let mut chown = Command::new("chown");
            if all {
                chown.arg("-R");
            }
            chown.arg("postgres:postgres").arg(dir).status_ok("chown")?;
        }
        Ok(())
    }

    fn init(&self) -> anyhow::Result<()> {
        self.own(&self.data_dir, true)?;
        self.command("initdb")
            .args(["-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-D"])
            .arg(&self.data_dir)
            .stdout(std::process::Stdio::null())
            .status_ok("initdb")
    }

    fn pg_ctl(&self, args: &[&str]) -> Command {
        let mut cmd = self.command("pg_ctl");
        cmd.arg("-D").arg(&self.data_dir).args(args);
        cmd
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin_dir.join(program);
        if self.run_as_postgres {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(path);
            cmd
        } else {
            Command::new(path)
        }
    }
}

trait StatusOk {
    fn status_ok(&mut self, what: &str) -> anyhow::Result<()>;
}

impl StatusOk for Command {
    fn status_ok(&mut self, what: &str) -> anyhow::Result<()> {
        let status = self.status().with_context(|| format!("cannot run {what}"))?;
        if !status.success() {
            bail!("{what} failed ({status})");
        }
        Ok(())
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// The directory holding `initdb` and `pg_ctl`: on PATH, or where Debian and
/// Ubuntu install a PostgreSQL version (the newest one).
fn find_bin_dir() -> anyhow::Result<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .unwrap_or_default();
    let mut debian: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    debian.sort_by_key(|p| {
        p.parent()
            .and_then(Path::file_name)
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    on_path
        .into_iter()
        .chain(debian.into_iter().rev())
        .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
        // Where the binaries really are (PATH may hold links to some of
        // them): pg_basebackup and the others sit beside initdb.
        .map(|dir| {
            dir.join("initdb")
                .canonicalize()
                .ok()
                .and_then(|initdb| initdb.parent().map(Path::to_path_buf))
                .unwrap_or(dir)
        })
        .context(
            "DATABASE_URL is not set and no PostgreSQL server binaries (initdb, pg_ctl) were found. \
             Install PostgreSQL (Debian/Ubuntu: `apt-get install postgresql`; macOS: `brew install postgresql@15`), \
             or set DATABASE_URL to an existing database.",
        )
}
