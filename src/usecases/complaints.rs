//! Filing complaints, triaging them, notes, and publishing the recruiters
//! they name.

use chrono::{DateTime, Datelike, SubsecRound, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::feed::Subject;
use super::{Actor, ActorRole, Tx, Writer};
use crate::db::models::{Agency, Complaint, ComplaintEvent, IdempotencyKey, License, NewComplaintEvent, Visibility};
use crate::domain::access::Role;
use crate::domain::changes::ChangeType;
use crate::domain::license_number::LicenseNumber;
use crate::domain::triage::{after_note, triage, ComplaintCategory, ComplaintEventKind, ComplaintStatus};
use crate::usecases::error::{FieldReason, UseCaseError};

/// What a complaint is about.
#[derive(Debug, Clone)]
pub enum Target {
    /// A registered agency, by id.
    Agency(Uuid),
    /// A registered agency, by one of its licence numbers.
    License(LicenseNumber),
    /// An unregistered recruiter (named in the filing's recruiter fields).
    Recruiter,
}

/// A complaint as filed, every field already well-formed.
#[derive(Debug, Clone)]
pub struct Filing {
    pub category: ComplaintCategory,
    pub target: Target,
    pub recruiter_name: Option<String>,
    pub recruiter_phones: Vec<String>,
    pub recruiter_handles: Vec<String>,
    pub recruiter_place: Option<String>,
    pub description: String,
    pub incident_date: Option<chrono::NaiveDate>,
    pub destination_country: Option<String>,
    pub workers_affected: Option<i32>,
    /// Personal data: never in the audit trail or a log.
    pub complainant: Option<crate::domain::complainant::Complainant>,
}

/// What makes a filing safe to retry: the client's key and a hash of the body.
#[derive(Debug, Clone)]
pub struct Idempotency {
    pub key: String,
    pub request_hash: String,
}

/// What the audit trail keeps of a complaint: everything but the
/// complainant's personal data and the description.
#[derive(Debug, Serialize)]
pub struct AuditView<'a> {
    reference: &'a str,
    status: ComplaintStatus,
    category: ComplaintCategory,
    agency_id: Option<Uuid>,
    license_number: Option<&'a str>,
    recruiter_name: Option<&'a str>,
    organization: Option<&'a str>,
    complainant_provided: bool,
}

impl<'a> From<&'a Complaint> for AuditView<'a> {
    fn from(c: &'a Complaint) -> Self {
        Self {
            reference: &c.reference,
            status: c.status,
            category: c.category,
            agency_id: c.agency_id,
            license_number: c.license_number.as_deref(),
            recruiter_name: c.recruiter_name.as_deref(),
            organization: c.organization.as_deref(),
            complainant_provided: c.complainant.is_some(),
        }
    }
}

/// The answer for a complaint this client may not see, or that does not exist:
/// the same, so that another organisation's complaint stays unknown.
pub fn not_found(id: Uuid) -> UseCaseError {
    UseCaseError::NotFound(crate::msg!("detail-complaint-not-found", id = id.to_string()))
}

/// The client role of an actor: complaints are filed and triaged by clients.
fn client_role(actor: &Actor) -> Result<Role, UseCaseError> {
    match actor.role {
        ActorRole::Client(role) => Ok(role),
        _ => Err(UseCaseError::internal("a complaint change by a non-client actor")),
    }
}

async fn history(
    tx: &mut Tx<'_>,
    id: Uuid,
    kind: ComplaintEventKind,
    status: ComplaintStatus,
    note: Option<String>,
) -> Result<(), UseCaseError> {
    let event = NewComplaintEvent {
        complaint_id: id,
        kind,
        status,
        note,
        actor: tx.actor.id.clone(),
        actor_role: client_role(tx.actor)?,
    };
    ComplaintEvent::insert(tx.conn(), &event).await?;
    Ok(())
}

/// Files a complaint for `actor`, at most `per_hour` per client (429), once
/// per idempotency key: a retry with the same key and body answers the
/// complaint the first request filed; the same key with another body is a
/// 422. Answers the HTTP status of the first answer and the complaint.
/// Public counts are not touched: a complaint counts only once triaged.
pub async fn file(
    w: &Writer,
    actor: &Actor,
    filing: Filing,
    organization: Option<String>,
    idempotency: &Idempotency,
    per_hour: i64,
) -> Result<(Filed, Complaint), UseCaseError> {
    let role = client_role(actor)?;
    let filed = w
        .change(actor, async |tx| {
            let Idempotency { key, request_hash } = idempotency;
            if let Some(previous) = IdempotencyKey::claim(tx.conn(), &actor.id, key, request_hash).await? {
                return replay(tx, previous, request_hash).await;
            }
            let since = Utc::now() - chrono::Duration::hours(1);
            if Complaint::filed_since(tx.conn(), &actor.id, since).await? >= per_hour {
                return Err(UseCaseError::TooMany {
                    detail: crate::msg!("detail-complaint-quota"),
                    retry_after: 600,
                });
            }
            let (agency_id, license_number) = resolve(tx, &filing.target).await?;
            // Postgres keeps microseconds: the first answer shows what a later read will.
            let now = Utc::now().trunc_subsecs(6);
            let complaint = Complaint {
                id: Uuid::now_v7(),
                reference: Complaint::next_reference(tx.conn(), now.year()).await?,
                status: ComplaintStatus::Received,
                outcome: None,
                category: filing.category,
                agency_id,
                license_number,
                recruiter_name: filing.recruiter_name,
                recruiter_phones: filing.recruiter_phones,
                recruiter_handles: filing.recruiter_handles,
                recruiter_place: filing.recruiter_place,
                description: filing.description,
                incident_date: filing.incident_date,
                destination_country: filing.destination_country,
                workers_affected: filing.workers_affected,
                complainant: filing.complainant.map(crate::db::json::Jsonb),
                filed_by: actor.id.clone(),
                organization: organization.filter(|_| role == Role::Ngo),
                created_at: now,
                updated_at: now,
            };
            Complaint::insert(tx.conn(), &complaint).await?;
            history(tx, complaint.id, ComplaintEventKind::Triage, complaint.status, None).await?;
            let id = complaint.id.to_string();
            tx.record(
                ("complaint", &id),
                "file",
                None::<&AuditView>,
                Some(&AuditView::from(&complaint)),
            )
            .await?;
            IdempotencyKey::complete(tx.conn(), &actor.id, key, 201, complaint.id).await?;
            tracing::debug!(complaint_id = %complaint.id, reference = %complaint.reference, "complaint filed");
            Ok((Filed::New, complaint))
        })
        .await?;
    if filed.0 == Filed::New {
        crate::metrics::facts::complaint_filed();
    }
    Ok(filed)
}

/// Whether a filing filed a complaint, or repeated an earlier filing with
/// the same idempotency key (answered alike: the same complaint, `201`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filed {
    /// A new complaint.
    New,
    /// A retry of a filing already made.
    Replayed,
}

/// The answer to a retry: the complaint the first request filed, as it stands now.
async fn replay(
    tx: &mut Tx<'_>,
    previous: IdempotencyKey,
    request_hash: &str,
) -> Result<(Filed, Complaint), UseCaseError> {
    if previous.request_hash != request_hash {
        return Err(UseCaseError::Invalid {
            detail: crate::msg!("detail-idempotency-key-reused"),
            errors: vec![FieldReason::new(
                "Idempotency-Key",
                crate::msg!("reason-idempotency-key-reused"),
            )],
        });
    }
    let (Some(_), Some(id)) = (previous.response_status, previous.complaint_id) else {
        return Err(UseCaseError::Conflict(crate::msg!("detail-idempotency-in-progress")));
    };
    let complaint = Complaint::find(tx.conn(), id, &Visibility::All, false)
        .await?
        .ok_or_else(|| UseCaseError::internal("an idempotency key names a missing complaint"))?;
    Ok((Filed::Replayed, complaint))
}

/// The registered agency a complaint names (404 when it is not registered),
/// with the canonical licence number when it was named by licence.
async fn resolve(tx: &mut Tx<'_>, target: &Target) -> Result<(Option<Uuid>, Option<String>), UseCaseError> {
    match target {
        Target::Agency(id) => {
            Agency::find(tx.conn(), *id)
                .await?
                .ok_or_else(|| super::agencies::not_found(*id))?;
            Ok((Some(*id), None))
        }
        Target::License(number) => {
            let (license, _) = License::find_with_agency(tx.conn(), number.lookup_key())
                .await?
                .ok_or_else(|| UseCaseError::LicenseNotFound(number.canonical().to_owned()))?;
            Ok((Some(license.agency_id), Some(license.license_number)))
        }
        Target::Recruiter => Ok((None, None)),
    }
}

/// Moves a complaint to `to` (409 listing the possible moves otherwise), and
/// recomputes the public counts of the agency it names.
pub async fn triage_to(
    w: &Writer,
    actor: &Actor,
    id: Uuid,
    to: ComplaintStatus,
    note: String,
) -> Result<Complaint, UseCaseError> {
    w.change(actor, async |tx| {
        let complaint = Complaint::find(tx.conn(), id, &Visibility::All, true)
            .await?
            .ok_or_else(|| not_found(id))?;
        let from = complaint.status;
        let to = triage(from, to).map_err(|e| UseCaseError::ImpossibleTransition {
            detail: crate::i18n::Message::from(&e),
            possible: from.next().iter().map(|s| s.as_str().to_owned()).collect(),
        })?;
        let outcome = if to.is_outcome() { Some(to) } else { complaint.outcome };
        let updated = Complaint::set_status(tx.conn(), id, to, outcome).await?;
        if let Some(agency_id) = updated.agency_id {
            if Agency::refresh_complaint_counts(tx.conn(), agency_id).await? > 0 {
                tx.announce(ChangeType::AgencyComplaintsChanged, Subject::Agency(agency_id));
            }
        }
        history(tx, id, ComplaintEventKind::Triage, to, Some(note)).await?;
        tx.record(
            ("complaint", &id.to_string()),
            "triage",
            Some(&AuditView::from(&complaint)),
            Some(&AuditView::from(&updated)),
        )
        .await?;
        Ok(updated)
    })
    .await
}

/// Adds the filing organisation's note; one answering `needs_information`
/// moves the complaint back to `under_review`.
pub async fn add_note(
    w: &Writer,
    actor: &Actor,
    id: Uuid,
    visibility: &Visibility,
    note: String,
) -> Result<Complaint, UseCaseError> {
    w.change(actor, async |tx| {
        let complaint = Complaint::find(tx.conn(), id, visibility, true)
            .await?
            .ok_or_else(|| not_found(id))?;
        let to = after_note(complaint.status);
        let updated = Complaint::set_status(tx.conn(), id, to, complaint.outcome).await?;
        history(tx, id, ComplaintEventKind::Note, to, Some(note)).await?;
        tx.record(
            ("complaint", &id.to_string()),
            "note",
            Some(&AuditView::from(&complaint)),
            Some(&AuditView::from(&updated)),
        )
        .await?;
        Ok(updated)
    })
    .await
}

/// Puts the unregistered recruiter a complaint names on the public list:
/// only for a complaint about a recruiter, triaged and not found
/// unsubstantiated (409 otherwise). Publishing twice changes nothing.
/// Answers when the complaint was filed.
pub async fn publish_recruiter(w: &Writer, actor: &Actor, id: Uuid) -> Result<DateTime<Utc>, UseCaseError> {
    w.change(actor, async |tx| {
        let complaint = Complaint::find(tx.conn(), id, &Visibility::All, true)
            .await?
            .ok_or_else(|| not_found(id))?;
        if complaint.agency_id.is_some() {
            return Err(UseCaseError::Conflict(crate::msg!("detail-publish-registered-agency")));
        }
        if !complaint.status.is_public(complaint.outcome) {
            return Err(UseCaseError::Conflict(crate::msg!(
                "detail-publish-untriaged",
                status = complaint.status.as_str()
            )));
        }
        if Complaint::recruiter_published_at(tx.conn(), id).await?.is_none() {
            set_publication(tx, id, true).await?;
        }
        Ok(complaint.created_at)
    })
    .await
}

/// Takes a published recruiter off the public list (404 when the complaint
/// does not exist or its recruiter is not published).
pub async fn withdraw_recruiter(w: &Writer, actor: &Actor, id: Uuid) -> Result<(), UseCaseError> {
    w.change(actor, async |tx| {
        Complaint::find(tx.conn(), id, &Visibility::All, true)
            .await?
            .ok_or_else(|| not_found(id))?;
        if Complaint::recruiter_published_at(tx.conn(), id).await?.is_none() {
            return Err(UseCaseError::NotFound(crate::msg!(
                "detail-recruiter-not-published",
                id = id.to_string()
            )));
        }
        set_publication(tx, id, false).await
    })
    .await
}

async fn set_publication(tx: &mut Tx<'_>, id: Uuid, published: bool) -> Result<(), UseCaseError> {
    let by = published.then(|| tx.actor.id.clone());
    Complaint::set_recruiter_publication(tx.conn(), id, by.as_deref()).await?;
    #[derive(Serialize)]
    struct Published {
        recruiter_published: bool,
    }
    tx.record(
        ("complaint", &id.to_string()),
        if published {
            "publish_recruiter"
        } else {
            "withdraw_recruiter"
        },
        Some(&Published {
            recruiter_published: !published,
        }),
        Some(&Published {
            recruiter_published: published,
        }),
    )
    .await
}
