//! The audit trail's public head, once an hour.
//!
//! The live head moves at every audited change, a complaint filed among
//! them: published as it is, it would tell anyone watching that somebody
//! just complained. The public gets a signed checkpoint per hour instead
//! (the newest record written before the hour began), which blurs a filing
//! among an hour of the ministry's work and is still what an NGO keeps to
//! prove later that the trail was not cut or rewritten behind it. The live
//! head is for authenticated clients.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

use crate::auth::checkpoint::{self, CheckpointClaims};
use crate::auth::keys::KeyStore;
use crate::db::models::{AuditCheckpointRow, AuditEvent};
use crate::db::DbConn;
use crate::domain::audit_chain::GENESIS;
use crate::usecases::error::UseCaseError;

/// A checkpoint is signed this long after its hour began, so that the
/// records written just before the hour have committed.
const SETTLE: TimeDelta = TimeDelta::minutes(1);

/// The hour whose checkpoint is due at `now`.
pub fn due_hour(now: DateTime<Utc>) -> DateTime<Utc> {
    (now - SETTLE).duration_trunc(TimeDelta::hours(1)).unwrap_or(now)
}

/// Signs and stores the checkpoint due at `now`, unless it exists (any
/// instance may sign an hour; the first one stored stands).
pub async fn publish_due(conn: &mut DbConn, keys: &KeyStore, now: DateTime<Utc>) -> Result<bool, UseCaseError> {
    let hour = due_hour(now);
    if AuditCheckpointRow::exists(conn, hour).await? {
        return Ok(false);
    }
    let (seq, hash) = AuditCheckpointRow::head_before(conn, hour)
        .await?
        .unwrap_or_else(|| (0, GENESIS.to_owned()));
    let claims = CheckpointClaims {
        iss: crate::domain::ISSUER.into(),
        sub: "audit-trail".into(),
        seq,
        hash: hash.clone(),
        as_of: hour,
        iat: now.timestamp(),
    };
    let jws = checkpoint::sign(keys, &claims).map_err(UseCaseError::internal)?;
    let row = AuditCheckpointRow {
        hour,
        seq,
        hash,
        jws,
        signed_at: now,
    };
    Ok(AuditCheckpointRow::insert(conn, &row).await? > 0)
}

/// The head the public sees: the newest hourly checkpoint (signed now if
/// none is stored yet).
pub async fn public_head(
    conn: &mut DbConn,
    keys: &KeyStore,
    now: DateTime<Utc>,
) -> Result<AuditCheckpointRow, UseCaseError> {
    if let Some(latest) = AuditCheckpointRow::latest(conn).await? {
        if latest.hour >= due_hour(now) {
            return Ok(latest);
        }
    }
    publish_due(conn, keys, now).await?;
    AuditCheckpointRow::latest(conn)
        .await?
        .ok_or_else(|| UseCaseError::internal("no audit checkpoint after publishing one"))
}

/// The live head, for authenticated clients.
pub async fn live_head(conn: &mut DbConn) -> Result<(i64, String), UseCaseError> {
    Ok(AuditEvent::head(conn).await?.unwrap_or_else(|| (0, GENESIS.to_owned())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_hour_is_due_a_minute_after_it_began() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert_eq!(due_hour(at("2026-12-07T10:00:30Z")), at("2026-12-07T09:00:00Z"));
        assert_eq!(due_hour(at("2026-12-07T10:01:00Z")), at("2026-12-07T10:00:00Z"));
        assert_eq!(due_hour(at("2026-12-07T10:59:59Z")), at("2026-12-07T10:00:00Z"));
    }
}
