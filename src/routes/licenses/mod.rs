//! The public licence check and a licence's history.

pub mod create_job_order;
pub mod create_license_event;
pub mod find_license;
pub mod find_license_qr_png;
pub mod find_license_qr_svg;
pub mod find_license_statement;
pub mod list_license_events;
pub mod qr;
pub mod update_license_event_reason;

use serde::Deserialize;

use crate::domain::fields::LicenseNumberText;
use utoipa::IntoParams;

use crate::domain::license_number::LicenseNumber;
use crate::error::ApiError;

/// The `{number}` path segment of the licence operations.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct LicenseNumberPath {
    /// Licence number as typed: case, spaces, the separators `-` `/` `.` and
    /// Cyrillic look-alike letters are forgiven.
    #[param(inline)]
    pub number: LicenseNumberText,
}

/// Reads the `{number}` path segment the way the public lookup forgives it.
pub fn parse_number(number: &LicenseNumberText) -> Result<LicenseNumber, ApiError> {
    let raw = number.as_str();
    LicenseNumber::parse(raw).map_err(|e| {
        ApiError::BadRequest(crate::msg!(
            "detail-not-a-license-number",
            text = format!("{raw:.64}"),
            reason = crate::i18n::Message::from(&e)
        ))
    })
}
