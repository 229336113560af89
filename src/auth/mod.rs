//! Who is calling: API clients, their secrets, signed access tokens, and the
//! request extractor that turns a bearer token into a [`Principal`].

pub mod checkpoint;
pub mod extract;
pub mod jwt;
pub mod kek;
pub mod keys;
pub mod secret;
pub mod statement;

use serde::{Deserialize, Serialize};

/// What a client may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Ministry staff systems: write agencies and licences, triage complaints.
    Ministry,
    /// Partner NGOs: file and follow their own organisation's complaints.
    Ngo,
    /// Auditors: read the audit trail.
    Auditor,
}

impl Role {
    /// The name used in tokens and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ministry => "ministry",
            Self::Ngo => "ngo",
            Self::Auditor => "auditor",
        }
    }

    /// Reads a stored name back.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Ministry, Self::Ngo, Self::Auditor]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// What a signing key signs. Each purpose has keys of its own, so that
/// nothing one signs can pass for another's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum KeyPurpose {
    /// Access tokens (`at+jwt`).
    Token,
    /// Licence statements (`licence-statement+jwt`).
    Statement,
    /// The audit trail's public hourly checkpoints.
    Checkpoint,
}

impl KeyPurpose {
    /// Every purpose.
    pub const ALL: [Self; 3] = [Self::Token, Self::Statement, Self::Checkpoint];

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Token => "token",
            Self::Statement => "statement",
            Self::Checkpoint => "checkpoint",
        }
    }

    /// Reads a stored name back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Why a token is refused. The text goes to the client: it names the
/// problem, never a secret.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("the token is malformed")]
    Malformed,
    #[error("the token names no key (`kid`)")]
    NoKid,
    #[error("the token was signed with a key this service does not know")]
    UnknownKey,
    #[error("the token has expired")]
    Expired,
    #[error("the token is invalid: {0}")]
    Invalid(String),
    #[error("no key is available to sign tokens")]
    NoSigningKey,
}

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The API client's id.
    pub client_id: String,
    /// Its role.
    pub role: Role,
    /// Its organisation (always set for NGOs).
    pub organization: Option<String>,
    /// The request id, recorded in the audit trail.
    pub request_id: Option<String>,
}

impl Principal {
    /// Refuses the request (403) unless the caller has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), crate::error::ApiError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            let names: Vec<_> = roles.iter().map(|r| r.as_str()).collect();
            Err(crate::error::ApiError::Forbidden(crate::msg!(
                "detail-role-needed",
                needed = names.join(", "),
                role = self.role.as_str()
            )))
        }
    }
}
