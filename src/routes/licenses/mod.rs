//! The public licence check and a licence's history.

pub mod create_license_event;
pub mod find_license;
pub mod find_license_qr_png;
pub mod find_license_qr_svg;
pub mod find_license_statement;
pub mod list_license_events;
pub mod qr;
pub mod update_license_event_reason;

use serde::Deserialize;
use utoipa::IntoParams;

use crate::domain::license_number::LicenseNumber;
use crate::error::ApiError;

/// The `{number}` path segment of the licence operations.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct LicenseNumberPath {
    /// Licence number as typed: case, spaces, the separators `-` `/` `.` and
    /// Cyrillic look-alike letters are forgiven.
    // The same text as `INPUT_PATTERN` (utoipa takes only a literal here; a test holds them together).
    #[param(
        max_length = 64,
        pattern = "^[-/._ \u{2010}-\u{2015}\u{2212}0-9A-Za-zАВЕКМНОРСТХавекмнорстх]*[0-9A-Za-zАВЕКМНОРСТХавекмнорстх][-/._ \u{2010}-\u{2015}\u{2212}0-9A-Za-zАВЕКМНОРСТХавекмнорстх]*$",
        example = "UZ-TK-0123"
    )]
    pub number: String,
}

/// Reads the `{number}` path segment the way the public lookup forgives it.
pub fn parse_number(raw: &str) -> Result<LicenseNumber, ApiError> {
    LicenseNumber::parse(raw).map_err(|e| {
        ApiError::BadRequest(crate::msg!(
            "detail-not-a-license-number",
            text = format!("{raw:.64}"),
            reason = crate::i18n::Message::from(&e)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_pattern_is_the_domain_pattern() {
        let params = serde_json::to_value(LicenseNumberPath::into_params(|| None)).unwrap();
        assert_eq!(
            params[0]["schema"]["pattern"],
            crate::domain::license_number::INPUT_PATTERN
        );
        let params = serde_json::to_value(update_license_event_reason::LicenseEventPath::into_params(|| None)).unwrap();
        assert_eq!(
            params[0]["schema"]["pattern"],
            crate::domain::license_number::INPUT_PATTERN
        );
        // Bodies that name a licence say the same.
        let doc = crate::openapi::document();
        let schemas = serde_json::to_value(&doc.components).unwrap()["schemas"].clone();
        let complaint = &schemas["CreateComplaintRequest"]["allOf"][0];
        for (name, schema) in [
            ("IssueLicenseRequest", &schemas["IssueLicenseRequest"]),
            ("CreateComplaintRequest", complaint),
        ] {
            assert_eq!(
                schema["properties"]["license_number"]["pattern"],
                crate::domain::license_number::INPUT_PATTERN,
                "{name}"
            );
        }
        // Reasons: required ones must say something, optional ones may be empty.
        for action in schemas["LicenseEventRequest"]["oneOf"].as_array().unwrap() {
            let required = action["required"].as_array().unwrap().contains(&"reason".into());
            let expected = if required {
                crate::domain::text::NON_BLANK_TEXT_PATTERN
            } else {
                crate::domain::text::TEXT_PATTERN
            };
            assert_eq!(action["properties"]["reason"]["pattern"], expected, "{action}");
        }
        assert_eq!(
            schemas["NoteRequest"]["properties"]["note"]["pattern"],
            crate::domain::text::NON_BLANK_TEXT_PATTERN
        );
    }
}
