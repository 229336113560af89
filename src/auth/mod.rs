//! Who is calling: API clients, their secrets, signed access tokens, and the
//! request extractor that turns a bearer token into a [`Principal`]
//! (`extract`, the only part that speaks HTTP; the vocabulary of roles and
//! key purposes is the domain's).

pub mod checkpoint;
pub mod extract;
pub mod jwt;
pub mod kek;
pub mod keys;
pub mod secret;
pub mod statement;

use crate::domain::access::Role;

/// Why a token is refused. The text goes to the client: it names the
/// problem, never a secret.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("the token is malformed")]
    Malformed,
    #[error("the token names no key (`kid`)")]
    NoKid,
    #[error("the token was signed with a key this service does not know")]
    UnknownKey,
    #[error("the token has expired")]
    Expired,
    #[error("the token is invalid: {0}")]
    Invalid(String),
    #[error("no key is available to sign tokens")]
    NoSigningKey,
}

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The API client's id.
    pub client_id: String,
    /// Its role.
    pub role: Role,
    /// Its organisation (always set for NGOs).
    pub organization: Option<String>,
    /// The request id, recorded in the audit trail.
    pub request_id: Option<String>,
}
