//! Token signing keys: Ed25519, several valid at once for rotation.
//!
//! The newest active key signs; every active key verifies. Keys live in the
//! database (generated on first start, rotated and retired with the CLI), or a
//! PEM file given by `JWT_SIGNING_KEY_FILE` signs instead.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::Utc;
use diesel_async::{AsyncConnection, AsyncPgConnection};
use ed25519_dalek::ed25519::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::ed25519::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use jsonwebtoken::{DecodingKey, EncodingKey};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::models::{AuditEvent, NewAuditEvent, SigningKeyRow};

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
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl Key {
    fn from_pem(pem: &str) -> anyhow::Result<Self> {
        let signing = ed25519_dalek::SigningKey::from_pkcs8_pem(pem)
            .map_err(|e| anyhow::anyhow!("not an Ed25519 PKCS#8 private key: {e}"))?;
        let public = signing.verifying_key().to_bytes();
        let x = URL_SAFE_NO_PAD.encode(public);
        Ok(Self {
            kid: kid_of(&public),
            encoding: EncodingKey::from_ed_pem(pem.as_bytes())?,
            decoding: DecodingKey::from_ed_components(&x)?,
            x,
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

/// A freshly generated key, ready to store.
pub fn generate() -> anyhow::Result<SigningKeyRow> {
    let signing = ed25519_dalek::SigningKey::from_bytes(&rand::random::<[u8; 32]>());
    let pem = signing
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| anyhow::anyhow!("encoding the key failed: {e}"))?;
    let public = signing.verifying_key().to_bytes();
    Ok(SigningKeyRow {
        kid: kid_of(&public),
        private_key_pem: pem.to_string(),
        public_key: URL_SAFE_NO_PAD.encode(public),
        created_at: Utc::now(),
        retired_at: None,
    })
}

#[derive(Default)]
struct KeySet {
    signing: Option<Arc<Key>>,
    verifying: HashMap<String, Arc<Key>>,
}

/// The keys in use, shared by every worker and refreshed from the database.
#[derive(Clone)]
pub struct KeyStore {
    keys: Arc<RwLock<KeySet>>,
    file_key: Option<Arc<Key>>,
    last_refresh: Arc<RwLock<Instant>>,
}

/// Refresh at most this often when a token names an unknown key.
const REFRESH_INTERVAL: Duration = Duration::from_secs(10);

impl KeyStore {
    /// Loads the keys; with no file and no active key in the database,
    /// generates one, stores it, and warns that production should provide one.
    pub async fn load(conn: &mut AsyncPgConnection, key_file_pem: Option<&str>) -> anyhow::Result<Self> {
        let file_key = key_file_pem.map(Key::from_pem).transpose()?.map(Arc::new);
        if file_key.is_none() && SigningKeyRow::active(conn).await?.is_empty() {
            let key = generate()?;
            conn.transaction(async |conn| {
                SigningKeyRow::insert(conn, &key).await?;
                let audit = NewAuditEvent {
                    actor: "system".into(),
                    actor_role: "system".into(),
                    resource_type: "key".into(),
                    resource_id: key.kid.clone(),
                    action: "generate".into(),
                    before: None,
                    after: Some(serde_json::json!({"kid": key.kid, "public_key": key.public_key})),
                    request_id: None,
                };
                AuditEvent::append(conn, &audit).await
            })
            .await?;
            tracing::warn!(
                kid = %key.kid,
                "generated a token signing key and stored it in the database; \
                 in production provide one with JWT_SIGNING_KEY_FILE"
            );
        }
        let store = Self {
            keys: Arc::default(),
            file_key,
            last_refresh: Arc::new(RwLock::new(Instant::now())),
        };
        store.reload(conn).await?;
        Ok(store)
    }

    /// Reads the active keys from the database again.
    pub async fn reload(&self, conn: &mut AsyncPgConnection) -> anyhow::Result<()> {
        let rows = SigningKeyRow::active(conn).await?;
        let mut set = KeySet::default();
        for row in &rows {
            match Key::from_pem(&row.private_key_pem) {
                Ok(key) => {
                    let key = Arc::new(key);
                    set.signing.get_or_insert_with(|| key.clone());
                    set.verifying.insert(key.kid.clone(), key);
                }
                Err(e) => tracing::error!(kid = %row.kid, error = %e, "unusable signing key skipped"),
            }
        }
        if let Some(file_key) = &self.file_key {
            set.signing = Some(file_key.clone());
            set.verifying.insert(file_key.kid.clone(), file_key.clone());
        }
        if let Ok(mut keys) = self.keys.write() {
            *keys = set;
        }
        if let Ok(mut at) = self.last_refresh.write() {
            *at = Instant::now();
        }
        Ok(())
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

    /// The public keys, for the JWKS document.
    pub fn jwks(&self) -> Vec<Jwk> {
        let Ok(keys) = self.keys.read() else {
            return Vec::new();
        };
        let mut jwks: Vec<Jwk> = keys.verifying.values().map(|k| k.jwk()).collect();
        jwks.sort_by(|a, b| a.kid.cmp(&b.kid));
        jwks
    }
}
