use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::db::pg_enum::Stored;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::license_events;
use crate::domain::license_status::LicenseAction;

/// One step in a licence's history. The table is append-only (a trigger
/// refuses UPDATE, DELETE and TRUNCATE) but for a public reason corrected
/// through [`LicenseEvent::correct_reason`].
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = license_events, check_for_backend(diesel::pg::Pg))]
pub struct LicenseEvent {
    pub id: i64,
    #[diesel(deserialize_as = Stored<LicenseAction>)]
    pub action: LicenseAction,
    pub reason: Option<String>,
    pub effective_at: DateTime<Utc>,
}

/// A history entry about to be appended.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = license_events)]
pub struct NewLicenseEvent {
    pub license_id: Uuid,
    #[diesel(serialize_as = Stored<LicenseAction>)]
    pub action: LicenseAction,
    pub reason: Option<String>,
    pub effective_at: DateTime<Utc>,
}

impl LicenseEvent {
    /// A licence's history, oldest first.
    pub async fn of_license(conn: &mut AsyncPgConnection, license_id: Uuid) -> QueryResult<Vec<LicenseEvent>> {
        license_events::table
            .filter(license_events::license_id.eq(license_id))
            .order((license_events::effective_at, license_events::id))
            .select(LicenseEvent::as_select())
            .load(conn)
            .await
    }

    /// The histories of these licences, each entry with its licence, oldest
    /// first.
    pub async fn of_licenses(conn: &mut AsyncPgConnection, ids: &[Uuid]) -> QueryResult<Vec<(Uuid, LicenseEvent)>> {
        license_events::table
            .filter(license_events::license_id.eq_any(ids))
            .order((license_events::effective_at, license_events::id))
            .select((license_events::license_id, LicenseEvent::as_select()))
            .load(conn)
            .await
    }

    /// The history entry `id` of `license_id`, if it has one.
    pub async fn find(conn: &mut AsyncPgConnection, license_id: Uuid, id: i64) -> QueryResult<Option<LicenseEvent>> {
        license_events::table
            .filter(license_events::license_id.eq(license_id))
            .filter(license_events::id.eq(id))
            .select(LicenseEvent::as_select())
            .first(conn)
            .await
            .optional()
    }

    /// Replaces the public reason of entry `id` with `corrected`, here and in
    /// the change feed's entries that quote it (through
    /// `correct_public_reason`, the one way the history may change);
    /// returns the reason it replaced.
    pub async fn correct_reason(conn: &mut AsyncPgConnection, id: i64, corrected: &str) -> QueryResult<Option<String>> {
        #[derive(QueryableByName)]
        struct Previous {
            #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
            correct_public_reason: Option<String>,
        }
        let previous: Previous = diesel::sql_query("SELECT correct_public_reason($1, $2)")
            .bind::<diesel::sql_types::BigInt, _>(id)
            .bind::<diesel::sql_types::Text, _>(corrected)
            .get_result(conn)
            .await?;
        Ok(previous.correct_public_reason)
    }

    /// Appends history entries in one statement.
    pub async fn insert_all(conn: &mut AsyncPgConnection, rows: &[NewLicenseEvent]) -> QueryResult<usize> {
        diesel::insert_into(license_events::table)
            .values(rows.to_vec())
            .execute(conn)
            .await
    }
}
