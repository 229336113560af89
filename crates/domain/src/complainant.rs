//! The person a complaint comes from: personal data of a possible victim.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::fields::Text;

/// The person the complaint comes from. Personal data: seen only by the
/// filing organisation and the ministry, never logged (its `Debug` says
/// nothing of it), never in the audit trail in clear. Stored as it is typed:
/// a stored value that stops fitting is an error, never dropped.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Complainant {
    /// Name.
    pub name: Option<Text<300>>,
    /// How to reach them.
    pub contact: Option<Text<300>>,
    /// Whether the ministry may contact them.
    #[serde(default)]
    pub consent_to_contact: bool,
    /// An anonymous complaint carries no name and no contact.
    #[serde(default)]
    pub anonymous: bool,
}

impl std::fmt::Debug for Complainant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Complainant { .. }")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_tells_nothing_of_the_person() {
        let person = Complainant {
            name: Some(Text::new("Madina Yusupova")),
            contact: Some(Text::new("+998909998877")),
            consent_to_contact: true,
            anonymous: false,
        };
        let shown = format!("{person:?}");
        assert!(!shown.contains("Madina") && !shown.contains("998"), "{shown}");
    }
}
