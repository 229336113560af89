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
use crate::public::LicenseStatement;

/// The `typ` header of licence statements.
pub const STATEMENT_TYPE: &str = "licence-statement+jwt";

/// Signs `claims` with the newest statement key.
pub fn sign(keys: &KeyStore, claims: &LicenseStatement) -> Result<String, TokenError> {
    keys.sign(crate::domain::access::KeyPurpose::Statement, STATEMENT_TYPE, claims)
}

/// Verifies a statement as an app would: EdDSA, the statement `typ`, a
/// statement key, the signature, `iss` and `exp`.
pub fn verify(keys: &KeyStore, statement: &str) -> Result<LicenseStatement, TokenError> {
    let header = jsonwebtoken::decode_header(statement).map_err(|_| TokenError::Malformed)?;
    if header.alg != Algorithm::EdDSA {
        return Err(TokenError::Invalid(format!(
            "algorithm {:?} is not accepted",
            header.alg
        )));
    }
    if !header.typ.is_some_and(|t| t.eq_ignore_ascii_case(STATEMENT_TYPE)) {
        return Err(TokenError::Invalid(format!(
            "it is not a licence statement (`typ` must be `{STATEMENT_TYPE}`)"
        )));
    }
    let kid = header.kid.ok_or(TokenError::NoKid)?;
    let key = keys.statement_decoding_key(&kid).ok_or(TokenError::UnknownKey)?;
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.leeway = LEEWAY_SECONDS;
    validation.validate_exp = true;
    validation.validate_aud = false;
    validation.set_issuer(&[ISSUER]);
    validation.set_required_spec_claims(&["exp", "iat", "iss", "sub"]);
    jsonwebtoken::decode::<LicenseStatement>(statement, &key, &validation)
        .map(|data| data.claims)
        .map_err(|e| TokenError::Invalid(e.to_string()))
}
