//! The names of every agency in a tantivy index, for search.
//!
//! Names are indexed in their search form (`domain::transliterate`), so the
//! scripts and spellings of one name meet as they do in the database. A
//! query word matches a name word exactly, as its beginning (a partial
//! word), or within one or two edits (a typo), each worth a fixed score.
//! Scores depend on the query and the name only, never on the rest of the
//! registry (no IDF): every instance ranks alike, and a cursor keeps its place
//! however the registry grows between two pages.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{BooleanQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STRING};
use tantivy::{doc, DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentReader, Term};
use uuid::Uuid;

/// Memory the writer may fill before it writes a segment.
const WRITER_BYTES: usize = 40_000_000;

/// Longest query taken, in words: a name is rarely longer.
const MAX_QUERY_WORDS: usize = 8;

/// What a query word is worth when it matches a name word, by how.
const EXACT: Score = 4.0;
const PREFIX: Score = 2.5;
const ONE_EDIT: Score = 1.5;
const TWO_EDITS: Score = 1.0;
const PREFIX_WITH_TYPO: Score = 1.0;

/// The search index of the read model.
pub struct SearchIndex {
    writer: std::sync::Mutex<IndexWriter>,
    reader: IndexReader,
    id: Field,
    slot: Field,
    names: Field,
}

/// One agency's entry in the index.
pub struct IndexDoc<'a> {
    /// The agency.
    pub id: Uuid,
    /// Where the read model keeps it.
    pub slot: u32,
    /// All its names in search form.
    pub names: &'a str,
}

impl SearchIndex {
    /// An empty index in memory.
    pub fn new() -> tantivy::Result<Self> {
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING);
        let slot = schema.add_u64_field("slot", FAST);
        // Words only: no frequencies or positions, the score is ours.
        let words = TextFieldIndexing::default()
            .set_tokenizer("default")
            .set_index_option(IndexRecordOption::Basic);
        let names = schema.add_text_field("names", TextOptions::default().set_indexing_options(words));
        let index = Index::create_in_ram(schema.build());
        let writer = index.writer_with_num_threads(1, WRITER_BYTES)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(Self {
            writer: std::sync::Mutex::new(writer),
            reader,
            id,
            slot,
            names,
        })
    }

    /// Puts these agencies in the index (replacing what it had of them) and
    /// makes the change visible to searches.
    pub fn put(&self, docs: &[IndexDoc<'_>]) -> tantivy::Result<()> {
        let mut writer = self
            .writer
            .lock()
            .map_err(|_| tantivy::TantivyError::InternalError("the index writer panicked".into()))?;
        for d in docs {
            let id = d.id.to_string();
            writer.delete_term(Term::from_field_text(self.id, &id));
            writer.add_document(doc!(
                self.id => id,
                self.slot => u64::from(d.slot),
                self.names => d.names,
            ))?;
        }
        writer.commit()?;
        self.reader.reload()
    }

    /// Every agency whose names match `query` (already in search form), with
    /// its score: each query word's matches added up. Two words must both
    /// match; of more, all but one.
    pub fn search(&self, query: &str) -> tantivy::Result<Vec<(u32, Score)>> {
        let mut words: Vec<&str> = Vec::new();
        for word in query.split(' ').filter(|w| !w.is_empty()) {
            if !words.contains(&word) && words.len() < MAX_QUERY_WORDS {
                words.push(word);
            }
        }
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = words.iter().map(|w| (Occur::Should, self.word_query(w))).collect();
        let required = if clauses.len() <= 2 {
            clauses.len()
        } else {
            clauses.len() - 1
        };
        let query = BooleanQuery::with_minimum_required_clauses(clauses, required);
        self.reader.searcher().search(&query, &AllMatches { slot: self.slot })
    }

    /// The ways one query word can match a name word, each with its score.
    fn word_query(&self, word: &str) -> Box<dyn Query> {
        let term = Term::from_field_text(self.names, word);
        let scored = |q: Box<dyn Query>, score| -> (Occur, Box<dyn Query>) {
            (Occur::Should, Box::new(ConstScoreQuery::new(q, score)))
        };
        let mut ways = vec![scored(
            Box::new(TermQuery::new(term.clone(), IndexRecordOption::Basic)),
            EXACT,
        )];
        let letters = word.chars().count();
        if letters >= 2 {
            ways.push(scored(
                Box::new(FuzzyTermQuery::new_prefix(term.clone(), 0, true)),
                PREFIX,
            ));
        }
        if letters >= 4 {
            ways.push(scored(Box::new(FuzzyTermQuery::new(term.clone(), 1, true)), ONE_EDIT));
        }
        if letters >= 7 {
            ways.push(scored(Box::new(FuzzyTermQuery::new(term.clone(), 2, true)), TWO_EDITS));
        }
        if letters >= 5 {
            ways.push(scored(
                Box::new(FuzzyTermQuery::new_prefix(term, 1, true)),
                PREFIX_WITH_TYPO,
            ));
        }
        Box::new(BooleanQuery::new(ways))
    }
}

/// Collects every match with its score and the read model's slot.
struct AllMatches {
    slot: Field,
}

struct SegmentMatches {
    slots: tantivy::columnar::Column<u64>,
    found: Vec<(u32, Score)>,
}

impl Collector for AllMatches {
    type Fruit = Vec<(u32, Score)>;
    type Child = SegmentMatches;

    fn for_segment(&self, _: u32, segment: &SegmentReader) -> tantivy::Result<SegmentMatches> {
        let name = segment.schema().get_field_name(self.slot).to_owned();
        Ok(SegmentMatches {
            slots: segment.fast_fields().u64(&name)?,
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
        if let Some(slot) = self.slots.first(doc).and_then(|s| u32::try_from(s).ok()) {
            self.found.push((slot, score));
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

    fn index(names: &[&str]) -> SearchIndex {
        let index = SearchIndex::new().unwrap();
        let folded: Vec<String> = names.iter().map(|n| search_form(n)).collect();
        let docs: Vec<IndexDoc<'_>> = folded
            .iter()
            .enumerate()
            .map(|(i, names)| IndexDoc {
                id: Uuid::from_u128(i as u128 + 1),
                slot: i as u32,
                names,
            })
            .collect();
        index.put(&docs).unwrap();
        index
    }

    fn best(index: &SearchIndex, q: &str) -> Vec<u32> {
        let mut found = index.search(&search_form(q)).unwrap();
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
        assert!(best(&index, "Yangi Avlod").is_empty(), "two words must both match");
        assert!(best(&index, "").is_empty());
    }

    #[test]
    fn a_replaced_agency_is_found_by_its_new_name_only() {
        let index = index(&["Oltin Qanot"]);
        let renamed = search_form("Kumush Qanot");
        index
            .put(&[IndexDoc {
                id: Uuid::from_u128(1),
                slot: 0,
                names: &renamed,
            }])
            .unwrap();
        assert!(best(&index, "oltin").is_empty());
        assert_eq!(best(&index, "kumush"), [0]);
    }
}
