//! Who may do what, and what a key signs: the words the tokens, the
//! database and the command line share.

use serde::{Deserialize, Serialize};

/// What a client may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
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

    /// Every role.
    pub const ALL: [Self; 3] = [Self::Ministry, Self::Ngo, Self::Auditor];

    /// Reads a stored name back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// What a signing key signs. Each purpose has keys of its own, so that
/// nothing one signs can pass for another's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_read_back() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        for purpose in KeyPurpose::ALL {
            assert_eq!(KeyPurpose::parse(purpose.as_str()), Some(purpose));
        }
        assert_eq!(Role::parse("admin"), None);
    }
}
