//! The audit trail's hash chain: each record stores the SHA-256 of the
//! previous record's hash and of its own content, so that changing, removing
//! or reordering any record breaks every hash after it.

use sha2::{Digest, Sha256};

/// The `prev_hash` of the first record.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of a record whose content is `content`, following `prev_hash`.
pub fn record_hash(prev_hash: &str, content: &serde_json::Value) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical_json(content).as_bytes());
    hex::encode(hasher.finalize())
}

/// JSON with object keys sorted at every level and no insignificant space:
/// one text per value, whatever order a database hands the keys back in.
pub fn canonical_json(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut keys: Vec<_> = map.keys().collect();
            keys.sort();
            let fields: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{}:{}", Value::String(k.clone()), canonical_json(&map[k])))
                .collect();
            format!("{{{}}}", fields.join(","))
        }
        Value::Array(items) => format!("[{}]", items.iter().map(canonical_json).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}

/// Where a chain first fails to verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainCheck {
    /// Every record links to the one before and matches its content.
    Intact,
    /// The record at this position (its id) does not.
    BrokenAt(i64),
}

/// Checks records one after another, in id order.
#[derive(Debug, Clone)]
pub struct Verifier {
    expected_prev: String,
}

impl Default for Verifier {
    fn default() -> Self {
        Self {
            expected_prev: GENESIS.to_owned(),
        }
    }
}

impl Verifier {
    /// Whether the next record links to the one before and matches its content.
    pub fn accept(&mut self, prev_hash: &str, hash: &str, content: &serde_json::Value) -> bool {
        let intact = prev_hash == self.expected_prev && record_hash(prev_hash, content) == hash;
        if intact {
            hash.clone_into(&mut self.expected_prev);
        }
        intact
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Walks records (id, prev_hash, hash, content) in id order.
    fn verify<'a>(records: impl IntoIterator<Item = (i64, &'a str, &'a str, &'a serde_json::Value)>) -> ChainCheck {
        let mut verifier = Verifier::default();
        for (id, prev_hash, hash, content) in records {
            if !verifier.accept(prev_hash, hash, content) {
                return ChainCheck::BrokenAt(id);
            }
        }
        ChainCheck::Intact
    }

    #[test]
    fn key_order_does_not_change_the_hash() {
        let a = json!({"b": 1, "a": {"y": [1, {"q": 2, "p": 3}], "x": null}});
        let b: serde_json::Value = serde_json::from_str(r#"{"a":{"x":null,"y":[1,{"p":3,"q":2}]},"b":1}"#).unwrap();
        assert_eq!(record_hash(GENESIS, &a), record_hash(GENESIS, &b));
    }

    #[test]
    fn editing_a_record_breaks_the_chain_there() {
        let contents = [json!({"n": 1}), json!({"n": 2}), json!({"n": 3})];
        let mut chain = Vec::new();
        let mut prev = GENESIS.to_owned();
        for (i, c) in contents.iter().enumerate() {
            let hash = record_hash(&prev, c);
            chain.push((i as i64 + 1, prev.clone(), hash.clone(), c.clone()));
            prev = hash;
        }
        let view = |chain: &[(i64, String, String, serde_json::Value)]| {
            verify(chain.iter().map(|(id, p, h, c)| (*id, p.as_str(), h.as_str(), c)))
        };
        assert_eq!(view(&chain), ChainCheck::Intact);
        let mut edited = chain.clone();
        edited[1].3 = json!({"n": 20});
        assert_eq!(view(&edited), ChainCheck::BrokenAt(2));
        let mut removed = chain.clone();
        removed.remove(1);
        assert_eq!(view(&removed), ChainCheck::BrokenAt(3));
    }
}
