//! The administrative commands: API clients, signing keys, audit checks.
//! Every change they make is in the audit trail, like the API's.

use anyhow::{bail, Context};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use secrecy::ExposeSecret;
use serde_json::json;

use crate::auth::{keys, secret};
use crate::domain::access::{KeyPurpose, Role};
use clap::{Args, Subcommand};

use crate::config::DatabaseArgs;
use crate::db::models::{ApiClient, AuditEvent, NewApiClient};
use crate::db::pool::{build_pool, PoolSettings};
use crate::domain::audit_chain::ChainCheck;
use crate::domain::checkpoint::{self, Checkpoint, CheckpointCheck};
use crate::usecases::{self, Actor, Writer};

/// `clients` subcommands.
#[derive(Debug, Args)]
pub struct ClientsArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(subcommand)]
    pub command: ClientsCommand,
}

/// What to do with API clients.
#[derive(Debug, Subcommand)]
pub enum ClientsCommand {
    /// Register a client; prints its id and secret (shown only this once) as JSON.
    Create {
        /// A name people recognise, e.g. "Ministry licensing desk".
        #[arg(long)]
        name: String,
        /// What the client may do.
        #[arg(long, value_parser = role_named)]
        role: Role,
        /// The organisation (required for `ngo`).
        #[arg(long)]
        organization: Option<String>,
    },
    /// List the clients as JSON lines (never their secrets).
    List,
    /// Disable a client: its tokens stop working at once.
    Disable {
        /// The client id.
        client_id: String,
    },
    /// Give a client a new secret (printed once, as JSON); the old one stops
    /// working at once. Rotates away secrets kept as legacy Argon2 hashes
    /// (`clients list` shows them as `"legacy_secret": true`).
    RotateSecret {
        /// The client id.
        client_id: String,
    },
}

/// `keys` subcommands.
#[derive(Debug, Args)]
pub struct KeysArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(flatten)]
    pub kek: crate::config::KekArgs,
    #[command(subcommand)]
    pub command: KeysCommand,
}

/// What to do with signing keys.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Add a new key; it signs from now on, older keys still verify.
    Rotate {
        /// What the key signs: access tokens or licence statements.
        #[arg(long, value_parser = purpose_named, default_value = "token")]
        purpose: KeyPurpose,
    },
    /// Retire a key: tokens it signed stop verifying.
    Retire {
        /// The key id (`kid`).
        kid: String,
    },
    /// Write a new key-encryption key to FILE (mode 0600), unless FILE exists.
    CreateKek {
        /// Where to write it; keep it out of the database and its backups.
        file: std::path::PathBuf,
    },
}

/// `audit` subcommands.
#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Ed25519 private key (PKCS#8 PEM) that signs audit checkpoints; never
    /// in the database.
    #[arg(long, env = "AUDIT_CHECKPOINT_KEY_FILE", global = true)]
    pub checkpoint_key_file: Option<std::path::PathBuf>,
    #[command(subcommand)]
    pub command: AuditCommand,
}

/// What to check.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain; exits non-zero when it is broken, or when the
    /// chain was cut or rewritten behind a checkpoint.
    Verify {
        /// A checkpoint written by `audit checkpoint`: its signature is
        /// checked against the key of AUDIT_CHECKPOINT_KEY_FILE (or
        /// --checkpoint-public-key), then the record at its position.
        #[arg(long)]
        checkpoint: Option<std::path::PathBuf>,
        /// The trusted checkpoint public key (base64url), when the private
        /// key file is not at hand.
        #[arg(long)]
        checkpoint_public_key: Option<String>,
    },
    /// Sign the chain's head with the key of AUDIT_CHECKPOINT_KEY_FILE (an
    /// Ed25519 PKCS#8 PEM kept outside the database) and print the
    /// checkpoint as JSON; keep it somewhere the database's operators cannot write.
    Checkpoint,
}

/// The schema owner's URL: clients and keys are written by the owner only
/// (the runtime role may read them, never add one).
/// Connects as `DATABASE_URL`. Administrative commands run no migrations:
/// that is the owner's job (`migrate`, `serve`), and the runtime role may not.
async fn connect(url: &secrecy::SecretString) -> anyhow::Result<AsyncPgConnection> {
    Ok(AsyncPgConnection::establish(url.expose_secret()).await?)
}

/// The same write path as the API's, on a pool of its own: an
/// administrative change is audited exactly like an API one, as `cli:<user>`.
fn writer(url: &secrecy::SecretString) -> anyhow::Result<Writer> {
    let settings = PoolSettings {
        max_size: 2,
        ..PoolSettings::default()
    };
    Ok(Writer::new(build_pool(url.expose_secret(), &settings)?))
}

/// `agency-registry clients ...`
pub async fn clients(args: ClientsArgs) -> anyhow::Result<()> {
    let url = args.database.required_migration_url()?;
    let actor = Actor::cli();
    match args.command {
        ClientsCommand::Create {
            name,
            role,
            organization,
        } => {
            let organization = organization.map(|o| o.trim().to_owned()).filter(|o| !o.is_empty());
            let client_secret = secret::generate();
            let row = NewApiClient {
                client_id: secret::generate_client_id(),
                name,
                role,
                organization,
                secret_hash: secret::hash(&client_secret),
            };
            let client = usecases::clients::create(&writer(&url)?, &actor, row).await?;
            println!(
                "{}",
                json!({
                    "client_id": client.client_id,
                    "client_secret": client_secret,
                    "role": client.role,
                    "organization": client.organization,
                })
            );
        }
        ClientsCommand::List => {
            for client in ApiClient::all(&mut connect(&url).await?).await? {
                let mut line = serde_json::to_value(&client)?;
                line["legacy_secret"] = (secret::kind(&client.secret_hash) == secret::HashKind::LegacyArgon2).into();
                println!("{line}");
            }
        }
        ClientsCommand::RotateSecret { client_id } => {
            let client_secret = secret::generate();
            match usecases::clients::rotate_secret(&writer(&url)?, &actor, &client_id, &secret::hash(&client_secret))
                .await
            {
                Err(crate::usecases::error::UseCaseError::NotFound(_)) => bail!("no client {client_id}"),
                other => other?,
            };
            println!("{}", json!({"client_id": client_id, "client_secret": client_secret}));
        }
        ClientsCommand::Disable { client_id } => {
            match usecases::clients::disable(&writer(&url)?, &actor, &client_id).await {
                Err(crate::usecases::error::UseCaseError::NotFound(_)) => bail!("no enabled client {client_id}"),
                other => other?,
            };
            eprintln!("client {client_id} disabled; its tokens no longer work");
        }
    }
    Ok(())
}

/// `agency-registry keys ...`
pub async fn keys(args: KeysArgs) -> anyhow::Result<()> {
    if let KeysCommand::CreateKek { file } = &args.command {
        crate::auth::kek::Kek::create_file(file)?;
        eprintln!("key-encryption key in {}", file.display());
        return Ok(());
    }
    let writer = writer(&args.database.required_migration_url()?)?;
    let actor = Actor::cli();
    match args.command {
        KeysCommand::Rotate { purpose } => {
            let kek = args
                .kek
                .load()?
                .context("KEY_ENCRYPTION_KEY_FILE is not set: a new signing key is stored sealed with it")?;
            let key = keys::generate(&kek, purpose)?;
            usecases::keys::rotate(&writer, &actor, &key).await?;
            println!("{}", json!({"kid": key.kid}));
        }
        KeysCommand::Retire { kid } => {
            match usecases::keys::retire(&writer, &actor, &kid).await {
                Err(crate::usecases::error::UseCaseError::NotFound(_)) => bail!("no active key {kid}"),
                other => other?,
            };
            eprintln!("key {kid} retired; tokens it signed no longer verify");
        }
        KeysCommand::CreateKek { .. } => {}
    }
    Ok(())
}

/// `agency-registry audit verify | checkpoint`
pub async fn audit(args: AuditArgs) -> anyhow::Result<()> {
    let mut conn = connect(&args.database.required_url()?).await?;
    let checkpoint_key = || -> anyhow::Result<ed25519_dalek::SigningKey> {
        let path = args
            .checkpoint_key_file
            .as_ref()
            .context("AUDIT_CHECKPOINT_KEY_FILE is not set")?;
        let pem = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read AUDIT_CHECKPOINT_KEY_FILE {}", path.display()))?;
        checkpoint::signing_key(&pem).map_err(anyhow::Error::msg)
    };
    match &args.command {
        AuditCommand::Checkpoint => {
            let key = checkpoint_key()?;
            let (seq, hash) = AuditEvent::head(&mut conn)
                .await?
                .context("the audit trail is empty: nothing to checkpoint")?;
            let signed = Checkpoint::sign(&key, seq, &hash, chrono::Utc::now());
            println!("{}", serde_json::to_string(&signed)?);
        }
        AuditCommand::Verify {
            checkpoint: checkpoint_file,
            checkpoint_public_key,
        } => {
            // The checkpoint is checked before the walk: a forged one says nothing.
            let checkpoint = match checkpoint_file {
                Some(path) => {
                    let text = std::fs::read_to_string(path)
                        .with_context(|| format!("cannot read the checkpoint {}", path.display()))?;
                    let checkpoint: Checkpoint =
                        serde_json::from_str(&text).context("the checkpoint file is not a checkpoint")?;
                    let trusted = match checkpoint_public_key {
                        Some(key) => key.clone(),
                        None => checkpoint::public_key_of(&checkpoint_key().context(
                            "to trust a checkpoint, give AUDIT_CHECKPOINT_KEY_FILE or --checkpoint-public-key",
                        )?),
                    };
                    checkpoint.verify(&trusted).map_err(anyhow::Error::msg)?;
                    Some(checkpoint)
                }
                None => None,
            };
            let (checked, check) = AuditEvent::verify_chain(&mut conn)
                .await
                .context("reading the audit trail")?;
            let first_broken = match check {
                ChainCheck::Intact => None,
                ChainCheck::BrokenAt(id) => Some(id),
            };
            let at_checkpoint = match &checkpoint {
                Some(cp) => Some(checkpoint::compare(
                    AuditEvent::hash_at(&mut conn, cp.seq).await?.as_deref(),
                    &cp.hash,
                )),
                None => None,
            };
            let holds = at_checkpoint.is_none_or(|c| c == CheckpointCheck::Holds);
            println!(
                "{}",
                json!({
                    "ok": first_broken.is_none() && holds,
                    "checked": checked,
                    "first_broken": first_broken,
                    "checkpoint": at_checkpoint,
                })
            );
            if let Some(id) = first_broken {
                bail!("the audit trail is broken at record {id}");
            }
            if let (Some(cp), Some(found)) = (&checkpoint, at_checkpoint) {
                match found {
                    CheckpointCheck::Holds => {}
                    CheckpointCheck::Cut => {
                        bail!("the audit trail was cut: record {} of the checkpoint is gone", cp.seq)
                    }
                    CheckpointCheck::Rewritten => {
                        bail!(
                            "the audit trail was rewritten: record {} no longer has the checkpoint's hash",
                            cp.seq
                        )
                    }
                }
            }
        }
    }
    Ok(())
}

/// A role named on the command line (`ministry`, `ngo`, `auditor`).
fn role_named(name: &str) -> Result<Role, String> {
    Role::parse(name).ok_or_else(|| {
        let names: Vec<_> = Role::ALL.iter().map(|r| r.as_str()).collect();
        format!("must be one of {}", names.join(", "))
    })
}

/// A key purpose named on the command line (`token`, `statement`, `checkpoint`).
fn purpose_named(name: &str) -> Result<KeyPurpose, String> {
    KeyPurpose::parse(name).ok_or_else(|| {
        let names: Vec<_> = KeyPurpose::ALL.iter().map(|p| p.as_str()).collect();
        format!("must be one of {}", names.join(", "))
    })
}
