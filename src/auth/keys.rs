//! Token signing keys: Ed25519, several valid at once for rotation.
//!
//! The newest active key signs; every active key verifies. Keys live in the
//! database (generated on first start, rotated and retired with the CLI),
//! their private halves sealed with the key-encryption key ([`Kek`]), or a PEM
//! file given by `JWT_SIGNING_KEY_FILE` signs instead. Verifying needs only
//! the public halves, so tokens of every active key verify even where the
//! private ones cannot be opened.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::Utc;
use diesel_async::AsyncPgConnection;
use ed25519_dalek::ed25519::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::ed25519::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use jsonwebtoken::{DecodingKey, EncodingKey};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::kek::{is_sealed, Kek};
use super::KeyPurpose;
use crate::db::models::SigningKeyRow;

/// A public key as published at `/.well-known/jwks.json` (RFC 8037 OKP).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Jwk {
    /// Always `OKP`.
    pub kty: &'static str,
    /// Always `Ed25519`.
    pub crv: &'static str,
    /// Always `EdDSA`.
    pub alg: &'static str,
    /// Always `sig`.
    #[serde(rename = "use")]
    pub use_: &'static str,
    /// Key id, as in the tokens' `kid` header.
    pub kid: String,
    /// The public key, base64url.
    pub x: String,
}

struct Key {
    kid: String,
    x: String,
    decoding: DecodingKey,
}

/// A key that can sign.
struct Signer {
    kid: String,
    encoding: EncodingKey,
}

impl Signer {
    fn from_pem(pem: &str) -> anyhow::Result<(Self, Key)> {
        let signing = ed25519_dalek::SigningKey::from_pkcs8_pem(pem)
            .map_err(|e| anyhow::anyhow!("not an Ed25519 PKCS#8 private key: {e}"))?;
        let public = signing.verifying_key().to_bytes();
        let key = Key::from_public(&kid_of(&public), &URL_SAFE_NO_PAD.encode(public))?;
        let signer = Self {
            kid: key.kid.clone(),
            encoding: EncodingKey::from_ed_pem(pem.as_bytes())?,
        };
        Ok((signer, key))
    }
}

impl Key {
    fn from_public(kid: &str, x: &str) -> anyhow::Result<Self> {
        Ok(Self {
            kid: kid.to_owned(),
            decoding: DecodingKey::from_ed_components(x)?,
            x: x.to_owned(),
        })
    }

    fn jwk(&self) -> Jwk {
        Jwk {
            kty: "OKP",
            crv: "Ed25519",
            alg: "EdDSA",
            use_: "sig",
            kid: self.kid.clone(),
            x: self.x.clone(),
        }
    }
}

fn kid_of(public: &[u8]) -> String {
    hex::encode(&Sha256::digest(public)[..8])
}

/// A new Ed25519 key: its id, PKCS#8 PEM and public key (base64url).
pub fn new_key() -> anyhow::Result<(String, String, String)> {
    let signing = ed25519_dalek::SigningKey::from_bytes(&rand::random::<[u8; 32]>());
    let pem = signing
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| anyhow::anyhow!("encoding the key failed: {e}"))?;
    let public = signing.verifying_key().to_bytes();
    Ok((kid_of(&public), pem.to_string(), URL_SAFE_NO_PAD.encode(public)))
}

/// A freshly generated key, its private half sealed with `kek`, ready to store.
pub fn generate(kek: &Kek, purpose: KeyPurpose) -> anyhow::Result<SigningKeyRow> {
    let (kid, pem, public_key) = new_key()?;
    Ok(SigningKeyRow {
        private_key: kek.seal(&pem, &kid)?,
        kid,
        public_key,
        created_at: Utc::now(),
        retired_at: None,
        purpose,
    })
}

#[derive(Default)]
struct KeySet {
    signing: Option<Arc<Signer>>,
    verifying: HashMap<String, Arc<Key>>,
}

/// The keys in use, shared by every worker and refreshed from the database:
/// token keys and statement keys, never one for the other.
#[derive(Clone)]
pub struct KeyStore {
    keys: Arc<RwLock<KeySet>>,
    statement_keys: Arc<RwLock<KeySet>>,
    file_key: Option<(Arc<Signer>, Arc<Key>)>,
    kek: Option<Kek>,
    last_refresh: Arc<RwLock<Instant>>,
}

/// Seals every private key an earlier version stored in clear.
async fn seal_plaintext_keys(conn: &mut AsyncPgConnection, kek: &Kek) -> anyhow::Result<()> {
    for row in SigningKeyRow::all(conn).await? {
        if is_sealed(&row.private_key) {
            continue;
        }
        let sealed = kek.seal(&row.private_key, &row.kid)?;
        crate::usecases::keys::seal_at_start(conn, &row.kid, &sealed).await?;
        tracing::info!(kid = %row.kid, "sealed a signing key stored in clear by an earlier version");
    }
    Ok(())
}

/// Refresh at most this often when a token names an unknown key.
const REFRESH_INTERVAL: Duration = Duration::from_secs(10);

impl KeyStore {
    /// Loads the keys. With neither a key file nor a key-encryption key it
    /// refuses: a private key in the database in clear lets anyone with a
    /// backup mint tokens. With a key-encryption key, keys stored in clear by
    /// earlier versions are sealed now, and with no file and no active key in
    /// the database one is generated and stored sealed.
    pub async fn load(
        conn: &mut AsyncPgConnection,
        key_file_pem: Option<&str>,
        kek: Option<Kek>,
    ) -> anyhow::Result<Self> {
        let file_key = key_file_pem
            .map(Signer::from_pem)
            .transpose()?
            .map(|(signer, key)| (Arc::new(signer), Arc::new(key)));
        match (&file_key, &kek) {
            (None, None) => anyhow::bail!(
                "no key-encryption key: set KEY_ENCRYPTION_KEY_FILE (signing keys in the database are sealed with it) \
                 or JWT_SIGNING_KEY_FILE (a key file signs instead)"
            ),
            (_, Some(kek)) => seal_plaintext_keys(conn, kek).await?,
            (Some(_), None) => {}
        }
        if let Some(kek) = &kek {
            let active = SigningKeyRow::active(conn).await?;
            let mut missing = Vec::new();
            if file_key.is_none() {
                missing.push(KeyPurpose::Token);
            }
            missing.push(KeyPurpose::Statement);
            missing.retain(|purpose| !active.iter().any(|k| k.purpose == *purpose));
            for purpose in missing {
                let key = generate(kek, purpose)?;
                crate::usecases::keys::generate_at_start(conn, &key).await?;
                tracing::info!(kid = %key.kid, purpose = purpose.as_str(), "generated a signing key, stored sealed in the database");
            }
        } else {
            tracing::warn!("no key-encryption key: licence statements cannot be signed (set KEY_ENCRYPTION_KEY_FILE)");
        }
        let store = Self {
            keys: Arc::default(),
            statement_keys: Arc::default(),
            file_key,
            kek,
            last_refresh: Arc::new(RwLock::new(Instant::now())),
        };
        store.reload(conn).await?;
        Ok(store)
    }

    /// Reads the active keys from the database again.
    pub async fn reload(&self, conn: &mut AsyncPgConnection) -> anyhow::Result<()> {
        let rows = SigningKeyRow::active(conn).await?;
        let (tokens, statements): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.purpose == KeyPurpose::Token);
        let mut set = self.key_set(&tokens, self.file_key.is_none());
        if let Some((signer, key)) = &self.file_key {
            set.signing = Some(signer.clone());
            set.verifying.insert(key.kid.clone(), key.clone());
        }
        let statement_set = self.key_set(&statements, true);
        if let Ok(mut keys) = self.keys.write() {
            *keys = set;
        }
        if let Ok(mut keys) = self.statement_keys.write() {
            *keys = statement_set;
        }
        if let Ok(mut at) = self.last_refresh.write() {
            *at = Instant::now();
        }
        Ok(())
    }

    /// The keys of `rows` (newest first): the newest that opens signs,
    /// unless a key file signs instead (`from_database` false).
    fn key_set(&self, rows: &[SigningKeyRow], from_database: bool) -> KeySet {
        let mut set = KeySet::default();
        for row in rows {
            match Key::from_public(&row.kid, &row.public_key) {
                Ok(key) => {
                    set.verifying.insert(key.kid.clone(), Arc::new(key));
                }
                Err(e) => tracing::error!(kid = %row.kid, error = %e, "unusable public key skipped"),
            }
            // The newest key that opens signs.
            if set.signing.is_none() && from_database {
                if let Some(kek) = &self.kek {
                    match kek
                        .open(&row.private_key, &row.kid)
                        .and_then(|pem| Signer::from_pem(&pem))
                    {
                        Ok((signer, _)) => set.signing = Some(Arc::new(signer)),
                        Err(e) => tracing::error!(kid = %row.kid, error = %e, "signing key cannot be opened"),
                    }
                }
            }
        }
        set
    }

    /// Whether a refresh is due (a token named a key we do not know).
    pub fn refresh_due(&self) -> bool {
        self.last_refresh
            .read()
            .map_or(true, |at| at.elapsed() >= REFRESH_INTERVAL)
    }

    /// The key that signs new tokens, with its id.
    pub fn signing_key(&self) -> Option<(String, EncodingKey)> {
        let keys = self.keys.read().ok()?;
        keys.signing.as_ref().map(|k| (k.kid.clone(), k.encoding.clone()))
    }

    /// The key that verifies tokens with this `kid`.
    pub fn decoding_key(&self, kid: &str) -> Option<DecodingKey> {
        let keys = self.keys.read().ok()?;
        keys.verifying.get(kid).map(|k| k.decoding.clone())
    }

    /// The key that signs licence statements, with its id.
    pub fn statement_signing_key(&self) -> Option<(String, EncodingKey)> {
        let keys = self.statement_keys.read().ok()?;
        keys.signing.as_ref().map(|k| (k.kid.clone(), k.encoding.clone()))
    }

    /// The statement key with this `kid` (never a token key).
    pub fn statement_decoding_key(&self, kid: &str) -> Option<DecodingKey> {
        let keys = self.statement_keys.read().ok()?;
        keys.verifying.get(kid).map(|k| k.decoding.clone())
    }

    /// The public keys of both purposes, for the JWKS document.
    pub fn jwks(&self) -> Vec<Jwk> {
        let mut jwks = Vec::new();
        for set in [&self.keys, &self.statement_keys] {
            if let Ok(keys) = set.read() {
                jwks.extend(keys.verifying.values().map(|k| k.jwk()));
            }
        }
        jwks.sort_by(|a, b| a.kid.cmp(&b.kid));
        jwks
    }
}
