use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::audit_event::lock_appends;
use crate::db::schema::changes;

/// One entry of the public change feed.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = changes, check_for_backend(diesel::pg::Pg))]
pub struct Change {
    pub seq: i64,
    pub at: DateTime<Utc>,
    #[diesel(column_name = type_)]
    pub change_type: String,
    pub subject: String,
    /// The agency concerned (none for an employer).
    pub agency_id: Option<Uuid>,
    pub body: serde_json::Value,
}

/// An entry to append.
#[derive(Debug, Clone)]
pub struct NewChange {
    pub change_type: &'static str,
    /// The agency's id or the licence number.
    pub subject: String,
    /// The agency concerned (none for an employer).
    pub agency_id: Option<Uuid>,
    pub body: serde_json::Value,
}

#[derive(Insertable)]
#[diesel(table_name = changes)]
struct ChangeRow<'a> {
    seq: i64,
    at: DateTime<Utc>,
    type_: &'a str,
    subject: &'a str,
    agency_id: Option<Uuid>,
    body: &'a serde_json::Value,
}

/// Rows per INSERT statement: well under Postgres' bind parameter limit.
const ROWS_PER_STATEMENT: usize = 5_000;

impl Change {
    /// Appends entries in the caller's transaction. Their `seq` follow the
    /// highest one without a gap, taken under the registry's write lock,
    /// which the transaction holds until it has committed: see the migration
    /// `change_feed` for why that makes `seq` order commit order. Answers
    /// the last `seq` appended.
    pub async fn append(conn: &mut AsyncPgConnection, entries: &[NewChange], at: DateTime<Utc>) -> QueryResult<i64> {
        if entries.is_empty() {
            return Self::head(conn).await;
        }
        lock_appends(conn).await?;
        let mut next = Self::head(conn).await? + 1;
        for chunk in entries.chunks(ROWS_PER_STATEMENT) {
            let rows: Vec<ChangeRow<'_>> = chunk
                .iter()
                .enumerate()
                .map(|(i, e)| ChangeRow {
                    seq: next + i as i64,
                    at,
                    type_: e.change_type,
                    subject: &e.subject,
                    agency_id: e.agency_id,
                    body: &e.body,
                })
                .collect();
            diesel::insert_into(changes::table).values(&rows).execute(conn).await?;
            next += chunk.len() as i64;
        }
        Ok(next - 1)
    }

    /// The highest `seq` committed (0 for an empty feed).
    pub async fn head(conn: &mut AsyncPgConnection) -> QueryResult<i64> {
        changes::table
            .select(diesel::dsl::max(changes::seq))
            .first::<Option<i64>>(conn)
            .await
            .map(Option::unwrap_or_default)
    }

    /// Up to `limit` entries after `after`, in `seq` order.
    pub async fn page(conn: &mut AsyncPgConnection, after: i64, limit: i64) -> QueryResult<Vec<Change>> {
        changes::table
            .filter(changes::seq.gt(after))
            .order(changes::seq)
            .limit(limit)
            .select(Change::as_select())
            .load(conn)
            .await
    }
}
