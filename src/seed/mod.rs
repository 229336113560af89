//! Data sets for demonstrations and benchmarks.

pub mod demo;
pub mod synthetic;

use chrono::{DateTime, Utc};
use diesel_async::AsyncPgConnection;

use crate::db::json::Jsonb;
use crate::db::models::{
    Agency, ChannelHandle, Channels, Employer, EmployerFields, JobOrder, JobOrderFields, License, LicenseEvent,
    NewAgency, NewLicense, NewLicenseEvent, NewRepresentative, RepresentativeFields,
};
use crate::db::pg_enum::Stored;
use crate::domain::license_number::LicenseNumber;
use crate::domain::license_status::{LicenseAction, LicenseStatus};
use crate::domain::representative::RepresentativeStatus;

/// Rows to insert together.
#[derive(Debug, Default)]
pub struct Batch {
    pub agencies: Vec<NewAgency>,
    pub licenses: Vec<NewLicense>,
    pub events: Vec<NewLicenseEvent>,
    pub representatives: Vec<NewRepresentative>,
    pub employers: Vec<(uuid::Uuid, EmployerFields)>,
    pub job_orders: Vec<SeedOrder>,
}

/// A job order of a data set.
#[derive(Debug, Clone)]
pub struct SeedOrder {
    pub id: uuid::Uuid,
    /// Its reference's seven digits.
    pub serial: u32,
    pub license_id: uuid::Uuid,
    pub agency_id: uuid::Uuid,
    pub terms: JobOrderFields,
    /// Withdrawn on this day, for this reason (else open).
    pub withdrawn: Option<(chrono::NaiveDate, String)>,
}

/// Rows per INSERT statement: well under Postgres' 65,535 bind parameters.
const ROWS_PER_STATEMENT: usize = 2_000;

impl Batch {
    /// Adds an agency and returns its id.
    #[allow(clippy::too_many_arguments)]
    pub fn agency(
        &mut self,
        legal_name: &str,
        other_names: &[&str],
        taxpayer_id: &str,
        region: &str,
        address: Option<String>,
        phone: Option<String>,
        email: Option<String>,
        website: Option<String>,
    ) -> uuid::Uuid {
        let other_names: Vec<String> = other_names.iter().map(|s| (*s).to_owned()).collect();
        let id = uuid::Uuid::now_v7();
        self.agencies.push(NewAgency {
            id,
            search_names: NewAgency::search_names_of(legal_name, &other_names),
            legal_name: legal_name.to_owned(),
            other_names,
            taxpayer_id: taxpayer_id.to_owned(),
            region: region.to_owned(),
            address,
            phone,
            email,
            website,
            channels: Jsonb(Channels::default()),
        });
        id
    }

    /// Gives the agency `id` (added before) these official channels.
    pub fn channels(&mut self, id: uuid::Uuid, channels: Channels) {
        if let Some(agency) = self.agencies.iter_mut().find(|a| a.id == id) {
            agency.channels = Jsonb(channels);
        }
    }

    /// Adds a representative of the agency `agency_id` with the card
    /// `serial`; withdrawn on a day for a reason when `withdrawn` says so.
    pub fn representative(&mut self, agency_id: uuid::Uuid, serial: u32, person: Person<'_>) {
        let fields = RepresentativeFields {
            full_name: person.full_name.to_owned(),
            regions: person.regions.iter().map(|r| (*r).to_owned()).collect(),
            phones: person.phones.iter().map(|p| (*p).to_owned()).collect(),
            handles: person
                .telegram
                .iter()
                .map(|name| ChannelHandle {
                    platform: "telegram".into(),
                    name: (*name).to_owned(),
                })
                .collect(),
            valid_from: person.valid_from,
            valid_until: None,
        };
        let mut row = NewRepresentative::new(agency_id, serial, fields);
        if let Some((on, reason)) = person.withdrawn {
            row.status = Stored(RepresentativeStatus::Withdrawn);
            row.withdrawn_on = Some(on);
            row.withdrawal_reason = Some(reason.to_owned());
        }
        self.representatives.push(row);
    }

    /// Adds an accredited employer and returns its id.
    pub fn employer(&mut self, fields: EmployerFields) -> uuid::Uuid {
        let id = uuid::Uuid::now_v7();
        self.employers.push((id, fields));
        id
    }

    /// Adds an open job order with the reference `serial` under the licence
    /// `license_id` of `agency_id`.
    pub fn job_order(&mut self, (license_id, agency_id): (uuid::Uuid, uuid::Uuid), serial: u32, terms: JobOrderFields) {
        self.job_orders.push(SeedOrder {
            id: uuid::Uuid::now_v7(),
            serial,
            license_id,
            agency_id,
            terms,
            withdrawn: None,
        });
    }

    /// Adds a licence with its history; `history` is `(action, reason, at)`.
    /// Returns its id (nil for a number that is none).
    pub fn license(
        &mut self,
        license: LicenseSpec<'_>,
        history: &[(LicenseAction, Option<&str>, DateTime<Utc>)],
    ) -> uuid::Uuid {
        let Ok(number) = LicenseNumber::parse(license.number) else {
            return uuid::Uuid::nil();
        };
        let id = uuid::Uuid::now_v7();
        self.licenses.push(NewLicense {
            id,
            license_number: number.canonical().to_owned(),
            lookup_key: number.lookup_key().to_owned(),
            agency_id: license.agency_id,
            status: license.status,
            valid_from: license.valid_from,
            valid_until: license.valid_until,
            destination_countries: license.destinations.iter().map(|s| (*s).to_owned()).collect(),
            sectors: license.sectors.iter().map(|s| (*s).to_owned()).collect(),
            status_reason: license.status_reason.map(str::to_owned),
        });
        for (action, reason, at) in history {
            self.events.push(NewLicenseEvent {
                license_id: id,
                action: *action,
                reason: reason.map(str::to_owned),
                effective_at: *at,
            });
        }
        id
    }

    /// Inserts the rows, in the caller's transaction.
    pub async fn insert_rows(&self, conn: &mut AsyncPgConnection) -> diesel::QueryResult<()> {
        for chunk in self.agencies.chunks(ROWS_PER_STATEMENT) {
            Agency::insert_all(conn, chunk).await?;
        }
        for chunk in self.licenses.chunks(ROWS_PER_STATEMENT) {
            License::insert_all(conn, chunk).await?;
        }
        for chunk in self.events.chunks(ROWS_PER_STATEMENT) {
            LicenseEvent::insert_all(conn, chunk).await?;
        }
        for chunk in self.representatives.chunks(ROWS_PER_STATEMENT) {
            NewRepresentative::insert_all(conn, chunk).await?;
        }
        for chunk in self.employers.chunks(ROWS_PER_STATEMENT) {
            Employer::insert_all(conn, chunk).await?;
        }
        for chunk in self.job_orders.chunks(ROWS_PER_STATEMENT) {
            let rows = chunk
                .iter()
                .map(|o| (o.id, o.serial, o.license_id, o.agency_id, o.terms.clone()))
                .collect();
            JobOrder::insert_all(conn, rows).await?;
        }
        for o in &self.job_orders {
            if let Some((on, reason)) = &o.withdrawn {
                let step = crate::db::models::JobOrderStep {
                    action: crate::domain::job_order::JobOrderAction::Withdraw,
                    on: *on,
                    reason: Some(reason.clone()),
                };
                let status = crate::domain::job_order::JobOrderStatus::Withdrawn;
                JobOrder::set_status(conn, o.id, status, &[step]).await?;
            }
        }
        Ok(())
    }
}

/// A licence to add to a [`Batch`].
#[derive(Debug, Clone)]
pub struct LicenseSpec<'a> {
    pub agency_id: uuid::Uuid,
    pub number: &'a str,
    pub status: LicenseStatus,
    pub valid_from: chrono::NaiveDate,
    pub valid_until: chrono::NaiveDate,
    pub destinations: &'a [&'a str],
    pub sectors: &'a [&'a str],
    pub status_reason: Option<&'a str>,
}

/// A representative to add to a [`Batch`].
#[derive(Debug, Clone)]
pub struct Person<'a> {
    pub full_name: &'a str,
    pub regions: &'a [&'a str],
    /// E.164.
    pub phones: &'a [&'a str],
    /// Telegram handles, lower case.
    pub telegram: &'a [&'a str],
    pub valid_from: chrono::NaiveDate,
    pub withdrawn: Option<(chrono::NaiveDate, &'a str)>,
}
