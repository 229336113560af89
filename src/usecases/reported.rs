//! The published reported recruiters, in memory, for the contact check.
//!
//! A ministry decision publishes a recruiter (see `complaints::publish_recruiter`);
//! the contact check then says "reported" for their phones and handles,
//! beside whatever else it says (an official number that scammers also
//! used says both). The set is small (the published ones, not the
//! complaints) and changes by hand, so the task `reported-recruiters`
//! reads it whole whenever a complaint changes on any instance (Postgres
//! notifies `registry_reported` at commit) instead of following a feed of
//! its own; until its first read, a check asks Postgres.

use std::sync::RwLock;

use rustc_hash::FxHashMap;

use crate::db::models::complaint::{ReportedPosition, ReportedRecruiter};
use crate::db::models::Complaint;
use crate::db::DbPool;
use crate::usecases::error::UseCaseError;

/// What the public list says of a reported recruiter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reported {
    /// Published complaints naming them.
    pub complaints: i64,
    /// The month of the latest, `2026-11` (never a day).
    pub last_reported: String,
}

/// The published reported recruiters by `phone:+998…` and `handle:name`.
#[derive(Debug, Default)]
pub struct ReportedIndex {
    by_key: RwLock<Option<FxHashMap<String, Reported>>>,
}

/// The index's key of a phone (E.164).
pub fn phone_key(e164: &str) -> String {
    format!("phone:{e164}")
}

/// The index's key of a handle (reports do not say the platform).
pub fn handle_key(name: &str) -> String {
    format!("handle:{name}")
}

impl ReportedIndex {
    /// What is known of `key`: `Some(None)` when it is not reported, `None`
    /// while the index has not been read yet.
    pub fn get(&self, key: &str) -> Option<Option<Reported>> {
        let held = self.by_key.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        held.as_ref().map(|map| map.get(key).cloned())
    }

    /// Reads the published list whole and puts it in place of the last.
    pub async fn refresh(&self, pool: &DbPool) -> Result<usize, UseCaseError> {
        let mut conn = pool.get().await?;
        let mut map = FxHashMap::default();
        let mut after: Option<ReportedPosition> = None;
        loop {
            let page = Complaint::reported_recruiters(&mut conn, None, None, None, after.as_ref(), 1_000).await?;
            let done = page.len() < 1_000;
            after = page.last().map(|r| ReportedPosition {
                month: r.last_reported.clone(),
                identity: r.identity.clone(),
            });
            for r in page {
                add(&mut map, r);
            }
            if done {
                break;
            }
        }
        let n = map.len();
        *self.by_key.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(map);
        Ok(n)
    }

    /// What Postgres says of a phone or a handle now (before the first read).
    pub async fn ask(
        pool: &DbPool,
        phone: Option<&str>,
        handle: Option<&str>,
    ) -> Result<Option<Reported>, UseCaseError> {
        let mut conn = pool.get().await?;
        let found = Complaint::reported_recruiters(&mut conn, phone, handle, None, None, 50).await?;
        let mut map = FxHashMap::default();
        for r in found {
            add(&mut map, r);
        }
        let key = phone.map(phone_key).or_else(|| handle.map(handle_key));
        Ok(key.and_then(|k| map.remove(&k)))
    }
}

/// Counts `r` under each of its phones and handles (one number may be in
/// several reports: their complaints add up, the latest month stands).
fn add(map: &mut FxHashMap<String, Reported>, r: ReportedRecruiter) {
    let keys = r
        .phones
        .iter()
        .map(|p| phone_key(p))
        .chain(r.handles.iter().map(|h| handle_key(h)));
    for key in keys {
        let entry = map.entry(key).or_insert_with(|| Reported {
            complaints: 0,
            last_reported: r.last_reported.clone(),
        });
        entry.complaints += r.complaints;
        if r.last_reported > entry.last_reported {
            entry.last_reported.clone_from(&r.last_reported);
        }
    }
}

/// Reads the list at start and again after every change of a complaint
/// (and at least every ten minutes), until `stop` fires (the task
/// `reported-recruiters`).
pub async fn follow(
    index: std::sync::Arc<ReportedIndex>,
    pool: DbPool,
    mut changed: crate::db::listen::ReportedChanged,
    stop: tokio_util::sync::CancellationToken,
) -> anyhow::Result<()> {
    loop {
        changed.borrow_and_update();
        index.refresh(&pool).await?;
        tokio::select! {
            heard = changed.changed() => heard?,
            () = tokio::time::sleep(std::time::Duration::from_secs(600)) => {}
            () = stop.cancelled() => return Ok(()),
        }
    }
}
