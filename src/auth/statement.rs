//! Signed licence statements: a compact JWS (EdDSA) of what the public check
//! says, for apps to verify offline against `/.well-known/jwks.json`.
//!
//! Statements have their own `typ` and their own keys, so that a statement
//! never passes for an access token and an access token never for a
//! statement (RFC 8725 section 3.11): each verifier checks `typ`, and looks
//! up the `kid` among its own keys only.

use jsonwebtoken::{Algorithm, Validation};

use super::jwt::{TokenError, ISSUER, LEEWAY_SECONDS};
use super::keys::KeyStore;
use crate::public::{JobOrderStatement, LicenseStatement, RepresentativeStatement};

/// The `typ` header of licence statements.
pub const STATEMENT_TYPE: &str = "licence-statement+jwt";

/// The `typ` header of representative statements: another `typ` (and a
/// `kind` claim), so that a card's statement never passes for a licence's
/// with a verifier that checks either.
pub const CARD_STATEMENT_TYPE: &str = "representative-statement+jwt";

/// The `typ` header of job-order statements: another `typ` (and a `kind`
/// claim), so that an offer's statement never passes for a licence's or a
/// card's.
pub const JOB_ORDER_STATEMENT_TYPE: &str = "job-order-statement+jwt";

/// Signs a job order's `claims` with the newest statement key.
pub fn sign_job_order(keys: &KeyStore, claims: &JobOrderStatement) -> Result<String, TokenError> {
    keys.sign(
        crate::domain::access::KeyPurpose::Statement,
        JOB_ORDER_STATEMENT_TYPE,
        claims,
    )
}

/// Verifies a job-order statement as an app would (see [`verify`]).
pub fn verify_job_order(keys: &KeyStore, statement: &str) -> Result<JobOrderStatement, TokenError> {
    verify_as(keys, statement, JOB_ORDER_STATEMENT_TYPE)
}

/// Signs `claims` with the newest statement key.
pub fn sign(keys: &KeyStore, claims: &LicenseStatement) -> Result<String, TokenError> {
    keys.sign(crate::domain::access::KeyPurpose::Statement, STATEMENT_TYPE, claims)
}

/// Signs a representative's `claims` with the newest statement key.
pub fn sign_card(keys: &KeyStore, claims: &RepresentativeStatement) -> Result<String, TokenError> {
    keys.sign(
        crate::domain::access::KeyPurpose::Statement,
        CARD_STATEMENT_TYPE,
        claims,
    )
}

/// Verifies a statement as an app would: EdDSA, the statement `typ`, a
/// statement key, the signature, `iss` and `exp`.
pub fn verify(keys: &KeyStore, statement: &str) -> Result<LicenseStatement, TokenError> {
    verify_as(keys, statement, STATEMENT_TYPE)
}

/// Verifies a representative statement as an app would (see [`verify`]).
pub fn verify_card(keys: &KeyStore, statement: &str) -> Result<RepresentativeStatement, TokenError> {
    verify_as(keys, statement, CARD_STATEMENT_TYPE)
}

fn verify_as<T: serde::de::DeserializeOwned>(keys: &KeyStore, statement: &str, typ: &str) -> Result<T, TokenError> {
    let header = jsonwebtoken::decode_header(statement).map_err(|_| TokenError::Malformed)?;
    if header.alg != Algorithm::EdDSA {
        return Err(TokenError::Invalid(format!(
            "algorithm {:?} is not accepted",
            header.alg
        )));
    }
    if !header.typ.is_some_and(|t| t.eq_ignore_ascii_case(typ)) {
        return Err(TokenError::Invalid(format!("`typ` must be `{typ}`")));
    }
    let kid = header.kid.ok_or(TokenError::NoKid)?;
    let key = keys.statement_decoding_key(&kid).ok_or(TokenError::UnknownKey)?;
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.leeway = LEEWAY_SECONDS;
    validation.validate_exp = true;
    validation.validate_aud = false;
    validation.set_issuer(&[ISSUER]);
    validation.set_required_spec_claims(&["exp", "iat", "iss", "sub"]);
    jsonwebtoken::decode::<T>(statement, &key, &validation)
        .map(|data| data.claims)
        .map_err(|e| TokenError::Invalid(e.to_string()))
}
