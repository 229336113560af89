//! Registering, changing and withdrawing an agency's representatives.
//!
//! A representative's phones and handles are public like the agency's own
//! channels, and the contact check names the card for them: so no other
//! agency, and no other card, may hold one of them. That is decided under
//! the registry's write lock (taken before the look, held to the commit),
//! like the agency's channels.

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::feed::Subject;
use super::{tags, Actor, BasedOn, Writer};
use crate::db::models::{
    Agency, ChannelHandle, Channels, License, NewRepresentative, Representative, RepresentativeFields, Withdrawal,
};
use crate::db::DbConn;
use crate::domain::card::CardNumber;
use crate::domain::changes::ChangeType;
use crate::domain::representative::{RepresentativeStatus, MAX_PER_AGENCY};
use crate::usecases::agencies;
use crate::usecases::error::UseCaseError;

/// A representative as stored, with the agency and licences its card
/// stands on, and its entity tag.
#[derive(Debug, Clone)]
pub struct RepresentativeState {
    pub representative: Representative,
    pub agency: Agency,
    pub licenses: Vec<License>,
    pub tag: String,
}

impl RepresentativeState {
    pub(crate) fn new(
        representative: Representative,
        agency: Agency,
        licenses: Vec<License>,
        today: NaiveDate,
    ) -> Self {
        let tag = tags::representative(&representative, &agency, &licenses, today);
        Self {
            representative,
            agency,
            licenses,
            tag,
        }
    }
}

/// What a change to a card's registration asks.
#[derive(Debug, Clone)]
pub struct CardEdit {
    /// The fields as they are to be.
    pub fields: RepresentativeFields,
    /// Make a withdrawn card active again (the withdrawal goes to its history).
    pub reactivate: bool,
}

/// What the audit trail keeps of a representative: every stored field
/// (public by design, so kept whole).
#[derive(Debug, Serialize)]
struct AuditView<'a> {
    card_number: String,
    agency_id: Uuid,
    full_name: &'a str,
    regions: &'a [String],
    phones: &'a [String],
    handles: &'a [ChannelHandle],
    valid_from: NaiveDate,
    valid_until: Option<NaiveDate>,
    status: &'static str,
    withdrawn_on: Option<NaiveDate>,
    withdrawal_reason: Option<&'a str>,
}

impl<'a> From<&'a Representative> for AuditView<'a> {
    fn from(r: &'a Representative) -> Self {
        Self {
            card_number: r.card().as_str().to_owned(),
            agency_id: r.agency_id,
            full_name: &r.full_name,
            regions: &r.regions,
            phones: &r.phones,
            handles: &r.handles,
            valid_from: r.valid_from,
            valid_until: r.valid_until,
            status: r.status.as_str(),
            withdrawn_on: r.withdrawn_on,
            withdrawal_reason: r.withdrawal_reason.as_deref(),
        }
    }
}

/// The answer for a well-formed card no representative holds.
pub fn not_found(card: &CardNumber) -> UseCaseError {
    UseCaseError::NotFound(crate::msg!("detail-card-not-found", card = card.as_str()))
}

/// The representative with this card, with its agency and licences.
pub async fn find(conn: &mut DbConn, card: &CardNumber, today: NaiveDate) -> Result<RepresentativeState, UseCaseError> {
    let r = Representative::find_by_card(conn, card)
        .await?
        .ok_or_else(|| not_found(card))?;
    let (r, agency, licenses) = with_agency(conn, r).await?;
    Ok(RepresentativeState::new(r, agency, licenses, today))
}

/// `r` with the agency and licences its card stands on.
async fn with_agency(
    conn: &mut diesel_async::AsyncPgConnection,
    r: Representative,
) -> Result<(Representative, Agency, Vec<License>), UseCaseError> {
    let agency = Agency::find(conn, r.agency_id)
        .await?
        .ok_or_else(|| agencies::not_found(r.agency_id))?;
    let licenses = License::of_agencies(conn, &[agency.id]).await?;
    Ok((r, agency, licenses))
}

/// Registers a representative of the agency `agency_id` under a new card.
pub async fn register(
    w: &Writer,
    actor: &Actor,
    agency_id: Uuid,
    fields: RepresentativeFields,
    today: NaiveDate,
) -> Result<RepresentativeState, UseCaseError> {
    w.change(actor, async |tx| {
        let agency = Agency::lock(tx.conn(), agency_id)
            .await?
            .ok_or_else(|| agencies::not_found(agency_id))?;
        if Representative::count_of(tx.conn(), agency_id).await? >= MAX_PER_AGENCY as i64 {
            return Err(UseCaseError::Conflict(crate::msg!(
                "detail-representatives-too-many",
                max = MAX_PER_AGENCY as i64
            )));
        }
        crate::db::models::audit_event::lock_appends(tx.conn()).await?;
        in_the_way(tx.conn(), agency_id, None, &fields).await?;
        let r = insert_with_new_card(tx.conn(), agency_id, &fields).await?;
        let card = r.card();
        tx.record(
            ("representative", card.as_str()),
            "create",
            None::<&AuditView>,
            Some(&AuditView::from(&r)),
        )
        .await?;
        tx.announce(ChangeType::RepresentativeRegistered, Subject::Representative(r.id));
        let licenses = License::of_agencies(tx.conn(), &[agency_id]).await?;
        Ok(RepresentativeState::new(r, agency, licenses, today))
    })
    .await
}

/// A card never given before: seven random digits (a card says nothing of
/// how many others there are), drawn again on the rare collision.
async fn insert_with_new_card(
    conn: &mut diesel_async::AsyncPgConnection,
    agency_id: Uuid,
    fields: &RepresentativeFields,
) -> Result<Representative, UseCaseError> {
    for _ in 0..32 {
        let serial = rand::random_range(0..10_000_000u32);
        let row = NewRepresentative::new(agency_id, serial, fields.clone());
        if let Some(r) = Representative::insert(conn, &row).await? {
            return Ok(r);
        }
    }
    Err(UseCaseError::internal("no free card number in 32 draws"))
}

/// Changes what is registered of the card `card` (and re-activates it when
/// asked): `edit` turns the stored fields into the new ones (422 when they
/// are invalid), then `if_match` must name the stored version (412).
pub async fn update(
    w: &Writer,
    actor: &Actor,
    card: &CardNumber,
    edit: impl FnOnce(&Representative) -> Result<CardEdit, UseCaseError>,
    if_match: &BasedOn,
    today: NaiveDate,
) -> Result<RepresentativeState, UseCaseError> {
    w.change(actor, async |tx| {
        let (before, agency, licenses) = locked(tx.conn(), card).await?;
        let CardEdit { fields, reactivate } = edit(&before)?;
        if reactivate && before.status == RepresentativeStatus::Active {
            return Err(UseCaseError::Conflict(crate::msg!("detail-card-not-withdrawn")));
        }
        if_match.check(&tags::representative(&before, &agency, &licenses, today))?;
        crate::db::models::audit_event::lock_appends(tx.conn()).await?;
        in_the_way(tx.conn(), before.agency_id, Some(before.id), &fields).await?;
        let mut after = Representative::update(tx.conn(), before.id, &fields).await?;
        let mut change = ChangeType::RepresentativeUpdated;
        if reactivate {
            let mut history = before.history.clone();
            history.push(Withdrawal {
                withdrawn_on: before.withdrawn_on.unwrap_or(today),
                reason: before.withdrawal_reason.clone().unwrap_or_default(),
                reactivated_on: today,
            });
            after =
                Representative::set_status(tx.conn(), before.id, RepresentativeStatus::Active, None, &history).await?;
            change = ChangeType::RepresentativeReactivated;
        }
        let action = if reactivate { "reactivate" } else { "update" };
        tx.record(
            ("representative", card.as_str()),
            action,
            Some(&AuditView::from(&before)),
            Some(&AuditView::from(&after)),
        )
        .await?;
        tx.announce(change, Subject::Representative(after.id));
        Ok(RepresentativeState::new(after, agency, licenses, today))
    })
    .await
}

/// Withdraws the card `card` from `on` for `reason` (409 when it is
/// withdrawn already); `if_match` must name the stored version (412).
pub async fn withdraw(
    w: &Writer,
    actor: &Actor,
    card: &CardNumber,
    (on, reason): (NaiveDate, String),
    if_match: &BasedOn,
    today: NaiveDate,
) -> Result<RepresentativeState, UseCaseError> {
    w.change(actor, async |tx| {
        let (before, agency, licenses) = locked(tx.conn(), card).await?;
        if before.status == RepresentativeStatus::Withdrawn {
            return Err(UseCaseError::Conflict(crate::msg!(
                "detail-card-withdrawn-already",
                since = before.withdrawn_on.map(|d| d.to_string()).unwrap_or_default()
            )));
        }
        if_match.check(&tags::representative(&before, &agency, &licenses, today))?;
        let after = Representative::set_status(
            tx.conn(),
            before.id,
            RepresentativeStatus::Withdrawn,
            Some((on, &reason)),
            &before.history,
        )
        .await?;
        tx.record(
            ("representative", card.as_str()),
            "withdraw",
            Some(&AuditView::from(&before)),
            Some(&AuditView::from(&after)),
        )
        .await?;
        tx.announce(ChangeType::RepresentativeWithdrawn, Subject::Representative(after.id));
        Ok(RepresentativeState::new(after, agency, licenses, today))
    })
    .await
}

/// The card, locked, with its agency and licences (404 for no such card).
async fn locked(
    conn: &mut diesel_async::AsyncPgConnection,
    card: &CardNumber,
) -> Result<(Representative, Agency, Vec<License>), UseCaseError> {
    let r = Representative::lock_by_card(conn, card)
        .await?
        .ok_or_else(|| not_found(card))?;
    with_agency(conn, r).await
}

/// 409 when another agency registered one of these phones or handles as a
/// channel, or another card holds one (naming which).
async fn in_the_way(
    conn: &mut diesel_async::AsyncPgConnection,
    agency_id: Uuid,
    this_card: Option<Uuid>,
    fields: &RepresentativeFields,
) -> Result<(), UseCaseError> {
    let as_channels = Channels {
        phones: fields.phones.clone(),
        handles: fields.handles.clone(),
        ..Channels::default()
    };
    if let Some((_, name)) = Agency::holding_channels(conn, Some(agency_id), &as_channels)
        .await?
        .first()
    {
        return Err(UseCaseError::Conflict(crate::msg!(
            "detail-channels-taken",
            agency = name.as_str()
        )));
    }
    let cards = Representative::holding(conn, &fields.phones, &fields.handles).await?;
    if let Some((other, name)) = cards.iter().find(|(r, _)| Some(r.id) != this_card) {
        return Err(UseCaseError::Conflict(crate::msg!(
            "detail-channels-taken-by-card",
            card = other.card().as_str(),
            agency = name.as_str()
        )));
    }
    Ok(())
}
