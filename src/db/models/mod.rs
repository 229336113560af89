//! Rows as stored, and the queries over them.

pub mod agency;
pub mod agency_search;
pub mod license;
pub mod license_event;

pub use agency::{Agency, NewAgency};
pub use agency_search::{AgencySearch, QueryTerms, SearchPosition, SearchedAgency};
pub use license::{License, NewLicense};
pub use license_event::{LicenseEvent, NewLicenseEvent};
