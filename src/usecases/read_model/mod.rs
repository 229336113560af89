//! The public registry in memory: every agency with its licences and their
//! histories, and a search index of their names.
//!
//! Each instance keeps its own copy, built at start from the same rows the
//! snapshot reads and kept current by following the change feed, exactly as
//! an offline app mirrors the registry (see [`follow`]). Postgres stays the
//! only source of truth: nothing but the follower changes the model, and an
//! instance whose follower has fallen behind answers from Postgres again.

pub mod follow;
pub mod index;

use std::collections::BinaryHeap;

use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use uuid::Uuid;

use crate::db::models::{Agency, AgencySearch, License, LicenseEvent, SearchPosition};
use crate::domain::license_number::LicenseNumber;
use crate::domain::license_status::LicenseStatus;
use index::{IndexDoc, SearchIndex};

/// Agencies in one change beyond which `order` is sorted again rather than
/// each inserted in its place.
const SORT_FROM: usize = 32;

/// An agency as the model keeps it.
#[derive(Debug)]
pub struct Entry {
    /// The stored agency.
    pub agency: Agency,
    /// Its licences, latest validity first (as `License::of_agencies`).
    pub licenses: Vec<License>,
    /// Each licence's history, oldest first (a list: an agency has few
    /// licences, and a map per agency costs more than it saves).
    pub events: Vec<(Uuid, Vec<LicenseEvent>)>,
    /// All its names in search form.
    names: String,
    /// How many words those names have (long names rank a little lower).
    words: usize,
}

impl Entry {
    fn order_key(&self) -> (&str, Uuid) {
        (self.agency.legal_name.as_str(), self.agency.id)
    }

    /// An entry from the agency's rows.
    pub fn new(agency: Agency, licenses: Vec<License>, events: Vec<(Uuid, Vec<LicenseEvent>)>) -> Self {
        let names = crate::db::models::NewAgency::search_names_of(&agency.legal_name, &agency.other_names);
        let words = names.split(' ').filter(|w| !w.is_empty() && *w != "|").count();
        Self {
            agency,
            licenses,
            events,
            names,
            words,
        }
    }
}

/// An agency found by a search, with its licences.
#[derive(Debug, Clone)]
pub struct Found {
    pub agency: Agency,
    pub licenses: Vec<License>,
    /// -1 for an exact taxpayer id or licence number; else in (0, 1],
    /// lower is better; 0 without a query.
    pub rank: f32,
}

impl Found {
    /// Where the page after this row starts.
    pub fn position(&self) -> SearchPosition {
        SearchPosition {
            rank: self.rank,
            legal_name: self.agency.legal_name.clone(),
            id: self.agency.id,
        }
    }
}

/// The model's tables. Agencies keep their slot for good (the registry
/// deletes none); `order` lists the slots by (legal name, id), the order of
/// `SearchPosition`s, and `position` says where each slot stands in it, so
/// that ranking compares integers, not names.
#[derive(Default)]
struct State {
    entries: Vec<Arc<Entry>>,
    // Fx hashing: keys come from the registry's own rows, not from requests.
    by_id: FxHashMap<Uuid, u32>,
    by_taxpayer_id: FxHashMap<String, u32>,
    /// Licence lookup key to the agency's slot and the licence.
    by_license: FxHashMap<String, (u32, Uuid)>,
    order: Vec<u32>,
    position: Vec<u32>,
    /// Each slot's number of name words, beside the rest for fast ranking.
    words: Vec<u16>,
    /// Each slot's region (see [`region_code`]), for fast filtering.
    regions: Vec<u8>,
    /// Each region's slots in `order`: a browse by region walks its own.
    in_region: Vec<Vec<u32>>,
    /// Each slot's licences as the filters read them, beside the rest.
    facets: Vec<Box<[LicenseFacet]>>,
    /// The feed position every change of the tables and the index reflects.
    applied: i64,
}

impl State {
    /// Puts these entries in their slots (a new one for a new agency, the
    /// next free), then places them in `order` and renumbers `position`.
    fn put_all(&mut self, entries: Vec<Entry>) {
        let moved: rustc_hash::FxHashSet<u32> = entries.into_iter().map(|e| self.put(e)).collect();
        // Where they stood is dropped in one pass (`position` is stale until
        // `reposition`, so it cannot say where that was).
        self.order.retain(|s| !moved.contains(s));
        let entries = &self.entries;
        let key = |s: &u32| entries[*s as usize].order_key();
        if moved.len() > SORT_FROM {
            // A build or a large batch: sorting once beats shifting the
            // order for each (100,000 inserts shifted 20 GB).
            self.order.extend(moved);
            self.order.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
        } else {
            for slot in moved {
                let at = self.order.partition_point(|s| key(s) < key(&slot));
                self.order.insert(at, slot);
            }
        }
        self.reposition();
    }

    /// Puts `entry` in its slot and the maps; returns the slot. `order` is
    /// left to the caller.
    fn put(&mut self, entry: Entry) -> u32 {
        let id = entry.agency.id;
        let (slot, old) = match self.by_id.get(&id) {
            Some(slot) => (*slot, Some(Arc::clone(&self.entries[*slot as usize]))),
            None => {
                let slot = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
                self.by_id.insert(id, slot);
                self.position.push(u32::MAX);
                self.words.push(0);
                self.regions.push(u8::MAX);
                self.facets.push(Box::default());
                (slot, None)
            }
        };
        if let Some(old) = &old {
            self.by_taxpayer_id.remove(&old.agency.taxpayer_id);
            for l in &old.licenses {
                self.by_license.remove(&lookup_key(&l.license_number));
            }
        }
        self.by_taxpayer_id.insert(entry.agency.taxpayer_id.clone(), slot);
        for l in &entry.licenses {
            self.by_license.insert(lookup_key(&l.license_number), (slot, l.id));
        }
        self.words[slot as usize] = u16::try_from(entry.words).unwrap_or(u16::MAX);
        self.regions[slot as usize] = region_code(&entry.agency.region);
        self.facets[slot as usize] = entry.licenses.iter().map(LicenseFacet::of).collect();
        let entry = Arc::new(entry);
        match old {
            Some(_) => self.entries[slot as usize] = entry,
            None => self.entries.push(entry),
        }
        slot
    }

    /// Renumbers `position` and lists each region's slots after `order` changed.
    fn reposition(&mut self) {
        let mut in_region = vec![Vec::new(); crate::domain::region::Region::ALL.len()];
        for (at, slot) in self.order.iter().enumerate() {
            self.position[*slot as usize] = u32::try_from(at).unwrap_or(u32::MAX);
            if let Some(listed) = in_region.get_mut(usize::from(self.regions[*slot as usize])) {
                listed.push(*slot);
            }
        }
        self.in_region = in_region;
    }

    fn entry(&self, slot: u32) -> Option<&Arc<Entry>> {
        self.entries.get(slot as usize)
    }

    /// Where rows after the cursor's (legal name, id) begin in `order`.
    fn after_name(&self, cursor: &SearchPosition) -> usize {
        let key = (cursor.legal_name.as_str(), cursor.id);
        self.order
            .partition_point(|s| self.entries[*s as usize].order_key() <= key)
    }
}

/// What the filters read of a licence, in 16 bytes: a filter scans
/// thousands of these per search.
#[derive(Debug, Clone, Copy)]
struct LicenseFacet {
    status: LicenseStatus,
    valid_until: NaiveDate,
    /// One bit per sector of `Sector::ALL`.
    sectors: u16,
    /// One bit per destination country's [`country_bit`]: a clear bit
    /// rules a country out, a set one is checked against the licence.
    destinations: u64,
}

impl LicenseFacet {
    fn of(l: &License) -> Self {
        Self {
            status: l.status,
            valid_until: l.valid_until,
            sectors: l.sectors.iter().fold(0, |bits, s| bits | sector_bit(s)),
            destinations: l.destination_countries.iter().fold(0, |bits, c| bits | country_bit(c)),
        }
    }
}

/// A sector's bit in `LicenseFacet::sectors` (0 for none known).
fn sector_bit(sector: &str) -> u16 {
    crate::domain::sector::Sector::ALL
        .iter()
        .position(|s| s.as_str() == sector)
        .map_or(0, |i| 1 << i)
}

/// A country's bit in `LicenseFacet::destinations`: its two letters folded
/// into 64 (a Bloom filter of one hash).
fn country_bit(code: &str) -> u64 {
    let n = code.bytes().fold(0u32, |n, b| n * 31 + u32::from(b));
    1 << (n % 64)
}

/// A region as a small number: its place in `Region::ALL`.
fn region_code(code: &str) -> u8 {
    crate::domain::region::Region::ALL
        .iter()
        .position(|r| r.code() == code)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(u8::MAX)
}

fn lookup_key(number: &str) -> String {
    LicenseNumber::parse(number).map_or_else(|_| number.to_owned(), |n| n.lookup_key().to_owned())
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
    progress: Mutex<Progress>,
    /// The position applied, for those waiting to see a change.
    applied: tokio::sync::watch::Sender<i64>,
    max_lag: Duration,
}

impl ReadModel {
    /// An empty model that answers only while its follower is within
    /// `max_lag` of the feed.
    pub fn new(max_lag: Duration) -> tantivy::Result<Self> {
        Ok(Self {
            state: RwLock::new(State::default()),
            index: SearchIndex::new()?,
            progress: Mutex::new(Progress::default()),
            applied: tokio::sync::watch::Sender::new(0),
            max_lag,
        })
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

    /// Puts these agencies (all their rows, as now stored) in the model,
    /// which then answers at feed position `seq` (once the index too has them).
    pub fn put(&self, entries: Vec<Entry>, seq: i64) -> tantivy::Result<()> {
        // The index first, then the tables and the position together: an
        // answer never shows rows newer than the position it states. (The
        // follower is the only writer, so the slots given here hold.)
        {
            let state = self.read();
            let mut next = state.entries.len();
            let docs: Vec<IndexDoc<'_>> = entries
                .iter()
                .map(|e| {
                    let (slot, before) = match state.by_id.get(&e.agency.id) {
                        Some(slot) => (*slot, state.entry(*slot).map(|old| old.names.as_str())),
                        None => {
                            next += 1;
                            (u32::try_from(next - 1).unwrap_or(u32::MAX), None)
                        }
                    };
                    IndexDoc {
                        id: e.agency.id,
                        slot,
                        names: &e.names,
                        before,
                    }
                })
                .collect();
            self.index.put(&docs)?;
        }
        let mut state = self.state.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        state.put_all(entries);
        state.applied = state.applied.max(seq);
        Ok(())
    }

    /// Makes the search index as fast as it can be (after the build).
    pub fn compact(&self) -> tantivy::Result<()> {
        self.index.compact()
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

    /// The licence with this lookup key, its agency and its history, and
    /// the feed position of the answer.
    pub fn license(&self, lookup_key: &str) -> (Option<(License, Agency, Vec<LicenseEvent>)>, i64) {
        let state = self.read();
        let found = state.by_license.get(lookup_key).and_then(|(slot, id)| {
            let entry = state.entry(*slot)?;
            let license = entry.licenses.iter().find(|l| l.id == *id)?;
            let events = entry
                .events
                .iter()
                .find(|(license, _)| license == id)
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

    /// The search of `GET /v1/agencies`, with the answers, order and
    /// cursors of `AgencySearch::run` (ranks of its own: see `index`).
    pub fn search(&self, search: &AgencySearch) -> tantivy::Result<(Vec<Found>, i64)> {
        let limit = usize::try_from(search.limit).unwrap_or(0);
        let filter = Filter::of(search);
        let Some(terms) = &search.query else {
            let state = self.read();
            return Ok((browse(&state, &filter, search.after.as_ref(), limit), state.applied));
        };
        let state = self.read();
        let named = self
            .index
            .search(&terms.name, |slot| state.entry(slot).map(|e| e.names.as_str()))?;
        let mut exact: Vec<u32> = Vec::new();
        if let Some(slot) = terms.taxpayer_id.as_ref().and_then(|t| state.by_taxpayer_id.get(t)) {
            exact.push(*slot);
        }
        if let Some((slot, _)) = terms.license_key.as_ref().and_then(|k| state.by_license.get(k)) {
            if !exact.contains(slot) {
                exact.push(*slot);
            }
        }
        // Each row's place as one integer: rank (0 for exact ids), then name order.
        let key = |rank: u64, slot: u32| (rank << 32) | u64::from(state.position[slot as usize]);
        let from = search
            .after
            .as_ref()
            .map_or(0, |c| (rank_key(c.rank) << 32) | state.after_name(c) as u64);
        let mut best: BinaryHeap<u64> = BinaryHeap::with_capacity(limit + 1);
        let filtered = filter.any();
        let mut offer = |key: u64, slot: u32| {
            if key < from || limit == 0 {
                return;
            }
            if filtered && !filter.holds_at(&state, slot) {
                return;
            }
            if best.len() < limit {
                best.push(key);
            } else if best.peek().is_some_and(|worst| key < *worst) {
                best.pop();
                best.push(key);
            }
        };
        for slot in &exact {
            offer(key(0, *slot), *slot);
        }
        // Matches share a handful of (score, length) pairs: rank each once.
        let mut last = (f32::NAN, u16::MAX, 0);
        for (slot, score) in named {
            let Some(words) = state.words.get(slot as usize).copied() else {
                continue;
            };
            if exact.contains(&slot) {
                continue;
            }
            if score.to_bits() != last.0.to_bits() || words != last.1 {
                last = (score, words, rank_key(rank(score, usize::from(words))));
            }
            offer(key(last.2, slot), slot);
        }
        let found = best
            .into_sorted_vec()
            .into_iter()
            .filter_map(|key| {
                let slot = *state.order.get((key & u64::from(u32::MAX)) as usize)?;
                Some(found(state.entry(slot)?, rank_of_key(key >> 32)))
            })
            .collect();
        Ok((found, state.applied))
    }
}

/// A rank as an integer of the row order: 0 for an exact id (rank -1), else
/// the rank in ten-thousandths (1 to 10,000).
fn rank_key(rank: f32) -> u64 {
    if rank < 0.0 {
        0
    } else {
        ((f64::from(rank) * 10_000.0 + 0.5) as u64).clamp(1, 10_000)
    }
}

fn rank_of_key(key: u64) -> f32 {
    if key == 0 {
        -1.0
    } else {
        (key as f64 / 10_000.0) as f32
    }
}

/// The rank of a name match: lower is better, in (0, 1]. Rows are ordered
/// by it rounded to ten-thousandths ([`rank_key`]), the same everywhere.
fn rank(score: f32, words: usize) -> f32 {
    let per_length = f64::from(score) / (1.0 + 0.1 * words as f64);
    (1.0 / (1.0 + per_length)) as f32
}

/// The filters of a search, as `AgencySearch` states them.
struct Filter {
    region: Option<u8>,
    status: Option<LicenseStatus>,
    destination: Option<String>,
    sector: Option<String>,
    /// The facet bits of `destination` and `sector`, worked out once.
    destination_bit: u64,
    sector_bit: u16,
    today: NaiveDate,
    on_license: bool,
}

impl Filter {
    fn of(s: &AgencySearch) -> Self {
        Self {
            region: s.region.as_deref().map(region_code),
            status: s.license_status.as_deref().and_then(LicenseStatus::parse),
            destination: s.destination.clone(),
            sector: s.sector.clone(),
            destination_bit: s.destination.as_deref().map_or(0, country_bit),
            sector_bit: s.sector.as_deref().map_or(0, sector_bit),
            today: s.today,
            on_license: s.license_status.is_some() || s.destination.is_some() || s.sector.is_some(),
        }
    }

    fn any(&self) -> bool {
        self.region.is_some() || self.on_license
    }

    /// The filters all hold, the licence ones for one and the same licence
    /// (the status as the database's filter reads it: a lapsed `active` is
    /// `expired`).
    fn holds_at(&self, state: &State, slot: u32) -> bool {
        if self
            .region
            .is_some_and(|r| state.regions.get(slot as usize) != Some(&r))
        {
            return false;
        }
        if !self.on_license {
            return true;
        }
        // The facets rule most agencies out; a destination they cannot rule
        // out is checked against the licences themselves.
        let facets = state.facets.get(slot as usize).map_or(&[][..], |f| &f[..]);
        if !facets.iter().any(|f| self.facet_holds(f)) {
            return false;
        }
        self.destination.is_none() || state.entry(slot).is_some_and(|e| self.license_holds(e))
    }

    fn facet_holds(&self, f: &LicenseFacet) -> bool {
        let status = if f.status == LicenseStatus::Active && f.valid_until < self.today {
            LicenseStatus::Expired
        } else {
            f.status
        };
        self.status.is_none_or(|s| s == status)
            && (self.sector.is_none() || f.sectors & self.sector_bit != 0)
            && (self.destination.is_none() || f.destinations & self.destination_bit != 0)
    }

    fn license_holds(&self, entry: &Entry) -> bool {
        entry.licenses.iter().any(|l| {
            let status = if l.status == LicenseStatus::Active && l.valid_until < self.today {
                LicenseStatus::Expired
            } else {
                l.status
            };
            self.status.is_none_or(|s| s == status)
                && self
                    .destination
                    .as_ref()
                    .is_none_or(|d| l.destination_countries.contains(d))
                && self.sector.as_ref().is_none_or(|s| l.sectors.contains(s))
        })
    }
}

/// Without a query: in name order from the cursor (through the region's
/// own rows when the search names one).
fn browse(state: &State, filter: &Filter, cursor: Option<&SearchPosition>, limit: usize) -> Vec<Found> {
    let from = cursor.map_or(0, |c| state.after_name(c));
    let rows: &[u32] = match filter.region.and_then(|r| state.in_region.get(usize::from(r))) {
        Some(listed) => {
            let at = listed.partition_point(|slot| (state.position[*slot as usize] as usize) < from);
            &listed[at..]
        }
        None => &state.order[from.min(state.order.len())..],
    };
    rows.iter()
        .filter(|slot| filter.holds_at(state, **slot))
        .take(limit)
        .filter_map(|slot| state.entry(*slot))
        .map(|e| found(e, 0.0))
        .collect()
}

fn found(entry: &Entry, rank: f32) -> Found {
    Found {
        agency: entry.agency.clone(),
        licenses: entry.licenses.clone(),
        rank,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_are_in_the_unit_interval_and_reward_a_better_match() {
        assert!(rank(10.0, 2) < rank(4.0, 2));
        assert!(rank(4.0, 2) < rank(4.0, 6), "a shorter name ranks first");
        for (score, words) in [(0.5, 1), (10.0, 30), (40.0, 1)] {
            let r = rank(score, words);
            assert!(r > 0.0 && r <= 1.0, "{r}");
        }
        assert_eq!(
            rank_key(rank(4.0, 3)),
            rank_key(rank(4.0 + 1e-6, 3)),
            "rounded alike everywhere"
        );
        assert_eq!(rank_of_key(rank_key(rank(4.0, 3))), 0.2453);
        assert_eq!((rank_key(-1.0), rank_of_key(0)), (0, -1.0));
    }
}

#[cfg(test)]
mod order_tests {
    use super::*;

    fn entry(id: u128, name: &str) -> Entry {
        let at = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
        let agency = Agency {
            id: Uuid::from_u128(id),
            legal_name: name.into(),
            other_names: Vec::new(),
            taxpayer_id: format!("{id:09}"),
            region: "UZ-TK".into(),
            address: None,
            phone: None,
            email: None,
            website: None,
            created_at: at,
            updated_at: at,
            complaint_counts: Default::default(),
            version: 1,
        };
        Entry::new(agency, Vec::new(), Vec::new())
    }

    fn names(state: &State) -> Vec<&str> {
        state
            .order
            .iter()
            .map(|s| state.entries[*s as usize].agency.legal_name.as_str())
            .collect()
    }

    fn assert_consistent(state: &State) {
        for (at, slot) in state.order.iter().enumerate() {
            assert_eq!(state.position[*slot as usize] as usize, at);
        }
        assert_eq!(state.order.len(), state.entries.len());
    }

    #[test]
    fn renames_in_one_change_keep_every_agency_once_in_name_order() {
        let mut state = State::default();
        state.put_all(
            ["Delta", "Alfa", "Echo", "Charlie", "Bravo"]
                .iter()
                .zip(1..)
                .map(|(n, i)| entry(i, n))
                .collect(),
        );
        assert_eq!(names(&state), ["Alfa", "Bravo", "Charlie", "Delta", "Echo"]);
        // Two existing agencies renamed in one batch: the second's old place
        // moved when the first's did.
        state.put_all(vec![entry(2, "Zulu"), entry(4, "Aaron"), entry(6, "Cobalt")]);
        assert_eq!(names(&state), ["Aaron", "Bravo", "Cobalt", "Delta", "Echo", "Zulu"]);
        assert_consistent(&state);
    }

    #[test]
    fn a_large_change_is_sorted_once_into_the_same_order() {
        let mut state = State::default();
        let many: Vec<Entry> = (0..200u128)
            .map(|i| entry(i, &format!("N{:03}", (i * 7919) % 200)))
            .collect();
        state.put_all(many);
        state.put_all((0..100u128).map(|i| entry(i * 2, &format!("M{:03}", i))).collect());
        let listed = names(&state);
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(listed, sorted);
        assert_eq!(listed.iter().filter(|n| n.starts_with('M')).count(), 100);
        assert_consistent(&state);
    }
}
