//! The licence lifecycle as a state machine: which ministry actions are
//! possible from which status, and where they lead.
//!
//! Transitions start from the status in force today (a lapsed `active`
//! licence is `expired`), so staff act on what the public sees.

use serde::{Deserialize, Serialize};

use super::license_status::{LicenseAction, LicenseStatus};

/// What ministry staff can do to an issued licence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LicenseCommand {
    /// Withdraw temporarily, optionally until a date.
    Suspend,
    /// Lift a suspension.
    Reinstate,
    /// Extend the validity to a new `valid_until`.
    Renew,
    /// Withdraw for good.
    Revoke,
    /// Record that the agency gave the licence up.
    Surrender,
}

impl LicenseCommand {
    /// Every command.
    pub const ALL: [LicenseCommand; 5] = [
        Self::Suspend,
        Self::Reinstate,
        Self::Renew,
        Self::Revoke,
        Self::Surrender,
    ];

    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Suspend => "suspend",
            Self::Reinstate => "reinstate",
            Self::Renew => "renew",
            Self::Revoke => "revoke",
            Self::Surrender => "surrender",
        }
    }

    /// The history entry the command writes.
    pub fn action(self) -> LicenseAction {
        match self {
            Self::Suspend => LicenseAction::Suspended,
            Self::Reinstate => LicenseAction::Reinstated,
            Self::Renew => LicenseAction::Renewed,
            Self::Revoke => LicenseAction::Revoked,
            Self::Surrender => LicenseAction::Surrendered,
        }
    }

    /// The status the command leads to from `from`, if it is possible there.
    pub fn target(self, from: LicenseStatus) -> Option<LicenseStatus> {
        use LicenseStatus::*;
        match (self, from) {
            (Self::Suspend, Active) => Some(Suspended),
            (Self::Reinstate, Suspended) => Some(Active),
            (Self::Renew, Active | Expired) => Some(Active),
            (Self::Revoke, Active | Suspended | Expired) => Some(Revoked),
            (Self::Surrender, Active | Suspended | Expired) => Some(Surrendered),
            _ => None,
        }
    }
}

/// A command that is not possible from the licence's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpossibleTransition {
    /// The status in force.
    pub from: LicenseStatus,
    /// What was asked.
    pub command: LicenseCommand,
    /// What is possible from `from` (empty for the final statuses).
    pub possible: Vec<LicenseCommand>,
}

impl std::fmt::Display for ImpossibleTransition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a {} licence cannot be {}",
            self.from.as_str(),
            self.command.action().as_str()
        )?;
        if self.possible.is_empty() {
            write!(f, "; {} is final", self.from.as_str())
        } else {
            let names: Vec<_> = self.possible.iter().map(|c| c.as_str()).collect();
            write!(f, "; possible now: {}", names.join(", "))
        }
    }
}

/// Where `command` leads from `from`, or why it cannot.
pub fn transition(from: LicenseStatus, command: LicenseCommand) -> Result<LicenseStatus, ImpossibleTransition> {
    command.target(from).ok_or_else(|| ImpossibleTransition {
        from,
        command,
        possible: possible_commands(from),
    })
}

/// The commands possible from `from`.
pub fn possible_commands(from: LicenseStatus) -> Vec<LicenseCommand> {
    LicenseCommand::ALL
        .into_iter()
        .filter(|c| c.target(from).is_some())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use LicenseCommand::*;
    use LicenseStatus::*;

    #[test]
    fn the_whole_transition_table() {
        let allowed = [
            (Active, Suspend, Suspended),
            (Active, Renew, Active),
            (Active, Revoke, Revoked),
            (Active, Surrender, Surrendered),
            (Suspended, Reinstate, Active),
            (Suspended, Revoke, Revoked),
            (Suspended, Surrender, Surrendered),
            (Expired, Renew, Active),
            (Expired, Revoke, Revoked),
            (Expired, Surrender, Surrendered),
        ];
        for from in LicenseStatus::ALL {
            for command in LicenseCommand::ALL {
                let expected = allowed
                    .iter()
                    .find(|(f, c, _)| *f == from && *c == command)
                    .map(|t| t.2);
                assert_eq!(transition(from, command).ok(), expected, "{from:?} {command:?}");
            }
        }
    }

    #[test]
    fn revoked_and_surrendered_are_final() {
        for from in [Revoked, Surrendered] {
            assert!(possible_commands(from).is_empty());
            let err = transition(from, Reinstate).unwrap_err();
            assert!(err.to_string().contains("is final"), "{err}");
        }
    }

    #[test]
    fn refusal_names_what_is_possible() {
        let err = transition(Suspended, Suspend).unwrap_err();
        assert_eq!(err.possible, vec![Reinstate, Revoke, Surrender]);
        assert_eq!(
            err.to_string(),
            "a suspended licence cannot be suspended; possible now: reinstate, revoke, surrender"
        );
    }
}
