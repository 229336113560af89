//! The public reads: from the instance's read model while it is current,
//! from Postgres while it is building or behind. Both give the same answers
//! and entity tags; each says at which change-feed position it answered.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use uuid::Uuid;

use super::agencies::{self, AgencyState};
use super::employers::{self, EmployerState};
use super::job_orders::{self, JobOrderState};
use super::licenses::{self, LicenseState};
use super::read_model::{Entry, Found, Holders, ReadModel};
use super::reported::{self, Reported, ReportedIndex};
use super::representatives::{self, RepresentativeState};
use crate::db::listen::FeedHead;
use crate::db::models::{Agency, AgencySearch, Channels, JobOrderSearch, License, LicenseEvent, Representative};
use crate::db::DbPool;
use crate::domain::card::CardNumber;
use crate::domain::job_order::JobOrderReference;
use crate::domain::license_number::LicenseNumber;
use crate::usecases::error::UseCaseError;

/// An answer with the feed position it reflects (`Registry-Position`).
#[derive(Debug)]
pub struct Read<T> {
    pub value: T,
    pub position: i64,
}

/// Who holds a contact (see [`Reads::channel_holders`]): the rows an answer
/// shows, without the entity tags a check has no use for.
pub type ContactHolders = Holders;

impl Holders {
    /// A card's holder.
    pub fn of_card(card: RepresentativeState) -> Self {
        Self {
            agencies: Vec::new(),
            card: Some((card.representative, card.agency, card.licenses)),
        }
    }
}

impl<T> Read<T> {
    /// The same position, another value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Read<U> {
        Read {
            value: f(self.value),
            position: self.position,
        }
    }
}

/// Where public reads are answered from.
#[derive(Clone)]
pub struct Reads {
    pool: DbPool,
    model: Option<Arc<ReadModel>>,
    head: FeedHead,
    reported: Arc<ReportedIndex>,
}

impl Reads {
    /// Reads from `model` when there is one and it is current, else from `pool`.
    pub fn new(pool: DbPool, model: Option<Arc<ReadModel>>, head: FeedHead, reported: Arc<ReportedIndex>) -> Self {
        Self {
            pool,
            model,
            head,
            reported,
        }
    }

    /// What the published list of reported recruiters says of a phone
    /// (E.164) or a handle (its name), from memory once it has been read.
    pub async fn reported(&self, phone: Option<&str>, handle: Option<&str>) -> Result<Option<Reported>, UseCaseError> {
        let key = match (phone, handle) {
            (Some(p), _) => reported::phone_key(p),
            (None, Some(h)) => reported::handle_key(h),
            (None, None) => return Ok(None),
        };
        match self.reported.get(&key) {
            Some(known) => Ok(known),
            None => ReportedIndex::ask(&self.pool, phone, handle).await,
        }
    }

    /// The model, when it may answer.
    fn current(&self) -> Option<&ReadModel> {
        let model = self.model.as_deref()?;
        model.position().map(|_| model)
    }

    /// What Postgres answers reflect: the newest position this instance heard of.
    fn database_position(&self) -> i64 {
        *self.head.borrow()
    }

    /// The position an answer that reads nothing reflects: the model's while
    /// it is current, else the newest heard of.
    pub fn position(&self) -> i64 {
        self.current()
            .and_then(ReadModel::position)
            .unwrap_or_else(|| self.database_position())
    }

    /// The licence check.
    pub async fn license(&self, number: &LicenseNumber, today: NaiveDate) -> Result<Read<LicenseState>, UseCaseError> {
        let found = self.license_with_history(number, today, false).await?;
        Ok(Read {
            value: found.value.0,
            position: found.position,
        })
    }

    /// The licence check with the licence's history (the check page).
    pub async fn license_with_history(
        &self,
        number: &LicenseNumber,
        today: NaiveDate,
        history: bool,
    ) -> Result<Read<(LicenseState, Vec<LicenseEvent>)>, UseCaseError> {
        if let Some(model) = self.current() {
            let (found, position) = model.license(number.lookup_key(), history);
            let (license, agency, events) =
                found.ok_or_else(|| UseCaseError::LicenseNotFound(number.canonical().to_owned()))?;
            let value = (LicenseState::new(license, agency, today), events);
            return Ok(Read { value, position });
        }
        let position = self.database_position();
        let mut conn = self.pool.get().await?;
        let state = licenses::find(&mut conn, number, today).await?;
        let events = if history {
            LicenseEvent::of_license(&mut conn, state.license.id).await?
        } else {
            Vec::new()
        };
        Ok(Read {
            value: (state, events),
            position,
        })
    }

    /// The licence's signed statement at `now`, from what the check reads.
    pub async fn statement(
        &self,
        keys: &crate::auth::keys::KeyStore,
        number: &LicenseNumber,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Read<String>, UseCaseError> {
        let Read { value, position } = self.license(number, crate::domain::registry_today(now)).await?;
        let value = licenses::statement(keys, value, now)?;
        Ok(Read { value, position })
    }

    /// An agency with its licences.
    pub async fn agency(&self, id: Uuid, today: NaiveDate) -> Result<Read<AgencyState>, UseCaseError> {
        if let Some(model) = self.current() {
            let (found, position) = model.agency(id);
            let (agency, licenses) = found.ok_or_else(|| agencies::not_found(id))?;
            let value = AgencyState::new(agency, licenses, today);
            return Ok(Read { value, position });
        }
        let position = self.database_position();
        let value = agencies::find(&mut self.pool.get().await?, id, today).await?;
        Ok(Read { value, position })
    }

    /// Who holds any of `candidates` (the channels a worker's contact could
    /// be): the agencies that registered it, with their licences, and the
    /// representative it is registered to.
    pub async fn channel_holders(
        &self,
        candidates: &Channels,
        today: NaiveDate,
    ) -> Result<Read<ContactHolders>, UseCaseError> {
        if let Some(model) = self.current() {
            let mut keys = candidates.keys();
            keys.extend(candidates.shared_keys());
            let (value, position) = model.channel_holders(&keys);
            return Ok(Read { value, position });
        }
        let position = self.database_position();
        let mut conn = self.pool.get().await?;
        let ids: Vec<Uuid> = Agency::answering_for(&mut conn, candidates)
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let mut licenses: HashMap<_, Vec<License>> = HashMap::new();
        for license in License::of_agencies(&mut conn, &ids).await? {
            licenses.entry(license.agency_id).or_default().push(license);
        }
        let agencies = Agency::find_all(&mut conn, &ids)
            .await?
            .into_iter()
            .map(|agency| {
                let own = licenses.remove(&agency.id).unwrap_or_default();
                (agency, own)
            })
            .collect();
        let held = Representative::holding(&mut conn, &candidates.phones, &candidates.handles).await?;
        let card = match held.into_iter().next() {
            Some((r, _)) => {
                let state = representatives::find(&mut conn, &r.card(), today).await?;
                Some((state.representative, state.agency, state.licenses))
            }
            None => None,
        };
        Ok(Read {
            value: ContactHolders { agencies, card },
            position,
        })
    }

    /// The representative with this card, with its agency and licences.
    pub async fn representative(
        &self,
        card: &CardNumber,
        today: NaiveDate,
    ) -> Result<Read<RepresentativeState>, UseCaseError> {
        if let Some(model) = self.current() {
            let (found, position) = model.representative(card.serial());
            let (r, agency, licenses) = found.ok_or_else(|| representatives::not_found(card))?;
            let value = RepresentativeState::new(r, agency, licenses, today);
            return Ok(Read { value, position });
        }
        let position = self.database_position();
        let value = representatives::find(&mut self.pool.get().await?, card, today).await?;
        Ok(Read { value, position })
    }

    /// Who holds this card (the contact check's read of a card: the rows,
    /// without the entity tag only the card's own answer sends).
    pub async fn card_holder(&self, card: &CardNumber, today: NaiveDate) -> Result<Read<ContactHolders>, UseCaseError> {
        if let Some(model) = self.current() {
            let (found, position) = model.representative(card.serial());
            let found = found.ok_or_else(|| representatives::not_found(card))?;
            let value = Holders {
                agencies: Vec::new(),
                card: Some(found),
            };
            return Ok(Read { value, position });
        }
        Ok(self.representative(card, today).await?.map(Holders::of_card))
    }

    /// The card's signed statement at `now`, from what the card check reads.
    pub async fn card_statement(
        &self,
        keys: &crate::auth::keys::KeyStore,
        card: &CardNumber,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Read<String>, UseCaseError> {
        let Read { value, position } = self.representative(card, crate::domain::registry_today(now)).await?;
        let claims =
            crate::public::RepresentativeStatement::new(value.representative, value.agency, value.licenses, now);
        let value = crate::auth::statement::sign_card(keys, &claims).map_err(UseCaseError::internal)?;
        Ok(Read { value, position })
    }

    /// The job order with this reference, with what its standing reads.
    pub async fn job_order(
        &self,
        reference: &JobOrderReference,
        today: NaiveDate,
    ) -> Result<Read<JobOrderState>, UseCaseError> {
        if let Some(model) = self.current() {
            let (found, position) = model.job_order(reference.serial());
            let (order, agency, license, employer) = found.ok_or_else(|| job_orders::not_found(reference))?;
            let value = JobOrderState::new(order, agency, license, employer, today);
            return Ok(Read { value, position });
        }
        let position = self.database_position();
        let value = job_orders::find(&mut self.pool.get().await?, reference, today).await?;
        Ok(Read { value, position })
    }

    /// A page of the job-order search (`search.limit` rows at most), each
    /// with its rank.
    pub async fn job_orders(&self, search: &JobOrderSearch) -> Result<Read<Vec<(JobOrderState, f32)>>, UseCaseError> {
        if let Some(model) = self.current() {
            let (found, position) = model.job_orders(search);
            let value = found
                .into_iter()
                .map(|((order, agency, license, employer), rank)| {
                    (JobOrderState::new(order, agency, license, employer, search.today), rank)
                })
                .collect();
            return Ok(Read { value, position });
        }
        let position = self.database_position();
        let value = job_orders::search(&mut self.pool.get().await?, search).await?;
        Ok(Read { value, position })
    }

    /// The job order's signed statement at `now`, from what its check reads.
    pub async fn job_order_statement(
        &self,
        keys: &crate::auth::keys::KeyStore,
        reference: &JobOrderReference,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Read<String>, UseCaseError> {
        let Read { value, position } = self.job_order(reference, crate::domain::registry_today(now)).await?;
        let claims =
            crate::public::JobOrderStatement::new(value.order, &value.agency, &value.license, &value.employer, now);
        let value = crate::auth::statement::sign_job_order(keys, &claims).map_err(UseCaseError::internal)?;
        Ok(Read { value, position })
    }

    /// The employer with this id.
    pub async fn employer(&self, id: Uuid) -> Result<Read<EmployerState>, UseCaseError> {
        if let Some(model) = self.current() {
            let (found, position) = model.employer(id);
            let value = EmployerState::from(found.ok_or_else(|| employers::not_found(id))?);
            return Ok(Read { value, position });
        }
        let position = self.database_position();
        let value = employers::find(&mut self.pool.get().await?, id).await?;
        Ok(Read { value, position })
    }

    /// The agency search (`search.limit` rows at most).
    pub async fn search(&self, search: &AgencySearch) -> Result<Read<Vec<Found>>, UseCaseError> {
        if let Some(model) = self.current() {
            let (value, position) = model.search(search);
            return Ok(Read { value, position });
        }
        let position = self.database_position();
        let mut conn = self.pool.get().await?;
        let rows = search.run(&mut conn).await?;
        let ids: Vec<_> = rows.iter().map(|row| row.agency.id).collect();
        let mut licenses: HashMap<_, Vec<License>> = HashMap::new();
        for license in License::of_agencies(&mut conn, &ids).await? {
            licenses.entry(license.agency_id).or_default().push(license);
        }
        let value = rows
            .into_iter()
            .map(|row| Found {
                rank: row.rank,
                entry: Arc::new(Entry::new(
                    row.agency.clone(),
                    licenses.remove(&row.agency.id).unwrap_or_default(),
                    Vec::new(),
                )),
            })
            .collect();
        Ok(Read { value, position })
    }
}
