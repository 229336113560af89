//! Registering job orders under a licence, changing their terms, and
//! filling, closing, withdrawing and reopening them.
//!
//! Every change here takes the registry's write lock first (before any row
//! lock): employers' bans and job orders' changes then never wait on each
//! other's rows, and a licence changed meanwhile is read as committed.

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::error::FieldReason;
use super::feed::Subject;
use super::{tags, Actor, BasedOn, Tx, Writer};
use crate::db::models::audit_event::lock_appends;
use crate::db::models::{Agency, Employer, JobOrder, JobOrderFields, JobOrderSearch, JobOrderStep, License};
use crate::db::DbConn;
use crate::domain::changes::ChangeType;
use crate::domain::job_order::{job_order_after, JobOrderAction, JobOrderReference, JobOrderStatus};
use crate::domain::license_number::LicenseNumber;
use crate::domain::license_status::standing;
use crate::public::JobOrderResponse;
use crate::usecases::error::UseCaseError;

/// A job order as stored, with the agency, licence and employer its
/// standing reads, and its entity tag.
#[derive(Debug, Clone)]
pub struct JobOrderState {
    pub order: JobOrder,
    pub agency: Agency,
    pub license: License,
    pub employer: Employer,
    pub tag: String,
}

impl JobOrderState {
    pub(crate) fn new(order: JobOrder, agency: Agency, license: License, employer: Employer, today: NaiveDate) -> Self {
        let tag = tags::job_order(&order, &agency, &license, &employer, today);
        Self {
            order,
            agency,
            license,
            employer,
            tag,
        }
    }

    /// What the public is told of it on `today`.
    pub fn response(&self, today: NaiveDate) -> JobOrderResponse {
        JobOrderResponse::new(self.order.clone(), &self.agency, &self.license, &self.employer, today)
    }
}

/// What the audit trail keeps of a job order: every stored field (public
/// by design).
#[derive(Debug, Serialize)]
struct AuditView<'a> {
    reference: String,
    license_id: Uuid,
    employer_id: Uuid,
    destination_country: &'a str,
    sector: &'a str,
    position: &'a str,
    workers_needed: i32,
    wage_minor: i64,
    wage_currency: &'a str,
    wage_period: &'static str,
    hours_per_week: i16,
    contract_months: i16,
    worker_fee_minor: i64,
    worker_fee_currency: &'a str,
    employer_provides: &'a [String],
    approved_on: NaiveDate,
    valid_until: NaiveDate,
    status: &'static str,
}

impl<'a> From<&'a JobOrder> for AuditView<'a> {
    fn from(o: &'a JobOrder) -> Self {
        Self {
            reference: o.reference().as_str().to_owned(),
            license_id: o.license_id,
            employer_id: o.employer_id,
            destination_country: &o.destination_country,
            sector: &o.sector,
            position: &o.position,
            workers_needed: o.workers_needed,
            wage_minor: o.wage_minor,
            wage_currency: &o.wage_currency,
            wage_period: o.wage_period.as_str(),
            hours_per_week: o.hours_per_week,
            contract_months: o.contract_months,
            worker_fee_minor: o.worker_fee_minor,
            worker_fee_currency: &o.worker_fee_currency,
            employer_provides: &o.employer_provides,
            approved_on: o.approved_on,
            valid_until: o.valid_until,
            status: o.status.as_str(),
        }
    }
}

/// The answer for a well-formed reference no job order has.
pub fn not_found(reference: &JobOrderReference) -> UseCaseError {
    UseCaseError::NotFound(crate::msg!(
        "detail-job-order-not-found",
        reference = reference.as_str()
    ))
}

/// These orders with the agencies, licences and employers they read.
pub async fn states_of(
    conn: &mut diesel_async::AsyncPgConnection,
    orders: Vec<JobOrder>,
    today: NaiveDate,
) -> Result<Vec<JobOrderState>, UseCaseError> {
    let asked = orders.len();
    let found: Vec<JobOrderState> = JobOrder::with_context(conn, orders)
        .await?
        .into_iter()
        .map(|(o, license, agency, employer)| JobOrderState::new(o, agency, license, employer, today))
        .collect();
    if found.len() != asked {
        return Err(UseCaseError::internal("a job order without its licence or employer"));
    }
    Ok(found)
}

async fn state_of(
    conn: &mut diesel_async::AsyncPgConnection,
    order: JobOrder,
    today: NaiveDate,
) -> Result<JobOrderState, UseCaseError> {
    states_of(conn, vec![order], today)
        .await?
        .pop()
        .ok_or_else(|| UseCaseError::internal("a job order vanished"))
}

/// The job order with this reference.
pub async fn find(
    conn: &mut DbConn,
    reference: &JobOrderReference,
    today: NaiveDate,
) -> Result<JobOrderState, UseCaseError> {
    let o = JobOrder::find_by_reference(conn, reference)
        .await?
        .ok_or_else(|| not_found(reference))?;
    state_of(conn, o, today).await
}

/// A page of `search` from Postgres (the read model is building or behind):
/// the filters, the query as a substring, in reference order.
pub async fn search(conn: &mut DbConn, search: &JobOrderSearch) -> Result<Vec<(JobOrderState, f32)>, UseCaseError> {
    let rank = if search.q.as_deref().is_some_and(|q| !q.trim().is_empty()) {
        0.5
    } else {
        0.0
    };
    let mut after = search.after.map(|a| a.serial);
    let mut found = Vec::new();
    loop {
        let batch = search.candidates(conn, after).await?;
        let done = batch.len() < JobOrderSearch::batch();
        after = batch.last().map(|o| o.reference_serial.unsigned_abs());
        for state in states_of(conn, batch, search.today).await? {
            let open = crate::public::order_standing(&state.order, &state.license, &state.employer, search.today);
            if !search.open_only || open.is_open() {
                found.push((state, rank));
                if found.len() == search.limit {
                    return Ok(found);
                }
            }
        }
        if done {
            return Ok(found);
        }
    }
}

/// 422 naming each field outside what `license` allows; 409 when the
/// licence may not recruit or the employer may not hire on `today`.
fn within(
    license: &License,
    employer: &Employer,
    fields: &JobOrderFields,
    today: NaiveDate,
) -> Result<(), UseCaseError> {
    if !standing(license.status, license.validity(), today).can_recruit {
        return Err(UseCaseError::Conflict(crate::msg!(
            "detail-license-cannot-register",
            number = license.license_number.as_str()
        )));
    }
    if !employer.status.may_hire() {
        return Err(UseCaseError::Conflict(crate::msg!(
            "detail-employer-may-not-hire",
            status = employer.status.as_str()
        )));
    }
    scope(license, fields)
}

/// 422 naming each field outside what `license` allows.
fn scope(license: &License, fields: &JobOrderFields) -> Result<(), UseCaseError> {
    let mut errors = Vec::new();
    let number = license.license_number.as_str();
    if !license.destination_countries.contains(&fields.destination_country) {
        errors.push(FieldReason::new(
            "destination_country",
            crate::msg!(
                "reason-outside-license-countries",
                number = number,
                allowed = license.destination_countries.join(", ")
            ),
        ));
    }
    if !license.sectors.contains(&fields.sector) {
        errors.push(FieldReason::new(
            "sector",
            crate::msg!(
                "reason-outside-license-sectors",
                number = number,
                allowed = license.sectors.join(", ")
            ),
        ));
    }
    if errors.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    Err(UseCaseError::Invalid {
        detail: crate::msg!("detail-invalid-fields", fields = names.join(", ")),
        errors,
    })
}

/// The employer `id`, or a 422 on `employer_id`.
async fn employer_named(conn: &mut diesel_async::AsyncPgConnection, id: Uuid) -> Result<Employer, UseCaseError> {
    Employer::find(conn, id)
        .await?
        .ok_or_else(|| UseCaseError::invalid("employer_id", crate::msg!("reason-employer-unknown")))
}

/// Registers an open job order under the licence `number` with a new reference.
pub async fn register(
    w: &Writer,
    actor: &Actor,
    number: &LicenseNumber,
    fields: JobOrderFields,
    today: NaiveDate,
) -> Result<JobOrderState, UseCaseError> {
    w.change(actor, async |tx| {
        lock_appends(tx.conn()).await?;
        let (license, agency) = License::find_with_agency(tx.conn(), number.lookup_key())
            .await?
            .ok_or_else(|| UseCaseError::LicenseNotFound(number.canonical().to_owned()))?;
        let employer = employer_named(tx.conn(), fields.employer_id).await?;
        within(&license, &employer, &fields, today)?;
        let order = insert_with_new_reference(tx.conn(), (license.id, agency.id), &fields).await?;
        tx.record(
            ("job_order", order.reference().as_str()),
            "create",
            None::<&AuditView>,
            Some(&AuditView::from(&order)),
        )
        .await?;
        tx.announce(ChangeType::JobOrderRegistered, Subject::JobOrder(order.id));
        Ok(JobOrderState::new(order, agency, license, employer, today))
    })
    .await
}

/// A reference never given before: seven random digits, drawn again on
/// the rare collision.
async fn insert_with_new_reference(
    conn: &mut diesel_async::AsyncPgConnection,
    owner: (Uuid, Uuid),
    fields: &JobOrderFields,
) -> Result<JobOrder, UseCaseError> {
    for _ in 0..32 {
        let serial = rand::random_range(0..10_000_000u32);
        if let Some(o) = JobOrder::insert(conn, owner, serial, fields).await? {
            return Ok(o);
        }
    }
    Err(UseCaseError::internal("no free job order reference in 32 draws"))
}

/// The order with this reference, locked, with what its standing reads.
async fn locked(
    conn: &mut diesel_async::AsyncPgConnection,
    reference: &JobOrderReference,
    today: NaiveDate,
) -> Result<JobOrderState, UseCaseError> {
    lock_appends(conn).await?;
    let o = JobOrder::lock_by_reference(conn, reference)
        .await?
        .ok_or_else(|| not_found(reference))?;
    state_of(conn, o, today).await
}

/// Changes the terms of the order `reference`: `edit` turns the stored
/// fields into the new ones (422 when invalid), then `if_match` must name
/// the stored version (412). A withdrawn order's terms no longer change.
pub async fn update(
    w: &Writer,
    actor: &Actor,
    reference: &JobOrderReference,
    edit: impl FnOnce(&JobOrder) -> Result<JobOrderFields, UseCaseError>,
    if_match: &BasedOn,
    today: NaiveDate,
) -> Result<JobOrderState, UseCaseError> {
    w.change(actor, async |tx| {
        let before = locked(tx.conn(), reference, today).await?;
        let fields = edit(&before.order)?;
        if_match.check(&before.tag)?;
        if before.order.status == JobOrderStatus::Withdrawn {
            return Err(UseCaseError::Conflict(crate::msg!(
                "detail-job-order-transition",
                status = before.order.status.as_str(),
                action = "update"
            )));
        }
        let employer = match fields.employer_id == before.employer.id {
            true => before.employer.clone(),
            false => {
                let other = employer_named(tx.conn(), fields.employer_id).await?;
                if !other.status.may_hire() {
                    return Err(UseCaseError::Conflict(crate::msg!(
                        "detail-employer-may-not-hire",
                        status = other.status.as_str()
                    )));
                }
                other
            }
        };
        scope(&before.license, &fields)?;
        let after = JobOrder::update(tx.conn(), before.order.id, &fields).await?;
        tx.record(
            ("job_order", reference.as_str()),
            "update",
            Some(&AuditView::from(&before.order)),
            Some(&AuditView::from(&after)),
        )
        .await?;
        tx.announce(ChangeType::JobOrderUpdated, Subject::JobOrder(after.id));
        Ok(JobOrderState::new(
            after,
            before.agency,
            before.license,
            employer,
            today,
        ))
    })
    .await
}

/// Fills, closes, withdraws or reopens the order `reference` on `today`
/// (409 when the action does not apply to its status, or when reopening
/// under a licence that may not recruit, for an employer that may not hire,
/// or past its last day); `if_match` must name the stored version (412).
pub async fn act(
    w: &Writer,
    actor: &Actor,
    reference: &JobOrderReference,
    (action, reason): (JobOrderAction, Option<String>),
    if_match: &BasedOn,
    today: NaiveDate,
) -> Result<JobOrderState, UseCaseError> {
    w.change(actor, async |tx| {
        let before = locked(tx.conn(), reference, today).await?;
        let status =
            job_order_after(before.order.status, action).map_err(|refusal| UseCaseError::ImpossibleTransition {
                detail: crate::msg!(
                    "detail-job-order-transition",
                    status = refusal.status.as_str(),
                    action = refusal.action.as_str()
                ),
                possible: possible_actions(before.order.status),
            })?;
        if_match.check(&before.tag)?;
        if action == JobOrderAction::Reopen {
            within(&before.license, &before.employer, &before.order.fields(), today)?;
            if before.order.valid_until < today {
                return Err(UseCaseError::Conflict(crate::msg!(
                    "detail-job-order-transition",
                    status = crate::domain::job_order::JobOrderStanding::Expired.as_str(),
                    action = JobOrderAction::Reopen.as_str()
                )));
            }
        }
        let mut history = before.order.history.clone();
        history.push(JobOrderStep {
            action,
            on: today,
            reason,
        });
        let after = JobOrder::set_status(tx.conn(), before.order.id, status, &history).await?;
        tx.record(
            ("job_order", reference.as_str()),
            action.as_str(),
            Some(&AuditView::from(&before.order)),
            Some(&AuditView::from(&after)),
        )
        .await?;
        tx.announce(ChangeType::of_job_order_action(action), Subject::JobOrder(after.id));
        Ok(JobOrderState::new(
            after,
            before.agency,
            before.license,
            before.employer,
            today,
        ))
    })
    .await
}

/// Closes `order` because its employer was banned (inside the ban's change).
pub(super) async fn close_for_ban(
    tx: &mut Tx<'_>,
    order: JobOrder,
    reason: &str,
    today: NaiveDate,
) -> Result<(), UseCaseError> {
    let mut history = order.history.clone();
    history.push(JobOrderStep {
        action: JobOrderAction::Close,
        on: today,
        reason: Some(reason.to_owned()),
    });
    let after = JobOrder::set_status(tx.conn(), order.id, JobOrderStatus::Closed, &history).await?;
    tx.record(
        ("job_order", order.reference().as_str()),
        "close",
        Some(&AuditView::from(&order)),
        Some(&AuditView::from(&after)),
    )
    .await?;
    tx.announce(ChangeType::JobOrderClosed, Subject::JobOrder(after.id));
    Ok(())
}

/// The actions that apply to an order of `status`.
fn possible_actions(status: JobOrderStatus) -> Vec<String> {
    [
        JobOrderAction::Fill,
        JobOrderAction::Close,
        JobOrderAction::Withdraw,
        JobOrderAction::Reopen,
    ]
    .into_iter()
    .filter(|a| job_order_after(status, *a).is_ok())
    .map(|a| a.as_str().to_owned())
    .collect()
}
