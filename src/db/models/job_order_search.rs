//! The job-order search as the API states it, and its answer from Postgres
//! (while the read model is building or behind; the model answers it
//! otherwise, with ranks of its own: `read_model::offers`).

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::models::JobOrder;
use crate::db::schema::{employers, job_orders};

/// What `GET /v1/job-orders` asks.
#[derive(Debug, Clone)]
pub struct JobOrderSearch {
    /// Position or employer name as typed (any script), or a reference.
    pub q: Option<String>,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: Option<String>,
    /// A `domain::sector` name.
    pub sector: Option<String>,
    pub agency_id: Option<Uuid>,
    pub employer_id: Option<Uuid>,
    /// Only orders a worker may apply to on `today`.
    pub open_only: bool,
    pub today: NaiveDate,
    /// Where the page starts (after this row).
    pub after: Option<OrderPosition>,
    /// Rows to answer at most.
    pub limit: usize,
}

/// Where a row stands in a search's order: its rank (-1 for an exact
/// reference, 0 without a query, else in (0, 1], lower is better), then its
/// reference.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct OrderPosition {
    pub rank: f32,
    pub serial: u32,
}

impl OrderPosition {
    /// Whether a row at `other` comes after this one.
    pub fn before(&self, other: &OrderPosition) -> bool {
        (self.rank, self.serial) < (other.rank, other.serial)
    }
}

/// Rows read per query while Postgres answers a search filtered by standing.
const BATCH: i64 = 500;

impl JobOrderSearch {
    /// Candidates from Postgres, in reference order after `after_serial`:
    /// the filters a column states, and the query as a plain substring of
    /// the position or an employer's name (the model forgives scripts and
    /// typos; this degraded answer does not).
    pub async fn candidates(
        &self,
        conn: &mut AsyncPgConnection,
        after_serial: Option<u32>,
    ) -> QueryResult<Vec<JobOrder>> {
        let mut query = job_orders::table
            .order(job_orders::reference_serial)
            .limit(BATCH)
            .select(JobOrder::as_select())
            .into_boxed();
        if let Some(after) = after_serial {
            query = query.filter(job_orders::reference_serial.gt(i32::try_from(after).unwrap_or(i32::MAX)));
        }
        if let Some(country) = &self.country {
            query = query.filter(job_orders::destination_country.eq(country.clone()));
        }
        if let Some(sector) = &self.sector {
            query = query.filter(job_orders::sector.eq(sector.clone()));
        }
        if let Some(id) = self.agency_id {
            query = query.filter(job_orders::agency_id.eq(id));
        }
        if let Some(id) = self.employer_id {
            query = query.filter(job_orders::employer_id.eq(id));
        }
        if let Some(q) = self.q.as_deref().filter(|q| !q.trim().is_empty()) {
            let pattern = format!(
                "%{}%",
                q.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
            );
            let named = employers::table
                .filter(employers::legal_name.ilike(pattern.clone()))
                .select(employers::id);
            query = query.filter(
                job_orders::position
                    .ilike(pattern)
                    .or(job_orders::employer_id.eq_any(named)),
            );
        }
        query.load(conn).await
    }

    /// Rows a batch of [`JobOrderSearch::candidates`] holds at most.
    pub fn batch() -> usize {
        BATCH as usize
    }
}
