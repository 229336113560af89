//! Client secrets: generated random, stored only as Argon2id hashes.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// A new random secret: 32 bytes, base64url.
pub fn generate() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

/// A new random client id.
pub fn generate_client_id() -> String {
    format!("cl_{}", hex::encode(rand::random::<[u8; 12]>()))
}

/// The Argon2id PHC string of `secret`. CPU-heavy: call off the request workers.
pub fn hash(secret: &str) -> anyhow::Result<String> {
    let salt_bytes: [u8; 16] = rand::random();
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing the secret failed: {e}"))
}

/// Whether `secret` matches `phc`. CPU-heavy: call off the request workers.
pub fn verify(phc: &str, secret: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| Argon2::default().verify_password(secret.as_bytes(), &parsed).is_ok())
}

/// A hash that matches nothing, verified against for unknown clients so that
/// a wrong client id takes as long as a wrong secret.
pub fn decoy_hash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$ZGVjb3lkZWNveWRlY295$3L1aTq4PeHvF9M0D+vU6v9tdYb1H0QzHmIwrF0ynh8g"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_verifies_against_its_hash_only() {
        let secret = generate();
        let phc = hash(&secret).unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(!phc.contains(&secret));
        assert!(verify(&phc, &secret));
        assert!(!verify(&phc, "wrong"));
        assert!(!verify(decoy_hash(), &secret));
    }
}
