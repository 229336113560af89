use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use crate::db::schema::{audit_checkpoints, audit_events};

/// A signed hourly head of the audit trail, as published.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_checkpoints, check_for_backend(diesel::pg::Pg))]
pub struct AuditCheckpointRow {
    /// The hour it is the head at (the newest record written before it).
    pub hour: DateTime<Utc>,
    pub seq: i64,
    pub hash: String,
    /// The compact JWS of the checkpoint's claims.
    pub jws: String,
    pub signed_at: DateTime<Utc>,
}

impl AuditCheckpointRow {
    /// The newest checkpoint.
    pub async fn latest(conn: &mut AsyncPgConnection) -> QueryResult<Option<Self>> {
        audit_checkpoints::table
            .order(audit_checkpoints::hour.desc())
            .select(Self::as_select())
            .first(conn)
            .await
            .optional()
    }

    /// Whether the hour `hour` has its checkpoint.
    pub async fn exists(conn: &mut AsyncPgConnection, hour: DateTime<Utc>) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            audit_checkpoints::table.filter(audit_checkpoints::hour.eq(hour)),
        ))
        .get_result(conn)
        .await
    }

    /// Stores a checkpoint, unless another instance stored the hour's first.
    pub async fn insert(conn: &mut AsyncPgConnection, row: &Self) -> QueryResult<usize> {
        diesel::insert_into(audit_checkpoints::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(conn)
            .await
    }

    /// The newest record written before `hour`: the trail's head then.
    pub async fn head_before(conn: &mut AsyncPgConnection, hour: DateTime<Utc>) -> QueryResult<Option<(i64, String)>> {
        audit_events::table
            .filter(audit_events::occurred_at.lt(hour))
            .order(audit_events::id.desc())
            .select((audit_events::id, audit_events::hash))
            .first(conn)
            .await
            .optional()
    }
}
