//! API clients: registering, disabling, and upgrading stored secrets.

use serde::Serialize;

use super::{Actor, Writer};
use crate::auth::secret;
use crate::db::models::{ApiClient, NewApiClient};
use crate::domain::access::Role;
use crate::usecases::error::UseCaseError;

/// What the audit trail keeps of a client: never its secret or its hash.
#[derive(Debug, Serialize)]
struct AuditView<'a> {
    client_id: &'a str,
    name: &'a str,
    role: Role,
    organization: Option<&'a str>,
    disabled: bool,
}

impl<'a> From<&'a ApiClient> for AuditView<'a> {
    fn from(c: &'a ApiClient) -> Self {
        Self {
            client_id: &c.client_id,
            name: &c.name,
            role: c.role,
            organization: c.organization.as_deref(),
            disabled: c.disabled_at.is_some(),
        }
    }
}

/// Registers a client (an `ngo` needs an organisation: 422).
pub async fn create(w: &Writer, actor: &Actor, row: NewApiClient) -> Result<ApiClient, UseCaseError> {
    if row.role == Role::Ngo && row.organization.is_none() {
        return Err(UseCaseError::invalid(
            "organization",
            crate::msg!("reason-organization-for-ngo"),
        ));
    }
    w.change(actor, async |tx| {
        let client = ApiClient::insert(tx.conn(), &row).await?;
        tx.record(
            ("client", &client.client_id),
            "create",
            None::<&AuditView>,
            Some(&AuditView::from(&client)),
        )
        .await?;
        Ok(client)
    })
    .await
}

/// Disables a client at once (404 when no enabled client has this id).
pub async fn disable(w: &Writer, actor: &Actor, client_id: &str) -> Result<ApiClient, UseCaseError> {
    w.change(actor, async |tx| {
        let after = ApiClient::disable(tx.conn(), client_id)
            .await?
            .ok_or_else(|| UseCaseError::NotFound(crate::msg!("detail-client-not-found", id = client_id)))?;
        let mut before = after.clone();
        before.disabled_at = None;
        tx.record(
            ("client", client_id),
            "disable",
            Some(&AuditView::from(&before)),
            Some(&AuditView::from(&after)),
        )
        .await?;
        Ok(after)
    })
    .await
}

/// Gives a client a new secret (its old one stops working at once; tokens
/// already issued live out their 15 minutes): how a secret stored as a legacy
/// Argon2 hash is rotated away without waiting for the client's next login.
pub async fn rotate_secret(w: &Writer, actor: &Actor, client_id: &str, hash: &str) -> Result<(), UseCaseError> {
    #[derive(Serialize)]
    struct Rotated {
        secret_rotated: bool,
    }
    w.change(actor, async |tx| {
        if ApiClient::set_secret_hash(tx.conn(), client_id, hash).await? == 0 {
            return Err(UseCaseError::NotFound(crate::msg!(
                "detail-client-not-found",
                id = client_id
            )));
        }
        tx.record(
            ("client", client_id),
            "rotate_secret",
            None::<&Rotated>,
            Some(&Rotated { secret_rotated: true }),
        )
        .await
    })
    .await
}

/// Replaces a legacy secret hash with its SHA-256 form after the client
/// proved the secret (the audit record names the kind, never a hash).
pub async fn upgrade_secret_hash(w: &Writer, actor: &Actor, client_id: &str, hash: &str) -> Result<(), UseCaseError> {
    #[derive(Serialize)]
    struct HashKind {
        secret_hash: &'static str,
    }
    w.change(actor, async |tx| {
        if !ApiClient::upgrade_legacy_secret(tx.conn(), client_id, hash).await? {
            // Another instance upgraded it first.
            return Ok(());
        }
        tx.record(
            ("client", client_id),
            "upgrade_secret_hash",
            Some(&HashKind { secret_hash: "argon2" }),
            Some(&HashKind { secret_hash: "sha256" }),
        )
        .await
    })
    .await
}

/// The enabled client these credentials prove, if they do. A legacy hash
/// that matched is replaced by its SHA-256 form (audited as the client).
///
/// `throttle` counts an attempt against the client id's budget of wrong
/// secrets (an error refuses the request): after a cheap check that failed,
/// and *before* every slow legacy check, right or wrong, so that guesses sent
/// for a legacy client never queue the real one behind a flood of Argon2
/// checks (the real one may be told to wait instead; see docs/operators.md on
/// rotating legacy secrets away).
pub async fn authenticate<E: From<UseCaseError>>(
    w: &Writer,
    client_id: &str,
    client_secret: &str,
    throttle: impl Fn() -> Result<(), E>,
) -> Result<Option<ApiClient>, E> {
    // The connection goes back to the pool before any hashing.
    let client = find_client(w, client_id).await?;
    let stored = client.as_ref().map(|c| c.secret_hash.clone()).unwrap_or_default();
    let kind = secret::kind(&stored);
    let matches = match kind {
        secret::HashKind::Sha256 => secret::verify_sha256(&stored, client_secret),
        secret::HashKind::LegacyArgon2 => {
            throttle()?;
            crate::metrics::facts::legacy_secret_checked();
            verify_legacy(stored, client_secret.to_owned()).await?
        }
        secret::HashKind::Unusable => false,
    };
    let Some(client) = client.filter(|c| c.disabled_at.is_none() && matches) else {
        if kind != secret::HashKind::LegacyArgon2 {
            throttle()?;
        }
        return Ok(None);
    };
    if kind == secret::HashKind::LegacyArgon2 {
        let actor = Actor {
            id: client.client_id.clone(),
            role: super::ActorRole::Client(client.role),
            request_id: None,
        };
        upgrade_secret_hash(w, &actor, &client.client_id, &secret::hash(client_secret)).await?;
    }
    Ok(Some(client))
}

async fn find_client(w: &Writer, client_id: &str) -> Result<Option<ApiClient>, UseCaseError> {
    Ok(ApiClient::find(&mut *w.conn().await?, client_id).await?)
}

/// One legacy Argon2 check at a time: each takes ~20 ms and 19 MiB, and an
/// unbounded number of them is how the service was once taken down.
static LEGACY_ARGON2: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);

async fn verify_legacy(phc: String, secret: String) -> Result<bool, UseCaseError> {
    let _permit = LEGACY_ARGON2.acquire().await.map_err(UseCaseError::internal)?;
    tokio::task::spawn_blocking(move || secret::verify_argon2(&phc, &secret))
        .await
        .map_err(UseCaseError::internal)
}
