//! Agency search and the agency page.

pub mod find_agency;
pub mod list_agencies;
pub mod search_cache;
