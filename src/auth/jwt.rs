//! Access tokens: EdDSA-signed JWTs, 15 minutes long.

use jsonwebtoken::{Algorithm, Validation};
use serde::{Deserialize, Serialize};

use super::keys::KeyStore;
use crate::domain::access::Role;

/// The `iss` of every token.
pub const ISSUER: &str = crate::domain::ISSUER;
/// The `aud` every token must carry.
pub const AUDIENCE: &str = "agency-registry-api";
/// Token lifetime in seconds.
pub const TOKEN_TTL_SECONDS: i64 = 15 * 60;
/// The `typ` header of access tokens (RFC 9068), so that no other JWT signed
/// with the same key passes for one (RFC 8725 section 3.11).
pub const TOKEN_TYPE: &str = "at+jwt";
/// Clock skew tolerated between the token's issuer and us.
pub const LEEWAY_SECONDS: u64 = 30;

/// The claims of an access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    /// The client id.
    pub sub: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub role: Role,
    /// The client's organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
}

pub use super::TokenError;

/// Issues a token for a client; returns it with its lifetime in seconds.
pub fn issue(keys: &KeyStore, client_id: &str, role: Role, org: Option<String>) -> Result<(String, i64), TokenError> {
    let now = chrono::Utc::now().timestamp();
    let claims = Claims {
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
        sub: client_id.into(),
        iat: now,
        nbf: now,
        exp: now + TOKEN_TTL_SECONDS,
        role,
        org,
    };
    let token = keys.sign(crate::domain::access::KeyPurpose::Token, TOKEN_TYPE, &claims)?;
    Ok((token, TOKEN_TTL_SECONDS))
}

/// The token's header `kid`, if the token is well-formed enough to have one.
pub fn kid_of(token: &str) -> Result<String, TokenError> {
    let header = jsonwebtoken::decode_header(token).map_err(|_| TokenError::Malformed)?;
    if header.alg != Algorithm::EdDSA {
        return Err(TokenError::Invalid(format!(
            "algorithm {:?} is not accepted",
            header.alg
        )));
    }
    if !header.typ.is_some_and(|t| t.eq_ignore_ascii_case(TOKEN_TYPE)) {
        return Err(TokenError::Invalid(format!(
            "it is not an access token (`typ` must be `{TOKEN_TYPE}`)"
        )));
    }
    header.kid.ok_or(TokenError::NoKid)
}

/// Verifies a token: EdDSA only, a known `kid`, a valid signature, and every
/// registered claim present and right (`iss` and `aud` checked explicitly).
pub fn verify(keys: &KeyStore, token: &str) -> Result<Claims, TokenError> {
    let kid = kid_of(token)?;
    let key = keys.decoding_key(&kid).ok_or(TokenError::UnknownKey)?;
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.leeway = LEEWAY_SECONDS;
    validation.validate_exp = true;
    validation.validate_nbf = true;
    validation.set_issuer(&[ISSUER]);
    validation.set_audience(&[AUDIENCE]);
    validation.set_required_spec_claims(&["exp", "nbf", "iat", "iss", "aud", "sub"]);
    let claims = jsonwebtoken::decode::<Claims>(token, &key, &validation)
        .map(|data| data.claims)
        .map_err(|e| match e.kind() {
            jsonwebtoken::errors::ErrorKind::ExpiredSignature => TokenError::Expired,
            _ => TokenError::Invalid(e.to_string()),
        })?;
    // A token issued "later" than now was not issued by this service as it
    // issues them: with `exp = iat + 900` and `iat` a year ahead it would
    // live a year.
    if claims.iat > chrono::Utc::now().timestamp() + LEEWAY_SECONDS as i64 {
        return Err(TokenError::Invalid("it was issued in the future".into()));
    }
    // A token living longer than this service issues was not issued by it
    // as it should have been, whatever key signed it.
    if claims.exp - claims.iat > TOKEN_TTL_SECONDS || claims.exp < claims.iat {
        return Err(TokenError::Invalid(format!(
            "its lifetime exceeds {TOKEN_TTL_SECONDS} seconds"
        )));
    }
    Ok(claims)
}
