//! The one path every change to the registry takes.
//!
//! A use case is one function per change (`licenses::act`,
//! `complaints::triage`, `clients::create`, ...). It owns what a change is:
//! the transaction, the domain decision, the rows and their history rows,
//! the audit record, and what must follow the commit. Handlers and the
//! command line only parse, call and answer, so an administrative change is
//! audited exactly like an API one, and the next thing to follow a commit
//! (the change feed) is added here once, not in every handler.
//!
//! Use cases answer in [`UseCaseError`], the service's one error type: the CLI
//! prints it, the API sends it as problem+json.

pub mod agencies;
pub mod checkpoints;
pub mod clients;
pub mod clock;
pub mod complaints;
pub mod employers;
pub mod error;
pub mod feed;
pub mod job_orders;
pub mod keys;
pub mod licenses;
pub mod read_model;
pub mod reads;
pub mod reported;
pub mod representatives;
pub mod seed;
pub mod snapshot;
pub mod tags;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection, TransactionManager};
use serde::Serialize;

use crate::auth::Principal;
use crate::db::models::{AuditEvent, NewAuditEvent};
use crate::db::{DbConn, DbPool};
use crate::domain::access::Role;
use crate::domain::changes::ChangeType;
use crate::usecases::error::UseCaseError;
use feed::{Announcement, Subject};

/// Who makes a change, as the audit trail records it.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The API client's id, `cli:<user>` or `system`.
    pub id: String,
    /// Its role.
    pub role: ActorRole,
    /// The HTTP request that made the change.
    pub request_id: Option<String>,
}

impl Actor {
    /// The operator at the command line.
    pub fn cli() -> Self {
        let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
        Self {
            id: format!("cli:{user}"),
            role: ActorRole::Admin,
            request_id: None,
        }
    }

    /// The service itself (start-up housekeeping).
    pub fn system() -> Self {
        Self {
            id: "system".into(),
            role: ActorRole::System,
            request_id: None,
        }
    }
}

impl From<&Principal> for Actor {
    fn from(p: &Principal) -> Self {
        Self {
            id: p.client_id.clone(),
            role: ActorRole::Client(p.role),
            request_id: p.request_id.clone(),
        }
    }
}

/// The role an actor acts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorRole {
    /// An API client.
    Client(Role),
    /// The operator at the command line.
    Admin,
    /// The service itself.
    System,
}

impl ActorRole {
    /// The name the audit trail records.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Client(role) => role.as_str(),
            Self::Admin => "admin",
            Self::System => "system",
        }
    }
}

/// The longest a change waits, after its commit, for this instance's read
/// model to show it.
const MIRROR_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

/// The entry to every change: a connection pool and what follows a commit.
#[derive(Clone)]
pub struct Writer {
    pool: DbPool,
    mirror: Option<Arc<read_model::ReadModel>>,
}

impl Writer {
    /// A writer without a read model to wait for (the command line).
    pub fn new(pool: DbPool) -> Self {
        Self { pool, mirror: None }
    }

    /// After each commit that changed public data, waits (up to a second)
    /// until `model` has applied it from the feed: whoever changes the
    /// registry through an instance reads the change from it at once.
    pub fn mirrored_by(mut self, model: Option<Arc<read_model::ReadModel>>) -> Self {
        self.mirror = model;
        self
    }

    /// A pooled connection, for the reads a use case makes outside a change.
    pub async fn conn(&self) -> Result<DbConn, UseCaseError> {
        Ok(self.pool.get().await?)
    }

    /// Runs `work` in one transaction as `actor` (see [`change_on`]), then
    /// waits for the read model to show what it announced.
    async fn change<T>(
        &self,
        actor: &Actor,
        work: impl AsyncFnOnce(&mut Tx<'_>) -> Result<T, UseCaseError>,
    ) -> Result<T, UseCaseError> {
        let mut conn = self.pool.get().await?;
        let (value, announced) = change_on(&mut conn, actor, work).await?;
        drop(conn);
        if let (Some(model), Some(seq)) = (&self.mirror, announced) {
            model.wait_for(seq, MIRROR_WAIT).await;
        }
        Ok(value)
    }
}

/// Runs `work` in one transaction on `conn` as `actor`: commits when it
/// succeeds, rolls back when it fails. Answers the feed position of what
/// the change announced, if it announced anything.
/// Used directly only where no pool exists yet (start-up).
///
/// The transaction is begun and ended here rather than through diesel's
/// `transaction(closure)`, whose closure must be `Send` with every borrow it
/// holds; the state it tracks is the same. A change abandoned half-way (its
/// request dropped) leaves its connection inside a transaction, which the
/// pool's recycling sees as broken and discards: nothing half-done commits.
async fn change_on<T>(
    conn: &mut AsyncPgConnection,
    actor: &Actor,
    work: impl AsyncFnOnce(&mut Tx<'_>) -> Result<T, UseCaseError>,
) -> Result<(T, Option<i64>), UseCaseError> {
    type Manager = <AsyncPgConnection as AsyncConnection>::TransactionManager;
    Manager::begin_transaction(conn).await?;
    let mut tx = Tx {
        conn,
        actor,
        announced: Vec::new(),
        now: Utc::now(),
    };
    let mut outcome = work(&mut tx).await;
    let mut announced = None;
    if outcome.is_ok() && !tx.announced.is_empty() {
        // Last, so that each entry shows its subject after every write of the change.
        match feed::write(tx.conn, &tx.announced, tx.now).await {
            Ok(seq) => announced = Some(seq),
            Err(e) => outcome = Err(e),
        }
    }
    match outcome {
        Ok(value) => {
            Manager::commit_transaction(conn).await?;
            Ok((value, announced))
        }
        Err(e) => {
            // A failed rollback leaves the connection marked broken: the pool
            // discards it. The caller hears the first failure.
            if let Err(rollback) = Manager::rollback_transaction(conn).await {
                tracing::warn!(error = %rollback, "rolling back a failed change");
            }
            Err(e)
        }
    }
}

/// A change in progress: its connection (inside the transaction), its actor
/// and what it announces to the change feed.
pub struct Tx<'c> {
    conn: &'c mut AsyncPgConnection,
    actor: &'c Actor,
    announced: Vec<Announcement>,
    /// The moment the change happens (the clock job sets the moment it acts for).
    now: DateTime<Utc>,
}

impl Tx<'_> {
    /// The connection, inside the change's transaction.
    fn conn(&mut self) -> &mut AsyncPgConnection {
        self.conn
    }

    /// Appends the audit record of this change.
    /// `before`/`after` are audit views (see each use case's `AuditView`),
    /// never response types, so a new response shape never rewrites history.
    async fn record(
        &mut self,
        (resource_type, resource_id): (&str, &str),
        action: &str,
        before: Option<&impl Serialize>,
        after: Option<&impl Serialize>,
    ) -> Result<(), UseCaseError> {
        fn view(v: Option<&impl Serialize>) -> Result<Option<serde_json::Value>, UseCaseError> {
            v.map(serde_json::to_value).transpose().map_err(UseCaseError::internal)
        }
        let event = NewAuditEvent {
            actor: self.actor.id.clone(),
            actor_role: self.actor.role.as_str().into(),
            resource_type: resource_type.into(),
            resource_id: resource_id.into(),
            action: action.into(),
            before: view(before)?,
            after: view(after)?,
            request_id: self.actor.request_id.clone(),
        };
        AuditEvent::append(self.conn, &event).await?;
        Ok(())
    }

    /// Announces a change of public data: the feed gets an entry with the
    /// subject's public representation as it stands at commit.
    fn announce(&mut self, change_type: ChangeType, subject: Subject) {
        self.announced.push(Announcement { change_type, subject });
    }
}

/// The version a change was based on (what the client's `If-Match` named,
/// read at the edge): compared with the stored state's tag under its row
/// lock (see [`tags`]).
#[derive(Debug, Clone)]
pub enum BasedOn {
    /// Whatever is stored now (`*`).
    Any,
    /// One of these versions (tags without a language).
    OneOf(Vec<String>),
}

impl BasedOn {
    /// A stale version unless it names `current`.
    pub fn check(&self, current: &str) -> Result<(), UseCaseError> {
        match self {
            Self::Any => Ok(()),
            Self::OneOf(versions) if versions.iter().any(|v| v == current) => Ok(()),
            Self::OneOf(_) => Err(UseCaseError::StaleVersion),
        }
    }
}
