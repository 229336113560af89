//! Uzbekistan's 14 first-level divisions, by their ISO 3166-2:UZ codes.

use serde::{Deserialize, Serialize};

/// A region of Uzbekistan (ISO 3166-2:UZ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Region {
    /// Andijan Region.
    #[serde(rename = "UZ-AN")]
    Andijan,
    /// Bukhara Region.
    #[serde(rename = "UZ-BU")]
    Bukhara,
    /// Fergana Region.
    #[serde(rename = "UZ-FA")]
    Fergana,
    /// Jizzakh Region.
    #[serde(rename = "UZ-JI")]
    Jizzakh,
    /// Namangan Region.
    #[serde(rename = "UZ-NG")]
    Namangan,
    /// Navoiy Region.
    #[serde(rename = "UZ-NW")]
    Navoiy,
    /// Qashqadaryo Region.
    #[serde(rename = "UZ-QA")]
    Qashqadaryo,
    /// Republic of Karakalpakstan.
    #[serde(rename = "UZ-QR")]
    Karakalpakstan,
    /// Samarqand Region.
    #[serde(rename = "UZ-SA")]
    Samarqand,
    /// Sirdaryo Region.
    #[serde(rename = "UZ-SI")]
    Sirdaryo,
    /// Surxondaryo Region.
    #[serde(rename = "UZ-SU")]
    Surxondaryo,
    /// Tashkent city.
    #[serde(rename = "UZ-TK")]
    TashkentCity,
    /// Tashkent Region.
    #[serde(rename = "UZ-TO")]
    TashkentRegion,
    /// Xorazm Region.
    #[serde(rename = "UZ-XO")]
    Xorazm,
}

impl Region {
    /// All 14 regions.
    pub const ALL: [Region; 14] = [
        Self::Andijan,
        Self::Bukhara,
        Self::Fergana,
        Self::Jizzakh,
        Self::Namangan,
        Self::Navoiy,
        Self::Qashqadaryo,
        Self::Karakalpakstan,
        Self::Samarqand,
        Self::Sirdaryo,
        Self::Surxondaryo,
        Self::TashkentCity,
        Self::TashkentRegion,
        Self::Xorazm,
    ];

    /// The ISO 3166-2 code, as stored and as sent.
    pub fn code(self) -> &'static str {
        match self {
            Self::Andijan => "UZ-AN",
            Self::Bukhara => "UZ-BU",
            Self::Fergana => "UZ-FA",
            Self::Jizzakh => "UZ-JI",
            Self::Namangan => "UZ-NG",
            Self::Navoiy => "UZ-NW",
            Self::Qashqadaryo => "UZ-QA",
            Self::Karakalpakstan => "UZ-QR",
            Self::Samarqand => "UZ-SA",
            Self::Sirdaryo => "UZ-SI",
            Self::Surxondaryo => "UZ-SU",
            Self::TashkentCity => "UZ-TK",
            Self::TashkentRegion => "UZ-TO",
            Self::Xorazm => "UZ-XO",
        }
    }

    /// Reads a stored code back.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fourteen_distinct_codes_round_trip() {
        let mut codes: Vec<_> = Region::ALL.iter().map(|r| r.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 14);
        for r in Region::ALL {
            assert_eq!(Region::from_code(r.code()), Some(r));
            assert_eq!(serde_json::to_value(r).unwrap(), r.code());
        }
    }
}
