//! The writable fields of an agency, checked once for create and update.

use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::db::models::{Agency, NewAgency};
use crate::domain::fields::{Email, Said, TaxpayerId, Text, Website};
use crate::domain::region::Region;
use crate::msg;
use crate::routes::validation::FieldErrors;
use crate::usecases::error::UseCaseError;

/// An agency as the ministry registers it.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateAgencyRequest {
    /// Registered legal name.
    #[schema(example = "Istiqbol Recruitment MChJ")]
    pub legal_name: Said<300>,
    /// Trade names and the name in other scripts (at most 20).
    #[serde(default)]
    #[validate(length(max = 20))]
    #[schema(max_items = 20, example = json!(["Истиқбол Рекрутмент"]))]
    pub other_names: Vec<Said<300>>,
    /// Taxpayer id (STIR): 9 digits, unique in the registry.
    pub taxpayer_id: TaxpayerId,
    /// Region of registration (ISO 3166-2:UZ).
    #[schema(value_type = Region)]
    pub region: String,
    /// Postal address.
    pub address: Option<Text<500>>,
    /// Phone number.
    pub phone: Option<Text<50>>,
    /// E-mail address.
    pub email: Option<Email>,
    /// Web site.
    pub website: Option<Website>,
}

impl CreateAgencyRequest {
    /// The current fields of an agency, to apply a patch to.
    pub fn from_agency(a: &Agency) -> Self {
        Self {
            legal_name: Said::new(a.legal_name.clone()),
            other_names: a.other_names.iter().cloned().map(Said::new).collect(),
            taxpayer_id: TaxpayerId::new(a.taxpayer_id.clone()),
            region: a.region.clone(),
            address: a.address.clone().map(Text::new),
            phone: a.phone.clone().map(Text::new),
            email: a.email.clone().map(Email::new),
            website: a.website.clone().map(Website::new),
        }
    }

    /// Validates every field (422 listing all problems) and returns the row
    /// to store: text in NFC, trimmed, deceptive characters refused.
    pub fn into_row(self, id: Uuid) -> Result<NewAgency, UseCaseError> {
        let mut errors = FieldErrors::of(&self);
        let legal_name = errors.check("legal_name", &self.legal_name);
        let other_names = errors.check_each("other_names", &self.other_names);
        let taxpayer_id = errors.check("taxpayer_id", &self.taxpayer_id);
        let region = Region::from_code(&self.region);
        if region.is_none() {
            errors.add("region", msg!("reason-region"));
        }
        let address = errors.check_optional("address", self.address.as_ref()).flatten();
        let phone = errors.check_optional("phone", self.phone.as_ref()).flatten();
        let email = errors.check_optional("email", self.email.as_ref());
        let website = errors.check_optional("website", self.website.as_ref());
        errors.finish()?;
        let legal_name = legal_name.unwrap_or_default();
        Ok(NewAgency {
            id,
            search_names: NewAgency::search_names_of(&legal_name, &other_names),
            legal_name,
            other_names,
            taxpayer_id: taxpayer_id.unwrap_or_default(),
            region: region.map(|r| r.code().to_owned()).unwrap_or_default(),
            address,
            phone,
            email,
            website,
            channels: crate::db::json::Jsonb(crate::db::models::Channels::default()),
        })
    }
}
