//! The change feed's entries, written by the write path itself.
//!
//! A use case announces what it changed ([`Tx::announce`]); just before the
//! commit, [`write`] builds each subject's public representation as it now
//! stands (inside the transaction, so after every write of the change) and
//! appends the entries. The database refuses to commit a change to an agency
//! or a licence without an entry (migration `change_feed`), so a use case
//! that forgets to announce fails its tests rather than losing a change.
//!
//! [`Tx::announce`]: super::Tx::announce

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use tokio::sync::OnceCell;

use chrono::{DateTime, NaiveDate, Utc};
use diesel_async::AsyncPgConnection;
use uuid::Uuid;

use crate::db::listen::FeedHead;
use crate::db::models::{Agency, Change, Employer, JobOrder, License, LicenseClock, NewChange, Representative};
use crate::db::replicas::Readers;
use crate::domain::changes::{next_standing_change, ChangeType};
use crate::domain::license_status::standing;
use crate::domain::registry_today;
use crate::public::{AgencyResponse, EmployerResponse, JobOrderResponse, LicenseResponse, RepresentativeResponse};
use crate::usecases::error::UseCaseError;

/// What an entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    Agency(Uuid),
    License(Uuid),
    Representative(Uuid),
    Employer(Uuid),
    JobOrder(Uuid),
}

/// One entry to write at commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Announcement {
    pub change_type: ChangeType,
    pub subject: Subject,
}

/// Subjects loaded per query (a data set announces thousands).
const CHUNK: usize = 2_000;

/// Appends the entries of `announcements`, in their order, with the
/// representations as of `now`, and records what they said of each
/// licence's standing for the clock job.
pub(super) async fn write(
    conn: &mut AsyncPgConnection,
    announcements: &[Announcement],
    now: DateTime<Utc>,
) -> Result<i64, UseCaseError> {
    let today = registry_today(now);
    let mut bodies: HashMap<Subject, Body> = HashMap::new();
    let mut clock: HashMap<Uuid, LicenseClock> = HashMap::new();
    let mut agency_ids = Vec::new();
    let mut license_ids = Vec::new();
    let mut card_ids = Vec::new();
    let mut employer_ids = Vec::new();
    let mut order_ids = Vec::new();
    for a in announcements {
        match a.subject {
            Subject::Agency(id) => agency_ids.push(id),
            Subject::License(id) => license_ids.push(id),
            Subject::Representative(id) => card_ids.push(id),
            Subject::Employer(id) => employer_ids.push(id),
            Subject::JobOrder(id) => order_ids.push(id),
        }
    }
    for ids in [
        &mut agency_ids,
        &mut license_ids,
        &mut card_ids,
        &mut employer_ids,
        &mut order_ids,
    ] {
        ids.sort_unstable();
        ids.dedup();
    }
    for ids in agency_ids.chunks(CHUNK) {
        let mut licenses: HashMap<Uuid, Vec<License>> = HashMap::new();
        for l in License::of_agencies(conn, ids).await? {
            clock.insert(l.id, clock_row(&l, today));
            licenses.entry(l.agency_id).or_default().push(l);
        }
        for agency in Agency::find_all(conn, ids).await? {
            let id = agency.id;
            let body = AgencyResponse::new(agency, licenses.remove(&id).unwrap_or_default(), today);
            let body = serde_json::to_value(body).map_err(UseCaseError::internal)?;
            bodies.insert(Subject::Agency(id), (id.to_string(), Some(id), body));
        }
    }
    for ids in license_ids.chunks(CHUNK) {
        for (license, agency) in License::with_agencies(conn, ids).await? {
            clock.insert(license.id, clock_row(&license, today));
            let (id, number, agency_id) = (license.id, license.license_number.clone(), agency.id);
            let body =
                serde_json::to_value(LicenseResponse::new(license, agency, today)).map_err(UseCaseError::internal)?;
            bodies.insert(Subject::License(id), (number, Some(agency_id), body));
        }
    }
    for ids in card_ids.chunks(CHUNK) {
        for (id, body) in cards(conn, ids, today).await? {
            bodies.insert(Subject::Representative(id), body);
        }
    }
    for ids in employer_ids.chunks(CHUNK) {
        for e in Employer::find_all(conn, ids).await? {
            let id = e.id;
            let body = serde_json::to_value(EmployerResponse::from(e)).map_err(UseCaseError::internal)?;
            bodies.insert(Subject::Employer(id), (id.to_string(), None, body));
        }
    }
    for ids in order_ids.chunks(CHUNK) {
        for (id, body) in job_orders(conn, ids, today).await? {
            bodies.insert(Subject::JobOrder(id), body);
        }
    }
    let mut entries = Vec::with_capacity(announcements.len());
    for a in announcements {
        let (subject, agency_id, body) = bodies
            .get(&a.subject)
            .cloned()
            .ok_or_else(|| UseCaseError::internal(format!("the change feed found no {:?}", a.subject)))?;
        entries.push(NewChange {
            change_type: a.change_type.as_str(),
            subject,
            agency_id,
            body,
        });
    }
    let seq = Change::append(conn, &entries, now).await?;
    let clock: Vec<LicenseClock> = clock.into_values().collect();
    LicenseClock::set_all(conn, &clock).await?;
    Ok(seq)
}

/// An entry's subject, agency and representation.
type Body = (String, Option<Uuid>, serde_json::Value);

/// The feed bodies of these job orders: (reference, agency, order) by id.
async fn job_orders(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
    today: NaiveDate,
) -> Result<Vec<(Uuid, Body)>, UseCaseError> {
    let orders = JobOrder::find_all(conn, ids).await?;
    let mut bodies = Vec::with_capacity(orders.len());
    for (o, license, agency, employer) in JobOrder::with_context(conn, orders).await? {
        let (id, agency_id, reference) = (o.id, o.agency_id, o.reference());
        let body = JobOrderResponse::new(o, &agency, &license, &employer, today);
        let body = serde_json::to_value(body).map_err(UseCaseError::internal)?;
        bodies.push((id, (reference.as_str().to_owned(), Some(agency_id), body)));
    }
    Ok(bodies)
}

/// The feed bodies of these representatives: (subject, agency, card) by id.
async fn cards(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
    today: NaiveDate,
) -> Result<Vec<(Uuid, Body)>, UseCaseError> {
    let cards = Representative::find_all(conn, ids).await?;
    let mut agency_ids: Vec<Uuid> = cards.iter().map(|r| r.agency_id).collect();
    agency_ids.sort_unstable();
    agency_ids.dedup();
    let mut licenses: HashMap<Uuid, Vec<License>> = HashMap::new();
    for l in License::of_agencies(conn, &agency_ids).await? {
        licenses.entry(l.agency_id).or_default().push(l);
    }
    let agencies: HashMap<Uuid, Agency> = Agency::find_all(conn, &agency_ids)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let mut bodies = Vec::with_capacity(cards.len());
    for r in cards {
        let agency = agencies
            .get(&r.agency_id)
            .cloned()
            .ok_or_else(|| UseCaseError::internal("a representative without its agency"))?;
        let own = licenses.get(&r.agency_id).cloned().unwrap_or_default();
        let (id, agency_id, card) = (r.id, r.agency_id, r.card().as_str().to_owned());
        let body = RepresentativeResponse::new(r, agency, own, today);
        let body = serde_json::to_value(body).map_err(UseCaseError::internal)?;
        bodies.push((id, (card, Some(agency_id), body)));
    }
    Ok(bodies)
}

/// What a published representation said of a licence, and when the
/// calendar next changes it.
fn clock_row(l: &License, today: NaiveDate) -> LicenseClock {
    let now = standing(l.status, l.validity(), today);
    LicenseClock {
        license_id: l.id,
        status: now.status,
        can_recruit: now.can_recruit,
        next_check: next_standing_change(l.status, l.validity(), today),
    }
}

/// Up to `limit` entries after `after`, from a replica while one is
/// healthy; a page that stops short of the newest entry this instance has
/// heard of (a replica a moment behind) is read again from the primary, so
/// a page is never emptier than the feed.
async fn page(readers: &Readers, head: &FeedHead, after: i64, limit: i64) -> Result<Vec<Change>, UseCaseError> {
    let entries = Change::page(&mut *readers.get().await?, after, limit).await?;
    let reached = entries.last().map_or(after, |e| e.seq);
    if (entries.len() as i64) < limit && reached < *head.borrow() {
        return Ok(Change::page(&mut *readers.primary_pool().get().await?, after, limit).await?);
    }
    Ok(entries)
}

/// A page of the feed.
#[derive(Debug)]
pub struct Page {
    pub entries: Arc<Vec<Change>>,
    /// What to pass as `after` next: the last entry's `seq`, or `after` again.
    pub next_after: i64,
}

impl Page {
    /// Nothing after `after`.
    pub fn empty(after: i64) -> Self {
        Self {
            entries: Arc::new(Vec::new()),
            next_after: after,
        }
    }
}

/// Up to `limit` entries after `after`. With `wait`, an empty answer waits
/// until a newer entry commits (any instance's: see `db::listen`) or the
/// wait ends, holding no database connection meanwhile. Waiters woken by
/// the same commit share one read of what it added.
pub async fn read(
    readers: &Readers,
    head: &FeedHead,
    after: i64,
    limit: i64,
    wait: Option<Duration>,
) -> Result<Page, UseCaseError> {
    let mut entries = Arc::new(page(readers, head, after, limit).await?);
    if let (true, Some(wait)) = (entries.is_empty(), wait) {
        let mut head = head.clone();
        let woke = tokio::time::timeout(wait, head.wait_for(|seq| *seq > after))
            .await
            .ok()
            .and_then(|seen| seen.ok().map(|seq| *seq));
        if let Some(seen) = woke {
            entries = WOKEN
                .read((readers.id(), after, limit, seen), || {
                    page(readers, &head, after, limit)
                })
                .await?;
        }
    }
    let next_after = entries.last().map_or(after, |e| e.seq);
    Ok(Page { entries, next_after })
}

/// The reads of woken waiters, by (the database, after, limit, the head
/// they woke for). Without the database, two instances in one process (the
/// test suite's) woken at the same position shared one's page: the other's
/// read model then applied a page of agencies it did not have.
static WOKEN: SharedReads = SharedReads::new();

/// One read per key at a time, its result handed to every caller that asked
/// for the same key meanwhile: 4,000 long polls woken by one commit make one
/// query, not 4,000.
struct SharedReads {
    reads: Mutex<Option<HashMap<ReadKey, Weak<SharedRead>>>>,
}

/// The database (`Readers::id`), after, limit, and the head the reader woke for.
type ReadKey = (u64, i64, i64, i64);
type SharedRead = OnceCell<Arc<Vec<Change>>>;

impl SharedReads {
    const fn new() -> Self {
        Self {
            reads: Mutex::new(None),
        }
    }

    async fn read<F, Fut>(&self, key: ReadKey, load: F) -> Result<Arc<Vec<Change>>, UseCaseError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Vec<Change>, UseCaseError>>,
    {
        let cell = {
            let mut reads = self
                .reads
                .lock()
                .map_err(|_| UseCaseError::internal("shared feed reads poisoned"))?;
            let reads = reads.get_or_insert_with(HashMap::new);
            match reads.get(&key).and_then(Weak::upgrade) {
                Some(cell) => cell,
                None => {
                    // Reads nobody waits for any more go as new ones come.
                    reads.retain(|_, cell| cell.strong_count() > 0);
                    let cell = Arc::new(OnceCell::new());
                    reads.insert(key, Arc::downgrade(&cell));
                    cell
                }
            }
        };
        cell.get_or_try_init(|| async { load().await.map(Arc::new) })
            .await
            .cloned()
    }
}

/// Long polls held by this instance: each holds a connection (and a file
/// descriptor) for up to 30 s, so they are capped per client address and in
/// all. A long poll over either cap is answered at once, like a poll without
/// `wait` (its client simply asks again); nothing else is ever refused.
#[derive(Debug)]
pub struct Waiters {
    per_address: usize,
    total: usize,
    held: Mutex<HashMap<IpAddr, usize>>,
}

/// A place among the waiters, given back when dropped.
#[derive(Debug)]
pub struct Waiting<'a> {
    waiters: &'a Waiters,
    address: IpAddr,
}

impl Waiters {
    /// At most `per_address` long polls from one client address, `total` in all.
    pub fn new(per_address: usize, total: usize) -> Self {
        Self {
            per_address,
            total,
            held: Mutex::default(),
        }
    }

    /// A place for a long poll from `address`, if both caps allow one.
    pub fn enter(&self, address: IpAddr) -> Option<Waiting<'_>> {
        let mut held = self.held.lock().ok()?;
        let total: usize = held.values().sum();
        let mine = held.get(&address).copied().unwrap_or(0);
        if total >= self.total || mine >= self.per_address {
            return None;
        }
        held.insert(address, mine + 1);
        Some(Waiting { waiters: self, address })
    }

    /// Long polls held now.
    pub fn held(&self) -> usize {
        self.held.lock().map_or(0, |h| h.values().sum())
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        if let Ok(mut held) = self.waiters.held.lock() {
            if let Some(n) = held.get_mut(&self.address) {
                *n -= 1;
                if *n == 0 {
                    held.remove(&self.address);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiters_are_capped_per_address_and_in_all() {
        let waiters = Waiters::new(2, 3);
        let (a, b, c): (IpAddr, IpAddr, IpAddr) = (
            "192.0.2.1".parse().unwrap(),
            "192.0.2.2".parse().unwrap(),
            "192.0.2.3".parse().unwrap(),
        );
        let first = waiters.enter(a).unwrap();
        let _second = waiters.enter(a).unwrap();
        assert!(waiters.enter(a).is_none(), "a third from one address");
        let _third = waiters.enter(b).unwrap();
        assert!(waiters.enter(c).is_none(), "a fourth in all");
        drop(first);
        let fourth = waiters.enter(c);
        assert!(fourth.is_some(), "a place given back is free again");
        assert_eq!(waiters.held(), 3);
    }

    #[tokio::test]
    async fn waiters_woken_together_share_one_read() {
        let shared = SharedReads::new();
        let loads = std::sync::atomic::AtomicUsize::new(0);
        let load = || async {
            loads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(50)).await;
            Ok(Vec::new())
        };
        let reads = (0..100).map(|_| shared.read((0, 7, 100, 8), load));
        let pages = futures_util::future::join_all(reads).await;
        assert!(pages.iter().all(Result::is_ok));
        assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 1);
        // Another commit, another read.
        shared.read((0, 7, 100, 9), load).await.unwrap();
        assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 2);
        // The same position of another database, another read.
        shared.read((1, 7, 100, 9), load).await.unwrap();
        assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 3);
    }
}
