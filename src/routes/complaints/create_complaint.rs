use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Complainant, ComplaintQuota, ComplaintResponse, Recruiter};
use crate::auth::extract::{Authorized, Filer};
use crate::domain::audit_chain::canonical_json;
use crate::domain::fields::{Country, EventDate, LicenseNumberText, Phone, Said, Text};
use crate::domain::triage::ComplaintCategory;
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::i18n::Message;
use crate::msg;
use crate::routes::fields::{Handle, Refine};
use crate::routes::now::Now;
use crate::routes::validation::{from_json_value, json_value, FieldErrors};
use crate::usecases::complaints::{self, Filing, Idempotency, Target};
use crate::usecases::{Actor, Writer};

/// A complaint as an NGO (or the ministry) files it: against a registered
/// agency (`agency_id` or `license_number`) or an unregistered `recruiter`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateComplaintRequest {
    pub category: ComplaintCategory,
    /// A registered agency.
    pub agency_id: Option<Uuid>,
    /// A licence number, in any spelling the public check accepts.
    pub license_number: Option<LicenseNumberText>,
    /// An unregistered recruiter.
    pub recruiter: Option<Recruiter>,
    /// What happened.
    pub description: Said<10000>,
    /// The day it happened: from 1900 to a year from today.
    pub incident_date: Option<EventDate>,
    /// ISO 3166-1 alpha-2.
    pub destination_country: Option<Country>,
    #[schema(minimum = 1, maximum = 100000)]
    pub workers_affected: Option<i32>,
    /// Optional; none for an anonymous complaint.
    pub complainant: Option<Complainant>,
}

crate::refined!(
    /// The document's body of `POST /v1/complaints`.
    CreateComplaintBody = CreateComplaintRequest
);

impl Refine for CreateComplaintRequest {
    /// Exactly one target: `agency_id`, `license_number`, or a `recruiter`
    /// named by a name, a phone or a handle (`null` counts as absent), as
    /// [`Self::into_filing`] checks it.
    fn refine(fields: serde_json::Value) -> serde_json::Value {
        use utoipa::ToSchema;
        // Each choice names its field by the field's own type (`null`
        // counts as absent, so a choice takes only the type's values).
        let of =
            |name: std::borrow::Cow<'static, str>| serde_json::json!({"$ref": format!("#/components/schemas/{name}")});
        let list_of = |name| serde_json::json!({"type": "array", "items": of(name), "minItems": 1});
        serde_json::json!({
            "description": fields["description"].clone(),
            "allOf": [fields, {
                "oneOf": [
                    {"type": "object", "title": "A registered agency by id", "required": ["agency_id"],
                     "properties": {"agency_id": {"type": "string", "format": "uuid"}}},
                    {"type": "object", "title": "A registered agency by licence number",
                     "required": ["license_number"], "properties": {"license_number": of(LicenseNumberText::name())}},
                    {"type": "object", "title": "An unregistered recruiter", "required": ["recruiter"],
                     "properties": {"recruiter": {"anyOf": [
                         {"type": "object", "required": ["name"], "properties": {"name": of(Text::<300>::name())}},
                         {"type": "object", "required": ["phones"], "properties": {"phones": list_of(Phone::name())}},
                         {"type": "object", "required": ["handles"], "properties": {"handles": list_of(Handle::name())}},
                     ]}}},
                ]
            }]
        })
    }
}

impl CreateComplaintRequest {
    /// Every field checked (422 listing all problems), ready to file.
    fn into_filing(self, today: chrono::NaiveDate) -> Result<Filing, ApiError> {
        let mut errors = FieldErrors::default();
        let license = errors.check_optional("license_number", self.license_number.as_ref());
        let description = errors.check("description", &self.description);
        let (mut phones, mut handles, mut recruiter_name, mut recruiter_place) = (Vec::new(), Vec::new(), None, None);
        if let Some(r) = &self.recruiter {
            if r.phones.len() > 20 || r.handles.len() > 20 {
                errors.add("recruiter", msg!("reason-recruiter-contacts", max = 20));
            }
            phones = errors.check_each("recruiter.phones", &r.phones);
            handles.extend(r.handles.iter().cloned().map(Handle::into_inner));
            recruiter_name = errors.check_optional("recruiter.name", r.name.as_ref()).flatten();
            recruiter_place = errors.check_optional("recruiter.place", r.place.as_ref()).flatten();
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
        let country = errors.check_optional("destination_country", self.destination_country.as_ref());
        let incident_date = self.incident_date.and_then(|d| {
            d.check_on(today)
                .map_err(|e| errors.add("incident_date", Message::from(&e)))
                .ok()
        });
        if self.workers_affected.is_some_and(|n| !(1..=100_000).contains(&n)) {
            errors.add(
                "workers_affected",
                msg!("reason-number-between", min = 1, max = 100_000),
            );
        }
        let complainant = self.complainant.map(|c| {
            if c.anonymous && (c.name.is_some() || c.contact.is_some()) {
                errors.add("complainant", msg!("reason-anonymous"));
            }
            let name = errors.check_optional("complainant.name", c.name.as_ref()).flatten();
            let contact = errors
                .check_optional("complainant.contact", c.contact.as_ref())
                .flatten();
            Complainant {
                name: name.map(Text::new),
                contact: contact.map(Text::new),
                ..c
            }
        });
        errors.finish()?;
        let target = match (self.agency_id, license) {
            (Some(id), _) => Target::Agency(id),
            (None, Some(number)) => Target::License(number),
            (None, None) => Target::Recruiter,
        };
        Ok(Filing {
            category: self.category,
            target,
            recruiter_name,
            recruiter_phones: phones,
            recruiter_handles: handles,
            recruiter_place,
            description: description.unwrap_or_default(),
            incident_date,
            destination_country: country,
            workers_affected: self.workers_affected,
            complainant,
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
    request_body = CreateComplaintBody,
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
