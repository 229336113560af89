//! The job-order search, answered from the model (see `offers` for what it
//! reads).
//!
//! A query word must match (exactly, as a prefix, or within one or two
//! edits) a word of the position or of an employer's name; every query word
//! must match. Candidates are the orders of the rarest query word's
//! matches; the others are scored from each candidate's words. Ranks are
//! the agencies' formula (`index::rank`), so a cursor is (rank, reference).

use rustc_hash::FxHashMap;

use super::index::{rank, SearchIndex};
use super::tables::State;
use crate::db::models::{JobOrderSearch, OrderPosition};
use crate::domain::job_order::JobOrderReference;
use crate::domain::transliterate::search_form;

/// The page of `search` (its `limit` rows at most), best first: (serial, rank).
pub(super) fn run(state: &State, index: &SearchIndex, search: &JobOrderSearch) -> Vec<(u32, f32)> {
    let fits = |serial: u32| fits(state, search, serial);
    let after = |position: &OrderPosition| search.after.is_none_or(|a| a.before(position));
    let q = search.q.as_deref().map(str::trim).unwrap_or_default();
    if q.is_empty() {
        let from = search.after.map_or(0, |a| a.serial.saturating_add(1));
        return state
            .by_job_order
            .range(from..)
            .map(|(serial, _)| *serial)
            .filter(|s| fits(*s))
            .take(search.limit)
            .map(|s| (s, 0.0))
            .collect();
    }
    if let Ok(reference) = JobOrderReference::parse(q) {
        let serial = reference.serial();
        let exact = OrderPosition { rank: -1.0, serial };
        return match state.by_job_order.contains_key(&serial) && fits(serial) && after(&exact) {
            true => vec![(serial, -1.0)],
            false => Vec::new(),
        };
    }
    let expansions = index.expand(&search_form(q));
    if expansions.is_empty() || expansions.iter().any(|e| e.tiers.is_empty()) {
        return Vec::new();
    }
    let offers = &state.offers;
    let matches = |e: &super::index::Expansion| -> usize {
        e.tiers
            .iter()
            .flat_map(|t| &t.words)
            .map(|w| offers.postings.get(w).map_or(0, Vec::len))
            .sum()
    };
    let lead = (0..expansions.len())
        .min_by_key(|i| matches(&expansions[*i]))
        .unwrap_or_default();
    let mut candidates: FxHashMap<u32, f32> = FxHashMap::default();
    for tier in &expansions[lead].tiers {
        for word in &tier.words {
            for serial in offers.postings.get(word).into_iter().flatten() {
                let best = candidates.entry(*serial).or_insert(0.0);
                *best = best.max(tier.value);
            }
        }
    }
    let mut found: Vec<(OrderPosition, u32)> = candidates
        .into_iter()
        .filter_map(|(serial, lead_value)| {
            let (_, words) = offers.terms.get(&serial)?;
            let mut score = lead_value;
            for (i, e) in expansions.iter().enumerate() {
                if i != lead {
                    let value = e.value_in(words);
                    if value <= 0.0 {
                        return None;
                    }
                    score += value;
                }
            }
            let position = OrderPosition {
                rank: rank(score, words.len()),
                serial,
            };
            after(&position).then_some((position, serial))
        })
        .collect();
    found.sort_unstable_by(|(a, _), (b, _)| a.rank.total_cmp(&b.rank).then(a.serial.cmp(&b.serial)));
    found
        .into_iter()
        .filter(|(_, serial)| fits(*serial))
        .take(search.limit)
        .map(|(p, serial)| (serial, p.rank))
        .collect()
}

/// Whether the order `serial` passes the search's filters.
fn fits(state: &State, search: &JobOrderSearch, serial: u32) -> bool {
    let Some(entry) = state.by_job_order.get(&serial).and_then(|slot| state.entry(*slot)) else {
        return false;
    };
    let Some((order, license)) = entry.job_order(serial) else {
        return false;
    };
    let Some(employer) = state.employers.get(&order.employer_id) else {
        return false;
    };
    search.country.as_ref().is_none_or(|c| *c == order.destination_country)
        && search.sector.as_ref().is_none_or(|s| *s == order.sector)
        && search.agency_id.is_none_or(|id| id == entry.agency.id)
        && search.employer_id.is_none_or(|id| id == order.employer_id)
        && (!search.open_only || crate::public::order_standing(order, license, employer, search.today).is_open())
}
