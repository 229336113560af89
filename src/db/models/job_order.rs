use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use std::collections::HashMap;

use crate::db::json::Jsonb;
use crate::db::models::{Agency, Employer, License};
use crate::db::pg_enum::Stored;
use crate::db::schema::job_orders;
use crate::domain::job_order::{JobOrderAction, JobOrderReference, JobOrderStatus, Money, WagePeriod};

/// A job abroad an agency registered under one of its licences, with an
/// employer and the terms a worker is promised.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = job_orders, check_for_backend(diesel::pg::Pg))]
pub struct JobOrder {
    pub id: Uuid,
    /// The reference's seven digits before the check digit (see [`JobOrder::reference`]).
    pub reference_serial: i32,
    pub license_id: Uuid,
    pub agency_id: Uuid,
    pub employer_id: Uuid,
    /// ISO 3166-1 alpha-2.
    pub destination_country: String,
    /// A `domain::sector` name.
    pub sector: String,
    /// The job, as the offer names it.
    pub position: String,
    pub workers_needed: i32,
    /// The wage in the currency's minor unit.
    pub wage_minor: i64,
    pub wage_currency: String,
    #[diesel(deserialize_as = Stored<WagePeriod>)]
    pub wage_period: WagePeriod,
    pub hours_per_week: i16,
    pub contract_months: i16,
    /// What the worker is asked to pay, in the currency's minor unit (0: nothing).
    pub worker_fee_minor: i64,
    pub worker_fee_currency: String,
    /// `domain::job_order::Provision` names, sorted.
    pub employer_provides: Vec<String>,
    pub approved_on: NaiveDate,
    /// Its last day (inclusive, in Tashkent).
    pub valid_until: NaiveDate,
    #[diesel(deserialize_as = Stored<JobOrderStatus>)]
    pub status: JobOrderStatus,
    /// Every change of its status, oldest first.
    #[diesel(deserialize_as = Jsonb<Vec<JobOrderStep>>)]
    pub history: Vec<JobOrderStep>,
    /// Bumped by the database on every update (entity tags).
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A change of a job order's status, as its history keeps it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct JobOrderStep {
    pub action: JobOrderAction,
    /// The day it took effect.
    pub on: NaiveDate,
    /// Why, when a reason was given (public).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl From<Jsonb<Vec<JobOrderStep>>> for Vec<JobOrderStep> {
    fn from(stored: Jsonb<Vec<JobOrderStep>>) -> Self {
        stored.0
    }
}

/// What an agency registers of a job order (all but its reference, licence,
/// status and history), as stored.
#[derive(Debug, Clone, PartialEq, Eq, AsChangeset, Insertable)]
#[diesel(table_name = job_orders)]
pub struct JobOrderFields {
    pub employer_id: Uuid,
    pub destination_country: String,
    pub sector: String,
    pub position: String,
    pub workers_needed: i32,
    pub wage_minor: i64,
    pub wage_currency: String,
    #[diesel(serialize_as = Stored<WagePeriod>)]
    pub wage_period: WagePeriod,
    pub hours_per_week: i16,
    pub contract_months: i16,
    pub worker_fee_minor: i64,
    pub worker_fee_currency: String,
    pub employer_provides: Vec<String>,
    pub approved_on: NaiveDate,
    pub valid_until: NaiveDate,
}

/// A new order's row: its id, reference, licence and agency beside its fields.
type NewRow = (
    diesel::dsl::Eq<job_orders::id, Uuid>,
    diesel::dsl::Eq<job_orders::reference_serial, i32>,
    diesel::dsl::Eq<job_orders::license_id, Uuid>,
    diesel::dsl::Eq<job_orders::agency_id, Uuid>,
    JobOrderFields,
);

/// The columns of a new order beside its fields.
fn new_row(id: Uuid, serial: u32, license_id: Uuid, agency_id: Uuid, fields: JobOrderFields) -> NewRow {
    (
        job_orders::id.eq(id),
        job_orders::reference_serial.eq(stored_serial(serial)),
        job_orders::license_id.eq(license_id),
        job_orders::agency_id.eq(agency_id),
        fields,
    )
}

impl JobOrder {
    /// Its reference.
    pub fn reference(&self) -> JobOrderReference {
        JobOrderReference::of_stored(self.reference_serial.unsigned_abs())
    }

    /// The wage (`None` only for a currency ISO 4217 has withdrawn since).
    pub fn wage(&self) -> Option<Money> {
        Money::of_stored(self.wage_minor, &self.wage_currency)
    }

    /// What the worker is asked to pay.
    pub fn worker_fee(&self) -> Option<Money> {
        Money::of_stored(self.worker_fee_minor, &self.worker_fee_currency)
    }

    /// What the agency registered of it.
    pub fn fields(&self) -> JobOrderFields {
        JobOrderFields {
            employer_id: self.employer_id,
            destination_country: self.destination_country.clone(),
            sector: self.sector.clone(),
            position: self.position.clone(),
            workers_needed: self.workers_needed,
            wage_minor: self.wage_minor,
            wage_currency: self.wage_currency.clone(),
            wage_period: self.wage_period,
            hours_per_week: self.hours_per_week,
            contract_months: self.contract_months,
            worker_fee_minor: self.worker_fee_minor,
            worker_fee_currency: self.worker_fee_currency.clone(),
            employer_provides: self.employer_provides.clone(),
            approved_on: self.approved_on,
            valid_until: self.valid_until,
        }
    }

    /// Registers an open order under the licence `license_id` of
    /// `agency_id` with the reference `serial`; `None` when the reference is
    /// taken (draw another).
    pub async fn insert(
        conn: &mut AsyncPgConnection,
        (license_id, agency_id): (Uuid, Uuid),
        serial: u32,
        fields: &JobOrderFields,
    ) -> QueryResult<Option<Self>> {
        let row = new_row(Uuid::now_v7(), serial, license_id, agency_id, fields.clone());
        diesel::insert_into(job_orders::table)
            .values(row)
            .on_conflict(job_orders::reference_serial)
            .do_nothing()
            .returning(Self::as_returning())
            .get_result(conn)
            .await
            .optional()
    }

    /// Registers open orders in one statement (data sets): (id, serial,
    /// licence, agency, fields).
    pub async fn insert_all(
        conn: &mut AsyncPgConnection,
        rows: Vec<(Uuid, u32, Uuid, Uuid, JobOrderFields)>,
    ) -> QueryResult<usize> {
        let rows: Vec<_> = rows
            .into_iter()
            .map(|(id, serial, license_id, agency_id, fields)| new_row(id, serial, license_id, agency_id, fields))
            .collect();
        diesel::insert_into(job_orders::table).values(rows).execute(conn).await
    }

    /// The order with this reference.
    pub async fn find_by_reference(
        conn: &mut AsyncPgConnection,
        reference: &JobOrderReference,
    ) -> QueryResult<Option<Self>> {
        job_orders::table
            .filter(job_orders::reference_serial.eq(reference_serial(reference)))
            .select(Self::as_select())
            .first(conn)
            .await
            .optional()
    }

    /// The order with this reference, locked until the transaction ends.
    pub async fn lock_by_reference(
        conn: &mut AsyncPgConnection,
        reference: &JobOrderReference,
    ) -> QueryResult<Option<Self>> {
        job_orders::table
            .filter(job_orders::reference_serial.eq(reference_serial(reference)))
            .select(Self::as_select())
            .for_update()
            .first(conn)
            .await
            .optional()
    }

    /// The orders with these ids.
    pub async fn find_all(conn: &mut AsyncPgConnection, ids: &[Uuid]) -> QueryResult<Vec<Self>> {
        job_orders::table
            .filter(job_orders::id.eq_any(ids))
            .select(Self::as_select())
            .load(conn)
            .await
    }

    /// These orders, each with its licence, the licence's agency and its
    /// employer (what its standing and its answer read), in the given order;
    /// an order whose rows are missing is left out.
    pub async fn with_context(
        conn: &mut AsyncPgConnection,
        orders: Vec<JobOrder>,
    ) -> QueryResult<Vec<(JobOrder, License, Agency, Employer)>> {
        let mut license_ids: Vec<Uuid> = orders.iter().map(|o| o.license_id).collect();
        license_ids.sort_unstable();
        license_ids.dedup();
        let mut employer_ids: Vec<Uuid> = orders.iter().map(|o| o.employer_id).collect();
        employer_ids.sort_unstable();
        employer_ids.dedup();
        let licenses: HashMap<Uuid, (License, Agency)> = License::with_agencies(conn, &license_ids)
            .await?
            .into_iter()
            .map(|(l, a)| (l.id, (l, a)))
            .collect();
        let employers: HashMap<Uuid, Employer> = Employer::find_all(conn, &employer_ids)
            .await?
            .into_iter()
            .map(|e| (e.id, e))
            .collect();
        Ok(orders
            .into_iter()
            .filter_map(|o| {
                let (license, agency) = licenses.get(&o.license_id).cloned()?;
                let employer = employers.get(&o.employer_id).cloned()?;
                Some((o, license, agency, employer))
            })
            .collect())
    }

    /// Up to `limit` orders after the reference serial `after`, in
    /// reference order, each with its licence's number (the snapshot's pages).
    pub async fn page_after(conn: &mut AsyncPgConnection, after: i32, limit: i64) -> QueryResult<Vec<(Self, String)>> {
        use crate::db::schema::licenses;
        job_orders::table
            .inner_join(licenses::table.on(licenses::id.eq(job_orders::license_id)))
            .filter(job_orders::reference_serial.gt(after))
            .order(job_orders::reference_serial)
            .limit(limit)
            .select((Self::as_select(), licenses::license_number))
            .load(conn)
            .await
    }

    /// The orders of these agencies, in reference order.
    pub async fn of_agencies(conn: &mut AsyncPgConnection, ids: &[Uuid]) -> QueryResult<Vec<Self>> {
        job_orders::table
            .filter(job_orders::agency_id.eq_any(ids))
            .order(job_orders::reference_serial)
            .select(Self::as_select())
            .load(conn)
            .await
    }

    /// The orders with this employer whose stored status is one of
    /// `statuses`, locked until the transaction ends.
    pub async fn lock_of_employer(
        conn: &mut AsyncPgConnection,
        employer_id: Uuid,
        statuses: &[JobOrderStatus],
    ) -> QueryResult<Vec<Self>> {
        let statuses: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
        job_orders::table
            .filter(job_orders::employer_id.eq(employer_id))
            .filter(job_orders::status.eq_any(statuses))
            .order(job_orders::reference_serial)
            .select(Self::as_select())
            .for_update()
            .load(conn)
            .await
    }

    /// Replaces what the agency registered of it.
    pub async fn update(conn: &mut AsyncPgConnection, id: Uuid, fields: &JobOrderFields) -> QueryResult<Self> {
        diesel::update(job_orders::table.find(id))
            .set((fields.clone(), job_orders::updated_at.eq(diesel::dsl::now)))
            .returning(Self::as_returning())
            .get_result(conn)
            .await
    }

    /// Sets its status and history.
    pub async fn set_status(
        conn: &mut AsyncPgConnection,
        id: Uuid,
        status: JobOrderStatus,
        history: &[JobOrderStep],
    ) -> QueryResult<Self> {
        diesel::update(job_orders::table.find(id))
            .set((
                job_orders::status.eq(Stored(status)),
                job_orders::history.eq(Jsonb(history)),
                job_orders::updated_at.eq(diesel::dsl::now),
            ))
            .returning(Self::as_returning())
            .get_result(conn)
            .await
    }
}

fn stored_serial(serial: u32) -> i32 {
    i32::try_from(serial % 10_000_000).unwrap_or_default()
}

/// The stored serial of a reference.
fn reference_serial(reference: &JobOrderReference) -> i32 {
    i32::try_from(reference.serial()).unwrap_or(i32::MAX)
}
