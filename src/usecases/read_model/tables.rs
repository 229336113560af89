//! The model's tables: every agency with its licences and histories, in
//! slots that keep their number, with what search and filters read of each
//! side by side.
//!
//! Invariants, which [`State::check`] verifies after every change in debug
//! builds and tests (a change to this module that breaks one fails at once,
//! not as a wrong search answer later):
//!
//! 1. `entries`, `slots` and `by_id` are one agency per slot, and `by_id`
//!    names each entry's slot.
//! 2. `by_taxpayer_id` names each entry's slot by its taxpayer id, and
//!    `by_license` each licence's (slot, id) by its lookup key: nothing else.
//! 3. `order` holds every slot once, in (legal name, id) order, and each
//!    slot's `position` is its place there.
//! 4. Each slot's words lie inside `name_words`; the words no slot points
//!    to are exactly `stale_words` many.
//! 5. `listed[w]` holds exactly the slots whose words include `w`, in
//!    (number of words, position) order.
//! 6. `in_region[r]` is `order` filtered to region `r`; `min_words` is the
//!    fewest words of any slot.
//! 7. Each slot's `facet` (and `more_facets`, for more than one licence) is
//!    what its licences say, and `licenses` counts them.
//! 8. `by_channel` names each entry's slot by each key of its channels
//!    (`Channels::keys`), `by_shared_phone` lists each entry's slot under
//!    each of its shared phones, and neither holds anything else.
//! 9. `by_card` names each representative's (slot) by its card serial, and
//!    `by_card_channel` its (slot, place in the entry's list) by each of its
//!    phones' and handles' keys: nothing else.
//! 10. `by_job_order` names each job order's slot by its reference serial:
//!     nothing else. (Employers, kept apart in `employers`, belong to no slot.)

use std::sync::Arc;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use uuid::Uuid;

use super::cards::CardRow;
use super::index::WordId;
use super::keys::KeyTable;
use crate::db::models::{Agency, Employer, JobOrder, License, LicenseEvent, Representative, SearchPosition};
use crate::domain::license_number::LicenseNumber;
use crate::domain::license_status::{standing, LicenseStatus, Validity};

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
    /// Its representatives, in card order.
    pub representatives: Box<[CardRow]>,
    /// Its job orders, in reference order.
    pub job_orders: Box<[JobOrder]>,
    /// All its names in search form.
    pub(super) names: String,
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
            representatives: Box::default(),
            job_orders: Box::default(),
            names,
            words,
        }
    }

    /// The entry with these representatives.
    pub fn with_representatives(mut self, representatives: Vec<Representative>) -> Self {
        self.representatives = representatives.into_iter().map(CardRow::new).collect();
        self
    }

    /// The entry with these job orders (in reference order).
    pub fn with_job_orders(mut self, job_orders: Vec<JobOrder>) -> Self {
        self.job_orders = job_orders.into_boxed_slice();
        self
    }

    /// The job order with this reference serial, and the licence it stands on.
    pub fn job_order(&self, serial: u32) -> Option<(&JobOrder, &License)> {
        let at = self
            .job_orders
            .binary_search_by_key(&serial, |o| o.reference_serial.unsigned_abs())
            .ok()?;
        let order = &self.job_orders[at];
        let license = self.licenses.iter().find(|l| l.id == order.license_id)?;
        Some((order, license))
    }

    /// The representative with this card serial, and its place in the list.
    pub fn card(&self, serial: u32) -> Option<(u32, &CardRow)> {
        let at = self
            .representatives
            .binary_search_by_key(&serial, CardRow::serial)
            .ok()?;
        Some((u32::try_from(at).ok()?, &self.representatives[at]))
    }
}

/// An agency found by a search, with its licences: the model's own entry,
/// shared, not copied.
#[derive(Debug, Clone)]
pub struct Found {
    pub entry: Arc<Entry>,
    /// -1 for an exact taxpayer id or licence number; else in (0, 1],
    /// lower is better; 0 without a query.
    pub rank: f32,
}

impl Found {
    pub fn agency(&self) -> &Agency {
        &self.entry.agency
    }

    pub fn licenses(&self) -> &[License] {
        &self.entry.licenses
    }

    /// Where the page after this row starts.
    pub fn position(&self) -> SearchPosition {
        SearchPosition {
            rank: self.rank,
            legal_name: self.entry.agency.legal_name.clone(),
            id: self.entry.agency.id,
        }
    }
}

/// The model's tables. Agencies keep their slot for good (the registry
/// deletes none); `order` lists the slots by (legal name, id), the order of
/// `SearchPosition`s, and each slot's record says where it stands in it, so
/// that ranking compares integers, not names.
#[derive(Default)]
pub(super) struct State {
    pub(super) entries: Vec<Arc<Entry>>,
    // Fx hashing: keys come from the registry's own rows, not from requests.
    pub(super) by_id: FxHashMap<Uuid, u32>,
    pub(super) by_taxpayer_id: FxHashMap<String, u32>,
    /// Licence lookup key to the agency's slot and the licence.
    pub(super) by_license: FxHashMap<String, (u32, Uuid)>,
    /// Channel key (`Channels::keys`) to the agency's slot: the registry
    /// gives a channel to one agency at most.
    pub(super) by_channel: KeyTable<u32>,
    /// A phone several agencies registered as shared, to their slots.
    pub(super) by_shared_phone: FxHashMap<String, Vec<u32>>,
    /// A card's serial to its agency's slot.
    pub(super) by_card: FxHashMap<u32, u32>,
    /// A representative's phone or handle key to (agency slot, place in
    /// its list): the registry gives each to one card at most.
    pub(super) by_card_channel: KeyTable<(u32, u32)>,
    /// A job order's reference serial to its agency's slot.
    pub(super) by_job_order: std::collections::BTreeMap<u32, u32>,
    /// Every employer, by id (a few tens of thousands; no slot of their own).
    pub(super) employers: FxHashMap<Uuid, Arc<Employer>>,
    /// What the job-order search reads.
    pub(super) offers: super::offers::Offers,
    pub(super) order: Vec<u32>,
    /// What ranking and filtering read of each slot, side by side: a search
    /// reads thousands of these, and one record is one memory access.
    pub(super) slots: Vec<Slot>,
    /// Each slot's distinct name words, where its record says.
    name_words: Vec<WordId>,
    /// Entries of `name_words` no record points to any more.
    stale_words: usize,
    /// The licences of agencies with more than one, as the filters read them.
    more_facets: FxHashMap<u32, Box<[LicenseFacet]>>,
    /// Each region's slots in `order`: a browse by region walks its own.
    pub(super) in_region: Vec<Vec<u32>>,
    /// Each name word's agencies (by `WordId`) in the order of their rank
    /// for any match of a given worth: fewest name words first, then name
    /// order. A word's best rows are the first of its list.
    pub(super) listed: Vec<Vec<u32>>,
    /// The fewest name words an agency has (a bound for ranking).
    pub(super) min_words: u16,
    /// The feed position every change of the tables and the index reflects.
    pub(super) applied: i64,
}

/// What ranking and filtering read of one agency (32 bytes).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Slot {
    /// Where it stands in `order`.
    pub(super) position: u32,
    /// Where its distinct name words start in `name_words`, and how many.
    pub(super) words_at: u32,
    pub(super) distinct: u16,
    /// How many words its names have (long names rank a little lower).
    pub(super) words: u16,
    /// Its region (see [`region_code`]).
    pub(super) region: u8,
    /// How many licences it has: its only one is `facet`, more are in
    /// `more_facets`.
    pub(super) licenses: u8,
    pub(super) facet: LicenseFacet,
}

impl State {
    /// Puts these entries in their slots (a new one for a new agency, the
    /// next free), with the name words the index gave each, then places
    /// them in `order`.
    pub(super) fn put_all(&mut self, entries: Vec<Entry>, words: Vec<Vec<WordId>>) {
        // Each agency's name words before the change, to take it off their lists.
        let mut unlisted: Vec<(u32, Vec<WordId>)> = Vec::new();
        let mut moved: rustc_hash::FxHashSet<u32> = rustc_hash::FxHashSet::default();
        for (e, words) in entries.into_iter().zip(words) {
            let before = self
                .by_id
                .get(&e.agency.id)
                .map(|slot| (*slot, self.slots[*slot as usize]));
            // Most changes (a licence's status, a complaint counted, contacts)
            // leave an agency where it stands in the order, in its region and
            // in its words' lists: only its rows are replaced. Renumbering
            // every position for them was a tenth of each write's time.
            let stays = before.is_some_and(|(slot, record)| {
                let old = &self.entries[slot as usize];
                old.agency.legal_name == e.agency.legal_name
                    && record.region == region_code(&e.agency.region)
                    && usize::from(record.words) == e.words.min(usize::from(u16::MAX))
                    && self.words_of(&record) == &words[..words.len().min(usize::from(u16::MAX))]
            });
            if let (Some((slot, record)), false) = (before, stays) {
                unlisted.push((slot, self.words_of(&record).to_vec()));
            }
            let slot = self.put(e, &words);
            if !stays {
                moved.insert(slot);
            }
        }
        if moved.is_empty() {
            self.compact_words();
            return;
        }
        // Where they stood is dropped in one pass (positions are stale until
        // `reposition`, so they cannot say where that was).
        self.order.retain(|s| !moved.contains(s));
        if moved.len() > SORT_FROM {
            // A large batch: sorting once beats shifting the order for each.
            self.order.extend(moved);
            self.settle();
            return;
        }
        let entries = &self.entries;
        let key = |s: &u32| entries[*s as usize].order_key();
        for slot in moved.iter().copied() {
            let at = self.order.partition_point(|s| key(s) < key(&slot));
            self.order.insert(at, slot);
        }
        self.compact_words();
        self.reposition();
        // Positions moved for everyone after a change, but not their order:
        // only the changed agencies move in the lists.
        for (slot, words) in unlisted {
            for word in words {
                if let Some(list) = self.listed.get_mut(word as usize) {
                    list.retain(|s| *s != slot);
                }
            }
        }
        for slot in moved {
            self.list(slot);
        }
    }

    /// Puts a page of the build in, left unordered until [`State::settle`]
    /// (placing each page in order re-sorted everything: 100,000 inserts
    /// shifted 20 GB, and a million took three minutes to build).
    pub(super) fn load(&mut self, entries: Vec<Entry>, words: Vec<Vec<WordId>>) {
        for (entry, words) in entries.into_iter().zip(words) {
            let new = !self.by_id.contains_key(&entry.agency.id);
            let slot = self.put(entry, &words);
            if new {
                self.order.push(slot);
            }
        }
    }

    /// Orders every agency and lists it anew: the end of a build, or of a
    /// large batch.
    pub(super) fn settle(&mut self) {
        let entries = &self.entries;
        self.order
            .sort_unstable_by(|a, b| entries[*a as usize].order_key().cmp(&entries[*b as usize].order_key()));
        self.compact_words();
        self.reposition();
        self.list_all();
    }

    /// Where a slot stands in the word lists' order.
    fn list_key(&self, slot: u32) -> (u16, u32) {
        let record = &self.slots[slot as usize];
        (record.words, record.position)
    }

    /// Puts `slot` in the lists of its name words.
    fn list(&mut self, slot: u32) {
        let key = self.list_key(slot);
        let record = self.slots[slot as usize];
        let at = record.words_at as usize;
        for i in at..at + usize::from(record.distinct) {
            let word = self.name_words[i] as usize;
            if self.listed.len() <= word {
                self.listed.resize_with(word + 1, Vec::new);
            }
            let list = &self.listed[word];
            let place = list.partition_point(|s| self.list_key(*s) < key);
            self.listed[word].insert(place, slot);
        }
    }

    /// Lists every agency under its name words anew.
    fn list_all(&mut self) {
        let mut by_rank = self.order.clone();
        // Stable: name order within each number of words.
        by_rank.sort_by_key(|s| self.slots[*s as usize].words);
        let mut listed: Vec<Vec<u32>> = Vec::new();
        for slot in by_rank {
            for word in self.words_of(&self.slots[slot as usize]) {
                let word = *word as usize;
                if listed.len() <= word {
                    listed.resize_with(word + 1, Vec::new);
                }
                listed[word].push(slot);
            }
        }
        for list in &mut listed {
            list.shrink_to_fit();
        }
        self.listed = listed;
    }

    /// Puts `entry` in its slot and the maps; returns the slot. `order` is
    /// left to the caller.
    fn put(&mut self, entry: Entry, words: &[WordId]) -> u32 {
        let id = entry.agency.id;
        let (slot, old) = match self.by_id.get(&id) {
            Some(slot) => (*slot, Some(Arc::clone(&self.entries[*slot as usize]))),
            None => {
                let slot = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
                self.by_id.insert(id, slot);
                self.slots.push(Slot::default());
                (slot, None)
            }
        };
        if let Some(old) = &old {
            self.by_taxpayer_id.remove(&old.agency.taxpayer_id);
            for l in &old.licenses {
                self.by_license.remove(&lookup_key(&l.license_number));
            }
            for key in old.agency.channels.keys() {
                self.by_channel.remove(&key, slot);
            }
            for key in old.agency.channels.shared_keys() {
                if let Some(slots) = self.by_shared_phone.get_mut(&key) {
                    slots.retain(|s| *s != slot);
                    if slots.is_empty() {
                        self.by_shared_phone.remove(&key);
                    }
                }
            }
            for o in &old.job_orders {
                let serial = o.reference_serial.unsigned_abs();
                if self.by_job_order.get(&serial) == Some(&slot) {
                    self.by_job_order.remove(&serial);
                }
            }
            for (at, r) in (0..).zip(&old.representatives) {
                let serial = r.serial();
                if self.by_card.get(&serial) == Some(&slot) {
                    self.by_card.remove(&serial);
                }
                for key in r.keys() {
                    self.by_card_channel.remove(&key, (slot, at));
                }
            }
        }
        // The rows keys are checked against: this entry's for its slot (not
        // yet in `entries`), the others' as they stand.
        let entries = &self.entries;
        let agency = |s: u32| match s == slot {
            true => Some(&entry),
            false => entries.get(s as usize).map(|e| &**e),
        };
        for key in entry.agency.channels.keys() {
            let holds = |s: u32| agency(s).is_some_and(|e| e.agency.channels.holds(&key));
            self.by_channel.insert(&key, slot, holds);
        }
        for key in entry.agency.channels.shared_keys() {
            let slots = self.by_shared_phone.entry(key).or_default();
            if !slots.contains(&slot) {
                slots.push(slot);
            }
        }
        for (at, r) in (0..).zip(&entry.representatives) {
            self.by_card.insert(r.serial(), slot);
            for key in r.keys() {
                let holds = |(s, a): (u32, u32)| {
                    agency(s)
                        .and_then(|e| e.representatives.get(a as usize))
                        .is_some_and(|c| c.holds(&key))
                };
                self.by_card_channel.insert(&key, (slot, at), holds);
            }
        }
        for o in &entry.job_orders {
            self.by_job_order.insert(o.reference_serial.unsigned_abs(), slot);
        }
        self.by_taxpayer_id.insert(entry.agency.taxpayer_id.clone(), slot);
        for l in &entry.licenses {
            self.by_license.insert(lookup_key(&l.license_number), (slot, l.id));
        }
        let record = &mut self.slots[slot as usize];
        self.stale_words += usize::from(record.distinct);
        let distinct = &words[..words.len().min(usize::from(u16::MAX))];
        *record = Slot {
            position: record.position,
            words_at: u32::try_from(self.name_words.len()).unwrap_or(u32::MAX),
            distinct: u16::try_from(distinct.len()).unwrap_or(u16::MAX),
            words: u16::try_from(entry.words).unwrap_or(u16::MAX),
            region: region_code(&entry.agency.region),
            licenses: u8::try_from(entry.licenses.len()).unwrap_or(u8::MAX),
            facet: entry.licenses.first().map(LicenseFacet::of).unwrap_or_default(),
        };
        self.name_words.extend_from_slice(distinct);
        if entry.licenses.len() > 1 {
            self.more_facets
                .insert(slot, entry.licenses.iter().map(LicenseFacet::of).collect());
        } else {
            self.more_facets.remove(&slot);
        }
        let entry = Arc::new(entry);
        match old {
            Some(_) => self.entries[slot as usize] = entry,
            None => self.entries.push(entry),
        }
        slot
    }

    /// Words of replaced names still in the tables (tests).
    #[cfg(test)]
    pub(super) fn stale_words(&self) -> usize {
        self.stale_words
    }

    /// After every change: in debug builds and tests, the invariants hold
    /// or the process stops here, saying which broke (never in release:
    /// the check reads every slot).
    pub(super) fn checked(&self) {
        #[cfg(debug_assertions)]
        if let Err(broken) = self.check() {
            #[allow(clippy::panic)]
            {
                panic!("a read-model invariant broke: {broken}");
            }
        }
    }

    /// Checks the invariants of the module documentation; the first broken
    /// one, said.
    #[cfg_attr(not(debug_assertions), allow(dead_code))]
    pub(super) fn check(&self) -> Result<(), String> {
        let n = self.entries.len();
        if self.slots.len() != n || self.by_id.len() != n {
            return Err(format!(
                "1: {n} entries, {} slots, {} ids",
                self.slots.len(),
                self.by_id.len()
            ));
        }
        let mut licences = 0;
        let mut channels = 0;
        let (mut shared, mut cards, mut card_channels, mut orders) = (0, 0, 0, 0);
        for (slot, entry) in self.entries.iter().enumerate() {
            let slot = u32::try_from(slot).map_err(|e| e.to_string())?;
            if self.by_id.get(&entry.agency.id) != Some(&slot) {
                return Err(format!("1: slot {slot} is not its agency's"));
            }
            if self.by_taxpayer_id.get(&entry.agency.taxpayer_id) != Some(&slot) {
                return Err(format!("2: taxpayer id of slot {slot}"));
            }
            for key in entry.agency.channels.keys() {
                channels += 1;
                if self.agency_by_channel(&key) != Some(slot) {
                    return Err(format!("8: channel {key} of slot {slot}"));
                }
            }
            for key in entry.agency.channels.shared_keys() {
                shared += 1;
                if !self.by_shared_phone.get(&key).is_some_and(|s| s.contains(&slot)) {
                    return Err(format!("8: shared phone {key} of slot {slot}"));
                }
            }
            for (at, r) in (0..).zip(&entry.representatives) {
                cards += 1;
                let serial = r.serial();
                if self.by_card.get(&serial) != Some(&slot) {
                    return Err(format!("9: card {serial} of slot {slot}"));
                }
                for key in r.keys() {
                    card_channels += 1;
                    if self.card_by_channel(&key) != Some((slot, at)) {
                        return Err(format!("9: {key} of card {serial}"));
                    }
                }
            }
            for o in &entry.job_orders {
                orders += 1;
                let serial = o.reference_serial.unsigned_abs();
                if self.by_job_order.get(&serial) != Some(&slot) {
                    return Err(format!("10: job order {serial} of slot {slot}"));
                }
            }
            for l in &entry.licenses {
                licences += 1;
                if self.by_license.get(&lookup_key(&l.license_number)) != Some(&(slot, l.id)) {
                    return Err(format!("2: licence {} of slot {slot}", l.license_number));
                }
            }
            let record = &self.slots[slot as usize];
            let facets: Vec<LicenseFacet> = entry.licenses.iter().map(LicenseFacet::of).collect();
            let first = facets.first().copied().unwrap_or_default();
            let more = self.more_facets.get(&slot).map(|m| m.to_vec());
            if usize::from(record.licenses) != entry.licenses.len().min(usize::from(u8::MAX))
                || record.facet != first
                || (facets.len() > 1) != more.is_some()
                || more.is_some_and(|m| m != facets)
            {
                return Err(format!("7: the facets of slot {slot}"));
            }
        }
        if self.by_channel.len() != channels || self.by_shared_phone.values().map(Vec::len).sum::<usize>() != shared {
            return Err("8: lookups of channels no longer held".into());
        }
        if self.by_card.len() != cards || self.by_card_channel.len() != card_channels {
            return Err("9: lookups of cards no longer held".into());
        }
        if self.by_job_order.len() != orders {
            return Err("10: lookups of job orders no longer held".into());
        }
        if self.by_taxpayer_id.len() != n || self.by_license.len() != licences {
            return Err("2: lookups of agencies or licences no longer held".into());
        }
        if self.order.len() != n {
            return Err(format!("3: {} in order for {n} slots", self.order.len()));
        }
        for (at, slot) in self.order.iter().enumerate() {
            let record = self.slots.get(*slot as usize).ok_or("3: a slot out of range")?;
            if record.position as usize != at {
                return Err(format!("3: slot {slot} at {at} says {}", record.position));
            }
            if at > 0
                && self.entries[self.order[at - 1] as usize].order_key() >= self.entries[*slot as usize].order_key()
            {
                return Err(format!("3: order broken at {at}"));
            }
        }
        let mut pointed = 0;
        let mut listed: Vec<Vec<u32>> = Vec::new();
        for (slot, record) in self.slots.iter().enumerate() {
            let at = record.words_at as usize;
            if at + usize::from(record.distinct) > self.name_words.len() {
                return Err(format!("4: the words of slot {slot} lie outside"));
            }
            pointed += usize::from(record.distinct);
            for word in self.words_of(record) {
                let word = *word as usize;
                if listed.len() <= word {
                    listed.resize_with(word + 1, Vec::new);
                }
                listed[word].push(u32::try_from(slot).map_err(|e| e.to_string())?);
            }
        }
        if pointed + self.stale_words != self.name_words.len() {
            return Err(format!(
                "4: {pointed} words pointed to and {} stale in {}",
                self.stale_words,
                self.name_words.len()
            ));
        }
        for word in 0..listed.len().max(self.listed.len()) {
            let mut held = self.listed.get(word).cloned().unwrap_or_default();
            let keys: Vec<_> = held.iter().map(|s| self.list_key(*s)).collect();
            if keys.windows(2).any(|w| w[0] >= w[1]) {
                return Err(format!("5: the list of word {word} is out of order"));
            }
            held.sort_unstable();
            if held != listed.get(word).cloned().unwrap_or_default() {
                return Err(format!("5: the list of word {word} holds other slots"));
            }
        }
        for (region, held) in self.in_region.iter().enumerate() {
            let expected: Vec<u32> = self
                .order
                .iter()
                .copied()
                .filter(|s| usize::from(self.slots[*s as usize].region) == region)
                .collect();
            if *held != expected {
                return Err(format!("6: region {region}"));
            }
        }
        if n > 0 && self.min_words != self.slots.iter().map(|s| s.words).min().unwrap_or(0) {
            return Err("6: min_words".into());
        }
        Ok(())
    }

    /// Writes `name_words` anew once most of it is words of names replaced.
    fn compact_words(&mut self) {
        if self.stale_words < 4096 || self.stale_words * 2 < self.name_words.len() {
            return;
        }
        let mut kept = Vec::with_capacity(self.name_words.len() - self.stale_words);
        for record in &mut self.slots {
            let at = record.words_at as usize;
            let words = self
                .name_words
                .get(at..at + usize::from(record.distinct))
                .unwrap_or(&[]);
            record.words_at = u32::try_from(kept.len()).unwrap_or(u32::MAX);
            kept.extend_from_slice(words);
        }
        self.name_words = kept;
        self.stale_words = 0;
    }

    /// Renumbers positions and lists each region's slots after `order` changed.
    fn reposition(&mut self) {
        let mut in_region = vec![Vec::new(); crate::domain::region::Region::ALL.len()];
        for (at, slot) in self.order.iter().enumerate() {
            let record = &mut self.slots[*slot as usize];
            record.position = u32::try_from(at).unwrap_or(u32::MAX);
            if let Some(listed) = in_region.get_mut(usize::from(record.region)) {
                listed.push(*slot);
            }
        }
        self.in_region = in_region;
        self.min_words = self.slots.iter().map(|s| s.words).min().unwrap_or(0);
    }

    pub(super) fn entry(&self, slot: u32) -> Option<&Arc<Entry>> {
        self.entries.get(slot as usize)
    }

    /// The slot of the agency holding this channel key alone.
    pub(super) fn agency_by_channel(&self, key: &str) -> Option<u32> {
        let holds = |slot: u32| self.entry(slot).is_some_and(|e| e.agency.channels.holds(key));
        self.by_channel.get(key, holds)
    }

    /// The (slot, place) of the card holding this phone's or handle's key.
    pub(super) fn card_by_channel(&self, key: &str) -> Option<(u32, u32)> {
        let holds = |(slot, at): (u32, u32)| {
            self.entry(slot)
                .and_then(|e| e.representatives.get(at as usize))
                .is_some_and(|c| c.holds(key))
        };
        self.by_card_channel.get(key, holds)
    }

    /// The distinct name words of a slot.
    pub(super) fn words_of(&self, record: &Slot) -> &[WordId] {
        let at = record.words_at as usize;
        self.name_words
            .get(at..at + usize::from(record.distinct))
            .unwrap_or(&[])
    }

    /// The licences of a slot, as the filters read them.
    pub(super) fn facets_of<'a>(&'a self, slot: u32, record: &'a Slot) -> &'a [LicenseFacet] {
        match record.licenses {
            0 => &[],
            1 => std::slice::from_ref(&record.facet),
            _ => self.more_facets.get(&slot).map_or(&[][..], |f| &f[..]),
        }
    }

    /// Where rows after the cursor's (legal name, id) begin in `order`.
    pub(super) fn after_name(&self, cursor: &SearchPosition) -> usize {
        let key = (cursor.legal_name.as_str(), cursor.id);
        self.order
            .partition_point(|s| self.entries[*s as usize].order_key() <= key)
    }
}

/// What the filters read of a licence, in 16 bytes: a filter scans
/// thousands of these per search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LicenseFacet {
    pub(super) status: LicenseStatus,
    /// What its standing on a day depends on beside `status` (see
    /// [`LicenseFacet::status_on`]).
    pub(super) valid_until: NaiveDate,
    pub(super) suspended_until: Option<NaiveDate>,
    /// One bit per sector of `Sector::ALL`.
    pub(super) sectors: u16,
    /// One bit per destination country's [`country_bit`]: a clear bit
    /// rules a country out, a set one is checked against the licence.
    pub(super) destinations: u32,
}

impl Default for LicenseFacet {
    fn default() -> Self {
        Self {
            status: LicenseStatus::Revoked,
            valid_until: NaiveDate::MIN,
            suspended_until: None,
            sectors: 0,
            destinations: 0,
        }
    }
}

impl LicenseFacet {
    fn of(l: &License) -> Self {
        Self {
            status: l.status,
            valid_until: l.valid_until,
            suspended_until: l.suspended_until,
            sectors: l.sectors.iter().fold(0, |bits, s| bits | sector_bit(s)),
            destinations: l.destination_countries.iter().fold(0, |bits, c| bits | country_bit(c)),
        }
    }

    /// The status in force on `today`, as `domain::license_status::standing`
    /// decides it (the first day of validity bears only on `can_recruit`).
    pub(super) fn status_on(&self, today: NaiveDate) -> LicenseStatus {
        let validity = Validity {
            from: NaiveDate::MIN,
            until: self.valid_until,
            suspended_until: self.suspended_until,
        };
        standing(self.status, validity, today).status
    }
}

/// A sector's bit in `LicenseFacet::sectors` (0 for none known).
pub(super) fn sector_bit(sector: &str) -> u16 {
    crate::domain::sector::Sector::ALL
        .iter()
        .position(|s| s.as_str() == sector)
        .map_or(0, |i| 1 << i)
}

/// A country's bit in `LicenseFacet::destinations`: its two letters folded
/// into 32 (a Bloom filter of one hash; a set bit is checked against the
/// licence, so a collision costs a look, never a wrong answer).
pub(super) fn country_bit(code: &str) -> u32 {
    let n = code.bytes().fold(0u32, |n, b| n * 31 + u32::from(b));
    1 << (n % 32)
}

/// A region as a small number: its place in `Region::ALL`.
pub(super) fn region_code(code: &str) -> u8 {
    crate::domain::region::Region::ALL
        .iter()
        .position(|r| r.code() == code)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(u8::MAX)
}

fn lookup_key(number: &str) -> String {
    LicenseNumber::parse(number).map_or_else(|_| number.to_owned(), |n| n.lookup_key().to_owned())
}

pub(super) fn found(entry: &Arc<Entry>, rank: f32) -> Found {
    Found {
        entry: Arc::clone(entry),
        rank,
    }
}

/// An agency with a name, taxpayer id and region, and nothing else (the
/// model's unit tests).
#[cfg(test)]
pub(super) fn test_agency(id: Uuid, legal_name: &str, taxpayer_id: String, region: &str) -> Agency {
    let at = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
    Agency {
        id,
        legal_name: legal_name.into(),
        other_names: Vec::new(),
        taxpayer_id,
        region: region.into(),
        address: None,
        phone: None,
        email: None,
        website: None,
        created_at: at,
        updated_at: at,
        complaint_counts: Default::default(),
        version: 1,
        channels: Default::default(),
    }
}

#[cfg(test)]
mod order_tests {
    use super::*;

    fn entry(id: u128, name: &str) -> Entry {
        let agency = test_agency(Uuid::from_u128(id), name, format!("{id:09}"), "UZ-TK");
        Entry::new(agency, Vec::new(), Vec::new())
    }

    fn put_all(state: &mut State, entries: Vec<Entry>) {
        let words = vec![Vec::new(); entries.len()];
        state.put_all(entries, words);
    }

    fn names(state: &State) -> Vec<&str> {
        state
            .order
            .iter()
            .map(|s| state.entries[*s as usize].agency.legal_name.as_str())
            .collect()
    }

    fn assert_consistent(state: &State) {
        state.check().unwrap();
    }

    #[test]
    fn the_check_finds_a_broken_invariant() {
        let mut state = State::default();
        put_all(&mut state, (1..=5).map(|i| entry(i, &format!("N{i}"))).collect());
        state.check().unwrap();
        state.slots[0].position = 3;
        assert!(state.check().unwrap_err().starts_with("3:"));
        state.slots[0].position = 0;
        state.check().unwrap();
        state.stale_words += 1;
        assert!(state.check().unwrap_err().starts_with("4:"));
    }

    #[test]
    fn channels_are_found_by_their_keys_and_let_go_when_changed() {
        let mut state = State::default();
        let mut first = entry(1, "A");
        first.agency.channels.phones = vec!["+998712001122".into()];
        first.agency.channels.websites = vec!["a.uz".into()];
        put_all(&mut state, vec![first, entry(2, "B")]);
        assert_consistent(&state);
        assert_eq!(state.agency_by_channel("phone:+998712001122"), Some(0));
        // The phone moves to B; A keeps only its site.
        let mut a = entry(1, "A");
        a.agency.channels.websites = vec!["a.uz".into()];
        let mut b = entry(2, "B");
        b.agency.channels.phones = vec!["+998712001122".into()];
        put_all(&mut state, vec![a, b]);
        assert_consistent(&state);
        assert_eq!(state.agency_by_channel("phone:+998712001122"), Some(1));
        assert_eq!(state.agency_by_channel("site:a.uz"), Some(0));
        assert_eq!(state.agency_by_channel("site:b.uz"), None);
        state.by_channel.insert("site:gone.uz", 0, |_| false);
        assert!(state.check().unwrap_err().starts_with("8:"));
    }

    #[test]
    fn cards_are_found_by_their_channels_and_let_go_when_changed() {
        use super::super::cards::test_person;
        let a = |cards| entry(1, "A").with_representatives(cards);
        let b = |cards| entry(2, "B").with_representatives(cards);
        let mut state = State::default();
        let jasur = test_person(10, &["+998901111111"], &[("telegram", "jasur")]);
        let bobur = test_person(20, &["+998902222222"], &[]);
        put_all(&mut state, vec![a(vec![jasur.clone(), bobur.clone()]), b(Vec::new())]);
        assert_consistent(&state);
        assert_eq!(state.card_by_channel("handle:telegram:jasur"), Some((0, 0)));
        assert_eq!(state.card_by_channel("phone:+998902222222"), Some((0, 1)));
        assert_eq!(state.by_card.get(&20), Some(&0));
        // Bobur's number goes to a card of B in the same change that drops
        // Jasur from A: Bobur is now first in A's list.
        let karim = test_person(30, &["+998902222222"], &[]);
        let bobur = test_person(20, &["+998903333333"], &[]);
        put_all(&mut state, vec![a(vec![bobur]), b(vec![karim])]);
        assert_consistent(&state);
        assert_eq!(state.card_by_channel("phone:+998902222222"), Some((1, 0)));
        assert_eq!(state.card_by_channel("phone:+998903333333"), Some((0, 0)));
        assert_eq!(state.card_by_channel("handle:telegram:jasur"), None);
        assert_eq!(state.by_card.get(&10), None);
        state.by_card.insert(99, 0);
        assert!(state.check().unwrap_err().starts_with("9:"));
    }

    #[test]
    fn what_a_search_reads_of_an_agency_is_one_record_of_32_bytes() {
        assert_eq!(std::mem::size_of::<Slot>(), 32);
        // Everything a licence's standing on any day depends on fits.
        assert_eq!(std::mem::size_of::<LicenseFacet>(), 16);
    }

    #[test]
    fn renames_in_one_change_keep_every_agency_once_in_name_order() {
        let mut state = State::default();
        put_all(
            &mut state,
            ["Delta", "Alfa", "Echo", "Charlie", "Bravo"]
                .iter()
                .zip(1..)
                .map(|(n, i)| entry(i, n))
                .collect(),
        );
        assert_eq!(names(&state), ["Alfa", "Bravo", "Charlie", "Delta", "Echo"]);
        // Two existing agencies renamed in one batch: the second's old place
        // moved when the first's did.
        put_all(
            &mut state,
            vec![entry(2, "Zulu"), entry(4, "Aaron"), entry(6, "Cobalt")],
        );
        assert_eq!(names(&state), ["Aaron", "Bravo", "Cobalt", "Delta", "Echo", "Zulu"]);
        assert_consistent(&state);
    }

    #[test]
    fn a_large_change_is_sorted_once_into_the_same_order() {
        let mut state = State::default();
        let many: Vec<Entry> = (0..200u128)
            .map(|i| entry(i, &format!("N{:03}", (i * 7919) % 200)))
            .collect();
        put_all(&mut state, many);
        put_all(
            &mut state,
            (0..100u128).map(|i| entry(i * 2, &format!("M{:03}", i))).collect(),
        );
        let listed = names(&state);
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(listed, sorted);
        assert_eq!(listed.iter().filter(|n| n.starts_with('M')).count(), 100);
        assert_consistent(&state);
    }

    #[test]
    fn a_change_that_keeps_the_name_and_region_keeps_every_place() {
        let mut state = State::default();
        let legal = ["Alfa Kadr", "Bravo Kadr", "Charlie Kadr"];
        let words = |i: u32| vec![i, 100];
        state.put_all(
            legal.iter().zip(1..).map(|(n, i)| entry(i, n)).collect(),
            (1..=3).map(words).collect(),
        );
        let positions: Vec<u32> = state.slots.iter().map(|s| s.position).collect();
        // Bravo's rows change (a complaint counted), its name does not;
        // Charlie is renamed in the same change.
        let mut bravo = entry(2, "Bravo Kadr");
        bravo.agency.version = 2;
        state.put_all(vec![bravo, entry(3, "Aaron Kadr")], vec![words(2), words(3)]);
        assert_eq!(state.entries[1].agency.version, 2, "the new rows are in");
        assert_eq!(names(&state), ["Aaron Kadr", "Alfa Kadr", "Bravo Kadr"]);
        assert_ne!(state.slots.iter().map(|s| s.position).collect::<Vec<_>>(), positions);
        assert_consistent(&state);
        // Each agency listed once under the word they share, in list order.
        let shared = &state.listed[100];
        assert_eq!(shared.len(), 3);
        assert!(shared.windows(2).all(|w| state.list_key(w[0]) < state.list_key(w[1])));
        // Bravo alone again, nothing else changing: every place stays.
        let positions: Vec<u32> = state.slots.iter().map(|s| s.position).collect();
        state.put_all(vec![entry(2, "Bravo Kadr")], vec![words(2)]);
        assert_eq!(state.slots.iter().map(|s| s.position).collect::<Vec<_>>(), positions);
        assert_eq!(state.listed[100].len(), 3);
        assert_eq!(state.listed[2], [1]);
        assert_consistent(&state);
    }
}
