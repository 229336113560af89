//! The names of every agency in a tantivy index, for search.
//!
//! Names are indexed in their search form (`domain::transliterate`), so the
//! scripts and spellings of one name meet as they do in the database. Each
//! query word is expanded, through the vocabulary of all name words (an
//! FST), into the name words it matches and how well: exactly, as their
//! beginning (a partial word), within one or two edits (a typo), or as a
//! beginning with a typo. Each name word found is then looked up once, worth
//! the best of its ways: a word common to every agency costs one posting
//! list, not one per way of matching.
//!
//! Scores depend on the query and the name only, never on the rest of the
//! registry (no IDF): every instance ranks alike, and a cursor keeps its place
//! however the registry grows between two pages.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock, Mutex, RwLock};

use fst::{IntoStreamer, Streamer};
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::indexer::{LogMergePolicy, NoMergePolicy};
use tantivy::query::{BooleanQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STRING};
use tantivy::{doc, DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentReader, Term};
use uuid::Uuid;

/// Memory the writer may fill before it writes a segment (tantivy's least).
const WRITER_BYTES: usize = 15_000_000;

/// Longest query taken, in words: a name is rarely longer.
const MAX_QUERY_WORDS: usize = 8;

/// Name words one query word may stand for with a typo, at most; the best
/// matches are kept. (Words it begins are matched as one set, however many.)
const MAX_TYPOS: usize = 50;

/// Query words whose expansions are kept.
const EXPANSIONS_KEPT: u64 = 100_000;

/// What a query word is worth when it matches a name word, by how.
const EXACT: Score = 4.0;
const PREFIX: Score = 2.5;
const ONE_EDIT: Score = 1.5;
const TWO_EDITS: Score = 1.0;
const PREFIX_WITH_TYPO: Score = 1.0;

static TYPOS: LazyLock<LevenshteinAutomatonBuilder> = LazyLock::new(|| LevenshteinAutomatonBuilder::new(2, true));
static PREFIX_TYPOS: LazyLock<LevenshteinAutomatonBuilder> =
    LazyLock::new(|| LevenshteinAutomatonBuilder::new(1, true));

/// The search index of the read model.
pub struct SearchIndex {
    writer: Mutex<IndexWriter>,
    reader: IndexReader,
    vocabulary: RwLock<Vocabulary>,
    /// What searches read: the searcher of the last change, with each of
    /// its segments' read-model slots by document (read once per segment
    /// from the fast field, so that collecting is a plain array read).
    current: RwLock<Arc<Snapshot>>,
    id: Field,
    slot: Field,
    names: Field,
}

/// Every word of every name, with how many agencies use it.
struct Vocabulary {
    counts: BTreeMap<String, u32>,
    words: fst::Set<Vec<u8>>,
    /// Recent expansions of query words. Derived from `words` alone and
    /// emptied whenever it changes: never stale, and words repeat far more
    /// than whole searches do.
    expansions: moka::sync::Cache<String, Arc<Expansion>>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Self {
            counts: BTreeMap::new(),
            words: fst::Set::default(),
            expansions: moka::sync::Cache::new(EXPANSIONS_KEPT),
        }
    }
}

impl Expansion {
    fn matches_nothing(&self) -> bool {
        !self.exact && !self.prefix && self.typos.is_empty()
    }

    /// What `word` adds to the score of an agency with these name words:
    /// what the index adds up for it (see [`SearchIndex::word_query`]).
    fn score(&self, word: &str, names: &[&str]) -> Score {
        let mut score = 0.0;
        if self.prefix && names.iter().any(|n| n.starts_with(word)) {
            score += PREFIX;
        }
        if self.exact && names.contains(&word) {
            score += if self.prefix { EXACT - PREFIX } else { EXACT };
        }
        let mut seen: Vec<&str> = Vec::new();
        for name in names {
            if seen.contains(name) {
                continue;
            }
            seen.push(name);
            if let Some(typo) = self.typos.get(*name) {
                score += typo;
            }
        }
        score
    }
}

/// What one query word stands for.
#[derive(Debug, Default)]
struct Expansion {
    /// The word itself is a name word.
    exact: bool,
    /// Some other name words begin with it (matched as one set, by prefix).
    prefix: bool,
    /// Other name words it matches with a typo, and what each is worth.
    typos: rustc_hash::FxHashMap<String, Score>,
    /// About how many agencies it matches (to lead a search with rare words).
    agencies: u64,
}

impl Vocabulary {
    fn add(&mut self, names: &str, by: i64) {
        for word in words(names) {
            let count = self.counts.entry(word.to_owned()).or_default();
            *count = u32::try_from(i64::from(*count) + by).unwrap_or(0);
            if *count == 0 {
                self.counts.remove(word);
            }
        }
    }

    fn rebuild(&mut self) -> Result<(), fst::Error> {
        self.words = fst::Set::from_iter(self.counts.keys())?;
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
        let exact = self.counts.contains_key(word);
        // Words it begins, other than itself.
        let prefix = letters >= 2
            && self
                .counts
                .range::<str, _>((std::ops::Bound::Excluded(word), std::ops::Bound::Unbounded))
                .next()
                .is_some_and(|(w, _)| w.starts_with(word));
        // Typos: words that do not begin with `word` (those are its prefix
        // matches, worth more).
        let mut found: HashMap<String, Score> = HashMap::new();
        let mut keep = |term: &[u8], score: Score| {
            if term.starts_with(word.as_bytes()) {
                return;
            }
            if let Ok(term) = std::str::from_utf8(term) {
                let best = found.entry(term.to_owned()).or_insert(0.0);
                *best = best.max(score);
            }
        };
        // A number is never a typo of another: a different number is a
        // different thing (a year, an address, an id).
        let typos_too = !word.chars().any(|c| c.is_ascii_digit());
        if typos_too && letters >= 4 {
            let dfa = TYPOS.build_dfa(word);
            let mut near = self.words.search(&dfa).into_stream();
            while let Some(term) = near.next() {
                match dfa.eval(term) {
                    Distance::Exact(1) => keep(term, ONE_EDIT),
                    Distance::Exact(2) if letters >= 7 => keep(term, TWO_EDITS),
                    _ => {}
                }
            }
        }
        if typos_too && letters >= 5 {
            let dfa = PREFIX_TYPOS.build_prefix_dfa(word);
            let mut near = self.words.search(&dfa).into_stream();
            while let Some(term) = near.next() {
                keep(term, PREFIX_WITH_TYPO);
            }
        }
        let mut typos: Vec<(String, Score)> = found.into_iter().collect();
        typos.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        typos.truncate(MAX_TYPOS);
        let begun: u64 = self
            .counts
            .range::<str, _>((std::ops::Bound::Included(word), std::ops::Bound::Unbounded))
            .take_while(|(w, _)| w.starts_with(word))
            .map(|(_, n)| u64::from(*n))
            .sum();
        let agencies = begun
            + typos
                .iter()
                .map(|(t, _)| u64::from(self.counts.get(t).copied().unwrap_or(0)))
                .sum::<u64>();
        Expansion {
            exact,
            prefix,
            typos: typos.into_iter().collect(),
            agencies,
        }
    }
}

fn words(names: &str) -> impl Iterator<Item = &str> {
    names.split(' ').filter(|w| !w.is_empty() && *w != "|")
}

/// One agency's entry in the index.
pub struct IndexDoc<'a> {
    /// The agency.
    pub id: Uuid,
    /// Where the read model keeps it.
    pub slot: u32,
    /// All its names in search form.
    pub names: &'a str,
    /// The names it had in the index, if any.
    pub before: Option<&'a str>,
}

impl SearchIndex {
    /// An empty index in memory.
    pub fn new() -> tantivy::Result<Self> {
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING);
        let slot = schema.add_u64_field("slot", FAST);
        // Words only: no frequencies or positions, the score is ours.
        let words = TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic);
        let names = schema.add_text_field("names", TextOptions::default().set_indexing_options(words));
        let index = Index::create_in_ram(schema.build());
        let writer: IndexWriter = index.writer_with_num_threads(1, WRITER_BYTES)?;
        // No merges while the build writes: `compact` merges it all at once.
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let reader: IndexReader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let searcher = reader.searcher();
        Ok(Self {
            writer: Mutex::new(writer),
            reader,
            vocabulary: RwLock::new(Vocabulary::default()),
            current: RwLock::new(Arc::new(Snapshot {
                searcher,
                slots: Arc::new(HashMap::new()),
            })),
            id,
            slot,
            names,
        })
    }

    /// Puts these agencies in the index (replacing what it had of them) and
    /// makes the change visible to searches.
    pub fn put(&self, docs: &[IndexDoc<'_>]) -> tantivy::Result<()> {
        let poisoned = || tantivy::TantivyError::InternalError("the search index panicked".into());
        let mut writer = self.writer.lock().map_err(|_| poisoned())?;
        let mut vocabulary = self.vocabulary.write().map_err(|_| poisoned())?;
        for d in docs {
            let id = d.id.to_string();
            // Only an agency already indexed has a document to replace: each
            // delete is held as a query until the commit (1.2 kB apiece,
            // 120 MB of a 100,000-agency build when every new one had one).
            if d.before.is_some() {
                writer.delete_term(Term::from_field_text(self.id, &id));
            }
            let mut doc = doc!(self.id => id, self.slot => u64::from(d.slot));
            for word in words(d.names) {
                doc.add_text(self.names, word);
            }
            writer.add_document(doc)?;
            if let Some(before) = d.before {
                vocabulary.add(before, -1);
            }
            vocabulary.add(d.names, 1);
        }
        vocabulary
            .rebuild()
            .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
        writer.commit()?;
        self.reader.reload()?;
        self.read_slots()
    }

    /// Merges every segment into one. The build writes several; a term is
    /// then looked up once per search instead of once per segment. (Later
    /// changes add small segments, merged as tantivy's policy decides.)
    pub fn compact(&self) -> tantivy::Result<()> {
        let poisoned = || tantivy::TantivyError::InternalError("the search index panicked".into());
        let mut writer = self.writer.lock().map_err(|_| poisoned())?;
        let segments = writer.index().searchable_segment_ids()?;
        if segments.len() > 1 {
            writer.merge(&segments).wait()?;
            self.reader.reload()?;
        }
        // From now on, tantivy's policy merges what changes add.
        writer.set_merge_policy(Box::<LogMergePolicy>::default());
        // Under the writer's lock, as in `put`: no change takes a newer searcher meanwhile.
        self.read_slots()
    }

    /// Takes the reader's searcher for searches, with the slots of its
    /// segments (those already read are kept).
    fn read_slots(&self) -> tantivy::Result<()> {
        let searcher = self.reader.searcher();
        let name = searcher.schema().get_field_name(self.slot).to_owned();
        let known = Arc::clone(&self.snapshot().slots);
        let mut slots = HashMap::with_capacity(searcher.segment_readers().len());
        for segment in searcher.segment_readers() {
            let id = segment.segment_id();
            let of_segment = match known.get(&id) {
                Some(read) => Arc::clone(read),
                None => {
                    let column = segment
                        .fast_fields()
                        .u64(&name)?
                        .first_or_default_col(u64::from(u32::MAX));
                    let read = (0..segment.max_doc())
                        .map(|doc| u32::try_from(column.get_val(doc)).unwrap_or(u32::MAX))
                        .collect();
                    Arc::new(read)
                }
            };
            slots.insert(id, of_segment);
        }
        let snapshot = Arc::new(Snapshot {
            searcher,
            slots: Arc::new(slots),
        });
        *self.current.write().unwrap_or_else(std::sync::PoisonError::into_inner) = snapshot;
        Ok(())
    }

    fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.current.read().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// Every agency whose names match `query` (already in search form), with
    /// its score: the query words' best matches added up. Two words must
    /// both match; of more, all but one.
    ///
    /// `names_of` gives an agency's names in search form, for scoring the
    /// few candidates of a long query here rather than in the index.
    pub fn search<'n>(
        &self,
        query: &str,
        names_of: impl Fn(u32) -> Option<&'n str>,
    ) -> tantivy::Result<Vec<(u32, Score)>> {
        let mut asked: Vec<&str> = Vec::new();
        for word in words(query) {
            if !asked.contains(&word) && asked.len() < MAX_QUERY_WORDS {
                asked.push(word);
            }
        }
        if asked.is_empty() {
            return Ok(Vec::new());
        }
        let expansions: Vec<Arc<Expansion>> = {
            let vocabulary = self
                .vocabulary
                .read()
                .map_err(|_| tantivy::TantivyError::InternalError("the search index panicked".into()))?;
            asked.iter().map(|word| vocabulary.expand(word)).collect()
        };
        // Words that match no name word: with one of them among two words, or
        // two among more, nothing can match.
        let unmatched = expansions.iter().filter(|e| e.matches_nothing()).count();
        if unmatched > 0 && (asked.len() <= 2 || unmatched >= 2) {
            return Ok(Vec::new());
        }
        let query: Box<dyn Query> = if asked.len() <= 2 {
            let clauses = asked
                .iter()
                .zip(&expansions)
                .map(|(word, e)| (Occur::Must, self.word_query(word, e)))
                .collect();
            Box::new(BooleanQuery::new(clauses))
        } else {
            // All but one word must match, so every match has one of any two
            // of them: the index finds the agencies of the two rarest (a word
            // common to every name is then never walked), and each of those
            // few is scored here from its names, as the index would score it.
            let mut rarest: Vec<usize> = (0..asked.len()).collect();
            rarest.sort_by_key(|i| expansions[*i].agencies);
            let lead = rarest[..2]
                .iter()
                .map(|i| (Occur::Should, self.word_query(asked[*i], &expansions[*i])))
                .collect();
            let candidates = self.snapshot().search(&BooleanQuery::new(lead))?;
            let least = asked.len() - 1;
            return Ok(candidates
                .into_iter()
                .filter_map(|(slot, _)| {
                    let names: Vec<&str> = words(names_of(slot)?).collect();
                    let scores: Vec<Score> = asked
                        .iter()
                        .zip(&expansions)
                        .map(|(word, e)| e.score(word, &names))
                        .collect();
                    let matched = scores.iter().filter(|s| **s > 0.0).count();
                    (matched >= least).then(|| (slot, scores.iter().sum()))
                })
                .collect());
        };
        self.snapshot().search(&query)
    }

    /// The name words one query word stands for, each worth the best of
    /// its ways: the words it begins as one set (prefix), itself (worth the
    /// difference more), and each word it matches with a typo.
    fn word_query(&self, word: &str, expansion: &Expansion) -> Box<dyn Query> {
        let term = Term::from_field_text(self.names, word);
        let scored = |q: Box<dyn Query>, score| -> (Occur, Box<dyn Query>) {
            (Occur::Should, Box::new(ConstScoreQuery::new(q, score)))
        };
        let mut ways = Vec::with_capacity(expansion.typos.len() + 2);
        if expansion.prefix {
            ways.push(scored(
                Box::new(FuzzyTermQuery::new_prefix(term.clone(), 0, false)),
                PREFIX,
            ));
        }
        if expansion.exact {
            let bonus = if expansion.prefix { EXACT - PREFIX } else { EXACT };
            ways.push(scored(Box::new(TermQuery::new(term, IndexRecordOption::Basic)), bonus));
        }
        for (typo, score) in &expansion.typos {
            let term = Term::from_field_text(self.names, typo);
            ways.push(scored(Box::new(TermQuery::new(term, IndexRecordOption::Basic)), *score));
        }
        Box::new(BooleanQuery::new(ways))
    }
}

/// A searcher and the read-model slots of its segments' documents.
struct Snapshot {
    searcher: tantivy::Searcher,
    slots: Arc<HashMap<SegmentId, Arc<Vec<u32>>>>,
}

impl Snapshot {
    fn search(&self, query: &dyn Query) -> tantivy::Result<Vec<(u32, Score)>> {
        self.searcher.search(
            query,
            &AllMatches {
                slots: Arc::clone(&self.slots),
            },
        )
    }
}

/// Collects every match with its score and the read model's slot.
struct AllMatches {
    slots: Arc<HashMap<SegmentId, Arc<Vec<u32>>>>,
}

struct SegmentMatches {
    slots: Arc<Vec<u32>>,
    found: Vec<(u32, Score)>,
}

impl Collector for AllMatches {
    type Fruit = Vec<(u32, Score)>;
    type Child = SegmentMatches;

    fn for_segment(&self, _: u32, segment: &SegmentReader) -> tantivy::Result<SegmentMatches> {
        let slots = self
            .slots
            .get(&segment.segment_id())
            .cloned()
            .ok_or_else(|| tantivy::TantivyError::InternalError("a segment's slots were not read".into()))?;
        Ok(SegmentMatches {
            slots,
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u32, Score)>>) -> tantivy::Result<Vec<(u32, Score)>> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<(u32, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(slot) = self.slots.get(doc as usize).filter(|s| **s != u32::MAX) {
            self.found.push((*slot, score));
        }
    }

    fn harvest(self) -> Vec<(u32, Score)> {
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::transliterate::search_form;

    struct Fixture {
        index: SearchIndex,
        names: Vec<String>,
    }

    fn index(names: &[&str]) -> Fixture {
        let index = SearchIndex::new().unwrap();
        let folded: Vec<String> = names.iter().map(|n| search_form(n)).collect();
        let docs: Vec<IndexDoc<'_>> = folded
            .iter()
            .enumerate()
            .map(|(i, names)| IndexDoc {
                id: Uuid::from_u128(i as u128 + 1),
                slot: i as u32,
                names,
                before: None,
            })
            .collect();
        index.put(&docs).unwrap();
        Fixture { index, names: folded }
    }

    fn best(f: &Fixture, q: &str) -> Vec<u32> {
        let names_of = |slot: u32| f.names.get(slot as usize).map(String::as_str);
        let mut found = f.index.search(&search_form(q), names_of).unwrap();
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        found.into_iter().map(|(slot, _)| slot).collect()
    }

    #[test]
    fn words_match_exactly_as_prefixes_and_with_typos() {
        let index = index(&["Istiqbolli Avlod MChJ", "Yangi Ufq", "Sharq Yulduzi", "Истиқбол Групп"]);
        assert_eq!(best(&index, "Истикболли авлод"), [0]);
        assert_eq!(best(&index, "yangi ufk"), [1]);
        assert_eq!(best(&index, "Sharq Yuldzi"), [2]);
        assert_eq!(best(&index, "shar"), [2]);
        assert_eq!(best(&index, "istiqbol")[0], 3, "the exact word first");
        assert_eq!(best(&index, "Yangi Ufq Trans"), [1], "of three words, two suffice");
        assert!(best(&index, "Yangi Avlod").is_empty(), "two words must both match");
        assert!(best(&index, "").is_empty());
    }

    #[test]
    fn scoring_from_names_is_scoring_by_the_index() {
        let f = index(&[
            "Oltin Qanot",
            "Oltinsoy Qanot Trans",
            "Olti Qanoat",
            "Kumush Oltin Oltin",
        ]);
        for q in ["oltin", "qanot", "oltinsoy", "kanoat", "olt"] {
            let word = search_form(q);
            let found = f.index.search(&word, |_| None).unwrap();
            assert!(!found.is_empty(), "{q}");
            let expansion = f.index.vocabulary.read().unwrap().expand(&word);
            for (slot, score) in found {
                let names: Vec<&str> = words(&f.names[slot as usize]).collect();
                assert_eq!(
                    expansion.score(&word, &names),
                    score,
                    "{q} in {:?}",
                    f.names[slot as usize]
                );
            }
        }
    }

    #[test]
    fn a_number_is_never_a_typo_of_another() {
        let index = index(&["Alfa Kadr 2023", "Alfa Kadr 2024", "Kadrlar 20231"]);
        assert_eq!(best(&index, "2023"), [0, 2], "itself, then what it begins");
        assert_eq!(best(&index, "alfa 2024"), [1]);
        assert!(best(&index, "alfa 2025").is_empty());
        assert_eq!(best(&index, "kadrr"), [0, 1, 2], "words still forgive typos");
    }

    #[test]
    fn a_word_is_worth_its_best_match_once() {
        let index = index(&["Oltin Qanot", "Oltinsoy Qanot"]);
        let found = index.index.search(&search_form("oltin"), |_| None).unwrap();
        let score = |slot| found.iter().find(|(s, _)| *s == slot).map(|(_, score)| *score);
        assert_eq!(score(0), Some(EXACT));
        assert_eq!(score(1), Some(PREFIX));
    }

    #[test]
    fn a_replaced_agency_is_found_by_its_new_name_only() {
        let mut index = index(&["Oltin Qanot"]);
        let (before, renamed) = (search_form("Oltin Qanot"), search_form("Kumush Qanot"));
        index.names[0] = renamed.clone();
        index
            .index
            .put(&[IndexDoc {
                id: Uuid::from_u128(1),
                slot: 0,
                names: &renamed,
                before: Some(&before),
            }])
            .unwrap();
        assert!(best(&index, "oltin").is_empty());
        assert_eq!(best(&index, "kumush"), [0]);
        assert!(!index.index.vocabulary.read().unwrap().counts.contains_key("oltin"));
    }
}
