//! The audit trail's public hourly checkpoints, signed as compact JWS with
//! keys of their own (`purpose: checkpoint` in the JWKS) and a `typ` of
//! their own, so that nothing else the registry signs passes for one.

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, Validation};
use serde::{Deserialize, Serialize};

use super::jwt::{TokenError, ISSUER};
use super::keys::KeyStore;
use crate::domain::access::KeyPurpose;

/// The `typ` header of audit checkpoints.
pub const CHECKPOINT_TYPE: &str = "audit-checkpoint+jwt";

/// What a checkpoint says: the trail's head at an hour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CheckpointClaims {
    /// Always `agency-registry`.
    pub iss: String,
    /// Always `audit-trail`.
    pub sub: String,
    /// The head's position: the newest record written before `as_of`.
    pub seq: i64,
    /// Its hash (SHA-256, hex).
    pub hash: String,
    /// The hour the head is the head at.
    pub as_of: DateTime<Utc>,
    /// When it was signed (seconds since the epoch).
    pub iat: i64,
}

/// Signs `claims` with the newest checkpoint key.
pub fn sign(keys: &KeyStore, claims: &CheckpointClaims) -> Result<String, TokenError> {
    keys.sign(KeyPurpose::Checkpoint, CHECKPOINT_TYPE, claims)
}

/// Verifies a checkpoint against the checkpoint keys only.
pub fn verify(keys: &KeyStore, jws: &str) -> Result<CheckpointClaims, TokenError> {
    let header = jsonwebtoken::decode_header(jws).map_err(|_| TokenError::Malformed)?;
    if header.alg != Algorithm::EdDSA || !header.typ.is_some_and(|t| t.eq_ignore_ascii_case(CHECKPOINT_TYPE)) {
        return Err(TokenError::Invalid(format!(
            "it is not an audit checkpoint (`typ` must be `{CHECKPOINT_TYPE}`)"
        )));
    }
    let kid = header.kid.ok_or(TokenError::NoKid)?;
    let key = keys
        .verifier(KeyPurpose::Checkpoint, &kid)
        .ok_or(TokenError::UnknownKey)?;
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.set_issuer(&[ISSUER]);
    validation.set_required_spec_claims(&["iat", "iss", "sub"]);
    jsonwebtoken::decode::<CheckpointClaims>(jws, &key, &validation)
        .map(|data| data.claims)
        .map_err(|e| TokenError::Invalid(e.to_string()))
}
