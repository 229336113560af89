use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::pg_enum::Stored;
use diesel::upsert::excluded;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::license_clock;
use crate::domain::license_status::LicenseStatus;

/// What the feed last said of a licence's standing, and when the calendar
/// can next change it.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = license_clock, check_for_backend(diesel::pg::Pg))]
pub struct LicenseClock {
    pub license_id: Uuid,
    #[diesel(deserialize_as = Stored<LicenseStatus>, serialize_as = Stored<LicenseStatus>)]
    pub status: LicenseStatus,
    pub can_recruit: bool,
    pub next_check: Option<NaiveDate>,
}

impl LicenseClock {
    /// Records what was published (insert or replace).
    pub async fn set_all(conn: &mut AsyncPgConnection, rows: &[LicenseClock]) -> QueryResult<usize> {
        let mut n = 0;
        for chunk in rows.chunks(5_000) {
            n += diesel::insert_into(license_clock::table)
                .values(chunk.to_vec())
                .on_conflict(license_clock::license_id)
                .do_update()
                .set((
                    license_clock::status.eq(excluded(license_clock::status)),
                    license_clock::can_recruit.eq(excluded(license_clock::can_recruit)),
                    license_clock::next_check.eq(excluded(license_clock::next_check)),
                ))
                .execute(conn)
                .await?;
        }
        Ok(n)
    }

    /// Up to `limit` licences due on or before `today`, locked; rows another
    /// instance is working on are skipped.
    pub async fn lock_due(
        conn: &mut AsyncPgConnection,
        today: NaiveDate,
        limit: i64,
    ) -> QueryResult<Vec<LicenseClock>> {
        license_clock::table
            .filter(license_clock::next_check.le(today))
            .order(license_clock::next_check)
            .limit(limit)
            .for_update()
            .skip_locked()
            .select(LicenseClock::as_select())
            .load(conn)
            .await
    }
}
