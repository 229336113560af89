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

use super::kek::{is_legacy_sealed, is_sealed, Kek};
use crate::db::models::SigningKeyRow;
use crate::domain::access::KeyPurpose;

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
    /// What the key signs (a member of this registry's own, beside the
    /// registered ones): `token` (access tokens), `statement` (licence
    /// statements) or `checkpoint` (audit checkpoints). A verifier checks
    /// it: a key of one purpose never verifies another's documents.
    #[schema(value_type = String, pattern = "^(token|statement|checkpoint)$", example = "statement")]
    pub purpose: &'static str,
    /// Key id, as in the tokens' `kid` header.
    pub kid: String,
    /// The public key, base64url.
    pub x: String,
}

struct Key {
    kid: String,
    x: String,
    purpose: KeyPurpose,
    decoding: DecodingKey,
}

/// A key that can sign.
struct Signer {
    kid: String,
    encoding: EncodingKey,
}

impl Signer {
    fn from_pem(pem: &str, purpose: KeyPurpose) -> anyhow::Result<(Self, Key)> {
        let signing = ed25519_dalek::SigningKey::from_pkcs8_pem(pem)
            .map_err(|e| anyhow::anyhow!("not an Ed25519 PKCS#8 private key: {e}"))?;
        let public = signing.verifying_key().to_bytes();
        let key = Key::from_public(&kid_of(&public), &URL_SAFE_NO_PAD.encode(public), purpose)?;
        let signer = Self {
            kid: key.kid.clone(),
            encoding: EncodingKey::from_ed_pem(pem.as_bytes())?,
        };
        Ok((signer, key))
    }
}

impl Key {
    fn from_public(kid: &str, x: &str, purpose: KeyPurpose) -> anyhow::Result<Self> {
        Ok(Self {
            kid: kid.to_owned(),
            decoding: DecodingKey::from_ed_components(x)?,
            x: x.to_owned(),
            purpose,
        })
    }

    fn jwk(&self) -> Jwk {
        Jwk {
            kty: "OKP",
            crv: "Ed25519",
            alg: "EdDSA",
            use_: "sig",
            purpose: self.purpose.as_str(),
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

/// What a private half is sealed to: its key id and its public half, so
/// that a sealed private half put beside another public key (or id) does
/// not open. Values sealed by earlier versions were bound to the id alone.
fn seal_context(kid: &str, public_key: &str, sealed: &str) -> String {
    if is_legacy_sealed(sealed) {
        kid.to_owned()
    } else {
        format!("{kid}\n{public_key}")
    }
}

/// A freshly generated key, its private half sealed with `kek`, ready to store.
pub fn generate(kek: &Kek, purpose: KeyPurpose) -> anyhow::Result<SigningKeyRow> {
    let (kid, pem, public_key) = new_key()?;
    Ok(SigningKeyRow {
        private_key: kek.seal(&pem, &seal_context(&kid, &public_key, ""))?,
        kid,
        public_key,
        created_at: Utc::now(),
        retired_at: None,
        purpose,
    })
}

/// The private half of `row`, opened with `kek`, if it is the private half
/// of the row's public key and id. Anything else (a row someone wrote
/// without the key-encryption key, a sealed value moved between rows) is
/// not a key of this registry.
fn open_row(row: &SigningKeyRow, kek: &Kek) -> anyhow::Result<(Signer, Key)> {
    let pem = kek.open(
        &row.private_key,
        &seal_context(&row.kid, &row.public_key, &row.private_key),
    )?;
    let (signer, key) = Signer::from_pem(&pem, row.purpose)?;
    if key.kid != row.kid || key.x != row.public_key {
        anyhow::bail!("its public half is not the public half of its sealed private half");
    }
    Ok((signer, key))
}

#[derive(Default)]
struct KeySet {
    signing: Option<Arc<Signer>>,
    verifying: HashMap<String, Arc<Key>>,
}

/// The keys in use, shared by every worker and refreshed from the database:
/// each purpose's keys apart, never one for another.
#[derive(Clone)]
pub struct KeyStore {
    sets: Arc<RwLock<HashMap<KeyPurpose, KeySet>>>,
    file_key: Option<(Arc<Signer>, Arc<Key>)>,
    kek: Option<Kek>,
    last_refresh: Arc<RwLock<Instant>>,
}

/// Refresh at most this often when a token names an unknown key.
const REFRESH_INTERVAL: Duration = Duration::from_secs(10);

/// Without a key file or a key-encryption key nothing can be trusted.
fn require_a_key(key_file_pem: Option<&str>, kek: Option<&Kek>) -> anyhow::Result<()> {
    if key_file_pem.is_none() && kek.is_none() {
        anyhow::bail!(
            "no key-encryption key: set KEY_ENCRYPTION_KEY_FILE (signing keys in the database are sealed with it) \
             or JWT_SIGNING_KEY_FILE (a key file signs instead)"
        );
    }
    Ok(())
}

/// At start-up, as the schema's owner (the runtime role may not write keys):
/// seals keys an earlier version stored in clear, binds keys sealed to their
/// id alone to their public half as well, and generates a key for each
/// purpose that has none. Refuses when the key-encryption key opens none of
/// the active keys: a wrong file would otherwise make new keys beside the
/// real ones.
pub async fn prepare(
    owner: &mut AsyncPgConnection,
    key_file_pem: Option<&str>,
    kek: Option<&Kek>,
) -> anyhow::Result<()> {
    require_a_key(key_file_pem, kek)?;
    let Some(kek) = kek else {
        return Ok(());
    };
    let active = SigningKeyRow::active(owner).await?;
    let mut usable = Vec::new();
    for row in &active {
        let resealed = if is_sealed(&row.private_key) {
            if !is_legacy_sealed(&row.private_key) {
                if open_row(row, kek).is_ok() {
                    usable.push(row.purpose);
                }
                continue;
            }
            let Ok(pem) = kek.open(&row.private_key, &row.kid) else {
                continue;
            };
            pem
        } else {
            row.private_key.clone()
        };
        // An earlier version's key: checked against its public half, then
        // sealed to both.
        let Ok((_, key)) = Signer::from_pem(&resealed, row.purpose) else {
            continue;
        };
        if key.kid != row.kid || key.x != row.public_key {
            tracing::error!(kid = %row.kid, "a stored key's public half does not match its private half; it is ignored");
            continue;
        }
        let sealed = kek.seal(&resealed, &seal_context(&row.kid, &row.public_key, ""))?;
        crate::usecases::keys::seal_at_start(owner, &row.kid, &sealed).await?;
        tracing::info!(kid = %row.kid, "sealed a signing key to its id and public half");
        usable.push(row.purpose);
    }
    if !active.is_empty() && usable.is_empty() {
        anyhow::bail!("KEY_ENCRYPTION_KEY_FILE opens none of the signing keys in the database: is it the right file?");
    }
    let mut missing: Vec<KeyPurpose> = KeyPurpose::ALL.to_vec();
    if key_file_pem.is_some() {
        missing.retain(|p| *p != KeyPurpose::Token);
    }
    missing.retain(|purpose| !usable.contains(purpose));
    for purpose in missing {
        let key = generate(kek, purpose)?;
        crate::usecases::keys::generate_at_start(owner, &key).await?;
        tracing::info!(kid = %key.kid, purpose = purpose.as_str(), "generated a signing key, stored sealed in the database");
    }
    Ok(())
}

impl KeyStore {
    /// Loads the keys (prepared by [`prepare`]). Only keys whose sealed
    /// private half opens with `kek` and is the private half of their public
    /// key are trusted, even for verifying: a row written by anyone without
    /// the key-encryption key is ignored and logged. A key file (PEM) signs
    /// access tokens instead of the database's token keys.
    pub async fn load(
        conn: &mut AsyncPgConnection,
        key_file_pem: Option<&str>,
        kek: Option<Kek>,
    ) -> anyhow::Result<Self> {
        require_a_key(key_file_pem, kek.as_ref())?;
        let file_key = key_file_pem
            .map(|pem| Signer::from_pem(pem, KeyPurpose::Token))
            .transpose()?
            .map(|(signer, key)| (Arc::new(signer), Arc::new(key)));
        if kek.is_none() {
            tracing::warn!("no key-encryption key: licence statements cannot be signed (set KEY_ENCRYPTION_KEY_FILE)");
        }
        let store = Self {
            sets: Arc::default(),
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
        let mut sets: HashMap<KeyPurpose, KeySet> = HashMap::new();
        // Newest first: per purpose, the newest trusted key signs.
        for row in &rows {
            let Some(kek) = &self.kek else {
                break;
            };
            let (signer, key) = match open_row(row, kek) {
                Ok(opened) => opened,
                Err(e) => {
                    tracing::error!(kid = %row.kid, error = %e, "a signing key in the database is not trusted: ignored");
                    continue;
                }
            };
            if row.purpose == KeyPurpose::Token && self.file_key.is_some() {
                continue;
            }
            let set = sets.entry(row.purpose).or_default();
            set.verifying.insert(key.kid.clone(), Arc::new(key));
            set.signing.get_or_insert_with(|| Arc::new(signer));
        }
        if let Some((signer, key)) = &self.file_key {
            let set = sets.entry(KeyPurpose::Token).or_default();
            set.signing = Some(signer.clone());
            set.verifying.insert(key.kid.clone(), key.clone());
        }
        if let Ok(mut current) = self.sets.write() {
            *current = sets;
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

    /// The key that signs `purpose`'s documents, with its id.
    pub fn signer(&self, purpose: KeyPurpose) -> Option<(String, EncodingKey)> {
        let sets = self.sets.read().ok()?;
        let signer = sets.get(&purpose)?.signing.as_ref()?;
        Some((signer.kid.clone(), signer.encoding.clone()))
    }

    /// The key of `purpose` with this `kid` (never another purpose's).
    pub fn verifier(&self, purpose: KeyPurpose, kid: &str) -> Option<DecodingKey> {
        let sets = self.sets.read().ok()?;
        sets.get(&purpose)?.verifying.get(kid).map(|k| k.decoding.clone())
    }

    /// `claims` as a compact JWS of type `typ`, signed with the newest key of
    /// `purpose` (its `kid` in the header).
    pub fn sign<T: Serialize>(&self, purpose: KeyPurpose, typ: &str, claims: &T) -> Result<String, super::TokenError> {
        use super::TokenError;
        let (kid, key) = self.signer(purpose).ok_or(TokenError::NoSigningKey)?;
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::EdDSA);
        header.kid = Some(kid);
        header.typ = Some(typ.into());
        jsonwebtoken::encode(&header, claims, &key).map_err(|e| TokenError::Invalid(e.to_string()))
    }

    /// The key that signs new tokens, with its id.
    pub fn signing_key(&self) -> Option<(String, EncodingKey)> {
        self.signer(KeyPurpose::Token)
    }

    /// The key that verifies tokens with this `kid`.
    pub fn decoding_key(&self, kid: &str) -> Option<DecodingKey> {
        self.verifier(KeyPurpose::Token, kid)
    }

    /// The key that signs licence statements, with its id.
    pub fn statement_signing_key(&self) -> Option<(String, EncodingKey)> {
        self.signer(KeyPurpose::Statement)
    }

    /// The statement key with this `kid` (never a token key).
    pub fn statement_decoding_key(&self, kid: &str) -> Option<DecodingKey> {
        self.verifier(KeyPurpose::Statement, kid)
    }

    /// The public keys of every purpose, for the JWKS document.
    pub fn jwks(&self) -> Vec<Jwk> {
        let mut jwks: Vec<Jwk> = self
            .sets
            .read()
            .map(|sets| {
                sets.values()
                    .flat_map(|set| set.verifying.values().map(|k| k.jwk()))
                    .collect()
            })
            .unwrap_or_default();
        jwks.sort_by(|a, b| a.kid.cmp(&b.kid));
        jwks
    }
}
