//! Complaints: filed by NGOs, triaged by the ministry. Their personal data
//! never leaves the filing organisation and the ministry: every answer here
//! is `Cache-Control: no-store`, and another organisation's complaint is
//! answered exactly like one that does not exist.

pub mod add_complaint_note;
pub mod create_complaint;
pub mod create_complaint_event;
pub mod find_complaint;
pub mod list_complaint_events;
pub mod list_complaints;
pub mod publish_recruiter;
pub mod withdraw_recruiter;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::models::{Complaint, ComplaintEvent};
use crate::domain::access::Role;
use crate::domain::fields::{Phone, Text};
use crate::domain::triage::{ComplaintCategory, ComplaintEventKind, ComplaintStatus};

/// The per-client limit on filing complaints.
#[derive(Debug, Clone, Copy)]
pub struct ComplaintQuota {
    /// Complaints one client may file per hour.
    pub per_hour: i64,
}

/// An unregistered recruiter as a complaint names them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Recruiter {
    /// The name as given.
    pub name: Option<Text<300>>,
    /// Phone numbers, in any formatting; stored in E.164.
    #[serde(default)]
    #[schema(max_items = 20)]
    pub phones: Vec<Phone>,
    /// Social-media or messenger handles (`@name`, `t.me/name`).
    #[serde(default)]
    #[schema(max_items = 20)]
    pub handles: Vec<crate::routes::fields::Handle>,
    /// Where they operate.
    pub place: Option<Text<300>>,
}

pub use crate::domain::complainant::Complainant;

/// A complaint, as its filing organisation and the ministry see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplaintResponse {
    pub id: Uuid,
    /// Human reference, e.g. `CMP-2026-000123`.
    #[schema(example = "CMP-2026-000123")]
    pub reference: String,
    pub status: ComplaintStatus,
    pub category: ComplaintCategory,
    /// The registered agency complained about.
    pub agency_id: Option<Uuid>,
    /// The licence number given (canonical).
    pub license_number: Option<String>,
    /// The unregistered recruiter complained about.
    pub recruiter: Option<Recruiter>,
    pub description: String,
    pub incident_date: Option<NaiveDate>,
    /// ISO 3166-1 alpha-2.
    pub destination_country: Option<String>,
    pub workers_affected: Option<i32>,
    pub complainant: Option<Complainant>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Complaint> for ComplaintResponse {
    fn from(c: Complaint) -> Self {
        let has_recruiter =
            c.recruiter_name.is_some() || !c.recruiter_phones.is_empty() || !c.recruiter_handles.is_empty();
        Self {
            id: c.id,
            reference: c.reference,
            status: c.status,
            category: c.category,
            agency_id: c.agency_id,
            license_number: c.license_number,
            recruiter: has_recruiter.then_some(Recruiter {
                name: c.recruiter_name.map(Text::new),
                phones: c.recruiter_phones.into_iter().map(Phone::new).collect(),
                handles: c
                    .recruiter_handles
                    .into_iter()
                    .map(crate::routes::fields::Handle::stored)
                    .collect(),
                place: c.recruiter_place.map(Text::new),
            }),
            description: c.description,
            incident_date: c.incident_date,
            destination_country: c.destination_country,
            workers_affected: c.workers_affected,
            complainant: c.complainant.map(|stored| stored.0),
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// One step of a complaint's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplaintEventResponse {
    /// `triage` (a ministry decision) or `note` (information from the NGO).
    pub kind: ComplaintEventKind,
    /// The complaint's status after this step.
    pub status: ComplaintStatus,
    pub note: Option<String>,
    /// The role that made the step.
    pub actor_role: Role,
    pub created_at: DateTime<Utc>,
}

impl From<ComplaintEvent> for ComplaintEventResponse {
    fn from(e: ComplaintEvent) -> Self {
        Self {
            kind: e.kind,
            status: e.status,
            note: e.note,
            actor_role: e.actor_role,
            created_at: e.created_at,
        }
    }
}

/// The failures of reading one complaint or its history.
#[derive(utoipa::IntoResponses)]
pub enum ComplaintReadErrors {
    /// The id is not a UUID.
    #[response(status = 400, content_type = "application/problem+json")]
    BadId(crate::error::Problem),
    /// No valid access token.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(crate::error::Problem),
    /// The token's role is neither `ngo` nor `ministry`.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(crate::error::Problem),
    /// No such complaint visible to this client (another organisation's
    /// complaint answers exactly like a missing one).
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(crate::error::Problem),
}

/// The failures of publishing and withdrawing a recruiter, besides their own.
#[derive(utoipa::IntoResponses)]
pub enum PublicationErrors {
    /// The id is not a UUID.
    #[response(status = 400, content_type = "application/problem+json")]
    BadId(crate::error::Problem),
    /// No valid access token.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(crate::error::Problem),
    /// Not a ministry client.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(crate::error::Problem),
}
