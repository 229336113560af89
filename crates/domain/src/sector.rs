//! The economic sectors a licence may recruit for.

use serde::{Deserialize, Serialize};

/// A sector of work abroad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    /// Farming, harvesting, greenhouses.
    Agriculture,
    /// Building sites and civil works.
    Construction,
    /// Factories and assembly.
    Manufacturing,
    /// Hotels, restaurants, tourism.
    Hospitality,
    /// Care of the elderly, children or the sick.
    Care,
    /// Work inside a private household.
    DomesticWork,
    /// Hospitals and clinics.
    Healthcare,
    /// Drivers, logistics, warehouses.
    Transport,
    /// Shops and trade.
    Retail,
    /// Fishing and fish processing.
    Fishing,
    /// Mining and quarrying.
    Mining,
    /// Cleaning and facility services.
    Cleaning,
}

impl Sector {
    /// Every sector.
    pub const ALL: [Sector; 12] = [
        Self::Agriculture,
        Self::Construction,
        Self::Manufacturing,
        Self::Hospitality,
        Self::Care,
        Self::DomesticWork,
        Self::Healthcare,
        Self::Transport,
        Self::Retail,
        Self::Fishing,
        Self::Mining,
        Self::Cleaning,
    ];

    /// The name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agriculture => "agriculture",
            Self::Construction => "construction",
            Self::Manufacturing => "manufacturing",
            Self::Hospitality => "hospitality",
            Self::Care => "care",
            Self::DomesticWork => "domestic_work",
            Self::Healthcare => "healthcare",
            Self::Transport => "transport",
            Self::Retail => "retail",
            Self::Fishing => "fishing",
            Self::Mining => "mining",
            Self::Cleaning => "cleaning",
        }
    }

    /// Reads a stored name back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_serde_and_round_trip() {
        for s in Sector::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
            assert_eq!(Sector::parse(s.as_str()), Some(s));
        }
    }
}
