//! Agency search and the agency page.

pub mod create_agency;
pub mod create_representative;
pub mod fields;
pub mod find_agency;
pub mod issue_license;
pub mod list_agencies;
pub mod replace_agency_channels;
pub mod update_agency;
