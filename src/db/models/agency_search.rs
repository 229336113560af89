use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Date, Float4, Nullable, Text, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::models::Agency;

/// What to search for. Every filter is optional; results come best match
/// first, then by legal name and id, which together order them totally.
#[derive(Debug, Clone, Default)]
pub struct AgencySearch {
    /// The query, folded to its search form (`domain::transliterate`).
    pub query: Option<QueryTerms>,
    /// ISO 3166-2:UZ region code.
    pub region: Option<String>,
    /// Effective licence status (a lapsed `active` counts as `expired`).
    pub license_status: Option<String>,
    /// ISO 3166-1 alpha-2 destination country.
    pub destination: Option<String>,
    /// Sector name.
    pub sector: Option<String>,
    /// Today in the registry's time zone, for effective expiry.
    pub today: NaiveDate,
    /// Continue after this row (keyset pagination).
    pub after: Option<SearchPosition>,
    /// Rows to return.
    pub limit: i64,
}

/// The forms a query can match in.
#[derive(Debug, Clone, Default)]
pub struct QueryTerms {
    /// Names: folded search form.
    pub name: String,
    /// Exact taxpayer id, when the query is one.
    pub taxpayer_id: Option<String>,
    /// Licence lookup key, when the query reads as a licence number.
    pub license_key: Option<String>,
}

/// A row's place in the result order: where the next page starts.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPosition {
    pub score: f32,
    pub legal_name: String,
    pub id: Uuid,
}

/// An agency found by a search, with its relevance.
#[derive(Debug, Clone, QueryableByName)]
pub struct SearchedAgency {
    #[diesel(embed)]
    pub agency: Agency,
    /// 2 for an exact taxpayer id or licence number, else trigram word
    /// similarity in 0..=1; 0 when there was no query.
    #[diesel(sql_type = Float4)]
    pub score: f32,
}

impl SearchedAgency {
    /// Where the page after this row starts.
    pub fn position(&self) -> SearchPosition {
        SearchPosition {
            score: self.score,
            legal_name: self.agency.legal_name.clone(),
            id: self.agency.id,
        }
    }
}

impl AgencySearch {
    /// Runs the search.
    pub async fn run(&self, conn: &mut AsyncPgConnection) -> QueryResult<Vec<SearchedAgency>> {
        let query = self.query.as_ref();
        let name = query.map(|q| q.name.clone()).unwrap_or_default();
        let like = (!name.is_empty()).then(|| format!("%{}%", escape_like(&name)));
        let license_filter =
            self.license_status.is_some() || self.destination.is_some() || self.sector.is_some();
        let after = self.after.clone();
        diesel::sql_query(include_str!("agency_search.sql"))
            .bind::<Bool, _>(query.is_some())
            .bind::<Text, _>(name)
            .bind::<Nullable<Text>, _>(like)
            .bind::<Nullable<Text>, _>(query.and_then(|q| q.taxpayer_id.clone()))
            .bind::<Nullable<Text>, _>(query.and_then(|q| q.license_key.clone()))
            .bind::<Nullable<Text>, _>(self.region.clone())
            .bind::<Bool, _>(license_filter)
            .bind::<Nullable<Text>, _>(self.license_status.clone())
            .bind::<Nullable<Text>, _>(self.destination.clone())
            .bind::<Nullable<Text>, _>(self.sector.clone())
            .bind::<Date, _>(self.today)
            .bind::<Bool, _>(after.is_some())
            .bind::<Float4, _>(after.as_ref().map_or(0.0, |p| p.score))
            .bind::<Text, _>(
                after
                    .as_ref()
                    .map(|p| p.legal_name.clone())
                    .unwrap_or_default(),
            )
            .bind::<SqlUuid, _>(after.as_ref().map_or(Uuid::nil(), |p| p.id))
            .bind::<BigInt, _>(self.limit)
            .load(conn)
            .await
    }
}

/// Folded names hold only `[a-z0-9 ]`, but escaping keeps LIKE literal should
/// that ever change.
fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
