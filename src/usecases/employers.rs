//! Accrediting foreign employers, changing what is registered of them, and
//! suspending, banning and reinstating them.
//!
//! An employer's standing reaches its job orders at read time (a suspended
//! employer's orders say `employer_not_accredited` without a change of
//! their own), but the feed carries each affected order again so that an
//! offline app never has to join them itself; a ban also closes every open
//! or filled order for good, each with its own entry.

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::feed::Subject;
use super::{tags, Actor, BasedOn, Writer};
use crate::db::models::{Employer, EmployerFields, EmployerStep, JobOrder};
use crate::db::DbConn;
use crate::domain::changes::ChangeType;
use crate::domain::employer::{employer_after, EmployerAction, EmployerStatus};
use crate::domain::job_order::JobOrderStatus;
use crate::usecases::error::UseCaseError;

/// An employer as stored, with its entity tag.
#[derive(Debug, Clone)]
pub struct EmployerState {
    pub employer: Employer,
    pub tag: String,
}

impl From<Employer> for EmployerState {
    fn from(employer: Employer) -> Self {
        let tag = tags::employer(&employer);
        Self { employer, tag }
    }
}

/// What the audit trail keeps of an employer: every stored field (public
/// by design).
#[derive(Debug, Serialize)]
struct AuditView<'a> {
    legal_name: &'a str,
    other_names: &'a [String],
    country: &'a str,
    registration_number: &'a str,
    sectors: &'a [String],
    address: Option<&'a str>,
    status: &'static str,
    status_reason: Option<&'a str>,
    status_since: Option<NaiveDate>,
}

impl<'a> From<&'a Employer> for AuditView<'a> {
    fn from(e: &'a Employer) -> Self {
        Self {
            legal_name: &e.legal_name,
            other_names: &e.other_names,
            country: &e.country,
            registration_number: &e.registration_number,
            sectors: &e.sectors,
            address: e.address.as_deref(),
            status: e.status.as_str(),
            status_reason: e.status_reason.as_deref(),
            status_since: e.status_since,
        }
    }
}

/// The answer for an id no employer has.
pub fn not_found(id: Uuid) -> UseCaseError {
    UseCaseError::NotFound(crate::msg!("detail-employer-not-found", id = id.to_string()))
}

fn registered_already(country: &str, id: Uuid) -> UseCaseError {
    UseCaseError::Conflict(crate::msg!(
        "detail-employer-registered",
        country = country.to_owned(),
        id = id.to_string()
    ))
}

/// The employer with this id.
pub async fn find(conn: &mut DbConn, id: Uuid) -> Result<EmployerState, UseCaseError> {
    let e = Employer::find(conn, id).await?.ok_or_else(|| not_found(id))?;
    Ok(EmployerState::from(e))
}

/// Accredits a new employer (409 when its registration abroad is taken).
pub async fn register(w: &Writer, actor: &Actor, fields: EmployerFields) -> Result<EmployerState, UseCaseError> {
    w.change(actor, async |tx| {
        let e = match Employer::insert(tx.conn(), Uuid::now_v7(), &fields).await? {
            Some(e) => e,
            None => {
                let id = Employer::registered_as(tx.conn(), &fields.country, &fields.registration_number).await?;
                return Err(registered_already(&fields.country, id.unwrap_or_default()));
            }
        };
        let id = e.id.to_string();
        tx.record(
            ("employer", &id),
            "create",
            None::<&AuditView>,
            Some(&AuditView::from(&e)),
        )
        .await?;
        tx.announce(ChangeType::EmployerRegistered, Subject::Employer(e.id));
        Ok(EmployerState::from(e))
    })
    .await
}

/// Changes what is registered of the employer `id`: `edit` turns the
/// stored fields into the new ones (422 when invalid), then `if_match`
/// must name the stored version (412).
pub async fn update(
    w: &Writer,
    actor: &Actor,
    id: Uuid,
    edit: impl FnOnce(&Employer) -> Result<EmployerFields, UseCaseError>,
    if_match: &BasedOn,
) -> Result<EmployerState, UseCaseError> {
    w.change(actor, async |tx| {
        let before = Employer::lock(tx.conn(), id).await?.ok_or_else(|| not_found(id))?;
        let fields = edit(&before)?;
        if_match.check(&tags::employer(&before))?;
        if let Some(other) = Employer::registered_as(tx.conn(), &fields.country, &fields.registration_number).await? {
            if other != id {
                return Err(registered_already(&fields.country, other));
            }
        }
        let after = Employer::update(tx.conn(), id, &fields).await?;
        let key = id.to_string();
        tx.record(
            ("employer", &key),
            "update",
            Some(&AuditView::from(&before)),
            Some(&AuditView::from(&after)),
        )
        .await?;
        tx.announce(ChangeType::EmployerUpdated, Subject::Employer(id));
        // The orders carry the employer's names: each is told again.
        for o in JobOrder::lock_of_employer(tx.conn(), id, &JobOrderStatus::ALL).await? {
            tx.announce(ChangeType::JobOrderEmployerChanged, Subject::JobOrder(o.id));
        }
        Ok(EmployerState::from(after))
    })
    .await
}

/// Suspends, bans or reinstates the employer `id` on `today` for
/// `reason` (409 when the action does not apply to its status); `if_match`
/// must name the stored version (412). A ban closes its open and filled
/// job orders, each with its own history step and feed entry.
pub async fn act(
    w: &Writer,
    actor: &Actor,
    id: Uuid,
    (action, reason): (EmployerAction, String),
    if_match: &BasedOn,
    today: NaiveDate,
) -> Result<EmployerState, UseCaseError> {
    w.change(actor, async |tx| {
        let before = Employer::lock(tx.conn(), id).await?.ok_or_else(|| not_found(id))?;
        let status = employer_after(before.status, action).map_err(|refusal| UseCaseError::ImpossibleTransition {
            detail: crate::msg!(
                "detail-employer-transition",
                status = refusal.status.as_str(),
                action = refusal.action.as_str()
            ),
            possible: possible_actions(before.status),
        })?;
        if_match.check(&tags::employer(&before))?;
        let mut history = before.history.clone();
        history.push(EmployerStep {
            action,
            on: today,
            reason: reason.clone(),
        });
        let since = (status != EmployerStatus::Accredited).then_some((today, reason.as_str()));
        let after = Employer::set_status(tx.conn(), id, status, since, &history).await?;
        let key = id.to_string();
        tx.record(
            ("employer", &key),
            action.as_str(),
            Some(&AuditView::from(&before)),
            Some(&AuditView::from(&after)),
        )
        .await?;
        tx.announce(ChangeType::of_employer_action(action), Subject::Employer(id));
        let orders = JobOrder::lock_of_employer(tx.conn(), id, &[JobOrderStatus::Open, JobOrderStatus::Filled]).await?;
        for o in orders {
            if action == EmployerAction::Ban {
                super::job_orders::close_for_ban(tx, o, &reason, today).await?;
            } else {
                tx.announce(ChangeType::JobOrderEmployerChanged, Subject::JobOrder(o.id));
            }
        }
        Ok(EmployerState::from(after))
    })
    .await
}

/// The actions that apply to an employer of `status`.
fn possible_actions(status: EmployerStatus) -> Vec<String> {
    [EmployerAction::Suspend, EmployerAction::Ban, EmployerAction::Reinstate]
        .into_iter()
        .filter(|a| employer_after(status, *a).is_ok())
        .map(|a| a.as_str().to_owned())
        .collect()
}
