//! A foreign employer (the principal abroad) the ministry vets, and what its
//! standing means for the job orders registered with it.

use serde::{Deserialize, Serialize};

/// Whether the ministry lets agencies recruit for the employer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EmployerStatus {
    /// Vetted: agencies may register job orders with it.
    Accredited,
    /// Under review: its job orders are not open until it is reinstated.
    Suspended,
    /// Found abusing workers, or not real: its job orders are closed.
    Banned,
}

impl EmployerStatus {
    /// All three.
    pub const ALL: [Self; 3] = [Self::Accredited, Self::Suspended, Self::Banned];

    /// The name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accredited => "accredited",
            Self::Suspended => "suspended",
            Self::Banned => "banned",
        }
    }

    /// Reads the stored name back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }

    /// Whether agencies may recruit workers for it today.
    pub fn may_hire(self) -> bool {
        self == Self::Accredited
    }
}

/// What the ministry does to an employer's accreditation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EmployerAction {
    Suspend,
    Ban,
    Reinstate,
}

impl EmployerAction {
    /// The name used in JSON, in the audit trail and in the history.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Suspend => "suspend",
            Self::Ban => "ban",
            Self::Reinstate => "reinstate",
        }
    }
}

/// Why an action does not apply to an employer as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmployerRefusal {
    pub action: EmployerAction,
    pub status: EmployerStatus,
}

impl std::fmt::Display for EmployerRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let action = self.action.as_str();
        write!(
            f,
            "an employer that is {} cannot be given `{action}`",
            self.status.as_str()
        )
    }
}

impl std::error::Error for EmployerRefusal {}

/// The status after `action`: suspend an accredited employer, ban an
/// accredited or suspended one, reinstate a suspended or banned one.
/// Anything else (suspending twice, banning twice, reinstating an
/// accredited employer) is refused rather than recorded as a change.
pub fn employer_after(status: EmployerStatus, action: EmployerAction) -> Result<EmployerStatus, EmployerRefusal> {
    use EmployerAction::*;
    use EmployerStatus::*;
    match (status, action) {
        (Accredited, Suspend) => Ok(Suspended),
        (Accredited | Suspended, Ban) => Ok(Banned),
        (Suspended | Banned, Reinstate) => Ok(Accredited),
        _ => Err(EmployerRefusal { action, status }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_from_every_status() {
        use EmployerAction::*;
        use EmployerStatus::*;
        let table = [
            (Accredited, Suspend, Some(Suspended)),
            (Accredited, Ban, Some(Banned)),
            (Accredited, Reinstate, None),
            (Suspended, Suspend, None),
            (Suspended, Ban, Some(Banned)),
            (Suspended, Reinstate, Some(Accredited)),
            (Banned, Suspend, None),
            (Banned, Ban, None),
            (Banned, Reinstate, Some(Accredited)),
        ];
        for (from, action, to) in table {
            assert_eq!(employer_after(from, action).ok(), to, "{from:?} {action:?}");
        }
        assert!(EmployerStatus::ALL
            .iter()
            .all(|s| EmployerStatus::parse(s.as_str()) == Some(*s)));
        assert_eq!(
            EmployerStatus::ALL.iter().filter(|s| s.may_hire()).count(),
            1,
            "only an accredited employer"
        );
    }
}
