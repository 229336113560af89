//! What the job-order search reads of every order: its position and
//! employer names in search form, counted in a vocabulary of their own (the
//! agencies' `SearchIndex`, a second instance: the same folding of scripts
//! and the same typo tolerance), and each word's orders listed. The search
//! itself is `offer_search`.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use uuid::Uuid;

use super::index::{SearchIndex, WordId};

use crate::db::models::{Employer, JobOrder, NewAgency};

/// What the search reads of every order.
#[derive(Default)]
pub(super) struct Offers {
    /// Each order's searchable names (as counted in the vocabulary) and
    /// their distinct words, by reference serial.
    pub(super) terms: FxHashMap<u32, (Box<str>, Box<[WordId]>)>,
    /// Each word's orders, by reference serial, ascending.
    pub(super) postings: FxHashMap<WordId, Vec<u32>>,
}

/// The names an order is found by: its position, its employer's names.
pub(super) fn names_of(order: &JobOrder, employers: &FxHashMap<Uuid, Arc<Employer>>) -> String {
    let employer: Vec<String> = employers
        .get(&order.employer_id)
        .map(|e| {
            std::iter::once(e.legal_name.clone())
                .chain(e.other_names.iter().cloned())
                .collect()
        })
        .unwrap_or_default();
    NewAgency::search_names_of(&order.position, &employer)
}

impl Offers {
    /// Takes the orders `removed` out and puts `added` (serial, names) in,
    /// counting their words in `index` (rebuilt by the caller).
    pub(super) fn replace(&mut self, index: &SearchIndex, removed: &[u32], added: Vec<(u32, String)>) {
        for serial in removed {
            let Some((names, words)) = self.terms.remove(serial) else {
                continue;
            };
            index.count([("", Some(&*names))]);
            for word in words.iter() {
                if let Some(list) = self.postings.get_mut(word) {
                    if let Ok(at) = list.binary_search(serial) {
                        list.remove(at);
                    }
                    if list.is_empty() {
                        self.postings.remove(word);
                    }
                }
            }
        }
        let counted = index.count(added.iter().map(|(_, names)| (names.as_str(), None)));
        for ((serial, names), words) in added.into_iter().zip(counted) {
            for word in &words {
                let list = self.postings.entry(*word).or_default();
                if let Err(at) = list.binary_search(&serial) {
                    list.insert(at, serial);
                }
            }
            self.terms
                .insert(serial, (names.into_boxed_str(), words.into_boxed_slice()));
        }
    }

    /// How many orders it holds (tests).
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.terms.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_orders_leaves_no_word_listing_an_order_gone() {
        let index = SearchIndex::default();
        let mut offers = Offers::default();
        offers.replace(
            &index,
            &[],
            vec![(7, "payvandchi | hanil".into()), (9, "payvandchi".into())],
        );
        index.rebuild().unwrap();
        assert_eq!(offers.len(), 2);
        let welder = &index.expand("payvandchi")[0];
        let word = welder.tiers[0].words[0];
        assert_eq!(offers.postings[&word], [7, 9]);
        // Order 7 renamed, order 9 gone.
        offers.replace(&index, &[7, 9], vec![(7, "beton quyuvchi".into())]);
        index.rebuild().unwrap();
        assert_eq!(offers.len(), 1);
        assert!(!offers.postings.contains_key(&word));
        assert!(
            index.expand("payvandchi")[0].tiers.is_empty(),
            "a word no order holds is not found"
        );
        assert!(offers.postings.values().all(|list| list == &[7]));
    }
}
