use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

use crate::db::pg_enum::Stored;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::models::Agency;
use crate::db::schema::{agencies, licenses};
use crate::domain::license_status::LicenseStatus;

/// A licence as stored. Its status is the stored one; what the public is told
/// is decided by `domain::license_status::standing`.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Associations)]
#[diesel(table_name = licenses, belongs_to(Agency), check_for_backend(diesel::pg::Pg))]
pub struct License {
    pub id: Uuid,
    pub license_number: String,
    pub agency_id: Uuid,
    #[diesel(deserialize_as = Stored<LicenseStatus>)]
    pub status: LicenseStatus,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub destination_countries: Vec<String>,
    pub sectors: Vec<String>,
    pub status_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub suspended_until: Option<NaiveDate>,
    /// Bumped by the database on every update.
    pub version: i64,
}

/// A licence's new standing after a lifecycle action.
#[derive(Debug, Clone)]
pub struct LicenseChange {
    pub id: Uuid,
    pub status: LicenseStatus,
    pub status_reason: Option<String>,
    pub valid_until: NaiveDate,
    pub suspended_until: Option<NaiveDate>,
}

impl License {
    /// The dates that decide its standing.
    pub fn validity(&self) -> crate::domain::license_status::Validity {
        crate::domain::license_status::Validity {
            from: self.valid_from,
            until: self.valid_until,
            suspended_until: self.suspended_until,
        }
    }
}

/// A licence about to be inserted.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = licenses)]
pub struct NewLicense {
    pub id: Uuid,
    pub license_number: String,
    pub lookup_key: String,
    pub agency_id: Uuid,
    #[diesel(serialize_as = Stored<LicenseStatus>)]
    pub status: LicenseStatus,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub destination_countries: Vec<String>,
    pub sectors: Vec<String>,
    pub status_reason: Option<String>,
}

impl License {
    /// The licence whose lookup key is `lookup_key`, with its agency: the
    /// public check, in one indexed query.
    pub async fn find_with_agency(
        conn: &mut AsyncPgConnection,
        lookup_key: &str,
    ) -> QueryResult<Option<(License, Agency)>> {
        licenses::table
            .inner_join(agencies::table)
            .filter(licenses::lookup_key.eq(lookup_key))
            .select((License::as_select(), Agency::as_select()))
            .first(conn)
            .await
            .optional()
    }

    /// These licences with their agencies.
    pub async fn with_agencies(conn: &mut AsyncPgConnection, ids: &[Uuid]) -> QueryResult<Vec<(License, Agency)>> {
        licenses::table
            .inner_join(agencies::table)
            .filter(licenses::id.eq_any(ids))
            .select((License::as_select(), Agency::as_select()))
            .load(conn)
            .await
    }

    /// The id and canonical number of the licence with this lookup key.
    pub async fn find_id(conn: &mut AsyncPgConnection, lookup_key: &str) -> QueryResult<Option<(Uuid, String)>> {
        licenses::table
            .filter(licenses::lookup_key.eq(lookup_key))
            .select((licenses::id, licenses::license_number))
            .first(conn)
            .await
            .optional()
    }

    /// All licences of these agencies, newest validity first.
    pub async fn of_agencies(conn: &mut AsyncPgConnection, agency_ids: &[Uuid]) -> QueryResult<Vec<License>> {
        licenses::table
            .filter(licenses::agency_id.eq_any(agency_ids))
            .order((licenses::valid_until.desc(), licenses::license_number))
            .select(License::as_select())
            .load(conn)
            .await
    }

    /// The licence with this lookup key and its agency, the licence locked
    /// for update until the transaction ends.
    pub async fn lock_with_agency(
        conn: &mut AsyncPgConnection,
        lookup_key: &str,
    ) -> QueryResult<Option<(License, Agency)>> {
        licenses::table
            .inner_join(agencies::table)
            .filter(licenses::lookup_key.eq(lookup_key))
            .select((License::as_select(), Agency::as_select()))
            .for_update()
            .first(conn)
            .await
            .optional()
    }

    /// Inserts one licence and returns it.
    pub async fn insert(conn: &mut AsyncPgConnection, row: &NewLicense) -> QueryResult<License> {
        diesel::insert_into(licenses::table)
            .values(row.clone())
            .returning(License::as_returning())
            .get_result(conn)
            .await
    }

    /// Stores a lifecycle change.
    pub async fn update_standing(conn: &mut AsyncPgConnection, change: &LicenseChange) -> QueryResult<License> {
        diesel::update(licenses::table.find(change.id))
            .set((
                licenses::status.eq(Stored(change.status)),
                licenses::status_reason.eq(&change.status_reason),
                licenses::valid_until.eq(change.valid_until),
                licenses::suspended_until.eq(change.suspended_until),
                licenses::updated_at.eq(diesel::dsl::now),
            ))
            .returning(License::as_returning())
            .get_result(conn)
            .await
    }

    /// Replaces the licence's public reason (a corrected one).
    pub async fn set_status_reason(conn: &mut AsyncPgConnection, id: Uuid, reason: &str) -> QueryResult<License> {
        diesel::update(licenses::table.find(id))
            .set((
                licenses::status_reason.eq(reason),
                licenses::updated_at.eq(diesel::dsl::now),
            ))
            .returning(License::as_returning())
            .get_result(conn)
            .await
    }

    /// Inserts licences in one statement.
    pub async fn insert_all(conn: &mut AsyncPgConnection, rows: &[NewLicense]) -> QueryResult<usize> {
        diesel::insert_into(licenses::table)
            .values(rows.to_vec())
            .execute(conn)
            .await
    }
}
