use chrono::NaiveDate;
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::query_builder::BoxedSqlQuery;
use diesel::sql_types::{BigInt, Bool, Date, Float4, Nullable, Text, Uuid as SqlUuid};
use diesel::query_builder::SqlQuery;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::models::Agency;

/// What to search for. Every filter is optional. Results are ordered by rank
/// (best match first), then legal name, then id: a total order, so keyset
/// pagination returns every row exactly once.
#[derive(Debug, Clone, Default)]
pub struct AgencySearch {
    /// The query, when there is one.
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
    /// Names: the query folded by `domain::transliterate::search_form`.
    pub name: String,
    /// Exact taxpayer id, when the query is one.
    pub taxpayer_id: Option<String>,
    /// Licence lookup key, when the query reads as a licence number.
    pub license_key: Option<String>,
}

/// A row's place in the result order: where the next page starts.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPosition {
    pub rank: f32,
    pub legal_name: String,
    pub id: Uuid,
}

/// An agency found by a search.
#[derive(Debug, Clone, QueryableByName)]
pub struct SearchedAgency {
    #[diesel(embed)]
    pub agency: Agency,
    /// -1 for an exact taxpayer id or licence number; else the trigram word
    /// distance (1 - word similarity) of the names; 0 without a query.
    #[diesel(sql_type = Float4)]
    pub rank: f32,
}

impl SearchedAgency {
    /// Where the page after this row starts.
    pub fn position(&self) -> SearchPosition {
        SearchPosition {
            rank: self.rank,
            legal_name: self.agency.legal_name.clone(),
            id: self.agency.id,
        }
    }
}

const COLUMNS: &str = "a.id, a.legal_name, a.other_names, a.taxpayer_id, a.region, a.address, \
     a.phone, a.email, a.website, a.created_at, a.updated_at";

/// Filters shared by both statements. $1 region, $2 a licence filter is on,
/// $3 effective status, $4 destination, $5 sector, $6 today. The licence
/// filters must all hold for one and the same licence.
const FILTERS: &str = "($1::text IS NULL OR a.region = $1)
  AND (NOT $2 OR EXISTS (
        SELECT 1 FROM licenses l
        WHERE l.agency_id = a.id
          AND ($3::text IS NULL
               OR (CASE WHEN l.status = 'active' AND l.valid_until < $6 THEN 'expired' ELSE l.status END) = $3)
          AND ($4::text IS NULL OR l.destination_countries @> ARRAY[$4::text])
          AND ($5::text IS NULL OR l.sectors @> ARRAY[$5::text])))";

/// Without a query: alphabetical. $7 a cursor is given, $8 its name, $9 its
/// id, $10 the limit.
fn browse_sql() -> String {
    format!(
        "SELECT {COLUMNS}, 0::real AS rank FROM agencies a
         WHERE {FILTERS} AND (NOT $7 OR (a.legal_name, a.id) > ($8, $9))
         ORDER BY a.legal_name, a.id
         LIMIT $10"
    )
}

/// With a query: exact taxpayer id or licence number first, then names by
/// trigram word distance. The names are read nearest-first from the GiST index
/// (ordering by rank alone lets Postgres do that; `WITH TIES` keeps every row
/// tied at the page boundary, so the final order by name and id stays exact),
/// so a common word that matches most agencies costs a page, not a table.
/// $11 folded name, $12 taxpayer id, $13 licence key, $14 the cursor's rank.
fn search_sql() -> String {
    let after = "(NOT $7 OR rank > $14 OR (rank = $14 AND (legal_name, id) > ($8, $9)))";
    format!(
        "WITH exact AS (
             SELECT a.id FROM agencies a WHERE a.taxpayer_id = $12
             UNION
             SELECT l.agency_id FROM licenses l WHERE l.lookup_key = $13
         )
         SELECT * FROM (
             SELECT {COLUMNS}, (-1)::real AS rank FROM agencies a
             WHERE a.id IN (SELECT id FROM exact) AND {FILTERS}
             UNION ALL
             (SELECT * FROM (
                 SELECT {COLUMNS}, a.search_names <->> $11 AS rank FROM agencies a
                 WHERE $11 <% a.search_names
                   AND a.id NOT IN (SELECT id FROM exact)
                   AND {FILTERS}
             ) named
             WHERE {after}
             ORDER BY rank
             FETCH FIRST ($10) ROWS WITH TIES)
         ) found
         WHERE {after}
         ORDER BY rank, legal_name, id
         LIMIT $10"
    )
}

impl AgencySearch {
    /// Runs the search.
    pub async fn run(&self, conn: &mut AsyncPgConnection) -> QueryResult<Vec<SearchedAgency>> {
        let sql = if self.query.is_some() { search_sql() } else { browse_sql() };
        let after = self.after.as_ref();
        let license_filter = self.license_status.is_some() || self.destination.is_some() || self.sector.is_some();
        let mut query: BoxedSqlQuery<'static, Pg, SqlQuery> = diesel::sql_query(sql)
            .into_boxed()
            .bind::<Nullable<Text>, _>(self.region.clone())
            .bind::<Bool, _>(license_filter)
            .bind::<Nullable<Text>, _>(self.license_status.clone())
            .bind::<Nullable<Text>, _>(self.destination.clone())
            .bind::<Nullable<Text>, _>(self.sector.clone())
            .bind::<Date, _>(self.today)
            .bind::<Bool, _>(after.is_some())
            .bind::<Text, _>(after.map(|p| p.legal_name.clone()).unwrap_or_default())
            .bind::<SqlUuid, _>(after.map_or(Uuid::nil(), |p| p.id))
            .bind::<BigInt, _>(self.limit);
        if let Some(terms) = &self.query {
            query = query
                .bind::<Text, _>(terms.name.clone())
                .bind::<Nullable<Text>, _>(terms.taxpayer_id.clone())
                .bind::<Nullable<Text>, _>(terms.license_key.clone())
                .bind::<Float4, _>(after.map_or(0.0, |p| p.rank));
        }
        query.load(conn).await
    }
}
