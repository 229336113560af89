use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::{Datelike, NaiveDate, SubsecRound, Utc};
use diesel_async::AsyncConnection;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{audit_view, Complainant, ComplaintQuota, ComplaintResponse, Recruiter};
use crate::auth::extract::{Authorized, Filer};
use crate::auth::Role;
use crate::db::models::{Agency, AuditEvent, Complaint, ComplaintEvent, IdempotencyKey, License, NewComplaintEvent};
use crate::db::DbPool;
use crate::domain::audit_chain::canonical_json;
use crate::domain::contact::{normalise_handle, normalise_phone};
use crate::domain::country;
use crate::domain::license_number::LicenseNumber;
use crate::domain::triage::{ComplaintCategory, ComplaintStatus};
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::routes::agencies::search_cache::SearchCache;
use crate::routes::validation::{from_json_value, json_value, FieldErrors};

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

/// The validated request, ready to store once the agency is resolved.
struct Checked {
    request: CreateComplaintRequest,
    license: Option<LicenseNumber>,
    description: String,
    phones: Vec<String>,
    handles: Vec<String>,
    country: Option<String>,
}

impl CreateComplaintRequest {
    fn check(self) -> Result<Checked, ApiError> {
        let mut errors = FieldErrors::default();
        let license = self.license_number.as_deref().and_then(|n| {
            LicenseNumber::parse(n)
                .map_err(|e| errors.add("license_number", e.to_string()))
                .ok()
        });
        let description = errors.text("description", &self.description);
        if description.is_empty() || description.chars().count() > MAX_DESCRIPTION {
            errors.add("description", "must be 1 to 10000 characters");
        }
        let (mut phones, mut handles) = (Vec::new(), Vec::new());
        if let Some(r) = &self.recruiter {
            if r.phones.len() > 20 || r.handles.len() > 20 {
                errors.add("recruiter", "at most 20 phones and 20 handles");
            }
            for (i, p) in r.phones.iter().enumerate() {
                match normalise_phone(p) {
                    Some(p) => phones.push(p),
                    None => errors.add(&format!("recruiter.phones[{i}]"), "is not a phone number"),
                }
            }
            for (i, h) in r.handles.iter().enumerate() {
                match normalise_handle(h) {
                    Some(h) => handles.push(h),
                    None => errors.add(&format!("recruiter.handles[{i}]"), "is not a handle"),
                }
            }
            for (field, value) in [("recruiter.name", &r.name), ("recruiter.place", &r.place)] {
                if let Some(v) = value {
                    errors.text(field, v);
                    if v.chars().count() > 300 {
                        errors.add(field, "must be at most 300 characters");
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
            errors.add(
                "agency_id",
                "name either a registered agency (agency_id or license_number) or a recruiter",
            );
        }
        if self.agency_id.is_some() && self.license_number.is_some() {
            errors.add("license_number", "give agency_id or license_number, not both");
        }
        let country = self.destination_country.as_deref().and_then(|c| {
            let code = country::alpha2(c);
            if code.is_none() {
                errors.add("destination_country", "must be an ISO 3166-1 alpha-2 code such as KR");
            }
            code
        });
        if let Some(Err(e)) = self
            .incident_date
            .map(|d| crate::domain::dates::check_event_date(d, crate::domain::registry_today(Utc::now())))
        {
            errors.add("incident_date", e);
        }
        if self.workers_affected.is_some_and(|n| !(1..=100_000).contains(&n)) {
            errors.add("workers_affected", "must be between 1 and 100000");
        }
        if let Some(c) = &self.complainant {
            if c.anonymous && (c.name.is_some() || c.contact.is_some()) {
                errors.add("complainant", "an anonymous complaint carries no name and no contact");
            }
            for (field, value) in [("complainant.name", &c.name), ("complainant.contact", &c.contact)] {
                if let Some(v) = value {
                    errors.text(field, v);
                    if v.chars().count() > 300 {
                        errors.add(field, "must be at most 300 characters");
                    }
                }
            }
        }
        errors.finish()?;
        Ok(Checked {
            request: self,
            license,
            description,
            phones,
            handles,
            country,
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
        Err(ApiError::BadRequest(
            "Filing needs an `Idempotency-Key` header (1 to 255 visible ASCII characters, e.g. a UUID), so that a retry \
             never files twice."
                .into(),
        ))
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
    req: HttpRequest,
    filer: Authorized<Filer>,
    body: web::Bytes,
    pool: web::Data<DbPool>,
    cache: web::Data<SearchCache>,
    quota: web::Data<ComplaintQuota>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotency_key(&req)?;
    let value = json_value(&req, &body)?;
    let request_hash = hex::encode(Sha256::digest(canonical_json(&value).as_bytes()));
    let checked = from_json_value::<CreateComplaintRequest>(value)?.check()?;
    let mut conn = pool.get().await?;
    let (status, answer) = conn
        .transaction(async |conn| {
            if let Some(previous) = IdempotencyKey::claim(conn, &filer.client_id, &key, &request_hash).await? {
                return replay(conn, previous, &request_hash).await;
            }
            let since = Utc::now() - chrono::Duration::hours(1);
            if Complaint::filed_since(conn, &filer.client_id, since).await? >= quota.per_hour {
                return Err(ApiError::TooManyRequests {
                    detail: "This client has filed its hourly number of complaints; retry later.".into(),
                    retry_after: 600,
                });
            }
            let complaint = build(conn, checked, &filer).await?;
            // Public counts are not touched: a complaint counts publicly only
            // once triage has moved it past `received`.
            Complaint::insert(conn, &complaint).await?;
            let event = NewComplaintEvent {
                complaint_id: complaint.id,
                kind: "triage".into(),
                status: complaint.status.clone(),
                note: None,
                actor: filer.client_id.clone(),
                actor_role: filer.role.as_str().into(),
            };
            ComplaintEvent::insert(conn, &event).await?;
            let audit = filer.audit(
                ("complaint", &complaint.id.to_string()),
                "file",
                None,
                Some(audit_view(&complaint)),
            );
            AuditEvent::append(conn, &audit).await?;
            IdempotencyKey::complete(conn, &filer.client_id, &key, 201, complaint.id).await?;
            tracing::debug!(complaint_id = %complaint.id, reference = %complaint.reference, "complaint filed");
            let answer = serde_json::to_value(ComplaintResponse::from(complaint)).map_err(ApiError::internal)?;
            Ok::<_, ApiError>((201, answer))
        })
        .await?;
    cache.clear();
    let location = format!("/v1/complaints/{}", answer["id"].as_str().unwrap_or_default());
    Ok(HttpResponse::build(
        actix_web::http::StatusCode::from_u16(status).unwrap_or(actix_web::http::StatusCode::CREATED),
    )
    .insert_header((header::CACHE_CONTROL, "no-store"))
    .insert_header((header::LOCATION, location))
    .json(answer))
}

/// The answer to a retry: the complaint the first request filed, as it stands now.
async fn replay(
    conn: &mut diesel_async::AsyncPgConnection,
    previous: IdempotencyKey,
    request_hash: &str,
) -> Result<(u16, serde_json::Value), ApiError> {
    if previous.request_hash != request_hash {
        return Err(ApiError::Unprocessable {
            detail: "This Idempotency-Key was used with a different body. Use a new key for a new complaint.".into(),
            errors: vec![crate::error::FieldError {
                field: "Idempotency-Key".into(),
                message: "already used with a different body".into(),
            }],
        });
    }
    let (Some(status), Some(id)) = (previous.response_status, previous.complaint_id) else {
        return Err(ApiError::Conflict(
            "A request with this Idempotency-Key is still in progress.".into(),
        ));
    };
    let complaint = Complaint::find(conn, id, &crate::db::models::Visibility::All, false)
        .await?
        .ok_or_else(|| ApiError::internal("an idempotency key names a missing complaint"))?;
    let body = serde_json::to_value(ComplaintResponse::from(complaint)).map_err(ApiError::internal)?;
    Ok((u16::try_from(status).unwrap_or(201), body))
}

/// Resolves the agency named and assembles the row.
async fn build(
    conn: &mut diesel_async::AsyncPgConnection,
    checked: Checked,
    filer: &Authorized<Filer>,
) -> Result<Complaint, ApiError> {
    let Checked {
        request,
        license,
        description,
        phones,
        handles,
        country,
    } = checked;
    let (agency_id, license_number) = match (request.agency_id, &license) {
        (Some(id), _) => {
            Agency::find(conn, id)
                .await?
                .ok_or_else(|| ApiError::NotFound(format!("No agency with id {id} is registered.")))?;
            (Some(id), None)
        }
        (None, Some(number)) => {
            let (license, _) = License::find_with_agency(conn, number.lookup_key())
                .await?
                .ok_or_else(|| ApiError::LicenseNotFound(number.canonical().to_owned()))?;
            (Some(license.agency_id), Some(license.license_number))
        }
        (None, None) => (None, None),
    };
    let recruiter = request.recruiter.unwrap_or(Recruiter {
        name: None,
        phones: Vec::new(),
        handles: Vec::new(),
        place: None,
    });
    // Postgres keeps microseconds: the first answer shows what a later read will.
    let now = Utc::now().trunc_subsecs(6);
    Ok(Complaint {
        id: Uuid::now_v7(),
        reference: Complaint::next_reference(conn, now.year()).await?,
        status: ComplaintStatus::Received.as_str().into(),
        outcome: None,
        category: request.category.as_str().into(),
        agency_id,
        license_number,
        recruiter_name: recruiter.name.map(|n| crate::domain::text::clean(&n).unwrap_or(n)),
        recruiter_phones: phones,
        recruiter_handles: handles,
        recruiter_place: recruiter.place,
        description,
        incident_date: request.incident_date,
        destination_country: country,
        workers_affected: request.workers_affected,
        complainant: request.complainant.and_then(|c| serde_json::to_value(c).ok()),
        filed_by: filer.client_id.clone(),
        organization: match filer.role {
            Role::Ngo => filer.organization.clone(),
            _ => None,
        },
        created_at: now,
        updated_at: now,
    })
}
