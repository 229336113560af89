//! Issuing licences and acting on them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sha2::Digest;
use uuid::Uuid;

use super::feed::Subject;
use super::{tags, Actor, BasedOn, Writer};
use crate::auth::keys::KeyStore;
use crate::db::models::{Agency, License, LicenseChange, LicenseEvent, NewLicense, NewLicenseEvent};
use crate::db::DbConn;
use crate::domain::changes::ChangeType;
use crate::domain::license_number::LicenseNumber;
use crate::domain::license_status::{standing, LicenseAction, LicenseStatus};
use crate::domain::lifecycle::{transition, LicenseCommand};
use crate::public::LicenseStatement;
use crate::usecases::error::{FieldErrors, UseCaseError};

/// A licence as stored, with its agency and its entity tag.
#[derive(Debug, Clone)]
pub struct LicenseState {
    pub license: License,
    pub agency: Agency,
    /// Its entity tag (see [`tags`]).
    pub tag: String,
}

impl LicenseState {
    pub(crate) fn new(license: License, agency: Agency, today: NaiveDate) -> Self {
        let tag = tags::license(&license, &agency, today);
        Self { license, agency, tag }
    }
}

/// What the audit trail keeps of a licence: its stored fields, the stored
/// status rather than the one a given day shows.
#[derive(Debug, Serialize)]
pub struct AuditView<'a> {
    license_number: &'a str,
    agency_id: Uuid,
    status: LicenseStatus,
    valid_from: NaiveDate,
    valid_until: NaiveDate,
    destination_countries: &'a [String],
    sectors: &'a [String],
    status_reason: Option<&'a str>,
    suspended_until: Option<NaiveDate>,
}

impl<'a> From<&'a License> for AuditView<'a> {
    fn from(l: &'a License) -> Self {
        Self {
            license_number: &l.license_number,
            agency_id: l.agency_id,
            status: l.status,
            valid_from: l.valid_from,
            valid_until: l.valid_until,
            destination_countries: &l.destination_countries,
            sectors: &l.sectors,
            status_reason: l.status_reason.as_deref(),
            suspended_until: l.suspended_until,
        }
    }
}

/// A lifecycle action with the fields it takes, each already well-formed.
#[derive(Debug, Clone)]
pub struct Order {
    pub command: LicenseCommand,
    /// Cleaned text; required for `suspend` and `revoke`.
    pub reason: Option<String>,
    /// `renew`: the new last day of validity.
    pub valid_until: Option<NaiveDate>,
    /// `suspend`: the last day of the suspension.
    pub until: Option<NaiveDate>,
}

impl Order {
    /// What depends on the stored licence and on today (422).
    fn check_against(&self, license: &License, today: NaiveDate) -> Result<(), UseCaseError> {
        let mut errors = FieldErrors::default();
        if let (LicenseCommand::Renew, Some(until)) = (self.command, self.valid_until) {
            if until <= license.valid_until.max(today) {
                errors.add("valid_until", crate::msg!("reason-renewal-until"));
            }
        }
        if let (LicenseCommand::Suspend, Some(until)) = (self.command, self.until) {
            if until < today {
                errors.add("until", crate::msg!("reason-not-in-the-past"));
            }
        }
        errors.finish()
    }
}

/// The licence with this number (in any spelling the lookup forgives).
pub async fn find(conn: &mut DbConn, number: &LicenseNumber, today: NaiveDate) -> Result<LicenseState, UseCaseError> {
    let (license, agency) = License::find_with_agency(conn, number.lookup_key())
        .await?
        .ok_or_else(|| UseCaseError::LicenseNotFound(number.canonical().to_owned()))?;
    Ok(LicenseState::new(license, agency, today))
}

/// The signed statement of what the public check says of this licence at
/// `now` (a revoked or suspended licence has one that says so). Read
/// through [`super::reads::Reads::statement`], like every public read.
pub fn statement(keys: &KeyStore, state: LicenseState, now: DateTime<Utc>) -> Result<String, UseCaseError> {
    let claims = LicenseStatement::new(state.license, state.agency, now);
    crate::auth::statement::sign(keys, &claims).map_err(UseCaseError::internal)
}

/// Issues a licence to `row.agency_id` (404 without that agency, 409 when
/// the number is registered in any look-alike spelling).
pub async fn issue(w: &Writer, actor: &Actor, row: NewLicense, today: NaiveDate) -> Result<LicenseState, UseCaseError> {
    w.change(actor, async |tx| {
        let agency_id = row.agency_id;
        let agency = Agency::lock(tx.conn(), agency_id)
            .await?
            .ok_or_else(|| super::agencies::not_found(agency_id))?;
        let license = License::insert(tx.conn(), &row)
            .await
            .map_err(|e| UseCaseError::conflict_on_unique(e, crate::msg!("detail-license-number-taken")))?;
        let event = NewLicenseEvent {
            license_id: license.id,
            action: LicenseAction::Issued,
            reason: None,
            effective_at: Utc::now(),
        };
        LicenseEvent::insert_all(tx.conn(), &[event]).await?;
        tx.record(
            ("license", &license.license_number),
            "issue",
            None::<&AuditView>,
            Some(&AuditView::from(&license)),
        )
        .await?;
        tx.announce(ChangeType::LicenseIssued, Subject::License(license.id));
        Ok(LicenseState::new(license, agency, today))
    })
    .await
}

/// Acts on a licence. In this order: 404 for an unknown licence, 412 when
/// `if_match` is stale (of concurrent edits carrying one tag, the losers hear
/// "it changed, reload", not a verdict on a state they never saw), 409 when
/// the action is impossible from the status in force ("revoked is final"
/// helps more than remarks on fields), 422 for dates the stored licence or
/// today rule out.
pub async fn act(
    w: &Writer,
    actor: &Actor,
    number: &LicenseNumber,
    order: Order,
    if_match: &BasedOn,
    today: NaiveDate,
) -> Result<LicenseState, UseCaseError> {
    w.change(actor, async |tx| {
        let (license, agency) = License::lock_with_agency(tx.conn(), number.lookup_key())
            .await?
            .ok_or_else(|| UseCaseError::LicenseNotFound(number.canonical().to_owned()))?;
        if_match.check(&tags::license(&license, &agency, today))?;
        let from = standing(license.status, license.validity(), today).status;
        let to = transition(from, order.command).map_err(|e| UseCaseError::ImpossibleTransition {
            detail: crate::i18n::Message::from(&e),
            possible: e.possible.iter().map(|c| c.as_str().to_owned()).collect(),
        })?;
        order.check_against(&license, today)?;
        let keeps_reason = !matches!(order.command, LicenseCommand::Reinstate | LicenseCommand::Renew);
        let change = LicenseChange {
            id: license.id,
            status: to,
            status_reason: order.reason.clone().filter(|_| keeps_reason),
            valid_until: order.valid_until.unwrap_or(license.valid_until),
            suspended_until: order.until.filter(|_| order.command == LicenseCommand::Suspend),
        };
        let updated = License::update_standing(tx.conn(), &change).await?;
        let event = NewLicenseEvent {
            license_id: license.id,
            action: order.command.action(),
            reason: order.reason.clone(),
            effective_at: Utc::now(),
        };
        LicenseEvent::insert_all(tx.conn(), &[event]).await?;
        tx.record(
            ("license", &license.license_number),
            order.command.as_str(),
            Some(&AuditView::from(&license)),
            Some(&AuditView::from(&updated)),
        )
        .await?;
        tx.announce(ChangeType::of_command(order.command), Subject::License(license.id));
        Ok(LicenseState::new(updated, agency, today))
    })
    .await
}

/// Corrects the public reason of entry `event` in the licence's history (a
/// reason written with a person's name or phone in it): the entry, the
/// licence's current reason when it is that text, and the change feed's
/// entries that quote it now say `corrected`. In this order: 404 for an
/// unknown licence, 412 for a stale `if_match`, 404 for an entry of another
/// licence or one without a reason. The audit record keeps a digest of the
/// text replaced, never the text.
pub async fn correct_reason(
    w: &Writer,
    actor: &Actor,
    number: &LicenseNumber,
    event: i64,
    corrected: &str,
    if_match: &BasedOn,
    today: NaiveDate,
) -> Result<LicenseState, UseCaseError> {
    #[derive(serde::Serialize)]
    struct Correction<'a> {
        event: i64,
        #[serde(skip_serializing_if = "Option::is_none")]
        reason_sha256: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<&'a str>,
    }
    w.change(actor, async |tx| {
        let (license, agency) = License::lock_with_agency(tx.conn(), number.lookup_key())
            .await?
            .ok_or_else(|| UseCaseError::LicenseNotFound(number.canonical().to_owned()))?;
        if_match.check(&tags::license(&license, &agency, today))?;
        let no_such_entry = || UseCaseError::NotFound(crate::msg!("detail-license-event-not-found", id = event));
        LicenseEvent::find(tx.conn(), license.id, event)
            .await?
            .filter(|e| e.reason.is_some())
            .ok_or_else(no_such_entry)?;
        let previous = LicenseEvent::correct_reason(tx.conn(), event, corrected)
            .await?
            .ok_or_else(no_such_entry)?;
        let updated = if license.status_reason.as_deref() == Some(previous.as_str()) {
            License::set_status_reason(tx.conn(), license.id, corrected).await?
        } else {
            license
        };
        let digest = hex::encode(sha2::Sha256::digest(previous.as_bytes()));
        tx.record(
            ("license", &updated.license_number),
            "correct_reason",
            Some(&Correction {
                event,
                reason_sha256: Some(digest),
                reason: None,
            }),
            Some(&Correction {
                event,
                reason_sha256: None,
                reason: Some(corrected),
            }),
        )
        .await?;
        tx.announce(ChangeType::LicenseReasonCorrected, Subject::License(updated.id));
        Ok(LicenseState::new(updated, agency, today))
    })
    .await
}
