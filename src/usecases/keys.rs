//! Token signing keys: adding, retiring, sealing.
//!
//! Keys are generated and sealed by `auth::keys`; what is stored, and its
//! audit record, is decided here. The audit trail keeps a key's id and
//! public half, never its private half, sealed or not.

use diesel_async::AsyncPgConnection;
use serde::Serialize;

use super::{change_on, Actor, Tx, Writer};
use crate::db::models::SigningKeyRow;
use crate::usecases::error::UseCaseError;

#[derive(Debug, Serialize)]
struct AuditView<'a> {
    kid: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    purpose: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_key: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    retired: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    sealed: bool,
}

async fn add_in(tx: &mut Tx<'_>, key: &SigningKeyRow, action: &str) -> Result<(), UseCaseError> {
    SigningKeyRow::insert(tx.conn(), key).await?;
    let after = AuditView {
        kid: &key.kid,
        purpose: Some(key.purpose.as_str()),
        public_key: Some(&key.public_key),
        retired: false,
        sealed: false,
    };
    tx.record(("key", &key.kid), action, None::<&AuditView>, Some(&after))
        .await
}

/// Adds a key that signs from now on (`keys rotate`).
pub async fn rotate(w: &Writer, actor: &Actor, key: &SigningKeyRow) -> Result<(), UseCaseError> {
    w.change(actor, async |tx| add_in(tx, key, "rotate").await).await
}

/// Retires a key: tokens it signed stop verifying (404 when no active key has this id).
pub async fn retire(w: &Writer, actor: &Actor, kid: &str) -> Result<(), UseCaseError> {
    w.change(actor, async |tx| {
        if SigningKeyRow::retire(tx.conn(), kid).await? == 0 {
            return Err(UseCaseError::NotFound(crate::msg!("detail-key-not-found", kid = kid)));
        }
        let after = AuditView {
            kid,
            purpose: None,
            public_key: None,
            retired: true,
            sealed: false,
        };
        tx.record(("key", kid), "retire", None::<&AuditView>, Some(&after))
            .await
    })
    .await
}

/// At start-up, before any pool exists: stores the first key the service
/// generated for itself.
pub async fn generate_at_start(conn: &mut AsyncPgConnection, key: &SigningKeyRow) -> Result<(), UseCaseError> {
    change_on(conn, &Actor::system(), async |tx| add_in(tx, key, "generate").await).await?;
    Ok(())
}

/// At start-up: replaces a private key an earlier version stored in clear
/// with its sealed form.
pub async fn seal_at_start(conn: &mut AsyncPgConnection, kid: &str, sealed: &str) -> Result<(), UseCaseError> {
    change_on(conn, &Actor::system(), async |tx| {
        SigningKeyRow::set_private_key(tx.conn(), kid, sealed).await?;
        let after = AuditView {
            kid,
            purpose: None,
            public_key: None,
            retired: false,
            sealed: true,
        };
        tx.record(("key", kid), "seal", None::<&AuditView>, Some(&after)).await
    })
    .await?;
    Ok(())
}
