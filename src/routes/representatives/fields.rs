//! What the ministry sends about a representative, as registered and as
//! changed.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::db::models::{ChannelHandle, RepresentativeFields};
use crate::domain::fields::{HandleLink, Phone, Said, ValidityDate};
use crate::domain::region::Region;
use crate::msg;
use crate::routes::fields::present;
use crate::routes::validation::FieldErrors;
use crate::usecases::error::UseCaseError;
use crate::usecases::representatives::CardEdit;

/// Most work phones, and most handles, one representative has registered.
pub const MAX_CONTACTS: usize = 5;

/// A person an agency authorises to recruit for it. What is sent here is
/// public (the card, the contact check, the snapshot): send only the name
/// as on the passport and the work contacts used for recruiting, never an
/// ID document number or a home address.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RepresentativeRequest {
    /// Full name as on the passport.
    #[schema(example = "Aliyev Jasur Karimovich")]
    pub full_name: Said<200>,
    /// Regions where they recruit (ISO 3166-2:UZ), at least one.
    #[validate(length(min = 1, max = 14))]
    #[schema(value_type = Vec<Region>, min_items = 1, max_items = 14, example = json!(["UZ-TK"]))]
    pub regions: Vec<String>,
    /// Work phones they recruit through, in any formatting (stored E.164).
    #[serde(default)]
    #[validate(length(max = 5))]
    #[schema(max_items = 5, example = json!(["+998 90 123-45-67"]))]
    pub phones: Vec<Phone>,
    /// Work messenger and social accounts they recruit through, as links.
    #[serde(default)]
    #[validate(length(max = 5))]
    #[schema(max_items = 5, example = json!(["https://t.me/jasur_istiqbol"]))]
    pub handles: Vec<HandleLink>,
    /// First day of the authorisation (default: today).
    pub valid_from: Option<ValidityDate>,
    /// Last day of the authorisation (none: until withdrawn).
    pub valid_until: Option<ValidityDate>,
}

impl RepresentativeRequest {
    /// The fields to register (422 listing every misfit).
    pub fn into_fields(self, today: NaiveDate) -> Result<RepresentativeFields, UseCaseError> {
        let mut errors = FieldErrors::of(&self);
        let full_name = errors.check("full_name", &self.full_name);
        let regions = regions(&mut errors, &self.regions);
        let phones = errors.check_each("phones", &self.phones);
        let handles = handles(&mut errors, &self.handles);
        let valid_from = errors.check_optional("valid_from", self.valid_from.as_ref());
        let valid_until = errors.check_optional("valid_until", self.valid_until.as_ref());
        let fields = RepresentativeFields {
            full_name: full_name.unwrap_or_default(),
            regions,
            phones: sorted(phones),
            handles: sorted(handles),
            valid_from: valid_from.unwrap_or(today),
            valid_until,
        };
        dates_in_order(&mut errors, &fields);
        errors.finish()?;
        Ok(fields)
    }
}

/// A JSON merge patch (RFC 7396) of a representative: only the fields sent
/// change; `null` clears `valid_until`. `"status": "active"` makes a
/// withdrawn card active again (the withdrawal stays in its history); a
/// card is withdrawn with `POST …/withdrawal`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RepresentativeChangeset {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Said<200>, required = false)]
    pub full_name: Option<Option<Said<200>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Vec<Region>, required = false, min_items = 1, max_items = 14)]
    pub regions: Option<Option<Vec<String>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Vec<Phone>, required = false, max_items = 5)]
    pub phones: Option<Option<Vec<Phone>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Vec<HandleLink>, required = false, max_items = 5)]
    pub handles: Option<Option<Vec<HandleLink>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = ValidityDate, required = false)]
    pub valid_from: Option<Option<ValidityDate>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<ValidityDate>, required = false)]
    pub valid_until: Option<Option<ValidityDate>>,
    /// `active` re-activates a withdrawn card (withdrawing is `POST …/withdrawal`).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Reactivation, required = false)]
    pub status: Option<Option<Reactivation>>,
}

/// The one status a patch may set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reactivation {
    Active,
}

impl RepresentativeChangeset {
    /// The stored fields with this patch applied (422 listing every misfit;
    /// `null` removes only `valid_until`).
    pub fn apply(self, mut fields: RepresentativeFields) -> Result<CardEdit, UseCaseError> {
        let mut errors = FieldErrors::default();
        let mut sent = |field: &str, null: bool| {
            if null {
                errors.add(field, msg!("reason-cannot-remove"));
            }
        };
        sent("full_name", self.full_name == Some(None));
        sent("regions", matches!(self.regions, Some(None)));
        sent("phones", matches!(self.phones, Some(None)));
        sent("handles", matches!(self.handles, Some(None)));
        sent("valid_from", self.valid_from == Some(None));
        sent("status", self.status == Some(None));
        if let Some(name) = errors.check_optional("full_name", self.full_name.flatten().as_ref()) {
            fields.full_name = name;
        }
        if let Some(list) = self.regions.flatten() {
            if list.is_empty() || list.len() > 14 {
                errors.add("regions", msg!("reason-items-between", min = 1, max = 14));
            }
            fields.regions = regions(&mut errors, &list);
        }
        if let Some(list) = self.phones.flatten() {
            if list.len() > MAX_CONTACTS {
                errors.add("phones", msg!("reason-items-between", min = 0, max = MAX_CONTACTS));
            }
            fields.phones = sorted(errors.check_each("phones", &list));
        }
        if let Some(list) = self.handles.flatten() {
            if list.len() > MAX_CONTACTS {
                errors.add("handles", msg!("reason-items-between", min = 0, max = MAX_CONTACTS));
            }
            fields.handles = sorted(handles(&mut errors, &list));
        }
        if let Some(from) = errors.check_optional("valid_from", self.valid_from.flatten().as_ref()) {
            fields.valid_from = from;
        }
        match &self.valid_until {
            Some(Some(until)) => fields.valid_until = errors.check("valid_until", until),
            Some(None) => fields.valid_until = None,
            None => {}
        }
        dates_in_order(&mut errors, &fields);
        errors.finish()?;
        Ok(CardEdit {
            fields,
            reactivate: self.status == Some(Some(Reactivation::Active)),
        })
    }
}

fn regions(errors: &mut FieldErrors, given: &[String]) -> Vec<String> {
    let mut regions = Vec::new();
    for (i, code) in given.iter().enumerate() {
        match Region::from_code(code) {
            Some(r) if !regions.iter().any(|c| c == r.code()) => regions.push(r.code().to_owned()),
            Some(_) => {}
            None => errors.add(&format!("regions[{i}]"), msg!("reason-region")),
        }
    }
    regions
}

fn handles(errors: &mut FieldErrors, given: &[HandleLink]) -> Vec<ChannelHandle> {
    errors
        .check_each("handles", given)
        .into_iter()
        .filter_map(|h| {
            Some(ChannelHandle {
                platform: h.platform?.as_str().to_owned(),
                name: h.name,
            })
        })
        .collect()
}

fn sorted<T: Ord>(mut list: Vec<T>) -> Vec<T> {
    list.sort();
    list.dedup();
    list
}

fn dates_in_order(errors: &mut FieldErrors, fields: &RepresentativeFields) {
    if fields.valid_until.is_some_and(|until| until < fields.valid_from) {
        errors.add("valid_until", msg!("reason-until-before-from"));
    }
}
