//! The public registry in memory: every agency with its licences and their
//! histories, and a search index of their names.
//!
//! Each instance keeps its own copy, built at start from the same rows the
//! snapshot reads and kept current by following the change feed, exactly as
//! an offline app mirrors the registry (see [`follow`]). Postgres stays the
//! only source of truth: nothing but the follower changes the model, and an
//! instance whose follower has fallen behind answers from Postgres again.

mod cards;
pub mod follow;
pub mod index;
mod keys;
mod offer_search;
mod offers;
mod search;
mod tables;

use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::db::models::{
    Agency, AgencySearch, Employer, JobOrder, JobOrderSearch, License, LicenseEvent, Representative,
};
use index::SearchIndex;
use tables::State;
pub use tables::{Entry, Found};

/// A representative with its agency and the agency's licences.
pub type Card = (Representative, Agency, Vec<License>);

/// A job order with its agency, the licence it stands on and its employer.
pub type Offer = (JobOrder, Agency, License, Employer);

/// Who holds a channel (see [`ReadModel::channel_holders`]).
#[derive(Debug, Default)]
pub struct Holders {
    /// The agencies that registered it, with their licences.
    pub agencies: Vec<(Agency, Vec<License>)>,
    /// The representative it is registered to.
    pub card: Option<Card>,
}

fn card_of(state: &State, slot: u32, serial: u32) -> Option<Card> {
    let (at, _) = state.entry(slot)?.card(serial)?;
    card_at(state, slot, at)
}

fn card_at(state: &State, slot: u32, at: u32) -> Option<Card> {
    let entry = state.entry(slot)?;
    let r = entry.representatives.get(at as usize)?;
    Some((
        r.representative(entry.agency.id),
        entry.agency.clone(),
        entry.licenses.clone(),
    ))
}

/// How far the model has followed the feed.
#[derive(Debug, Clone, Default)]
struct Progress {
    built: bool,
    /// The feed position applied.
    applied: i64,
    /// When the follower last saw that nothing newer had committed.
    confirmed_at: Option<Instant>,
    build_time: Option<Duration>,
}

/// What `/health/ready` reports of the model.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ReadModelHealth {
    /// `building`, `current` (answering from memory) or `behind` (answering
    /// from Postgres until it catches up).
    #[schema(example = "current")]
    pub state: &'static str,
    /// The change-feed position it has applied.
    pub position: i64,
    /// Agencies it holds.
    pub agencies: usize,
    /// Seconds since it last knew it had every change.
    pub lag_secs: Option<f64>,
    /// Seconds the build at start took.
    pub build_secs: Option<f64>,
}

/// The public registry in memory (see the module documentation).
pub struct ReadModel {
    state: RwLock<State>,
    index: SearchIndex,
    /// The vocabulary of job orders' positions and employers' names.
    order_index: SearchIndex,
    progress: Mutex<Progress>,
    /// The position applied, for those waiting to see a change.
    applied: tokio::sync::watch::Sender<i64>,
    max_lag: Duration,
}

impl ReadModel {
    /// An empty model that answers only while its follower is within
    /// `max_lag` of the feed.
    pub fn new(max_lag: Duration) -> Self {
        Self {
            state: RwLock::new(State::default()),
            index: SearchIndex::default(),
            order_index: SearchIndex::default(),
            progress: Mutex::new(Progress::default()),
            applied: tokio::sync::watch::Sender::new(0),
            max_lag,
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn progress(&self) -> std::sync::MutexGuard<'_, Progress> {
        self.progress.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The feed position the model has applied, or `None` while it is
    /// building or behind (answer from Postgres then).
    pub fn position(&self) -> Option<i64> {
        let p = self.progress();
        let fresh = p.confirmed_at.is_some_and(|at| at.elapsed() <= self.max_lag);
        (p.built && fresh).then_some(p.applied)
    }

    /// The feed position of a model already built (by an earlier run of its
    /// follower), or `None` while it has to be built.
    pub fn built_at(&self) -> Option<i64> {
        let p = self.progress();
        p.built.then_some(p.applied)
    }

    /// What `/health/ready` says of the model.
    pub fn health(&self) -> ReadModelHealth {
        let p = self.progress().clone();
        let state = match (p.built, self.position()) {
            (false, _) => "building",
            (true, Some(_)) => "current",
            (true, None) => "behind",
        };
        ReadModelHealth {
            state,
            position: p.applied,
            agencies: self.read().entries.len(),
            lag_secs: p.confirmed_at.map(|at| at.elapsed().as_secs_f64()),
            build_secs: p.build_time.map(|d| d.as_secs_f64()),
        }
    }

    /// Puts these employers and agencies (all their rows, as now stored) in
    /// the model, which then answers at feed position `seq`.
    pub fn put(&self, employers: Vec<Employer>, entries: Vec<Entry>, seq: i64) -> Result<(), fst::Error> {
        // The vocabulary first, then the tables and the position together:
        // an answer never shows rows newer than the position it states.
        let words = self.count(&entries);
        self.index.rebuild()?;
        let mut state = self.state.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        for e in employers {
            state.employers.insert(e.id, std::sync::Arc::new(e));
        }
        let (removed, added) = self.offers_of(&state, &entries);
        state.put_all(entries, words);
        state.offers.replace(&self.order_index, &removed, added);
        self.order_index.rebuild()?;
        state.applied = state.applied.max(seq);
        state.checked();
        Ok(())
    }

    /// Puts a page of the build's employers in the model.
    pub fn load_employers(&self, employers: Vec<Employer>) {
        let mut state = self.state.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        for e in employers {
            state.employers.insert(e.id, std::sync::Arc::new(e));
        }
    }

    /// Puts a page of the build in the model; [`ReadModel::settle`] then
    /// makes it answer (it answers nothing before it is marked built).
    pub fn load(&self, entries: Vec<Entry>) {
        let words = self.count(&entries);
        let mut state = self.state.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (removed, added) = self.offers_of(&state, &entries);
        state.load(entries, words);
        state.offers.replace(&self.order_index, &removed, added);
    }

    /// The job orders these entries replace, and those they bring with the
    /// names they are searched by (employers as the model holds them).
    fn offers_of(&self, state: &State, entries: &[Entry]) -> (Vec<u32>, Vec<(u32, String)>) {
        let mut removed = Vec::new();
        let mut added = Vec::new();
        for e in entries {
            if let Some(old) = state.by_id.get(&e.agency.id).and_then(|slot| state.entry(*slot)) {
                removed.extend(old.job_orders.iter().map(|o| o.reference_serial.unsigned_abs()));
            }
            for o in e.job_orders.iter() {
                added.push((o.reference_serial.unsigned_abs(), offers::names_of(o, &state.employers)));
            }
        }
        (removed, added)
    }

    /// Ends the build: orders and lists what was loaded, at feed position `seq`.
    pub fn settle(&self, seq: i64) -> Result<(), fst::Error> {
        self.index.rebuild()?;
        self.order_index.rebuild()?;
        let mut state = self.state.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        state.settle();
        state.applied = state.applied.max(seq);
        state.checked();
        Ok(())
    }

    /// Counts the entries' names in the vocabulary (the follower is the only
    /// writer, so the names they replace, read here, hold).
    fn count(&self, entries: &[Entry]) -> Vec<Vec<index::WordId>> {
        let state = self.read();
        let before = |e: &Entry| {
            let slot = state.by_id.get(&e.agency.id)?;
            state.entry(*slot).map(|old| old.names.as_str())
        };
        self.index.count(entries.iter().map(|e| (e.names.as_str(), before(e))))
    }

    fn mark(&self, update: impl FnOnce(&mut Progress)) {
        let applied = {
            let mut progress = self.progress();
            update(&mut progress);
            progress.applied
        };
        self.applied.send_if_modified(|seen| {
            let newer = applied > *seen;
            *seen = (*seen).max(applied);
            newer
        });
    }

    /// Waits until the model has applied the feed up to `seq`, or `longest`.
    pub async fn wait_for(&self, seq: i64, longest: Duration) {
        let mut applied = self.applied.subscribe();
        let _ = tokio::time::timeout(longest, applied.wait_for(|s| *s >= seq)).await;
    }

    /// The licence with this lookup key, its agency and (when asked) its
    /// history, and the feed position of the answer.
    pub fn license(&self, lookup_key: &str, history: bool) -> (Option<(License, Agency, Vec<LicenseEvent>)>, i64) {
        let state = self.read();
        let found = state.by_license.get(lookup_key).and_then(|(slot, id)| {
            let entry = state.entry(*slot)?;
            let license = entry.licenses.iter().find(|l| l.id == *id)?;
            // Only the check page shows the history: copying it for every
            // licence check was an eighth of the model's part of one.
            let events = entry
                .events
                .iter()
                .find(|(license, _)| history && license == id)
                .map(|(_, events)| events.clone())
                .unwrap_or_default();
            Some((license.clone(), entry.agency.clone(), events))
        });
        (found, state.applied)
    }

    /// The agency with this id and its licences, and the feed position of
    /// the answer.
    pub fn agency(&self, id: Uuid) -> (Option<(Agency, Vec<License>)>, i64) {
        let state = self.read();
        let found = state
            .by_id
            .get(&id)
            .and_then(|slot| state.entry(*slot))
            .map(|e| (e.agency.clone(), e.licenses.clone()));
        (found, state.applied)
    }

    /// Who holds a channel by any of these keys (`channel_key`): the
    /// agencies (with their licences) that registered it, shared or alone,
    /// each once, and the card that holds it; and the feed position.
    pub fn channel_holders(&self, keys: &[String]) -> (Holders, i64) {
        let state = self.read();
        let mut slots: Vec<u32> = keys.iter().filter_map(|k| state.agency_by_channel(k)).collect();
        for key in keys {
            slots.extend(state.by_shared_phone.get(key).into_iter().flatten());
        }
        slots.sort_unstable();
        slots.dedup();
        let agencies = slots
            .into_iter()
            .filter_map(|slot| state.entry(slot))
            .map(|e| (e.agency.clone(), e.licenses.clone()))
            .collect();
        let card = keys
            .iter()
            .find_map(|k| state.card_by_channel(k))
            .and_then(|(slot, at)| card_at(&state, slot, at));
        (Holders { agencies, card }, state.applied)
    }

    /// The representative with this card serial, with its agency and
    /// licences, and the feed position of the answer.
    pub fn representative(&self, serial: u32) -> (Option<Card>, i64) {
        let state = self.read();
        let found = state
            .by_card
            .get(&serial)
            .and_then(|slot| card_of(&state, *slot, serial));
        (found, state.applied)
    }

    /// The job order with this reference serial, with its agency, licence
    /// and employer, and the feed position of the answer.
    pub fn job_order(&self, serial: u32) -> (Option<Offer>, i64) {
        let state = self.read();
        let found = state.by_job_order.get(&serial).and_then(|slot| {
            let entry = state.entry(*slot)?;
            let (order, license) = entry.job_order(serial)?;
            let employer = state.employers.get(&order.employer_id)?;
            Some((
                order.clone(),
                entry.agency.clone(),
                license.clone(),
                Employer::clone(employer),
            ))
        });
        (found, state.applied)
    }

    /// The page of a job-order search: each order with its agency, licence
    /// and employer, and its rank; and the feed position of the answer.
    pub fn job_orders(&self, search: &JobOrderSearch) -> (Vec<(Offer, f32)>, i64) {
        let state = self.read();
        let found = offer_search::run(&state, &self.order_index, search)
            .into_iter()
            .filter_map(|(serial, rank)| {
                let slot = state.by_job_order.get(&serial)?;
                let entry = state.entry(*slot)?;
                let (order, license) = entry.job_order(serial)?;
                let employer = state.employers.get(&order.employer_id)?;
                let offer = (
                    order.clone(),
                    entry.agency.clone(),
                    license.clone(),
                    Employer::clone(employer),
                );
                Some((offer, rank))
            })
            .collect();
        (found, state.applied)
    }

    /// The employer with this id, and the feed position of the answer.
    pub fn employer(&self, id: Uuid) -> (Option<Employer>, i64) {
        let state = self.read();
        let found = state.employers.get(&id).map(|e| Employer::clone(e));
        (found, state.applied)
    }

    /// The search of `GET /v1/agencies`, with the answers, order and
    /// cursors of `AgencySearch::run` (ranks of its own: see [`search`]).
    pub fn search(&self, search: &AgencySearch) -> (Vec<Found>, i64) {
        let state = self.read();
        (search::run(&state, &self.index, search), state.applied)
    }
}
