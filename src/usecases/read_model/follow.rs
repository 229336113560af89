//! Building the read model at start, then following the change feed.
//!
//! The build reads the feed's head first, then every agency, licence and
//! history entry page by page: whatever commits meanwhile is both in the rows
//! and after the head, and applying it again changes nothing. From there the
//! follower long-polls the feed like any offline app (`usecases::feed::read`,
//! woken by `LISTEN/NOTIFY` within milliseconds of a commit on any instance).
//! Each entry names the agency it changed; the follower reads that agency's
//! rows as now stored (the feed's `data` is what a phone applies; the
//! server keeps the stored rows, whose versions make its entity tags) and
//! puts them in the model.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel_async::AsyncPgConnection;
use uuid::Uuid;

use super::{Entry, ReadModel};
use crate::db::listen::FeedHead;
use crate::db::models::{Agency, Change, Employer, JobOrder, License, LicenseEvent, Representative};
use crate::db::replicas::Readers;
use crate::db::DbPool;
use crate::usecases::error::UseCaseError;
use crate::usecases::feed;

/// Rows read per query while building.
const BUILD_PAGE: i64 = 5_000;
/// Feed entries applied per batch.
const FEED_PAGE: i64 = 1_000;
/// How long one long poll of the feed waits: the model knows it is current
/// at least this often.
const POLL_WAIT: Duration = Duration::from_millis(500);

/// Builds the model (from a replica while one is healthy) unless an earlier
/// run of this task did, then keeps it current from the primary until
/// `stop` fires (the task `read-model`; started again where it left off if
/// it fails).
pub async fn run(
    model: Arc<ReadModel>,
    readers: Readers,
    head: FeedHead,
    stop: tokio_util::sync::CancellationToken,
) -> anyhow::Result<()> {
    let pool = readers.primary_pool().clone();
    // The feed is followed on the primary: a change is in the model as
    // soon as it commits, whatever a replica's lag.
    let primary = Readers::primary(pool.clone());
    let mut applied = match model.built_at() {
        Some(seq) => seq,
        None => {
            readers.healthy_replica(Duration::from_secs(3)).await;
            loop {
                tokio::select! {
                    built = build(&model, &readers) => match built {
                        Ok(seq) => break seq,
                        Err(e) => tracing::warn!(error = %e, "building the read model failed; retrying"),
                    },
                    () = stop.cancelled() => return Ok(()),
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    };
    loop {
        let asked = Instant::now();
        let followed = tokio::select! {
            followed = follow_once(&model, &primary, &head, applied) => followed,
            () = stop.cancelled() => return Ok(()),
        };
        match followed {
            Ok((seq, caught_up)) => {
                applied = seq;
                model.mark(|p| {
                    p.applied = seq;
                    if caught_up {
                        p.confirmed_at = Some(asked);
                    }
                });
            }
            Err(e) => {
                tracing::warn!(error = %e, "the read model could not follow the feed; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

/// Reads the whole registry into the model; returns the feed position it
/// reflects. Agencies are read a page at a time with their licences and
/// histories, and put in the model a page at a time.
async fn build(model: &Arc<ReadModel>, readers: &Readers) -> anyhow::Result<i64> {
    let started = Instant::now();
    // One connection throughout: every page from the database that stated the head.
    let mut conn = readers.get().await?;
    let seq = Change::head(&mut conn).await?;
    // Employers first: a job order is answered with its employer.
    let mut after = None;
    loop {
        let page = Employer::page_after(&mut conn, after, BUILD_PAGE).await?;
        after = page.last().map(|e| e.id);
        let done = page.len() < BUILD_PAGE as usize;
        model.load_employers(page);
        if done {
            break;
        }
    }
    let mut after = None;
    loop {
        let page = Agency::page_after(&mut conn, after, BUILD_PAGE).await?;
        after = page.last().map(|a| a.id);
        let done = page.len() < BUILD_PAGE as usize;
        // Into the model page by page: only one page of rows is ever held
        // beside it (the model answers nothing until it is marked built).
        let entries = entries_of(&mut conn, page).await?;
        off_the_runtime(model, move |model| {
            model.load(entries);
            Ok(())
        })
        .await?;
        if done {
            break;
        }
    }
    drop(conn);
    off_the_runtime(model, move |model| {
        model.settle(seq)?;
        // What the build read and turned into the model's records is free
        // now: resident at the first readiness probe, not seconds later.
        registry_allocator::release_free_memory();
        Ok(())
    })
    .await?;
    let took = started.elapsed();
    model.mark(|p| {
        p.built = true;
        p.applied = seq;
        p.confirmed_at = Some(started);
        p.build_time = Some(took);
    });
    tracing::info!(seq, seconds = took.as_secs_f64(), "read model built");
    Ok(seq)
}

/// These agencies' entries, with their licences, histories and
/// representatives as now stored.
async fn entries_of(conn: &mut AsyncPgConnection, agencies: Vec<Agency>) -> Result<Vec<Entry>, UseCaseError> {
    let ids: Vec<Uuid> = agencies.iter().map(|a| a.id).collect();
    let licenses = License::of_agencies(conn, &ids).await?;
    let license_ids: Vec<Uuid> = licenses.iter().map(|l| l.id).collect();
    let mut events: HashMap<Uuid, Vec<LicenseEvent>> = HashMap::new();
    for (license, event) in LicenseEvent::of_licenses(conn, &license_ids).await? {
        events.entry(license).or_default().push(event);
    }
    let mut by_agency: HashMap<Uuid, Vec<License>> = HashMap::new();
    for l in licenses {
        by_agency.entry(l.agency_id).or_default().push(l);
    }
    let mut cards: HashMap<Uuid, Vec<Representative>> = HashMap::new();
    for r in Representative::of_agencies(conn, &ids).await? {
        cards.entry(r.agency_id).or_default().push(r);
    }
    let mut orders: HashMap<Uuid, Vec<JobOrder>> = HashMap::new();
    for o in JobOrder::of_agencies(conn, &ids).await? {
        orders.entry(o.agency_id).or_default().push(o);
    }
    Ok(agencies
        .into_iter()
        .map(|a| {
            let own = by_agency.remove(&a.id).unwrap_or_default();
            let people = cards.remove(&a.id).unwrap_or_default();
            let offers = orders.remove(&a.id).unwrap_or_default();
            entry(a, own, &mut events)
                .with_representatives(people)
                .with_job_orders(offers)
        })
        .collect())
}

/// An agency's entry, in the order the queries give: licences latest
/// validity first (`License::of_agencies`), histories oldest first
/// (`LicenseEvent::of_licenses`).
fn entry(agency: Agency, mut licenses: Vec<License>, events: &mut HashMap<Uuid, Vec<LicenseEvent>>) -> Entry {
    let mut own = Vec::with_capacity(licenses.len());
    for l in &licenses {
        let mut history = events.remove(&l.id).unwrap_or_default();
        history.shrink_to_fit();
        own.push((l.id, history));
    }
    licenses.shrink_to_fit();
    Entry::new(agency, licenses, own)
}

/// One long poll: applies what the feed has after `applied`. Returns the new
/// position and whether the model has caught up with the feed.
async fn follow_once(
    model: &Arc<ReadModel>,
    primary: &Readers,
    head: &FeedHead,
    applied: i64,
) -> Result<(i64, bool), UseCaseError> {
    let page = feed::read(primary, head, applied, FEED_PAGE, Some(POLL_WAIT)).await?;
    if page.entries.is_empty() {
        return Ok((applied, true));
    }
    let caught_up = page.entries.len() < FEED_PAGE as usize;
    let ids: Vec<Uuid> = page
        .entries
        .iter()
        .filter_map(|c| c.agency_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    // An entry without an agency is an employer's (its subject, its id).
    let employers: Vec<Uuid> = page
        .entries
        .iter()
        .filter(|c| c.agency_id.is_none())
        .filter_map(|c| c.subject.parse().ok())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    reload(model, primary.primary_pool(), (&ids, &employers), page.next_after).await?;
    Ok((page.next_after, caught_up))
}

/// Reads these agencies' and employers' rows as now stored and puts them in
/// the model, at feed position `seq`.
async fn reload(
    model: &Arc<ReadModel>,
    pool: &DbPool,
    (ids, employer_ids): (&[Uuid], &[Uuid]),
    seq: i64,
) -> Result<(), UseCaseError> {
    let mut conn = pool.get().await?;
    let employers = Employer::find_all(&mut conn, employer_ids).await?;
    let agencies = Agency::find_all(&mut conn, ids).await?;
    let entries = entries_of(&mut conn, agencies).await?;
    drop(conn);
    off_the_runtime(model, move |model| Ok(model.put(employers, entries, seq)?))
        .await
        .map_err(UseCaseError::internal)
}

/// Runs `work` on the model on a thread of the blocking pool: building the
/// index and placing agencies is CPU work (a second and more at 100,000
/// agencies) that must not hold a thread answering requests.
async fn off_the_runtime<F>(model: &Arc<ReadModel>, work: F) -> anyhow::Result<()>
where
    F: FnOnce(&ReadModel) -> anyhow::Result<()> + Send + 'static,
{
    let model = Arc::clone(model);
    tokio::task::spawn_blocking(move || work(&model)).await?
}
