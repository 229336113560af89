//! Rows found by keys the model does not store. A phone's or handle's key
//! (`phone:+998...`, `handle:telegram:name`) kept as a `String` in a map cost
//! more than the row it leads to: 1.3 million of them (3 channels and 5 cards
//! of two keys each for 100,000 agencies) were a fifth of the model. A
//! [`KeyTable`] keeps 32 bits of each key's hash beside the row's place, and
//! asks the row whether it holds the key: a row is the truth about its keys,
//! so a hash shared by two keys costs one more comparison, never a wrong
//! answer.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

/// Places (`P`: an agency's slot, a card's slot and place in its list) by
/// the keys their rows hold; each key leads to one place at most.
pub struct KeyTable<P> {
    table: HashTable<(u32, P)>,
}

impl<P> Default for KeyTable<P> {
    fn default() -> Self {
        Self {
            table: HashTable::new(),
        }
    }
}

/// What the table keeps of a key's hash.
fn short(key: &str) -> u32 {
    let h = FxBuildHasher.hash_one(key);
    (h ^ (h >> 32)) as u32
}

/// The table's 64-bit hash of a short one: spread so that its high bits
/// (the table's tags) vary as much as its low bits (the bucket).
fn spread(short: u32) -> u64 {
    u64::from(short).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl<P: Copy + Eq> KeyTable<P> {
    /// The place whose row holds `key`; `holds` says whether the row at a
    /// place holds it.
    pub fn get(&self, key: &str, holds: impl Fn(P) -> bool) -> Option<P> {
        let s = short(key);
        self.table
            .find(spread(s), |&(h, place)| h == s && holds(place))
            .map(|&(_, place)| place)
    }

    /// Gives `key` to `place`, taking it from the place whose row held it
    /// (`holds`, as for [`KeyTable::get`]).
    pub fn insert(&mut self, key: &str, place: P, holds: impl Fn(P) -> bool) {
        let s = short(key);
        match self.table.find_mut(spread(s), |&(h, at)| h == s && holds(at)) {
            Some(held) => held.1 = place,
            None => {
                self.table.insert_unique(spread(s), (s, place), |&(h, _)| spread(h));
            }
        }
    }

    /// Takes `key` from `place`, if it has it still.
    pub fn remove(&mut self, key: &str, place: P) {
        let s = short(key);
        if let Ok(found) = self.table.find_entry(spread(s), |&(h, at)| h == s && at == place) {
            found.remove();
        }
    }

    /// How many keys it holds.
    pub(super) fn len(&self) -> usize {
        self.table.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the row at a place (its keys) holds `key`.
    fn holding<'a>(rows: &'a [&'a [&'a str]], key: &'a str) -> impl Fn(usize) -> bool + 'a {
        move |place| rows[place].contains(&key)
    }

    #[test]
    fn a_key_moved_to_another_row_is_found_there_and_only_there() {
        let rows: &[&[&str]] = &[&["phone:+998901111111", "handle:telegram:a"], &["phone:+998901111111"]];
        let phone = "phone:+998901111111";
        let mut table = KeyTable::default();
        for key in rows[0] {
            table.insert(key, 0, holding(rows, key));
        }
        assert_eq!(table.get(phone, holding(rows, phone)), Some(0));
        assert_eq!(table.get("handle:telegram:b", holding(rows, "handle:telegram:b")), None);
        // The second row takes the phone before the first is read again.
        table.insert(phone, 1, holding(rows, phone));
        assert_eq!(table.get(phone, holding(rows, phone)), Some(1));
        assert_eq!(table.len(), 2);
        // The first lets go of what it held: the second keeps the phone.
        for key in rows[0] {
            table.remove(key, 0);
        }
        assert_eq!(table.get(phone, holding(rows, phone)), Some(1));
        assert_eq!(table.get("handle:telegram:a", holding(rows, "handle:telegram:a")), None);
        assert_eq!(table.len(), 1);
    }

    #[test]
    fn keys_sharing_a_short_hash_are_told_apart_by_their_rows() {
        // Two keys whose 32 bits collide (a birthday search).
        let mut seen = rustc_hash::FxHashMap::default();
        let (a, b) = (0u64..)
            .find_map(|i| {
                let key = format!("phone:+{i}");
                seen.insert(short(&key), key.clone()).map(|other| (other, key))
            })
            .unwrap_or_default();
        assert_eq!(short(&a), short(&b));
        assert_ne!(a, b);
        let (ra, rb) = ([a.as_str()], [b.as_str()]);
        let rows: &[&[&str]] = &[&ra, &rb];
        let mut table = KeyTable::default();
        table.insert(&a, 0, holding(rows, &a));
        table.insert(&b, 1, holding(rows, &b));
        assert_eq!(table.len(), 2);
        assert_eq!(table.get(&a, holding(rows, &a)), Some(0));
        assert_eq!(table.get(&b, holding(rows, &b)), Some(1));
        table.remove(&a, 0);
        assert_eq!(table.get(&a, holding(rows, &a)), None);
        assert_eq!(table.get(&b, holding(rows, &b)), Some(1));
    }

    #[test]
    fn the_table_grows_by_the_hashes_it_keeps() {
        let keys: Vec<String> = (0..50_000).map(|i| format!("handle:telegram:s{i}")).collect();
        let holds = |key: &str| {
            let keys = &keys;
            let key = key.to_owned();
            move |place: usize| keys[place] == key
        };
        let mut table = KeyTable::default();
        for (place, key) in keys.iter().enumerate() {
            table.insert(key, place, holds(key));
        }
        assert_eq!(table.len(), keys.len());
        assert!(keys
            .iter()
            .enumerate()
            .all(|(place, key)| table.get(key, holds(key)) == Some(place)));
    }
}
