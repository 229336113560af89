//! Recent search answers, kept briefly in memory.
//!
//! The same few searches arrive again and again (a name in the news, an
//! agency a campaign warns about); answering them from memory spares the
//! database. Entries live `SEARCH_CACHE_TTL_SECS` (0 turns the cache off) and
//! the cache holds at most 16 MiB of answers. Licence checks are never cached:
//! they are the authoritative answer and cheap anyway.

use std::time::Duration;

use actix_web::web::Bytes;
use moka::sync::Cache;

/// Upper bound of the cached answers' size, in bytes.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Search answers by their normalised request.
#[derive(Clone)]
pub struct SearchCache(Option<Cache<String, Bytes>>);

impl SearchCache {
    /// A cache whose entries live `ttl`; a zero `ttl` caches nothing.
    pub fn new(ttl: Duration) -> Self {
        if ttl.is_zero() {
            return Self(None);
        }
        let cache = Cache::builder()
            .time_to_live(ttl)
            .weigher(|key: &String, value: &Bytes| u32::try_from(key.len() + value.len()).unwrap_or(u32::MAX))
            .max_capacity(MAX_BYTES)
            .build();
        Self(Some(cache))
    }

    /// The cached answer for `key`.
    pub fn get(&self, key: &str) -> Option<Bytes> {
        self.0.as_ref()?.get(key)
    }

    /// Keeps `answer` for `key`.
    pub fn insert(&self, key: String, answer: Bytes) {
        if let Some(cache) = &self.0 {
            cache.insert(key, answer);
        }
    }

    /// Forgets every answer (after a change to the registry).
    pub fn clear(&self) {
        if let Some(cache) = &self.0 {
            cache.invalidate_all();
        }
    }
}

/// Any change to an agency or licence may change a search answer: the
/// cache forgets them all after such a commit.
impl crate::usecases::AfterCommit for SearchCache {
    fn committed(&self, touched: &[crate::usecases::Touched]) {
        if touched.iter().any(crate::usecases::Touched::is_public) {
            self.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_ttl_caches_nothing() {
        let cache = SearchCache::new(Duration::ZERO);
        cache.insert("k".into(), Bytes::from_static(b"v"));
        assert_eq!(cache.get("k"), None);
    }

    #[test]
    fn answers_are_kept_and_cleared() {
        let cache = SearchCache::new(Duration::from_secs(60));
        cache.insert("k".into(), Bytes::from_static(b"v"));
        assert_eq!(cache.get("k"), Some(Bytes::from_static(b"v")));
        cache.clear();
        assert_eq!(cache.get("k"), None);
    }
}
