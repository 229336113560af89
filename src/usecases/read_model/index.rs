//! The vocabulary of agency names, for search: every word any name holds,
//! with a number of its own, and what each query word stands for.
//!
//! Names are kept in their search form (`domain::transliterate`), so the
//! scripts and spellings of one name meet as they do in the database. Each
//! query word is expanded, through an FST of the vocabulary (the `fst`
//! crate, walked by `levenshtein_automata`: the matching tantivy's fuzzy
//! queries are built on), into the name words it matches and what each is
//! worth: itself (exactly), the words it begins (a partial word), and words
//! within one or two edits (a typo). A query word is worth its best match in
//! a name, once. The expansion groups those words into tiers of equal worth,
//! best first, which is how a search reads them (`read_model::search`).
//!
//! A word keeps its number for the life of the process, so that the model
//! keeps each agency's words as a few integers, lists each word's agencies
//! by number, and scores a candidate without reading its names.
//!
//! Scores depend on the query and the name only, never on the rest of the
//! registry (no IDF): every instance ranks alike, and a cursor keeps its place
//! however the registry grows between two pages.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock, RwLock};

use fst::automaton::Str;
use fst::{Automaton, IntoStreamer, Streamer};
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder};
use rustc_hash::FxHashMap;

/// What a match is worth.
pub type Score = f32;

/// Longest query taken, in words: a name is rarely longer.
pub const MAX_QUERY_WORDS: usize = 8;

/// Name words one query word may stand for with a typo, at most; the best
/// matches are kept. (Words it begins are all kept, however many.)
const MAX_TYPOS: usize = 50;

/// Memory the kept expansions of query words may take, in bytes.
const EXPANSIONS_BYTES: u64 = 32 * 1024 * 1024;

/// What a query word is worth when it matches a name word, by how.
pub const EXACT: Score = 4.0;
pub const PREFIX: Score = 2.5;
const ONE_EDIT: Score = 1.5;
const TWO_EDITS: Score = 1.0;
const PREFIX_WITH_TYPO: Score = 1.0;

static TYPOS: LazyLock<LevenshteinAutomatonBuilder> = LazyLock::new(|| LevenshteinAutomatonBuilder::new(2, true));
static PREFIX_TYPOS: LazyLock<LevenshteinAutomatonBuilder> =
    LazyLock::new(|| LevenshteinAutomatonBuilder::new(1, true));

/// The number of a name word in the vocabulary.
pub type WordId = u32;

/// The vocabulary of the read model's names (see the module documentation).
#[derive(Default)]
pub struct SearchIndex {
    vocabulary: RwLock<Vocabulary>,
}

/// Every word of every name: its number, and how many agencies use it.
struct Vocabulary {
    ids: BTreeMap<Box<str>, WordId>,
    /// By number: the word and how many agencies' names hold it (numbers
    /// of words no name holds any more stay taken).
    words: Vec<(Box<str>, u32)>,
    /// The words in use, to their numbers: what automata walk.
    fst: fst::Map<Vec<u8>>,
    /// Words whose count went to or from zero since the last rebuild: only
    /// they can make the words in use differ from `fst`.
    crossed: Vec<WordId>,
    /// Recent expansions of query words. Derived from the words in use
    /// alone and emptied whenever they change: never stale, and words repeat
    /// far more than whole searches do.
    expansions: moka::sync::Cache<String, Arc<Expansion>>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Self {
            ids: BTreeMap::new(),
            words: Vec::new(),
            fst: fst::Map::default(),
            crossed: Vec::new(),
            expansions: moka::sync::Cache::builder()
                .max_capacity(EXPANSIONS_BYTES)
                .weigher(|word: &String, e: &Arc<Expansion>| u32::try_from(word.len() + e.weight()).unwrap_or(u32::MAX))
                .build(),
        }
    }
}

/// What one query word stands for.
#[derive(Debug, Default)]
pub struct Expansion {
    /// Each name word it matches, worth the best of its ways.
    values: FxHashMap<WordId, Score>,
    /// The same words grouped by worth, best first.
    pub tiers: Vec<Tier>,
}

/// Name words a query word matches, all worth the same.
#[derive(Debug)]
pub struct Tier {
    pub value: Score,
    pub words: Vec<WordId>,
    /// About how many agencies hold one of them.
    pub agencies: u64,
}

impl Expansion {
    /// What the word is worth to a name with these words: its best match.
    pub fn value_in(&self, names: &[WordId]) -> Score {
        names
            .iter()
            .filter_map(|w| self.values.get(w))
            .fold(0.0, |best, v| best.max(*v))
    }

    /// The first of these name words (by number) worth `value`.
    pub fn first_worth(&self, names: &[WordId], value: Score) -> Option<WordId> {
        names
            .iter()
            .filter(|w| self.values.get(w) == Some(&value))
            .min()
            .copied()
    }

    /// The most it is worth to any name.
    pub fn best(&self) -> Score {
        self.tiers.first().map_or(0.0, |t| t.value)
    }

    /// About how many agencies it matches (to lead a search with rare words).
    pub fn agencies(&self) -> u64 {
        self.tiers.iter().map(|t| t.agencies).sum()
    }

    fn weight(&self) -> usize {
        64 + self.values.len() * 16 + self.tiers.iter().map(|t| 48 + t.words.len() * 4).sum::<usize>()
    }
}

impl Vocabulary {
    /// The numbers of the distinct words of `names`, counted as one more
    /// (`by` = 1) or one fewer (-1) agency's.
    fn count(&mut self, names: &str, by: i64) -> Vec<WordId> {
        let mut ids: Vec<WordId> = Vec::new();
        for word in words(names) {
            let id = match self.ids.get(word) {
                Some(id) => *id,
                None => {
                    let id = WordId::try_from(self.words.len()).unwrap_or(WordId::MAX);
                    self.ids.insert(word.into(), id);
                    self.words.push((word.into(), 0));
                    id
                }
            };
            if ids.contains(&id) {
                continue;
            }
            ids.push(id);
            if let Some((_, count)) = self.words.get_mut(id as usize) {
                let was = *count;
                *count = u32::try_from(i64::from(*count) + by).unwrap_or(0);
                if (was == 0) != (*count == 0) {
                    self.crossed.push(id);
                }
            }
        }
        ids
    }

    fn agencies_of(&self, id: WordId) -> u32 {
        self.words.get(id as usize).map_or(0, |(_, n)| *n)
    }

    fn rebuild(&mut self) -> Result<(), fst::Error> {
        // Most changes (a licence suspended, a complaint counted, a name
        // changed back and forth) leave the words in use as they were, and
        // rebuilding the FST of every word of 100,000 names took a third of
        // each write's time (bench/flamegraphs/writes.svg).
        let crossed = std::mem::take(&mut self.crossed);
        let unchanged = crossed.iter().all(|id| {
            self.words
                .get(*id as usize)
                .is_none_or(|(word, count)| (*count > 0) == self.fst.contains_key(word.as_bytes()))
        });
        if unchanged {
            // Kept expansions stay too: what they match is unchanged; only
            // their counts of agencies (which word a search reads first,
            // never what it finds) may be a few off until the next rebuild.
            return Ok(());
        }
        let words = &self.words;
        let in_use = self
            .ids
            .iter()
            .filter(|(_, id)| words.get(**id as usize).is_some_and(|(_, n)| *n > 0))
            .map(|(w, id)| (w.as_bytes(), u64::from(*id)));
        self.fst = fst::Map::from_iter(in_use)?;
        self.expansions.invalidate_all();
        Ok(())
    }

    /// What `word` stands for (kept for the next search that asks).
    fn expand(&self, word: &str) -> Arc<Expansion> {
        if let Some(known) = self.expansions.get(word) {
            return known;
        }
        let expansion = Arc::new(self.expand_anew(word));
        self.expansions.insert(word.to_owned(), expansion.clone());
        expansion
    }

    fn expand_anew(&self, word: &str) -> Expansion {
        let letters = word.chars().count();
        let mut values: FxHashMap<WordId, Score> = FxHashMap::default();
        let mut keep = |id: u64, value: Score| {
            if let Ok(id) = WordId::try_from(id) {
                let best = values.entry(id).or_insert(0.0);
                *best = best.max(value);
            }
        };
        if let Some(id) = self.fst.get(word) {
            keep(id, EXACT);
        }
        // Words it begins (of two letters or more: one letter begins too much).
        if letters >= 2 {
            let mut begun = self.fst.search(Str::new(word).starts_with()).into_stream();
            while let Some((_, id)) = begun.next() {
                keep(id, PREFIX);
            }
        }
        // Typos: words that do not begin with `word` (those are worth more).
        // A number is never a typo of another: a different number is a
        // different thing (a year, an address, an id).
        let mut typos: HashMap<u64, Score> = HashMap::new();
        let mut typo = |term: &[u8], id: u64, value: Score| {
            if !term.starts_with(word.as_bytes()) {
                let best = typos.entry(id).or_insert(0.0);
                *best = best.max(value);
            }
        };
        let typos_too = !word.chars().any(|c| c.is_ascii_digit());
        if typos_too && letters >= 4 {
            let dfa = TYPOS.build_dfa(word);
            let mut near = self.fst.search(&dfa).into_stream();
            while let Some((term, id)) = near.next() {
                match dfa.eval(term) {
                    Distance::Exact(1) => typo(term, id, ONE_EDIT),
                    Distance::Exact(2) if letters >= 7 => typo(term, id, TWO_EDITS),
                    _ => {}
                }
            }
        }
        if typos_too && letters >= 5 {
            let dfa = PREFIX_TYPOS.build_prefix_dfa(word);
            let mut near = self.fst.search(&dfa).into_stream();
            while let Some((term, id)) = near.next() {
                typo(term, id, PREFIX_WITH_TYPO);
            }
        }
        let mut typos: Vec<(u64, Score)> = typos.into_iter().collect();
        let word_of = |id: u64| self.words.get(id as usize).map_or("", |(w, _)| &**w);
        typos.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| word_of(a.0).cmp(word_of(b.0))));
        typos.truncate(MAX_TYPOS);
        for (id, value) in typos {
            keep(id, value);
        }
        let mut tiers: Vec<Tier> = Vec::new();
        let mut by_value: Vec<(WordId, Score)> = values.iter().map(|(id, v)| (*id, *v)).collect();
        by_value.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for (id, value) in by_value {
            let agencies = u64::from(self.agencies_of(id));
            match tiers.last_mut() {
                Some(tier) if tier.value == value => {
                    tier.words.push(id);
                    tier.agencies += agencies;
                }
                _ => tiers.push(Tier {
                    value,
                    words: vec![id],
                    agencies,
                }),
            }
        }
        Expansion { values, tiers }
    }
}

/// The words of names in search form.
pub fn words(names: &str) -> impl Iterator<Item = &str> {
    names.split(' ').filter(|w| !w.is_empty() && *w != "|")
}

impl SearchIndex {
    /// Counts the names of agencies put in the model (`names`, replacing
    /// `before` for one already there); returns each one's distinct words.
    /// Searches see new words once the vocabulary is rebuilt (`rebuild`).
    pub fn count<'a>(&self, names: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Vec<Vec<WordId>> {
        let mut vocabulary = self
            .vocabulary
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        names
            .into_iter()
            .map(|(names, before)| {
                if let Some(before) = before {
                    vocabulary.count(before, -1);
                }
                vocabulary.count(names, 1)
            })
            .collect()
    }

    /// Makes the words counted so far what query words are expanded through.
    pub fn rebuild(&self) -> Result<(), fst::Error> {
        self.vocabulary
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .rebuild()
    }

    /// The distinct words of `query` (already in search form; at most
    /// [`MAX_QUERY_WORDS`]), each with what it stands for.
    pub fn expand(&self, query: &str) -> Vec<Arc<Expansion>> {
        let mut asked: Vec<&str> = Vec::new();
        for word in words(query) {
            if !asked.contains(&word) && asked.len() < MAX_QUERY_WORDS {
                asked.push(word);
            }
        }
        let vocabulary = self
            .vocabulary
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        asked.iter().map(|word| vocabulary.expand(word)).collect()
    }
}

/// The rank of a name match: lower is better, in (0, 1]. Rows are ordered
/// by it rounded to ten-thousandths (`search::rank_key`), the same everywhere.
pub fn rank(score: f32, words: usize) -> f32 {
    let per_length = f64::from(score) / (1.0 + 0.1 * words as f64);
    (1.0 / (1.0 + per_length)) as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::transliterate::search_form;

    struct Fixture {
        index: SearchIndex,
        ids: Vec<Vec<WordId>>,
    }

    fn index(names: &[&str]) -> Fixture {
        let index = SearchIndex::default();
        let folded: Vec<String> = names.iter().map(|n| search_form(n)).collect();
        let ids = index.count(folded.iter().map(|n| (n.as_str(), None)));
        index.rebuild().unwrap();
        Fixture { index, ids }
    }

    /// What the one word `q` is worth to each agency (0: nothing).
    fn worth(f: &Fixture, q: &str) -> Vec<Score> {
        let e = f.index.expand(&search_form(q));
        f.ids.iter().map(|ids| e[0].value_in(ids)).collect()
    }

    #[test]
    fn a_word_is_worth_its_best_match_once() {
        let f = index(&["Oltin Qanot", "Oltinsoy Qanot", "Olitn Oltn Qanot", "Kumush"]);
        assert_eq!(worth(&f, "oltin"), [EXACT, PREFIX, ONE_EDIT, 0.0]);
        assert_eq!(worth(&f, "Олтин"), [EXACT, PREFIX, ONE_EDIT, 0.0], "any script");
        assert_eq!(worth(&f, "olt"), [PREFIX, PREFIX, PREFIX, 0.0]);
        assert_eq!(worth(&f, "o"), [0.0; 4], "one letter begins too much");
    }

    #[test]
    fn tiers_list_every_match_by_worth() {
        let f = index(&["Oltin Qanot", "Oltinsoy Qanot", "Olitn Qanot", "Kumush Oltin"]);
        let e = &f.index.expand("oltin")[0];
        let values: Vec<Score> = e.tiers.iter().map(|t| t.value).collect();
        assert_eq!(values, [EXACT, PREFIX, ONE_EDIT]);
        assert_eq!(e.tiers[0].words, [f.ids[0][0]]);
        assert_eq!(e.tiers[0].agencies, 2);
        assert_eq!(e.agencies(), 4);
        assert_eq!(e.first_worth(&f.ids[3], EXACT), Some(f.ids[0][0]));
        assert_eq!(e.first_worth(&f.ids[2], EXACT), None);
    }

    #[test]
    fn a_number_is_never_a_typo_of_another() {
        let f = index(&["Alfa Kadr 2023", "Alfa Kadr 2024", "Kadrlar 20231"]);
        assert_eq!(worth(&f, "2023"), [EXACT, 0.0, PREFIX], "itself, then what it begins");
        assert_eq!(worth(&f, "2025"), [0.0; 3]);
        assert_eq!(
            worth(&f, "kadrr"),
            [ONE_EDIT, ONE_EDIT, PREFIX_WITH_TYPO],
            "words still forgive typos"
        );
    }

    #[test]
    fn a_renamed_agency_takes_its_old_words_out_of_the_vocabulary() {
        let f = index(&["Oltin Qanot", "Oltin Yol"]);
        let (before, renamed) = (search_form("Oltin Qanot"), search_form("Kumush Qanot"));
        let ids = f.index.count([(renamed.as_str(), Some(before.as_str()))]);
        f.index.rebuild().unwrap();
        assert_eq!(f.index.expand("oltin")[0].tiers[0].agencies, 1, "one name holds it now");
        assert_eq!(ids[0][1], f.ids[0][1], "a word keeps its number");
        let (before, renamed) = (search_form("Oltin Yol"), search_form("Kumush Yol"));
        f.index.count([(renamed.as_str(), Some(before.as_str()))]);
        f.index.rebuild().unwrap();
        assert!(f.index.expand("oltin")[0].tiers.is_empty(), "no name holds it any more");
    }

    #[test]
    fn a_change_of_names_within_the_words_in_use_keeps_the_vocabulary_and_finds_the_new_name() {
        let f = index(&["Oltin Qanot", "Kumush Yol", "Oltin Yol"]);
        f.index.expand("oltin");
        let (before, renamed) = (search_form("Oltin Qanot"), search_form("Kumush Qanot"));
        let ids = f.index.count([(renamed.as_str(), Some(before.as_str()))]);
        f.index.rebuild().unwrap();
        let kept = f.index.vocabulary.read().unwrap().expansions.contains_key("oltin");
        assert!(kept, "no word came or went: not rebuilt, what was expanded is kept");
        let kumush = &f.index.expand(&search_form("kumush"))[0];
        assert_eq!(kumush.value_in(&ids[0]), EXACT, "the new name is found by its word");
        // A word no name held before: rebuilt, and found.
        let (before, renamed) = (search_form("Kumush Qanot"), search_form("Sharq Qanot"));
        let ids = f.index.count([(renamed.as_str(), Some(before.as_str()))]);
        f.index.rebuild().unwrap();
        assert_eq!(f.index.expand(&search_form("sharq"))[0].value_in(&ids[0]), EXACT);
    }
}
