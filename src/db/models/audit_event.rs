use chrono::{DateTime, SubsecRound, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::json;

use crate::db::schema::audit_events;
use crate::domain::audit_chain::{self, ChainCheck, Verifier, GENESIS};

/// One record of the audit trail.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_events, check_for_backend(diesel::pg::Pg))]
pub struct AuditEvent {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor: String,
    pub actor_role: String,
    pub resource_type: String,
    pub resource_id: String,
    pub action: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// A change to record, in the same transaction as the change itself.
#[derive(Debug, Clone)]
pub struct NewAuditEvent {
    /// Who: the client id (or `cli:<user>` for the command line).
    pub actor: String,
    /// The actor's role.
    pub actor_role: String,
    /// What kind of resource: `agency`, `license`, `client`, `key`, ...
    pub resource_type: String,
    /// Which one.
    pub resource_id: String,
    /// What was done.
    pub action: String,
    /// The resource before (None when created).
    pub before: Option<serde_json::Value>,
    /// The resource after (None when removed).
    pub after: Option<serde_json::Value>,
    /// The HTTP request that made the change.
    pub request_id: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = audit_events)]
struct AuditRow<'a> {
    occurred_at: DateTime<Utc>,
    actor: &'a str,
    actor_role: &'a str,
    resource_type: &'a str,
    resource_id: &'a str,
    action: &'a str,
    before: Option<&'a serde_json::Value>,
    after: Option<&'a serde_json::Value>,
    request_id: Option<&'a str>,
    prev_hash: &'a str,
    hash: &'a str,
}

/// Filters of the audit listing.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub resource_type: Option<String>,
    pub resource_id: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// Records after this id.
    pub after_id: Option<i64>,
    pub limit: i64,
}

/// Serialises appends to the chain and to the change feed
/// (`pg_advisory_xact_lock` key).
const CHAIN_LOCK: i64 = 0x000a_0d17_c4a1;

/// Takes the registry's write lock until the transaction ends: appends to
/// the audit chain and the change feed happen one transaction at a time, in
/// commit order (the lock is released only after the commit is visible).
pub async fn lock_appends(conn: &mut AsyncPgConnection) -> QueryResult<()> {
    diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
        .bind::<diesel::sql_types::BigInt, _>(CHAIN_LOCK)
        .execute(conn)
        .await
        .map(|_| ())
}

/// The hashed content of a record: everything but its id and hashes.
fn content(
    occurred_at: &DateTime<Utc>,
    e: (&str, &str, &str, &str, &str),
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
    request_id: Option<&str>,
) -> serde_json::Value {
    let (actor, actor_role, resource_type, resource_id, action) = e;
    json!({
        "occurred_at": occurred_at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        "actor": actor,
        "actor_role": actor_role,
        "resource_type": resource_type,
        "resource_id": resource_id,
        "action": action,
        "before": before,
        "after": after,
        "request_id": request_id,
    })
}

impl AuditEvent {
    /// Appends a record to the chain. Call inside the transaction of the change.
    pub async fn append(conn: &mut AsyncPgConnection, event: &NewAuditEvent) -> QueryResult<()> {
        lock_appends(conn).await?;
        let prev_hash: String = audit_events::table
            .order(audit_events::id.desc())
            .select(audit_events::hash)
            .first(conn)
            .await
            .optional()?
            .unwrap_or_else(|| GENESIS.to_owned());
        // Postgres keeps microseconds: hash exactly what is stored.
        let occurred_at = Utc::now().trunc_subsecs(6);
        let hashed = content(
            &occurred_at,
            (
                &event.actor,
                &event.actor_role,
                &event.resource_type,
                &event.resource_id,
                &event.action,
            ),
            event.before.as_ref(),
            event.after.as_ref(),
            event.request_id.as_deref(),
        );
        let hash = audit_chain::record_hash(&prev_hash, &hashed);
        diesel::insert_into(audit_events::table)
            .values(AuditRow {
                occurred_at,
                actor: &event.actor,
                actor_role: &event.actor_role,
                resource_type: &event.resource_type,
                resource_id: &event.resource_id,
                action: &event.action,
                before: event.before.as_ref(),
                after: event.after.as_ref(),
                request_id: event.request_id.as_deref(),
                prev_hash: &prev_hash,
                hash: &hash,
            })
            .execute(conn)
            .await?;
        Ok(())
    }

    /// Records matching `filter`, oldest first.
    pub async fn list(conn: &mut AsyncPgConnection, filter: &AuditFilter) -> QueryResult<Vec<AuditEvent>> {
        let mut query = audit_events::table.select(AuditEvent::as_select()).into_boxed();
        if let Some(t) = &filter.resource_type {
            query = query.filter(audit_events::resource_type.eq(t.clone()));
        }
        if let Some(id) = &filter.resource_id {
            query = query.filter(audit_events::resource_id.eq(id.clone()));
        }
        if let Some(from) = filter.from {
            query = query.filter(audit_events::occurred_at.ge(from));
        }
        if let Some(to) = filter.to {
            query = query.filter(audit_events::occurred_at.lt(to));
        }
        if let Some(after) = filter.after_id {
            query = query.filter(audit_events::id.gt(after));
        }
        query.order(audit_events::id).limit(filter.limit).load(conn).await
    }

    /// The newest record's id and hash (`None` for an empty trail).
    pub async fn head(conn: &mut AsyncPgConnection) -> QueryResult<Option<(i64, String)>> {
        audit_events::table
            .order(audit_events::id.desc())
            .select((audit_events::id, audit_events::hash))
            .first(conn)
            .await
            .optional()
    }

    /// The hash of the record with this id, if there is one.
    pub async fn hash_at(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Option<String>> {
        audit_events::table
            .find(id)
            .select(audit_events::hash)
            .first(conn)
            .await
            .optional()
    }

    /// Walks the whole chain; returns how many records were checked and
    /// where it first breaks.
    pub async fn verify_chain(conn: &mut AsyncPgConnection) -> QueryResult<(usize, ChainCheck)> {
        const BATCH: i64 = 5_000;
        let mut verifier = Verifier::default();
        let (mut checked, mut last_id) = (0, 0);
        loop {
            let batch: Vec<AuditEvent> = audit_events::table
                .filter(audit_events::id.gt(last_id))
                .order(audit_events::id)
                .limit(BATCH)
                .select(AuditEvent::as_select())
                .load(conn)
                .await?;
            let Some(last) = batch.last() else {
                return Ok((checked, ChainCheck::Intact));
            };
            last_id = last.id;
            for e in &batch {
                checked += 1;
                if !verifier.accept(&e.prev_hash, &e.hash, &e.content()) {
                    return Ok((checked, ChainCheck::BrokenAt(e.id)));
                }
            }
        }
    }

    fn content(&self) -> serde_json::Value {
        content(
            &self.occurred_at,
            (
                &self.actor,
                &self.actor_role,
                &self.resource_type,
                &self.resource_id,
                &self.action,
            ),
            self.before.as_ref(),
            self.after.as_ref(),
            self.request_id.as_deref(),
        )
    }
}
