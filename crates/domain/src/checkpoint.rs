//! Audit checkpoints: the chain's head (sequence number and hash) signed with
//! a key that is not in the database. Whoever keeps one can later prove that
//! the trail was cut or rewritten behind that point, even by someone who can
//! write to the database and recompute every hash after it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use ed25519_dalek::ed25519::pkcs8::DecodePrivateKey;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

/// A signed head of the audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Id of the newest record at signing time.
    pub seq: i64,
    /// Its hash.
    pub hash: String,
    /// When the head was signed.
    pub signed_at: DateTime<Utc>,
    /// The signing public key (base64url of 32 bytes).
    pub public_key: String,
    /// Ed25519 signature (base64url) of [`Checkpoint::message`].
    pub signature: String,
}

/// What a stored chain says about a checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckpointCheck {
    /// The record at the checkpoint's sequence number has the checkpoint's hash.
    Holds,
    /// There is no record at that sequence number any more: the chain was cut.
    Cut,
    /// The record there has another hash: the chain was rewritten.
    Rewritten,
}

/// Compares the hash stored at a checkpoint's position with the checkpoint's.
pub fn compare(stored_hash: Option<&str>, checkpoint_hash: &str) -> CheckpointCheck {
    match stored_hash {
        None => CheckpointCheck::Cut,
        Some(h) if h == checkpoint_hash => CheckpointCheck::Holds,
        Some(_) => CheckpointCheck::Rewritten,
    }
}

fn message(seq: i64, hash: &str, signed_at: &DateTime<Utc>) -> String {
    format!(
        "agency-registry audit checkpoint v1\n{seq}\n{hash}\n{}",
        signed_at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
    )
}

/// Reads an Ed25519 private key (PKCS#8 PEM).
pub fn signing_key(pem: &str) -> Result<SigningKey, String> {
    SigningKey::from_pkcs8_pem(pem).map_err(|_| "not an Ed25519 PKCS#8 private key".to_owned())
}

/// The base64url public key of `key`.
pub fn public_key_of(key: &SigningKey) -> String {
    URL_SAFE_NO_PAD.encode(key.verifying_key().to_bytes())
}

impl Checkpoint {
    /// Signs the head `(seq, hash)` now.
    pub fn sign(key: &SigningKey, seq: i64, hash: &str, signed_at: DateTime<Utc>) -> Self {
        let signature = key.sign(message(seq, hash, &signed_at).as_bytes());
        Self {
            seq,
            hash: hash.to_owned(),
            signed_at,
            public_key: public_key_of(key),
            signature: URL_SAFE_NO_PAD.encode(signature.to_bytes()),
        }
    }

    /// Checks the signature, and that it was made by `trusted_public_key`
    /// (a checkpoint anyone could sign proves nothing).
    pub fn verify(&self, trusted_public_key: &str) -> Result<(), String> {
        if self.public_key != trusted_public_key {
            return Err("the checkpoint was signed with another key than the trusted one".into());
        }
        let key_bytes: [u8; 32] = URL_SAFE_NO_PAD
            .decode(&self.public_key)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or("the checkpoint's public key is malformed")?;
        let key = VerifyingKey::from_bytes(&key_bytes).map_err(|_| "the checkpoint's public key is invalid")?;
        let signature: [u8; 64] = URL_SAFE_NO_PAD
            .decode(&self.signature)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or("the checkpoint's signature is malformed")?;
        key.verify(
            message(self.seq, &self.hash, &self.signed_at).as_bytes(),
            &Signature::from_bytes(&signature),
        )
        .map_err(|_| "the checkpoint's signature does not verify: it was altered".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SigningKey {
        SigningKey::from_bytes(&[7; 32])
    }

    #[test]
    fn a_signed_checkpoint_verifies_only_unaltered_and_with_its_key() {
        let cp = Checkpoint::sign(&key(), 42, "ab".repeat(32).as_str(), Utc::now());
        let trusted = public_key_of(&key());
        assert!(cp.verify(&trusted).is_ok());
        let mut moved = cp.clone();
        moved.seq = 41;
        assert!(moved.verify(&trusted).is_err());
        let other = SigningKey::from_bytes(&[8; 32]);
        let forged = Checkpoint::sign(&other, 42, &cp.hash, cp.signed_at);
        assert!(forged.verify(&trusted).is_err(), "signed by someone else");
    }

    #[test]
    fn a_chain_holds_is_cut_or_rewritten_at_a_checkpoint() {
        assert_eq!(compare(Some("h"), "h"), CheckpointCheck::Holds);
        assert_eq!(compare(None, "h"), CheckpointCheck::Cut);
        assert_eq!(compare(Some("x"), "h"), CheckpointCheck::Rewritten);
    }
}
