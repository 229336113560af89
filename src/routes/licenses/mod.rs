//! The public licence check and a licence's history.

pub mod find_license;
pub mod list_license_events;

use crate::domain::license_number::LicenseNumber;
use crate::error::ApiError;

/// Reads the `{number}` path segment the way the public lookup forgives it.
pub fn parse_number(raw: &str) -> Result<LicenseNumber, ApiError> {
    LicenseNumber::parse(raw)
        .map_err(|e| ApiError::BadRequest(format!("`{raw:.64}` is not a licence number: {e}")))
}
