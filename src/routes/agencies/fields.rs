//! The writable fields of an agency, checked once for create and update.

use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::db::models::{Agency, NewAgency};
use crate::domain::region::Region;
use crate::domain::text::{is_email, is_taxpayer_id, is_website};
use crate::msg;
use crate::routes::validation::FieldErrors;
use crate::usecases::error::UseCaseError;

/// An agency as the ministry registers it.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateAgencyRequest {
    /// Registered legal name.
    #[validate(length(min = 1, max = 300))]
    #[schema(example = "Istiqbol Recruitment MChJ", min_length = 1, max_length = 300)]
    pub legal_name: String,
    /// Trade names and the name in other scripts (at most 20).
    #[serde(default)]
    #[validate(length(max = 20))]
    #[schema(example = json!(["Истиқбол Рекрутмент"]))]
    pub other_names: Vec<String>,
    /// Taxpayer id (STIR): 9 digits, unique in the registry.
    #[schema(example = "301234567", pattern = "^[0-9]{9}$")]
    pub taxpayer_id: String,
    /// Region of registration (ISO 3166-2:UZ).
    #[schema(value_type = Region)]
    pub region: String,
    /// Postal address.
    #[validate(length(max = 500))]
    pub address: Option<String>,
    /// Phone number.
    #[validate(length(max = 50))]
    pub phone: Option<String>,
    /// E-mail address.
    #[validate(length(max = 254))]
    pub email: Option<String>,
    /// Web site.
    #[validate(length(max = 500))]
    pub website: Option<String>,
}

impl CreateAgencyRequest {
    /// The patterns of [`Self::into_row`]'s checks, for the document (also
    /// those of the merge patch, which names the same fields).
    pub fn schema_rule(schema: &mut serde_json::Value) {
        use crate::domain::text::{EMAIL_PATTERN, NON_BLANK_TEXT_PATTERN, TEXT_PATTERN, WEBSITE_PATTERN};
        use crate::routes::validation::pattern;
        pattern(schema, "legal_name", NON_BLANK_TEXT_PATTERN);
        pattern(schema, "other_names", NON_BLANK_TEXT_PATTERN);
        schema["properties"]["other_names"]["items"]["maxLength"] = 300.into();
        schema["properties"]["other_names"]["maxItems"] = 20.into();
        pattern(schema, "address", TEXT_PATTERN);
        pattern(schema, "phone", TEXT_PATTERN);
        pattern(schema, "email", EMAIL_PATTERN);
        pattern(schema, "website", WEBSITE_PATTERN);
    }

    /// The current fields of an agency, to apply a patch to.
    pub fn from_agency(a: &Agency) -> Self {
        Self {
            legal_name: a.legal_name.clone(),
            other_names: a.other_names.clone(),
            taxpayer_id: a.taxpayer_id.clone(),
            region: a.region.clone(),
            address: a.address.clone(),
            phone: a.phone.clone(),
            email: a.email.clone(),
            website: a.website.clone(),
        }
    }

    /// Validates every field (422 listing all problems) and returns the row
    /// to store: text in NFC, trimmed, deceptive characters refused.
    pub fn into_row(self, id: Uuid) -> Result<NewAgency, UseCaseError> {
        let mut errors = FieldErrors::of(&self);
        if !is_taxpayer_id(&self.taxpayer_id) {
            errors.add("taxpayer_id", msg!("reason-taxpayer-id"));
        }
        let region = Region::from_code(&self.region);
        if region.is_none() {
            errors.add("region", msg!("reason-region"));
        }
        let legal_name = errors.text("legal_name", &self.legal_name);
        if legal_name.is_empty() {
            errors.add("legal_name", msg!("reason-blank"));
        }
        let mut other_names = Vec::with_capacity(self.other_names.len());
        for (i, name) in self.other_names.iter().enumerate() {
            let field = format!("other_names[{i}]");
            let clean = errors.text(&field, name);
            if clean.is_empty() || name.chars().count() > 300 {
                errors.add(&field, msg!("reason-length-between", min = 1, max = 300));
            }
            other_names.push(clean);
        }
        if self.email.as_deref().is_some_and(|e| !is_email(e)) {
            errors.add("email", msg!("reason-email"));
        }
        if self.website.as_deref().is_some_and(|w| !is_website(w)) {
            errors.add("website", msg!("reason-website"));
        }
        let mut optional =
            |field: &str, value: Option<String>| value.map(|v| errors.text(field, &v)).filter(|v| !v.is_empty());
        let address = optional("address", self.address);
        let phone = optional("phone", self.phone);
        let email = optional("email", self.email);
        let website = optional("website", self.website);
        errors.finish()?;
        Ok(NewAgency {
            id,
            search_names: NewAgency::search_names_of(&legal_name, &other_names),
            legal_name,
            other_names,
            taxpayer_id: self.taxpayer_id,
            region: region.map(|r| r.code().to_owned()).unwrap_or_default(),
            address,
            phone,
            email,
            website,
        })
    }
}
