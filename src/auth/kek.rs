//! The key-encryption key: seals the token signing keys kept in the database,
//! so that a backup, a replica or a read of the table cannot mint tokens.
//! It lives in a file (`KEY_ENCRYPTION_KEY_FILE`), never in the database.

use std::path::Path;

use anyhow::{bail, Context};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

/// Values sealed now; `sealed:v1:` values (the same format) were sealed by
/// earlier versions to a context their callers chose differently.
const SEALED_PREFIX: &str = "sealed:v2:";
const LEGACY_PREFIX: &str = "sealed:v1:";

/// A 256-bit key for XChaCha20-Poly1305.
#[derive(Clone)]
pub struct Kek(XChaCha20Poly1305);

impl std::fmt::Debug for Kek {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Kek(..)")
    }
}

impl Kek {
    /// From 32 bytes.
    pub fn from_bytes(bytes: &[u8; 32]) -> Self {
        Self(XChaCha20Poly1305::new(bytes.into()))
    }

    /// A new random key, with its file form (base64 of the 32 bytes).
    pub fn generate() -> (Self, String) {
        let bytes: [u8; 32] = rand::random();
        (Self::from_bytes(&bytes), STANDARD.encode(bytes))
    }

    /// Reads a key file: base64 of 32 bytes, surrounding white space ignored.
    pub fn from_file(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read KEY_ENCRYPTION_KEY_FILE {}", path.display()))?;
        let bytes = STANDARD
            .decode(text.trim())
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .with_context(|| format!("{} does not hold a base64-encoded 32-byte key", path.display()))?;
        Ok(Self::from_bytes(&bytes))
    }

    /// Writes a new key file (mode 0600) unless one exists; returns the key in it.
    pub fn create_file(path: &Path) -> anyhow::Result<Self> {
        if path.exists() {
            return Self::from_file(path);
        }
        let (kek, text) = Self::generate();
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options
            .open(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        std::io::Write::write_all(&mut file, format!("{text}\n").as_bytes())?;
        Ok(kek)
    }

    /// Seals `plaintext`, bound to `context` (the key id): a sealed value
    /// copied to another row does not open.
    pub fn seal(&self, plaintext: &str, context: &str) -> anyhow::Result<String> {
        let nonce_bytes: [u8; 24] = rand::random();
        let nonce = XNonce::from_slice(&nonce_bytes);
        let sealed = self
            .0
            .encrypt(
                nonce,
                Payload {
                    msg: plaintext.as_bytes(),
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| anyhow::anyhow!("sealing failed"))?;
        let mut out = nonce_bytes.to_vec();
        out.extend_from_slice(&sealed);
        Ok(format!("{SEALED_PREFIX}{}", URL_SAFE_NO_PAD.encode(out)))
    }

    /// Opens a value sealed by [`Kek::seal`] with the same `context`.
    pub fn open(&self, sealed: &str, context: &str) -> anyhow::Result<String> {
        let Some(encoded) = sealed
            .strip_prefix(SEALED_PREFIX)
            .or_else(|| sealed.strip_prefix(LEGACY_PREFIX))
        else {
            bail!("not a sealed value");
        };
        let bytes = URL_SAFE_NO_PAD
            .decode(encoded)
            .context("sealed value is not base64url")?;
        if bytes.len() < 24 {
            bail!("sealed value is too short");
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        let plain = self
            .0
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| anyhow::anyhow!("the key-encryption key does not open this value"))?;
        String::from_utf8(plain).context("sealed value is not text")
    }
}

/// Whether a stored value is sealed.
pub fn is_sealed(value: &str) -> bool {
    value.starts_with(SEALED_PREFIX) || value.starts_with(LEGACY_PREFIX)
}

/// Whether a stored value was sealed by an earlier version.
pub fn is_legacy_sealed(value: &str) -> bool {
    value.starts_with(LEGACY_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_their_key_and_context() {
        let (kek, _) = Kek::generate();
        let sealed = kek.seal("-----BEGIN PRIVATE KEY-----", "kid1").unwrap();
        assert!(is_sealed(&sealed));
        assert!(!sealed.contains("PRIVATE"));
        assert_eq!(kek.open(&sealed, "kid1").unwrap(), "-----BEGIN PRIVATE KEY-----");
        assert!(kek.open(&sealed, "kid2").is_err());
        let (other, _) = Kek::generate();
        assert!(other.open(&sealed, "kid1").is_err());
    }

    #[test]
    fn key_files_round_trip() {
        let dir = std::env::temp_dir().join(format!("kek-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("kek");
        let kek = Kek::create_file(&path).unwrap();
        let again = Kek::create_file(&path).unwrap();
        let sealed = kek.seal("x", "c").unwrap();
        assert_eq!(again.open(&sealed, "c").unwrap(), "x");
        std::fs::write(dir.join("bad"), "short").unwrap();
        assert!(Kek::from_file(&dir.join("bad")).is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
