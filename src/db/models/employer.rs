use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::json::Jsonb;
use crate::db::pg_enum::Stored;
use crate::db::schema::employers;
use crate::domain::employer::{EmployerAction, EmployerStatus};

/// A foreign employer (the principal abroad) the ministry vets.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = employers, check_for_backend(diesel::pg::Pg))]
pub struct Employer {
    pub id: Uuid,
    /// As registered abroad.
    pub legal_name: String,
    /// Other spellings and scripts of the name.
    pub other_names: Vec<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Its registration number abroad.
    pub registration_number: String,
    /// The sectors it hires in (`domain::sector` names).
    pub sectors: Vec<String>,
    pub address: Option<String>,
    #[diesel(deserialize_as = Stored<EmployerStatus>)]
    pub status: EmployerStatus,
    /// Why it is suspended or banned.
    pub status_reason: Option<String>,
    /// Since when it is suspended or banned.
    pub status_since: Option<NaiveDate>,
    /// Every change of its status, oldest first.
    #[diesel(deserialize_as = Jsonb<Vec<EmployerStep>>)]
    pub history: Vec<EmployerStep>,
    /// Bumped by the database on every update (entity tags).
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A change of an employer's status, as its history keeps it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct EmployerStep {
    pub action: EmployerAction,
    /// The day it took effect.
    pub on: NaiveDate,
    /// Why, as the ministry recorded it (public).
    pub reason: String,
}

impl From<Jsonb<Vec<EmployerStep>>> for Vec<EmployerStep> {
    fn from(stored: Jsonb<Vec<EmployerStep>>) -> Self {
        stored.0
    }
}

/// What the ministry registers of an employer (all but its status).
#[derive(Debug, Clone, PartialEq, Eq, AsChangeset, Insertable)]
#[diesel(table_name = employers)]
pub struct EmployerFields {
    pub legal_name: String,
    pub other_names: Vec<String>,
    pub country: String,
    pub registration_number: String,
    pub sectors: Vec<String>,
    #[diesel(treat_none_as_null = true)]
    pub address: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = employers)]
struct NewEmployer {
    id: Uuid,
    #[diesel(embed)]
    fields: EmployerFields,
}

impl Employer {
    /// What the ministry registered of it.
    pub fn fields(&self) -> EmployerFields {
        EmployerFields {
            legal_name: self.legal_name.clone(),
            other_names: self.other_names.clone(),
            country: self.country.clone(),
            registration_number: self.registration_number.clone(),
            sectors: self.sectors.clone(),
            address: self.address.clone(),
        }
    }

    /// Registers an accredited employer; `None` when one with this
    /// registration in this country exists.
    pub async fn insert(conn: &mut AsyncPgConnection, id: Uuid, fields: &EmployerFields) -> QueryResult<Option<Self>> {
        diesel::insert_into(employers::table)
            .values(NewEmployer {
                id,
                fields: fields.clone(),
            })
            .on_conflict((employers::country, employers::registration_number))
            .do_nothing()
            .returning(Self::as_returning())
            .get_result(conn)
            .await
            .optional()
    }

    /// Registers accredited employers in one statement (data sets).
    pub async fn insert_all(conn: &mut AsyncPgConnection, rows: &[(Uuid, EmployerFields)]) -> QueryResult<usize> {
        let rows: Vec<NewEmployer> = rows
            .iter()
            .map(|(id, fields)| NewEmployer {
                id: *id,
                fields: fields.clone(),
            })
            .collect();
        diesel::insert_into(employers::table).values(rows).execute(conn).await
    }

    /// The employer with this id.
    pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<Self>> {
        employers::table
            .find(id)
            .select(Self::as_select())
            .first(conn)
            .await
            .optional()
    }

    /// The employer with this id, locked until the transaction ends.
    pub async fn lock(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<Self>> {
        employers::table
            .find(id)
            .select(Self::as_select())
            .for_update()
            .first(conn)
            .await
            .optional()
    }

    /// The employers with these ids.
    pub async fn find_all(conn: &mut AsyncPgConnection, ids: &[Uuid]) -> QueryResult<Vec<Self>> {
        employers::table
            .filter(employers::id.eq_any(ids))
            .select(Self::as_select())
            .load(conn)
            .await
    }

    /// Up to `limit` employers after the id `after`, in id order (the
    /// read model's build and the snapshot's pages).
    pub async fn page_after(conn: &mut AsyncPgConnection, after: Option<Uuid>, limit: i64) -> QueryResult<Vec<Self>> {
        let mut query = employers::table.order(employers::id).limit(limit).into_boxed();
        if let Some(after) = after {
            query = query.filter(employers::id.gt(after));
        }
        query.select(Self::as_select()).load(conn).await
    }

    /// Whether another employer has this registration in this country.
    pub async fn registered_as(
        conn: &mut AsyncPgConnection,
        country: &str,
        registration_number: &str,
    ) -> QueryResult<Option<Uuid>> {
        employers::table
            .filter(employers::country.eq(country))
            .filter(employers::registration_number.eq(registration_number))
            .select(employers::id)
            .first(conn)
            .await
            .optional()
    }

    /// Replaces what the ministry registered of it.
    pub async fn update(conn: &mut AsyncPgConnection, id: Uuid, fields: &EmployerFields) -> QueryResult<Self> {
        diesel::update(employers::table.find(id))
            .set((fields, employers::updated_at.eq(diesel::dsl::now)))
            .returning(Self::as_returning())
            .get_result(conn)
            .await
    }

    /// Sets its status (with why and since when, unless accredited) and its history.
    pub async fn set_status(
        conn: &mut AsyncPgConnection,
        id: Uuid,
        status: EmployerStatus,
        since: Option<(NaiveDate, &str)>,
        history: &[EmployerStep],
    ) -> QueryResult<Self> {
        diesel::update(employers::table.find(id))
            .set((
                employers::status.eq(Stored(status)),
                employers::status_since.eq(since.map(|(on, _)| on)),
                employers::status_reason.eq(since.map(|(_, reason)| reason)),
                employers::history.eq(Jsonb(history)),
                employers::updated_at.eq(diesel::dsl::now),
            ))
            .returning(Self::as_returning())
            .get_result(conn)
            .await
    }
}
