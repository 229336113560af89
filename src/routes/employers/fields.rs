//! What the ministry sends about a foreign employer, as accredited and as
//! changed.

use serde::Deserialize;
use utoipa::ToSchema;

use crate::db::models::EmployerFields;
use crate::domain::employer::EmployerAction;
use crate::domain::fields::{Country, Said, Text};
use crate::domain::sector::Sector;
use crate::msg;
use crate::routes::fields::present;
use crate::routes::validation::FieldErrors;
use crate::usecases::error::UseCaseError;

/// Most other names one employer has.
pub const MAX_OTHER_NAMES: usize = 10;

/// A foreign employer as the ministry accredits it. All of it is public.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmployerRequest {
    /// The name as registered abroad.
    #[schema(example = "Hanil Construction Co., Ltd.")]
    pub legal_name: Said<300>,
    /// Other spellings and scripts of the name (what an offer may print), up to 10.
    #[serde(default)]
    #[schema(max_items = 10, example = json!(["한일건설", "Ханил Констракшн"]))]
    pub other_names: Vec<Said<300>>,
    /// Where it is registered (ISO 3166-1 alpha-2).
    pub country: Country,
    /// Its registration number there.
    #[schema(example = "110111-1234567")]
    pub registration_number: Said<100>,
    /// The sectors it hires in, at least one.
    #[schema(min_items = 1, max_items = 12)]
    pub sectors: Vec<Sector>,
    /// Its address abroad.
    pub address: Option<Text<500>>,
}

impl EmployerRequest {
    /// The fields to register (422 listing every misfit).
    pub fn into_fields(self) -> Result<EmployerFields, UseCaseError> {
        let mut errors = FieldErrors::default();
        let fields = EmployerFields {
            legal_name: errors.check("legal_name", &self.legal_name).unwrap_or_default(),
            other_names: other_names(&mut errors, &self.other_names),
            country: errors.check("country", &self.country).unwrap_or_default(),
            registration_number: errors
                .check("registration_number", &self.registration_number)
                .unwrap_or_default(),
            sectors: sectors(&mut errors, &self.sectors),
            address: errors.check_optional("address", self.address.as_ref()).flatten(),
        };
        errors.finish()?;
        Ok(fields)
    }
}

fn other_names(errors: &mut FieldErrors, given: &[Said<300>]) -> Vec<String> {
    if given.len() > MAX_OTHER_NAMES {
        errors.add(
            "other_names",
            msg!("reason-items-between", min = 0, max = MAX_OTHER_NAMES),
        );
    }
    let mut names: Vec<String> = Vec::new();
    for name in errors.check_each("other_names", given) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

fn sectors(errors: &mut FieldErrors, given: &[Sector]) -> Vec<String> {
    if given.is_empty() || given.len() > Sector::ALL.len() {
        errors.add(
            "sectors",
            msg!("reason-items-between", min = 1, max = Sector::ALL.len()),
        );
    }
    let mut names: Vec<String> = Vec::new();
    for s in given {
        if !names.iter().any(|n| n == s.as_str()) {
            names.push(s.as_str().to_owned());
        }
    }
    names
}

/// A JSON merge patch (RFC 7396) of an employer: only the fields sent
/// change; `null` clears `address`. Its status changes with
/// `POST /v1/employers/{id}/events`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmployerChangeset {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Said<300>, required = false)]
    pub legal_name: Option<Option<Said<300>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Vec<Said<300>>, required = false, max_items = 10)]
    pub other_names: Option<Option<Vec<Said<300>>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Country, required = false)]
    pub country: Option<Option<Country>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Said<100>, required = false)]
    pub registration_number: Option<Option<Said<100>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Vec<Sector>, required = false, min_items = 1, max_items = 12)]
    pub sectors: Option<Option<Vec<Sector>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Text<500>>, required = false)]
    pub address: Option<Option<Text<500>>>,
}

impl EmployerChangeset {
    /// The stored fields with this patch applied (422 listing every misfit;
    /// `null` removes only `address`).
    pub fn apply(self, mut fields: EmployerFields) -> Result<EmployerFields, UseCaseError> {
        let mut errors = FieldErrors::default();
        let nulls = [
            ("legal_name", self.legal_name.as_ref().is_some_and(Option::is_none)),
            ("other_names", self.other_names.as_ref().is_some_and(Option::is_none)),
            ("country", self.country.as_ref().is_some_and(Option::is_none)),
            (
                "registration_number",
                self.registration_number.as_ref().is_some_and(Option::is_none),
            ),
            ("sectors", self.sectors.as_ref().is_some_and(Option::is_none)),
        ];
        for (field, null) in nulls {
            if null {
                errors.add(field, msg!("reason-cannot-remove"));
            }
        }
        if let Some(name) = errors.check_optional("legal_name", self.legal_name.flatten().as_ref()) {
            fields.legal_name = name;
        }
        if let Some(list) = self.other_names.flatten() {
            fields.other_names = other_names(&mut errors, &list);
        }
        if let Some(country) = errors.check_optional("country", self.country.flatten().as_ref()) {
            fields.country = country;
        }
        let number = self.registration_number.flatten();
        if let Some(number) = errors.check_optional("registration_number", number.as_ref()) {
            fields.registration_number = number;
        }
        if let Some(list) = self.sectors.flatten() {
            fields.sectors = sectors(&mut errors, &list);
        }
        match &self.address {
            Some(Some(address)) => fields.address = errors.check("address", address).flatten(),
            Some(None) => fields.address = None,
            None => {}
        }
        errors.finish()?;
        Ok(fields)
    }
}

/// A change of an employer's accreditation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmployerEventRequest {
    /// `suspend` (an accredited employer), `ban` (accredited or suspended:
    /// its open and filled job orders close), `reinstate` (suspended or banned).
    pub action: EmployerAction,
    /// Why, in words the public will read (no personal data).
    #[schema(example = "Workers reported unpaid wages; under review.")]
    pub reason: Said<1000>,
}

impl EmployerEventRequest {
    /// The action and its reason (422 when the reason is refused).
    pub fn into_parts(self) -> Result<(EmployerAction, String), UseCaseError> {
        let mut errors = FieldErrors::default();
        let reason = errors.check("reason", &self.reason);
        errors.finish()?;
        Ok((self.action, reason.unwrap_or_default()))
    }
}
