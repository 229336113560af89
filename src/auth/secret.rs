//! Client secrets: 256-bit random values the server generates, stored only as
//! a SHA-256 digest.
//!
//! A slow password hash protects low-entropy passwords against guessing; a
//! 256-bit random secret cannot be guessed, so it is verified the way API keys
//! are: one SHA-256 and a constant-time comparison, microseconds, no memory to
//! speak of. Argon2id hashes written by earlier versions still verify (on a
//! blocking thread, at most one at a time) and are replaced by the SHA-256 form
//! at the client's next successful use.

use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::Argon2;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Prefix of the stored form.
const SHA256_PREFIX: &str = "sha256:";

/// A new random secret: 32 bytes, base64url.
pub fn generate() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

/// A new random client id.
pub fn generate_client_id() -> String {
    format!("cl_{}", hex::encode(rand::random::<[u8; 12]>()))
}

/// The stored form of `secret`: `sha256:` and the hex digest.
pub fn hash(secret: &str) -> String {
    format!("{SHA256_PREFIX}{}", hex::encode(Sha256::digest(secret.as_bytes())))
}

/// How a stored hash is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashKind {
    /// `sha256:`: cheap, checked inline.
    Sha256,
    /// An Argon2 PHC string of an earlier version: slow, checked off the
    /// request workers, replaced after a successful use.
    LegacyArgon2,
    /// Nothing a secret can match.
    Unusable,
}

/// What kind of hash `stored` is.
pub fn kind(stored: &str) -> HashKind {
    if stored.starts_with(SHA256_PREFIX) {
        HashKind::Sha256
    } else if stored.starts_with("$argon2") {
        HashKind::LegacyArgon2
    } else {
        HashKind::Unusable
    }
}

/// Whether `secret` matches a `sha256:` hash, in constant time.
pub fn verify_sha256(stored: &str, secret: &str) -> bool {
    let Some(expected) = stored.strip_prefix(SHA256_PREFIX).and_then(|h| hex::decode(h).ok()) else {
        return false;
    };
    let actual = Sha256::digest(secret.as_bytes());
    expected.len() == actual.len() && bool::from(expected.as_slice().ct_eq(actual.as_slice()))
}

/// Whether `secret` matches a legacy Argon2 PHC string. CPU- and memory-heavy
/// (19 MiB): call off the request workers, never while holding a connection.
pub fn verify_argon2(phc: &str, secret: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| Argon2::default().verify_password(secret.as_bytes(), &parsed).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, SaltString};

    #[test]
    fn a_secret_verifies_against_its_hash_only() {
        let secret = generate();
        let stored = hash(&secret);
        assert_eq!(kind(&stored), HashKind::Sha256);
        assert!(!stored.contains(&secret));
        assert!(verify_sha256(&stored, &secret));
        assert!(!verify_sha256(&stored, "wrong"));
        assert!(!verify_sha256("sha256:zz", &secret));
        assert!(!verify_sha256("sha256:00", &secret));
    }

    #[test]
    fn legacy_argon2_hashes_still_verify() {
        let secret = generate();
        let salt = SaltString::encode_b64(b"saltsaltsaltsalt").unwrap();
        let phc = Argon2::default()
            .hash_password(secret.as_bytes(), &salt)
            .unwrap()
            .to_string();
        assert_eq!(kind(&phc), HashKind::LegacyArgon2);
        assert!(verify_argon2(&phc, &secret));
        assert!(!verify_argon2(&phc, "wrong"));
        assert_eq!(kind("plain"), HashKind::Unusable);
    }
}
