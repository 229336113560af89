use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Complainant, ComplaintQuota, ComplaintResponse, Recruiter};
use crate::auth::extract::{Authorized, Filer};
use crate::domain::audit_chain::canonical_json;
use crate::domain::contact::normalise_phone;
use crate::domain::country;
use crate::domain::license_number::LicenseNumber;
use crate::domain::text;
use crate::domain::triage::ComplaintCategory;
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::i18n::Message;
use crate::msg;
use crate::routes::fields::Handle;
use crate::routes::now::Now;
use crate::routes::validation::{from_json_value, json_value, FieldErrors};
use crate::usecases::complaints::{self, Filing, Idempotency, Target};
use crate::usecases::{Actor, Writer};

/// Longest description, in characters.
const MAX_DESCRIPTION: usize = 10_000;

/// A complaint as an NGO (or the ministry) files it: against a registered
/// agency (`agency_id` or `license_number`) or an unregistered `recruiter`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateComplaintRequest {
    pub category: ComplaintCategory,
    /// A registered agency.
    pub agency_id: Option<Uuid>,
    /// A licence number, in any spelling the public check accepts.
    #[schema(
        min_length = 1,
        max_length = 64,
        pattern = "^[-/._ \u{2010}-\u{2015}\u{2212}0-9A-Za-zАВЕКМНОРСТХавекмнорстх]*[0-9A-Za-zАВЕКМНОРСТХавекмнорстх][-/._ \u{2010}-\u{2015}\u{2212}0-9A-Za-zАВЕКМНОРСТХавекмнорстх]*$"
    )]
    pub license_number: Option<String>,
    /// An unregistered recruiter.
    pub recruiter: Option<Recruiter>,
    /// What happened.
    #[schema(min_length = 1, max_length = 10000)]
    pub description: String,
    pub incident_date: Option<NaiveDate>,
    /// ISO 3166-1 alpha-2.
    #[schema(example = "KR")]
    pub destination_country: Option<String>,
    #[schema(minimum = 1, maximum = 100000)]
    pub workers_affected: Option<i32>,
    /// Optional; none for an anonymous complaint.
    pub complainant: Option<Complainant>,
}

impl CreateComplaintRequest {
    /// Exactly one target: `agency_id`, `license_number`, or a `recruiter`
    /// named by a name, a phone or a handle (`null` counts as absent), as
    /// [`Self::into_filing`] checks it.
    pub fn schema_rule(schema: &mut serde_json::Value) {
        crate::routes::validation::pattern(schema, "description", crate::domain::text::NON_BLANK_TEXT_PATTERN);
        crate::routes::validation::pattern(schema, "destination_country", &country::alpha2_pattern());
        crate::routes::validation::pattern(schema, "incident_date", crate::domain::dates::EVENT_DATE_PATTERN);
        let fields = schema.take();
        *schema = serde_json::json!({
            "description": fields["description"].clone(),
            "allOf": [fields, {
                "oneOf": [
                    {"type": "object", "title": "A registered agency by id", "required": ["agency_id"],
                     "properties": {"agency_id": {"type": "string"}}},
                    {"type": "object", "title": "A registered agency by licence number",
                     "required": ["license_number"], "properties": {"license_number": {"type": "string"}}},
                    {"type": "object", "title": "An unregistered recruiter", "required": ["recruiter"],
                     "properties": {"recruiter": {"anyOf": [
                         {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
                         {"type": "object", "required": ["phones"],
                          "properties": {"phones": {"type": "array", "items": {"type": "string"}, "minItems": 1}}},
                         {"type": "object", "required": ["handles"],
                          "properties": {"handles": {"type": "array", "items": {"type": "string"}, "minItems": 1}}},
                     ]}}},
                ]
            }]
        });
    }

    /// Every field checked (422 listing all problems), ready to file.
    fn into_filing(self, today: chrono::NaiveDate) -> Result<Filing, ApiError> {
        let mut errors = FieldErrors::default();
        let license = self.license_number.as_deref().and_then(|n| {
            LicenseNumber::parse(n)
                .map_err(|e| errors.add("license_number", Message::from(&e)))
                .ok()
        });
        let description = errors.text("description", &self.description);
        if description.is_empty() || self.description.chars().count() > MAX_DESCRIPTION {
            errors.add("description", msg!("reason-length-between", min = 1, max = 10000));
        }
        let (mut phones, mut handles) = (Vec::new(), Vec::new());
        if let Some(r) = &self.recruiter {
            if r.phones.len() > 20 || r.handles.len() > 20 {
                errors.add("recruiter", msg!("reason-recruiter-contacts", max = 20));
            }
            for (i, p) in r.phones.iter().enumerate() {
                match normalise_phone(p) {
                    Some(p) => phones.push(p),
                    None => errors.add(&format!("recruiter.phones[{i}]"), msg!("reason-phone")),
                }
            }
            handles.extend(r.handles.iter().cloned().map(Handle::into_inner));
            for (field, value) in [("recruiter.name", &r.name), ("recruiter.place", &r.place)] {
                if let Some(v) = value {
                    errors.text(field, v);
                    if v.chars().count() > 300 {
                        errors.add(field, msg!("reason-length-at-most", max = 300));
                    }
                }
            }
        }
        let names_recruiter = self
            .recruiter
            .as_ref()
            .is_some_and(|r| r.name.is_some() || !r.phones.is_empty() || !r.handles.is_empty());
        let names_agency = self.agency_id.is_some() || self.license_number.is_some();
        if names_agency == names_recruiter {
            errors.add("agency_id", msg!("reason-agency-or-recruiter"));
        }
        if self.agency_id.is_some() && self.license_number.is_some() {
            errors.add("license_number", msg!("reason-agency-id-or-number"));
        }
        let country = self.destination_country.as_deref().and_then(|c| {
            let code = country::alpha2(c);
            if code.is_none() {
                errors.add("destination_country", msg!("reason-country"));
            }
            code
        });
        if let Some(Err(e)) = self
            .incident_date
            .map(|d| crate::domain::dates::check_event_date(d, today))
        {
            errors.add("incident_date", Message::from(&e));
        }
        if self.workers_affected.is_some_and(|n| !(1..=100_000).contains(&n)) {
            errors.add(
                "workers_affected",
                msg!("reason-number-between", min = 1, max = 100_000),
            );
        }
        if let Some(c) = &self.complainant {
            if c.anonymous && (c.name.is_some() || c.contact.is_some()) {
                errors.add("complainant", msg!("reason-anonymous"));
            }
            for (field, value) in [("complainant.name", &c.name), ("complainant.contact", &c.contact)] {
                if let Some(v) = value {
                    errors.text(field, v);
                    if v.chars().count() > 300 {
                        errors.add(field, msg!("reason-length-at-most", max = 300));
                    }
                }
            }
        }
        errors.finish()?;
        let target = match (self.agency_id, license) {
            (Some(id), _) => Target::Agency(id),
            (None, Some(number)) => Target::License(number),
            (None, None) => Target::Recruiter,
        };
        let recruiter = self.recruiter.unwrap_or_default();
        Ok(Filing {
            category: self.category,
            target,
            recruiter_name: recruiter.name.map(|n| text::clean(&n).unwrap_or(n)),
            recruiter_phones: phones,
            recruiter_handles: handles,
            recruiter_place: recruiter.place,
            description,
            incident_date: self.incident_date,
            destination_country: country,
            workers_affected: self.workers_affected,
            complainant: self.complainant,
        })
    }
}

fn idempotency_key(req: &HttpRequest) -> Result<String, ApiError> {
    let key = req
        .headers()
        .get("Idempotency-Key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or_default();
    let valid = (1..=255).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic());
    if valid {
        Ok(key.to_owned())
    } else {
        Err(ApiError::BadRequest(msg!("detail-idempotency-key-required")))
    }
}

/// File a complaint.
///
/// Roles: `ngo`, `ministry`. Requires an `Idempotency-Key` header: a retry
/// with the same key and body returns the first answer without filing again;
/// the same key with another body is a 422. Keys are per client and kept at
/// least 24 hours. Each client may file a limited number of complaints per
/// hour (429 with `Retry-After` beyond it).
#[utoipa::path(
    tag = "complaints",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, description = "Unique per filing, reused only for retries",
            min_length = 1, max_length = 255, pattern = "^[!-~]+$")),
    request_body = CreateComplaintRequest,
    responses(
        (status = 201, description = "Filed, status `received` (or the first answer of a retry)", body = ComplaintResponse,
         headers(("Location" = String, description = "The complaint's URL"))),
        (status = 404, description = "The agency or licence named is not registered", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "This client filed too many complaints this hour", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[post("/v1/complaints")]
pub async fn create_complaint(
    now: Now,
    req: HttpRequest,
    filer: Authorized<Filer>,
    body: web::Bytes,
    writer: web::Data<Writer>,
    quota: web::Data<ComplaintQuota>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotency_key(&req)?;
    let value = json_value(&req, &body)?;
    let idempotency = Idempotency {
        key,
        request_hash: hex::encode(Sha256::digest(canonical_json(&value).as_bytes())),
    };
    let filing = from_json_value::<CreateComplaintRequest>(value)?.into_filing(now.today())?;
    let organization = filer.organization.clone();
    let actor = Actor::from(&*filer);
    // A retry answers as the first filing did.
    let (_, complaint) = complaints::file(&writer, &actor, filing, organization, &idempotency, quota.per_hour).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::LOCATION, format!("/v1/complaints/{}", complaint.id)))
        .json(ComplaintResponse::from(complaint)))
}
