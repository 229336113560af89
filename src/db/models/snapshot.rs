use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::pg_enum::Stored;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::{agencies, licenses};
use crate::domain::license_status::LicenseStatus;

/// A licence with the agency fields the registry snapshot carries.
#[derive(Debug, Clone, Queryable)]
pub struct SnapshotRow {
    pub license_number: String,
    #[diesel(deserialize_as = Stored<LicenseStatus>)]
    pub status: LicenseStatus,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub suspended_until: Option<NaiveDate>,
    pub destination_countries: Vec<String>,
    pub sectors: Vec<String>,
    pub agency_id: Uuid,
    pub legal_name: String,
    pub other_names: Vec<String>,
    pub taxpayer_id: String,
    pub region: String,
    #[diesel(deserialize_as = crate::db::json::Jsonb<crate::db::models::Channels>)]
    pub channels: crate::db::models::Channels,
}

impl SnapshotRow {
    /// Up to `limit` licences after `after` in licence-number order (one
    /// index range scan per page).
    pub async fn page(conn: &mut AsyncPgConnection, after: &str, limit: i64) -> QueryResult<Vec<SnapshotRow>> {
        licenses::table
            .inner_join(agencies::table)
            .filter(licenses::license_number.gt(after))
            .order(licenses::license_number)
            .limit(limit)
            .select((
                licenses::license_number,
                licenses::status,
                licenses::valid_from,
                licenses::valid_until,
                licenses::suspended_until,
                licenses::destination_countries,
                licenses::sectors,
                agencies::id,
                agencies::legal_name,
                agencies::other_names,
                agencies::taxpayer_id,
                agencies::region,
                agencies::channels,
            ))
            .load(conn)
            .await
    }
}
