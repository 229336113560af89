use chrono::NaiveDate;
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::query_builder::BoxedSqlQuery;
use diesel::query_builder::SqlQuery;
use diesel::sql_types::{BigInt, Bool, Date, Float4, Nullable, Text, Uuid as SqlUuid};
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
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SearchPosition {
    #[serde(rename = "s")]
    pub rank: f32,
    #[serde(rename = "n")]
    pub legal_name: String,
    #[serde(rename = "i")]
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
    /// How many rows matched before the page was cut (the selective search
    /// counts them to tell whether the query was too common for it).
    #[diesel(sql_type = BigInt)]
    pub candidates: i64,
}

const COLUMNS: &str = "a.id, a.legal_name, a.other_names, a.taxpayer_id, a.region, a.address, \
     a.phone, a.email, a.website, a.created_at, a.updated_at, a.complaint_counts, a.version, a.channels";

/// Filters shared by both statements. $1 region, $2 a licence filter is on,
/// $3 status in force, $4 destination, $5 sector, $6 today. The licence
/// filters must all hold for one and the same licence; the status is
/// `domain::license_status::standing`'s, in SQL.
fn filters() -> String {
    let status = crate::domain::license_status::standing_status_sql("l", "$6");
    format!(
        "($1::text IS NULL OR a.region = $1)
  AND (NOT $2 OR EXISTS (
        SELECT 1 FROM licenses l
        WHERE l.agency_id = a.id
          AND ($3::text IS NULL OR {status} = $3)
          AND ($4::text IS NULL OR l.destination_countries @> ARRAY[$4::text])
          AND ($5::text IS NULL OR l.sectors @> ARRAY[$5::text])))"
    )
}

/// Without a query: alphabetical. $7 a cursor is given, $8 its name, $9 its
/// id, $10 the limit.
fn browse_sql() -> String {
    let filters = filters();
    format!(
        "SELECT {COLUMNS}, 0::real AS rank, 0::bigint AS candidates FROM agencies a
         WHERE {filters} AND (NOT $7 OR (a.legal_name, a.id) > ($8, $9))
         ORDER BY a.legal_name, a.id
         LIMIT $10"
    )
}

/// Matches beyond which a query counts as unselective and is answered
/// nearest-first from the GiST index instead.
const CANDIDATE_CAP: i64 = 1_000;

/// With a query: exact taxpayer id or licence number first (rank -1), then
/// names by trigram word distance. `names` is where the name matches come
/// from; both ways give the same rows in the same order. $11 folded name,
/// $12 taxpayer id, $13 licence key, $14 the cursor's rank.
fn search_sql(names: &str) -> String {
    let filters = filters();
    format!(
        "WITH exact AS (
             SELECT a.id FROM agencies a WHERE a.taxpayer_id = $12
             UNION
             SELECT l.agency_id FROM licenses l WHERE l.lookup_key = $13
         )
         SELECT *, count(*) OVER () AS candidates FROM (
             SELECT {COLUMNS}, (-1)::real AS rank FROM agencies a
             WHERE a.id IN (SELECT id FROM exact) AND {filters}
             UNION ALL
             ({names})
         ) found
         WHERE {AFTER}
         ORDER BY rank, legal_name, id
         LIMIT $10"
    )
}

/// Rows after the cursor in (rank, legal name, id) order.
const AFTER: &str = "(NOT $7 OR rank > $14 OR (rank = $14 AND (legal_name, id) > ($8, $9)))";

/// Name matches of a distinctive query: every match, found through the GIN
/// index, at most `CANDIDATE_CAP` + 1 of them ($15).
fn selective_names() -> String {
    let filters = filters();
    format!(
        "SELECT * FROM (
             SELECT {COLUMNS}, lower(a.search_names) <->> $11 AS rank FROM agencies a
             WHERE $11 <% lower(a.search_names)
               AND a.id NOT IN (SELECT id FROM exact)
               AND {filters}
         ) named
         WHERE {AFTER}
         LIMIT $15"
    )
}

/// Name matches of a common query, read nearest-first from the GiST index.
/// Ordering by rank alone lets Postgres read the index in order; `WITH TIES`
/// keeps every row tied at the page boundary, so the final order by name and
/// id stays exact. ($15 only keeps the parameter list the same.)
fn nearest_names() -> String {
    let filters = filters();
    format!(
        "SELECT * FROM (
             SELECT {COLUMNS}, a.search_names <->> $11 AS rank FROM agencies a
             WHERE $11 <% a.search_names
               AND a.id NOT IN (SELECT id FROM exact)
               AND {filters}
               AND $15 > 0
         ) named
         WHERE {AFTER}
         ORDER BY rank
         FETCH FIRST ($10) ROWS WITH TIES"
    )
}

impl AgencySearch {
    /// The first `limit` agencies `terms` find, without filters.
    pub fn first_page(terms: QueryTerms, today: NaiveDate, limit: i64) -> Self {
        Self {
            query: Some(terms),
            region: None,
            license_status: None,
            destination: None,
            sector: None,
            today,
            after: None,
            limit,
        }
    }

    /// Runs the search.
    pub async fn run(&self, conn: &mut AsyncPgConnection) -> QueryResult<Vec<SearchedAgency>> {
        if self.query.is_none() {
            return self.load(browse_sql(), conn).await;
        }
        let found = self.load(search_sql(&selective_names()), conn).await?;
        if <[_]>::first(&found).is_some_and(|row| row.candidates > CANDIDATE_CAP) {
            return self.load(search_sql(&nearest_names()), conn).await;
        }
        Ok(found)
    }

    async fn load(&self, sql: String, conn: &mut AsyncPgConnection) -> QueryResult<Vec<SearchedAgency>> {
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
                .bind::<Float4, _>(after.map_or(0.0, |p| p.rank))
                .bind::<BigInt, _>(CANDIDATE_CAP + 1);
        }
        query.load(conn).await
    }
}
