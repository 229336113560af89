//! The agency search, answered from the model: the page of the best
//! `limit` rows after the cursor, in the order of `AgencySearch::run`
//! (rank, then legal name, then id), with ranks of its own.
//!
//! A row's rank is `1 / (1 + score / (1 + 0.1 × name words))`: each query
//! word adds what it is worth to the agency's names (see `index`); two
//! words must both match, of more all but one. Rows are ordered by one
//! integer key: the rank in ten-thousandths, then the place in name order.
//!
//! Finding the page without ranking every match:
//! - Every match holds one of the *lead* words (the rarest: one of two
//!   words, two of more), so candidates are the agencies of the lead words'
//!   name words, read a tier at a time, best worth first. Before each tier
//!   the search works out the best rank an agency not yet read could have
//!   (the lead words at most their next tier, the others their best, the
//!   shortest name); once the page holds `limit` rows better than that, it
//!   stops. An exact name fills its page from its own words and never reads
//!   their typos.
//! - Within a tier, each word's agencies are listed in rank order for a
//!   match of any given worth (fewest name words first, then name order),
//!   so the tier is read as a merge of its lists, best hope first, and
//!   stops as soon as no agency left could reach the page: the first page
//!   of a word in every name reads about a page of agencies.
//!
//! Each candidate is scored from its name words (numbers, kept beside its
//! record), never from its names.

use std::collections::BinaryHeap;
use std::sync::Arc;

use chrono::NaiveDate;

use std::cmp::Reverse;

use super::index::{rank, Expansion, Score, SearchIndex, MAX_QUERY_WORDS};
use super::tables::{country_bit, found, region_code, sector_bit, Entry, Found, LicenseFacet, State};
use crate::db::models::{AgencySearch, SearchPosition};
use crate::domain::license_status::{standing, LicenseStatus};

/// The page of `search` (its `limit` rows at most).
pub(super) fn run(state: &State, index: &SearchIndex, search: &AgencySearch) -> Vec<Found> {
    let limit = usize::try_from(search.limit).unwrap_or(0);
    let filter = Filter::of(search);
    let Some(terms) = &search.query else {
        return browse(state, &filter, search.after.as_ref(), limit);
    };
    let mut page = Page {
        state,
        filter: &filter,
        from: search
            .after
            .as_ref()
            .map_or(0, |c| (rank_key(c.rank) << 32) | state.after_name(c) as u64),
        limit,
        best: BinaryHeap::with_capacity(limit + 1),
        exact: Vec::new(),
    };
    if let Some(slot) = terms.taxpayer_id.as_ref().and_then(|t| state.by_taxpayer_id.get(t)) {
        page.exact.push(*slot);
    }
    if let Some((slot, _)) = terms.license_key.as_ref().and_then(|k| state.by_license.get(k)) {
        if !page.exact.contains(slot) {
            page.exact.push(*slot);
        }
    }
    for slot in page.exact.clone() {
        page.offer_at(0, slot);
    }
    page.by_name(&index.expand(&terms.name));
    page.best
        .into_sorted_vec()
        .into_iter()
        .filter_map(|key| {
            let slot = *state.order.get((key & u64::from(u32::MAX)) as usize)?;
            Some(found(state.entry(slot)?, rank_of_key(key >> 32)))
        })
        .collect()
}

/// The best rows found so far.
struct Page<'s> {
    state: &'s State,
    filter: &'s Filter,
    /// Keys below this are on earlier pages.
    from: u64,
    limit: usize,
    /// The keys of the page's rows (a max-heap: the worst on top).
    best: BinaryHeap<u64>,
    /// Agencies found by taxpayer id or licence number (ranked first).
    exact: Vec<u32>,
}

impl Page<'_> {
    /// Takes the row at `rank_key` for `slot` if it belongs on the page.
    fn offer_at(&mut self, rank_key: u64, slot: u32) {
        let Some(record) = self.state.slots.get(slot as usize) else {
            return;
        };
        let key = (rank_key << 32) | u64::from(record.position);
        if key < self.from || self.limit == 0 || self.closed_below(key) {
            return;
        }
        if self.filter.any() && !self.filter.holds_at(self.state, slot) {
            return;
        }
        if self.best.len() >= self.limit {
            self.best.pop();
        }
        self.best.push(key);
    }

    /// Whether the page is full of rows ranked before `key`: nothing from
    /// `key` on can enter it.
    fn closed_below(&self, key: u64) -> bool {
        self.best.len() >= self.limit && self.best.peek().is_some_and(|worst| *worst < key)
    }

    fn offer_scored(&mut self, slot: u32, score: Score) {
        if self.exact.contains(&slot) {
            return;
        }
        let words = self.state.slots.get(slot as usize).map_or(0, |r| r.words);
        self.offer_at(rank_key(rank(score, usize::from(words))), slot);
    }

    /// The agencies whose names match the query words.
    fn by_name(&mut self, words: &[Arc<Expansion>]) {
        let n = words.len();
        let must = if n <= 2 { n } else { n - 1 };
        if n == 0 || words.iter().filter(|w| w.tiers.is_empty()).count() > n - must {
            return;
        }
        let mut rarest: Vec<usize> = (0..n).collect();
        rarest.sort_by_key(|i| words[*i].agencies());
        let lead = &rarest[..n - must + 1];
        // The next tier to read of each lead word.
        let mut next = vec![0usize; lead.len()];
        let tier_value = |j: usize, at: usize| words[lead[j]].tiers.get(at).map_or(0.0, |t| t.value);
        loop {
            // The best tier left, the first lead word's on a tie.
            let mut pick: Option<usize> = None;
            for j in 0..lead.len() {
                if next[j] < words[lead[j]].tiers.len()
                    && pick.is_none_or(|p| tier_value(j, next[j]) > tier_value(p, next[p]))
                {
                    pick = Some(j);
                }
            }
            let Some(j) = pick else {
                return;
            };
            // The most an agency not read yet may score: each lead word at
            // most its next tier, the others their best.
            let bound: Score = (0..n)
                .map(|i| match lead.iter().position(|l| *l == i) {
                    Some(j) => tier_value(j, next[j]),
                    None => words[i].best(),
                })
                .sum();
            let best_rank = rank_key(rank(bound, usize::from(self.state.min_words)));
            if self.closed_below(best_rank << 32) {
                return;
            }
            next[j] += 1;
            self.read_tier(words, lead, j, next[j] - 1, bound, must);
        }
    }

    /// Reads the agencies of tier `at` of lead word `j` best first, until
    /// none left could reach the page. None of them scores more than `bound`,
    /// so none ranks before its *hope*: the rank of `bound` at its length,
    /// then its place in name order, which is the order of each word's list.
    fn read_tier(&mut self, words: &[Arc<Expansion>], lead: &[usize], j: usize, at: usize, bound: Score, must: usize) {
        let state = self.state;
        let word = &words[lead[j]];
        let tier = &word.tiers[at];
        let hope = |slot: u32| {
            let record = &state.slots[slot as usize];
            (rank_key(rank(bound, usize::from(record.words))) << 32) | u64::from(record.position)
        };
        let lists: Vec<&[u32]> = tier
            .words
            .iter()
            .map(|w| state.listed.get(*w as usize).map_or(&[][..], Vec::as_slice))
            .collect();
        // Each list's next agency, the best hope first.
        let mut heads: BinaryHeap<Reverse<(u64, usize, usize)>> = lists
            .iter()
            .enumerate()
            .filter_map(|(k, list)| Some(Reverse((hope(*list.first()?), k, 0))))
            .collect();
        let mut values = [0.0; MAX_QUERY_WORDS];
        while let Some(Reverse((hoped, k, i))) = heads.pop() {
            if self.closed_below(hoped) {
                return;
            }
            let slot = lists[k][i];
            if let Some(next) = lists[k].get(i + 1) {
                heads.push(Reverse((hope(*next), k, i + 1)));
            }
            if self.filter.any() && !self.filter.holds_at(state, slot) {
                continue;
            }
            let record = &state.slots[slot as usize];
            let names = state.words_of(record);
            for (value, w) in values.iter_mut().zip(words) {
                *value = w.value_in(names);
            }
            // An agency is taken where it is first read: through its best
            // lead word's best tier (the first lead word's on a tie), through
            // the first of its words in that tier.
            let first_here = lead.iter().enumerate().all(|(l, i)| {
                let value = values[*i];
                value < tier.value || (value == tier.value && l >= j)
            });
            if !first_here || word.first_worth(names, tier.value) != Some(tier.words[k]) {
                continue;
            }
            let matched = values[..words.len()].iter().filter(|v| **v > 0.0).count();
            if matched >= must {
                self.offer_scored(slot, values.iter().sum());
            }
        }
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

/// The filters of a search, as `AgencySearch` states them.
pub(super) struct Filter {
    region: Option<u8>,
    status: Option<LicenseStatus>,
    destination: Option<String>,
    sector: Option<String>,
    /// The facet bits of `destination` and `sector`, worked out once.
    destination_bit: u32,
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
    /// (the status as `domain::license_status::standing` decides it on the
    /// search's day, like every reader's).
    fn holds_at(&self, state: &State, slot: u32) -> bool {
        let Some(record) = state.slots.get(slot as usize) else {
            return false;
        };
        if self.region.is_some_and(|r| record.region != r) {
            return false;
        }
        if !self.on_license {
            return true;
        }
        // The facets rule most agencies out; a destination they cannot rule
        // out is checked against the licences themselves.
        if !state.facets_of(slot, record).iter().any(|f| self.facet_holds(f)) {
            return false;
        }
        self.destination.is_none() || state.entry(slot).is_some_and(|e| self.license_holds(e))
    }

    fn facet_holds(&self, f: &LicenseFacet) -> bool {
        self.status.is_none_or(|s| s == f.status_on(self.today))
            && (self.sector.is_none() || f.sectors & self.sector_bit != 0)
            && (self.destination.is_none() || f.destinations & self.destination_bit != 0)
    }

    fn license_holds(&self, entry: &Entry) -> bool {
        entry.licenses.iter().any(|l| {
            let status = standing(l.status, l.validity(), self.today).status;
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
            let at = listed.partition_point(|slot| (state.slots[*slot as usize].position as usize) < from);
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

#[cfg(test)]
mod tests {
    use super::super::tables::test_agency;
    use super::*;
    use crate::db::models::{License, QueryTerms};
    use crate::domain::region::Region;
    use crate::domain::transliterate::search_form;
    use crate::usecases::read_model::ReadModel;
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};
    use uuid::Uuid;

    const SYLLABLES: [&str; 6] = ["ist", "iq", "bol", "yan", "sha", "rq"];

    fn agency(rng: &mut StdRng, i: u128) -> Entry {
        let at = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
        let mut words: Vec<String> = (0..rng.random_range(1..=3))
            .map(|_| (0..3).map(|_| SYLLABLES[rng.random_range(0..6)]).collect())
            .collect();
        if rng.random_bool(0.6) {
            words.push("Trans".into());
        }
        if rng.random_bool(0.2) {
            words.push(format!("{i}"));
        }
        let id = Uuid::from_u128(i + 1);
        let license = |n: u128, rng: &mut StdRng| License {
            id: Uuid::from_u128(1_000_000 + n),
            license_number: format!("SY-{n:06}"),
            agency_id: id,
            status: [LicenseStatus::Active, LicenseStatus::Suspended, LicenseStatus::Revoked][rng.random_range(0..3)],
            valid_from: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
            valid_until: NaiveDate::from_ymd_opt(2025 + rng.random_range(0..3), 1, 1).unwrap_or_default(),
            destination_countries: vec![["KR", "JP", "DE"][rng.random_range(0..3)].into()],
            sectors: vec![["construction", "care"][rng.random_range(0..2)].into()],
            status_reason: None,
            created_at: at,
            updated_at: at,
            suspended_until: None,
            version: 1,
        };
        let licenses = (0..rng.random_range(0..3u128))
            .map(|k| license(i * 4 + k, rng))
            .collect();
        let region = Region::ALL[rng.random_range(0..Region::ALL.len())].code();
        let agency = test_agency(id, &words.join(" "), format!("{:09}", 300_000_000 + i), region);
        Entry::new(agency, licenses, Vec::new())
    }

    /// Every row of the search, ranked by brute force: each agency scored.
    fn every_row(model: &ReadModel, search: &AgencySearch) -> Vec<Uuid> {
        let state = model.read();
        let filter = Filter::of(search);
        let terms = search.query.as_ref().unwrap();
        let words = model.index.expand(&terms.name);
        let n = words.len();
        let must = if n <= 2 { n } else { n - 1 };
        // Each agency scored from its name words: `None` unless enough match.
        let score = |slot: u32| {
            let names = state.words_of(&state.slots[slot as usize]);
            let values: Vec<Score> = words.iter().map(|w| w.value_in(names)).collect();
            (values.iter().filter(|v| **v > 0.0).count() >= must).then(|| values.iter().sum::<Score>())
        };
        let mut keys: Vec<(u64, Uuid)> = Vec::new();
        for (slot, record) in state.slots.iter().enumerate() {
            let slot = slot as u32;
            let entry = state.entry(slot).unwrap();
            if !filter.holds_at(&state, slot) {
                continue;
            }
            let key = if Some(&entry.agency.taxpayer_id) == terms.taxpayer_id.as_ref() {
                Some(0)
            } else if n > 0 {
                score(slot).map(|score| rank_key(rank(score, usize::from(record.words))))
            } else {
                None
            };
            if let Some(key) = key {
                keys.push(((key << 32) | u64::from(record.position), entry.agency.id));
            }
        }
        keys.sort();
        keys.into_iter().map(|(_, id)| id).collect()
    }

    /// Every row of the search, a page of `limit` at a time.
    fn paged(model: &ReadModel, search: &AgencySearch, limit: i64) -> Vec<Uuid> {
        let mut rows = Vec::new();
        let mut search = search.clone();
        loop {
            search.limit = limit;
            let (page, _) = model.search(&search);
            rows.extend(page.iter().map(|f| f.agency().id));
            match page.last() {
                Some(last) if page.len() as i64 == limit => search.after = Some(last.position()),
                _ => return rows,
            }
        }
    }

    /// Renaming agencies leaves the words of their old names behind in the
    /// tables until they are written anew: drive it past that point, with
    /// every invariant checked after each change (debug builds check them in
    /// `put`), and the search still finds the new names, not the old.
    #[test]
    fn renames_drive_the_word_tables_through_compaction_and_search_keeps_up() {
        let model = ReadModel::new(std::time::Duration::from_secs(5));
        let named = |i: u128, name: String| {
            let agency = super::super::tables::test_agency(Uuid::from_u128(i), &name, format!("{i:09}"), "UZ-TK");
            Entry::new(agency, Vec::new(), Vec::new())
        };
        model.load((1..=20).map(|i| named(i, format!("Boshlangich {i}"))).collect());
        model.settle(1).unwrap();
        let long = |round: u32| -> String { (0..120).map(|w| format!("so{round}z{w}")).collect::<Vec<_>>().join(" ") };
        let mut compactions = 0;
        let mut stale_before = 0;
        for round in 0..60u32 {
            model
                .put(Vec::new(), vec![named(7, long(round))], 2 + i64::from(round))
                .unwrap();
            let stale = model.read().stale_words();
            if stale < stale_before {
                compactions += 1;
            }
            stale_before = stale;
            model.read().check().unwrap();
        }
        assert!(compactions >= 1, "the words were never written anew");
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
        let find = |q: &str| {
            let search = AgencySearch {
                query: Some(QueryTerms {
                    name: search_form(q),
                    taxpayer_id: None,
                    license_key: None,
                }),
                ..AgencySearch::first_page(QueryTerms::default(), today, 10)
            };
            model
                .search(&search)
                .0
                .iter()
                .map(|f| f.agency().id)
                .collect::<Vec<_>>()
        };
        assert_eq!(find("so59z3"), vec![Uuid::from_u128(7)]);
        assert!(find("so3z3").is_empty(), "an old name still found");
        assert_eq!(find("Boshlangich 8").first(), Some(&Uuid::from_u128(8)));
    }

    #[test]
    fn pages_hold_exactly_the_best_rows_in_order_however_the_search_finds_them() {
        let mut rng = StdRng::seed_from_u64(11);
        let model = ReadModel::new(std::time::Duration::from_secs(5));
        // Built as at start, then changed: a large batch (settled at once),
        // then small ones (each agency moved in its lists), renames and new.
        model.load((0..1000).map(|i| agency(&mut rng, i)).collect());
        model.load((1000..1500).map(|i| agency(&mut rng, i)).collect());
        model.settle(1).unwrap();
        model
            .put(Vec::new(), (1400..1600).map(|i| agency(&mut rng, i)).collect(), 2)
            .unwrap();
        for batch in 0..20 {
            let changed = [rng.random_range(0..1600), rng.random_range(0..1600), 1600 + batch];
            let entries = changed.iter().map(|i| agency(&mut rng, *i)).collect();
            model.put(Vec::new(), entries, 3 + batch as i64).unwrap();
        }
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
        let queries = [
            "istiqbol",
            "ist",
            "iqbolyan",
            "ikbolyan",
            "iqbloyan",
            "Trans",
            "trans istiqbol",
            "istiqbol trans 12",
            "istbolsha yanyanrq trans",
            "sha",
            "qq",
            "1",
            "301",
            "300000042",
            "rqrqrq",
            "zzzz",
            "yanbol",
            "ИСТИҚБОЛ",
            "trans ist",
            "trans iq",
            "trans istiqbo",
            "trans sharq",
            "trans shaistbol yan",
        ];
        let mut checked = 0;
        for q in queries {
            for (region, status, limit) in [
                (None, None, 7),
                (None, None, 1),
                (Some("UZ-TK"), None, 3),
                (None, Some("active"), 20),
            ] {
                let search = AgencySearch {
                    query: Some(QueryTerms {
                        name: search_form(q),
                        taxpayer_id: (q.len() == 9 && q.bytes().all(|b| b.is_ascii_digit())).then(|| q.to_owned()),
                        license_key: None,
                    }),
                    region: region.map(str::to_owned),
                    license_status: status.map(str::to_owned),
                    today,
                    ..Default::default()
                };
                let expected = every_row(&model, &search);
                assert_eq!(paged(&model, &search, limit), expected, "{q} {region:?} {status:?}");
                checked += expected.len();
            }
        }
        assert!(checked > 2_000, "the searches found rows: {checked}");
    }

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
