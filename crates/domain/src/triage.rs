//! Complaints: their categories and the ministry's triage as a state machine.

use serde::{Deserialize, Serialize};

/// What a complaint is about, after the ILO forced-labour indicators and the
/// fair-recruitment principles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintCategory {
    RecruitmentFees,
    DeceptionAboutJob,
    ContractSubstitution,
    DocumentRetention,
    WithheldWages,
    DebtBondage,
    RestrictionOfMovement,
    ThreatsOrViolence,
    AbusiveConditions,
    UnlicensedRecruitment,
    Other,
}

impl ComplaintCategory {
    /// Every category.
    pub const ALL: [ComplaintCategory; 11] = [
        Self::RecruitmentFees,
        Self::DeceptionAboutJob,
        Self::ContractSubstitution,
        Self::DocumentRetention,
        Self::WithheldWages,
        Self::DebtBondage,
        Self::RestrictionOfMovement,
        Self::ThreatsOrViolence,
        Self::AbusiveConditions,
        Self::UnlicensedRecruitment,
        Self::Other,
    ];

    /// The name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RecruitmentFees => "recruitment_fees",
            Self::DeceptionAboutJob => "deception_about_job",
            Self::ContractSubstitution => "contract_substitution",
            Self::DocumentRetention => "document_retention",
            Self::WithheldWages => "withheld_wages",
            Self::DebtBondage => "debt_bondage",
            Self::RestrictionOfMovement => "restriction_of_movement",
            Self::ThreatsOrViolence => "threats_or_violence",
            Self::AbusiveConditions => "abusive_conditions",
            Self::UnlicensedRecruitment => "unlicensed_recruitment",
            Self::Other => "other",
        }
    }

    /// Reads a stored name back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// What a step of a complaint's history is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintEventKind {
    /// A ministry decision.
    Triage,
    /// Information from the filing organisation.
    Note,
}

impl ComplaintEventKind {
    /// The name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Triage => "triage",
            Self::Note => "note",
        }
    }

    /// Reads a stored name back.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Triage, Self::Note].into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a complaint stands in triage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    /// Filed, not yet looked at.
    Received,
    /// The ministry is looking into it.
    UnderReview,
    /// The ministry asked the filing NGO for more.
    NeedsInformation,
    /// Handed to the police or prosecutors.
    ReferredToLawEnforcement,
    /// Found true.
    Substantiated,
    /// Not found true.
    Unsubstantiated,
    /// Done.
    Closed,
}

impl ComplaintStatus {
    /// Every status.
    pub const ALL: [ComplaintStatus; 7] = [
        Self::Received,
        Self::UnderReview,
        Self::NeedsInformation,
        Self::ReferredToLawEnforcement,
        Self::Substantiated,
        Self::Unsubstantiated,
        Self::Closed,
    ];

    /// The name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::UnderReview => "under_review",
            Self::NeedsInformation => "needs_information",
            Self::ReferredToLawEnforcement => "referred_to_law_enforcement",
            Self::Substantiated => "substantiated",
            Self::Unsubstantiated => "unsubstantiated",
            Self::Closed => "closed",
        }
    }

    /// Reads a stored name back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The statuses the ministry may move a complaint to from this one.
    pub fn next(self) -> &'static [ComplaintStatus] {
        use ComplaintStatus::*;
        match self {
            Received => &[UnderReview],
            UnderReview => &[
                NeedsInformation,
                ReferredToLawEnforcement,
                Substantiated,
                Unsubstantiated,
            ],
            NeedsInformation => &[UnderReview],
            ReferredToLawEnforcement | Substantiated | Unsubstantiated => &[Closed],
            Closed => &[],
        }
    }

    /// Whether what a complaint in this status (with this `outcome`) says
    /// may be shown to the public: only once the ministry has looked at it
    /// (past `received`), and never once it was found unsubstantiated.
    pub fn is_public(self, outcome: Option<ComplaintStatus>) -> bool {
        self != Self::Received && self != Self::Unsubstantiated && outcome != Some(Self::Unsubstantiated)
    }

    /// A finding that public counts keep after the complaint is closed.
    pub fn is_outcome(self) -> bool {
        matches!(
            self,
            Self::ReferredToLawEnforcement | Self::Substantiated | Self::Unsubstantiated
        )
    }
}

/// A triage move that is not possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpossibleTriage {
    pub from: ComplaintStatus,
    pub to: ComplaintStatus,
}

impl std::fmt::Display for ImpossibleTriage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let next: Vec<_> = self.from.next().iter().map(|s| s.as_str()).collect();
        write!(
            f,
            "a complaint {} cannot move to {}",
            self.from.as_str(),
            self.to.as_str()
        )?;
        if next.is_empty() {
            write!(f, "; {} is final", self.from.as_str())
        } else {
            write!(f, "; possible now: {}", next.join(", "))
        }
    }
}

/// Checks a triage move.
pub fn triage(from: ComplaintStatus, to: ComplaintStatus) -> Result<ComplaintStatus, ImpossibleTriage> {
    if from.next().contains(&to) {
        Ok(to)
    } else {
        Err(ImpossibleTriage { from, to })
    }
}

/// Where a note from the filing NGO moves the complaint: an answer to a
/// request for information sends it back to review.
pub fn after_note(status: ComplaintStatus) -> ComplaintStatus {
    match status {
        ComplaintStatus::NeedsInformation => ComplaintStatus::UnderReview,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ComplaintStatus::*;

    #[test]
    fn the_triage_path() {
        let path = [
            Received,
            UnderReview,
            NeedsInformation,
            UnderReview,
            Substantiated,
            Closed,
        ];
        for pair in path.windows(2) {
            assert_eq!(triage(pair[0], pair[1]), Ok(pair[1]), "{pair:?}");
        }
        for outcome in [ReferredToLawEnforcement, Substantiated, Unsubstantiated] {
            assert_eq!(triage(UnderReview, outcome), Ok(outcome));
            assert_eq!(triage(outcome, Closed), Ok(Closed));
            assert!(outcome.is_outcome());
        }
    }

    #[test]
    fn impossible_moves_are_refused() {
        for (from, to) in [
            (Received, Substantiated),
            (Received, Closed),
            (Closed, UnderReview),
            (Substantiated, Unsubstantiated),
            (NeedsInformation, Closed),
        ] {
            assert!(triage(from, to).is_err(), "{from:?} -> {to:?}");
        }
        assert!(triage(Closed, Received)
            .unwrap_err()
            .to_string()
            .contains("closed is final"));
    }

    #[test]
    fn a_note_answers_a_request_for_information() {
        assert_eq!(after_note(NeedsInformation), UnderReview);
        assert_eq!(after_note(Received), Received);
    }

    #[test]
    fn names_round_trip() {
        for s in ComplaintStatus::ALL {
            assert_eq!(ComplaintStatus::parse(s.as_str()), Some(s));
        }
        for c in ComplaintCategory::ALL {
            assert_eq!(ComplaintCategory::parse(c.as_str()), Some(c));
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
    }

    #[test]
    fn only_what_the_ministry_has_looked_at_is_public() {
        use ComplaintStatus::*;
        assert!(!Received.is_public(None));
        assert!(UnderReview.is_public(None));
        assert!(NeedsInformation.is_public(None));
        assert!(Substantiated.is_public(Some(Substantiated)));
        assert!(!Unsubstantiated.is_public(Some(Unsubstantiated)));
        assert!(!Closed.is_public(Some(Unsubstantiated)));
        assert!(Closed.is_public(Some(ReferredToLawEnforcement)));
    }
}
