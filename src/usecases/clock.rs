//! Changes the calendar makes: a licence lapsing at midnight in Tashkent, a
//! suspension ending, a licence reaching its first day. Nobody writes them,
//! so a job notices them and gives each its feed entry and audit record,
//! through the same write path as every other change.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::feed::Subject;
use super::{Actor, Writer};
use crate::db::models::audit_event::lock_appends;
use crate::db::models::{License, LicenseClock};
use crate::domain::changes::{next_standing_change, ChangeType};
use crate::domain::license_status::{standing, LicenseStatus, Standing};
use crate::domain::registry_today;
use crate::usecases::error::UseCaseError;

/// Where the time comes from: the system clock, or a test's.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>);

impl Clock {
    /// A clock that reads `now`.
    pub fn new(now: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        Self(Arc::new(now))
    }

    /// The time now.
    pub fn now(&self) -> DateTime<Utc> {
        (self.0)()
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::new(Utc::now)
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Clock({})", self.now())
    }
}

/// Licences looked at per transaction.
const BATCH: i64 = 500;

#[derive(Serialize)]
struct AuditView<'a> {
    license_number: &'a str,
    status: LicenseStatus,
    can_recruit: bool,
    on: chrono::NaiveDate,
}

/// Gives every licence whose standing the calendar has changed by `now` its
/// feed entry. Answers how many entries were written.
pub async fn tick(w: &Writer, now: DateTime<Utc>) -> Result<usize, UseCaseError> {
    let mut written = 0;
    loop {
        let (seen, announced) = tick_batch(w, now).await?;
        written += announced;
        if seen < BATCH as usize {
            return Ok(written);
        }
    }
}

async fn tick_batch(w: &Writer, now: DateTime<Utc>) -> Result<(usize, usize), UseCaseError> {
    let today = registry_today(now);
    w.change(&Actor::system(), async |tx| {
        tx.now = now;
        // The write lock first, as every writer takes it before the clock
        // rows its feed entries update: taken the other way round, a
        // ministry action on a due licence and this job would deadlock.
        lock_appends(tx.conn()).await?;
        let due = LicenseClock::lock_due(tx.conn(), today, BATCH).await?;
        let published: HashMap<Uuid, Standing> = due
            .iter()
            .map(|c| {
                let standing = Standing {
                    status: c.status,
                    can_recruit: c.can_recruit,
                };
                (c.license_id, standing)
            })
            .collect();
        let ids: Vec<Uuid> = published.keys().copied().collect();
        let mut unchanged = Vec::new();
        let mut announced = 0;
        for (license, _) in License::with_agencies(tx.conn(), &ids).await? {
            let before = published.get(&license.id).copied();
            let after = standing(license.status, license.validity(), today);
            match before.and_then(|before| ChangeType::by_date(before, after)) {
                Some(change_type) => {
                    let view = AuditView {
                        license_number: &license.license_number,
                        status: after.status,
                        can_recruit: after.can_recruit,
                        on: today,
                    };
                    tx.record(
                        ("license", &license.license_number),
                        change_type.as_str(),
                        None::<&AuditView>,
                        Some(&view),
                    )
                    .await?;
                    // The feed entry records the new standing and next check.
                    tx.announce(change_type, Subject::License(license.id));
                    announced += 1;
                }
                None => unchanged.push(LicenseClock {
                    license_id: license.id,
                    status: after.status,
                    can_recruit: after.can_recruit,
                    next_check: next_standing_change(license.status, license.validity(), today),
                }),
            }
        }
        LicenseClock::set_all(tx.conn(), &unchanged).await?;
        Ok((due.len(), announced))
    })
    .await
}
