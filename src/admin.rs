//! The administrative commands: API clients, signing keys, audit checks.
//! Every change they make is in the audit trail, like the API's.

use anyhow::{bail, Context};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use secrecy::ExposeSecret;
use serde_json::json;

use crate::auth::{keys, secret, Role};
use clap::{Args, Subcommand};

use crate::config::DatabaseArgs;
use crate::db::models::{ApiClient, AuditEvent, NewApiClient, NewAuditEvent, SigningKeyRow};
use crate::domain::audit_chain::ChainCheck;
use crate::domain::checkpoint::{self, Checkpoint, CheckpointCheck};

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
        #[arg(long, value_enum)]
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
    Rotate,
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

fn required_url(db: &DatabaseArgs) -> anyhow::Result<secrecy::SecretString> {
    db.required_url()
}

/// Who the command line acts as, in the audit trail.
pub(crate) fn cli_actor() -> (String, String) {
    let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
    (format!("cli:{user}"), "admin".into())
}

fn record(
    resource_type: &str,
    resource_id: &str,
    action: &str,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> NewAuditEvent {
    let (actor, actor_role) = cli_actor();
    NewAuditEvent {
        actor,
        actor_role,
        resource_type: resource_type.into(),
        resource_id: resource_id.into(),
        action: action.into(),
        before,
        after,
        request_id: None,
    }
}

/// Connects as `DATABASE_URL`. Administrative commands run no migrations:
/// that is the owner's job (`migrate`, `serve`), and the runtime role may not.
async fn connect(url: &secrecy::SecretString) -> anyhow::Result<AsyncPgConnection> {
    Ok(AsyncPgConnection::establish(url.expose_secret()).await?)
}

/// `agency-registry clients ...`
pub async fn clients(args: ClientsArgs) -> anyhow::Result<()> {
    let mut conn = connect(&required_url(&args.database)?).await?;
    match args.command {
        ClientsCommand::Create {
            name,
            role,
            organization,
        } => {
            let organization = organization.map(|o| o.trim().to_owned()).filter(|o| !o.is_empty());
            if role == Role::Ngo && organization.is_none() {
                bail!("an ngo client needs --organization");
            }
            let client_secret = secret::generate();
            let secret_hash = secret::hash(&client_secret);
            let row = NewApiClient {
                client_id: secret::generate_client_id(),
                name,
                role: role.as_str().into(),
                organization,
                secret_hash,
            };
            let client = conn
                .transaction(async |conn| {
                    let client = ApiClient::insert(conn, &row).await?;
                    let after = serde_json::to_value(&client).ok();
                    AuditEvent::append(conn, &record("client", &client.client_id, "create", None, after)).await?;
                    Ok::<_, diesel::result::Error>(client)
                })
                .await?;
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
            for client in ApiClient::all(&mut conn).await? {
                println!("{}", serde_json::to_string(&client)?);
            }
        }
        ClientsCommand::Disable { client_id } => {
            let disabled = conn
                .transaction(async |conn| {
                    let Some(before) = ApiClient::disable(conn, &client_id).await? else {
                        return Ok(false);
                    };
                    let mut after = serde_json::to_value(&before).unwrap_or_default();
                    after["disabled"] = json!(true);
                    let before = serde_json::to_value(&before).ok();
                    AuditEvent::append(conn, &record("client", &client_id, "disable", before, Some(after))).await?;
                    Ok::<_, diesel::result::Error>(true)
                })
                .await?;
            if !disabled {
                bail!("no enabled client {client_id}");
            }
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
    let mut conn = connect(&required_url(&args.database)?).await?;
    match args.command {
        KeysCommand::Rotate => {
            let kek = args
                .kek
                .load()?
                .context("KEY_ENCRYPTION_KEY_FILE is not set: a new signing key is stored sealed with it")?;
            let key = keys::generate(&kek)?;
            conn.transaction(async |conn| {
                SigningKeyRow::insert(conn, &key).await?;
                let after = json!({"kid": key.kid, "public_key": key.public_key});
                AuditEvent::append(conn, &record("key", &key.kid, "rotate", None, Some(after))).await
            })
            .await?;
            println!("{}", json!({"kid": key.kid}));
        }
        KeysCommand::Retire { kid } => {
            let retired = conn
                .transaction(async |conn| {
                    if SigningKeyRow::retire(conn, &kid).await? == 0 {
                        return Ok(false);
                    }
                    let after = json!({"kid": kid, "retired": true});
                    AuditEvent::append(conn, &record("key", &kid, "retire", None, Some(after))).await?;
                    Ok::<_, diesel::result::Error>(true)
                })
                .await?;
            if !retired {
                bail!("no active key {kid}");
            }
            eprintln!("key {kid} retired; tokens it signed no longer verify");
        }
        KeysCommand::CreateKek { .. } => {}
    }
    Ok(())
}

/// `agency-registry audit verify | checkpoint`
pub async fn audit(args: AuditArgs) -> anyhow::Result<()> {
    let mut conn = connect(&required_url(&args.database)?).await?;
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
