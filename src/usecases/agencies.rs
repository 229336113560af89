//! Registering and changing agencies.

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::feed::Subject;
use super::{tags, Actor, BasedOn, Writer};
use crate::db::models::{Agency, Channels, License, NewAgency, Representative};
use crate::db::DbConn;
use crate::domain::changes::ChangeType;
use crate::usecases::error::UseCaseError;

/// An agency as stored, with its licences and its entity tag.
#[derive(Debug, Clone)]
pub struct AgencyState {
    pub agency: Agency,
    pub licenses: Vec<License>,
    /// Its entity tag (see [`tags`]).
    pub tag: String,
}

impl AgencyState {
    pub(crate) fn new(agency: Agency, licenses: Vec<License>, today: NaiveDate) -> Self {
        let tag = tags::agency(&agency, &licenses, today);
        Self { agency, licenses, tag }
    }
}

/// What the audit trail keeps of an agency: its stored fields. Fixed here so
/// that a change to the API's agency shape never changes audit history.
#[derive(Debug, Serialize)]
pub struct AuditView<'a> {
    id: Uuid,
    legal_name: &'a str,
    other_names: &'a [String],
    taxpayer_id: &'a str,
    region: &'a str,
    address: Option<&'a str>,
    phone: Option<&'a str>,
    email: Option<&'a str>,
    website: Option<&'a str>,
}

impl<'a> From<&'a Agency> for AuditView<'a> {
    fn from(a: &'a Agency) -> Self {
        Self {
            id: a.id,
            legal_name: &a.legal_name,
            other_names: &a.other_names,
            taxpayer_id: &a.taxpayer_id,
            region: &a.region,
            address: a.address.as_deref(),
            phone: a.phone.as_deref(),
            email: a.email.as_deref(),
            website: a.website.as_deref(),
        }
    }
}

/// The answer for an agency id the registry does not hold.
pub fn not_found(id: Uuid) -> UseCaseError {
    UseCaseError::NotFound(crate::msg!("detail-agency-not-found", id = id.to_string()))
}

/// The agency with this id, with its licences.
pub async fn find(conn: &mut DbConn, id: Uuid, today: NaiveDate) -> Result<AgencyState, UseCaseError> {
    let agency = Agency::find(conn, id).await?.ok_or_else(|| not_found(id))?;
    let licenses = License::of_agencies(conn, &[id]).await?;
    Ok(AgencyState::new(agency, licenses, today))
}

/// Registers an agency (409 when its taxpayer id is registered).
pub async fn create(w: &Writer, actor: &Actor, row: NewAgency, today: NaiveDate) -> Result<AgencyState, UseCaseError> {
    w.change(actor, async |tx| {
        let agency = Agency::insert(tx.conn(), &row)
            .await
            .map_err(|e| UseCaseError::conflict_on_unique(e, crate::msg!("detail-taxpayer-id-taken")))?;
        let id = agency.id.to_string();
        tx.record(
            ("agency", &id),
            "create",
            None::<&AuditView>,
            Some(&AuditView::from(&agency)),
        )
        .await?;
        tx.announce(ChangeType::AgencyRegistered, Subject::Agency(agency.id));
        Ok(AgencyState::new(agency, Vec::new(), today))
    })
    .await
}

/// Changes an agency: `edit` turns the stored agency into the row to store
/// (422 when the result is invalid); then `if_match` must name the stored
/// version (412), and the taxpayer id must stay unique (409).
pub async fn update(
    w: &Writer,
    actor: &Actor,
    id: Uuid,
    edit: impl FnOnce(&Agency) -> Result<NewAgency, UseCaseError>,
    if_match: &BasedOn,
    today: NaiveDate,
) -> Result<AgencyState, UseCaseError> {
    w.change(actor, async |tx| {
        let agency = Agency::lock(tx.conn(), id).await?.ok_or_else(|| not_found(id))?;
        let licenses = License::of_agencies(tx.conn(), &[id]).await?;
        let row = edit(&agency)?;
        // Preconditions come last (RFC 9110 section 13.2.1): a request that
        // would fail anyway answers that failure, not 412.
        if_match.check(&tags::agency(&agency, &licenses, today))?;
        let updated = Agency::update(tx.conn(), &row)
            .await
            .map_err(|e| UseCaseError::conflict_on_unique(e, crate::msg!("detail-taxpayer-id-taken")))?;
        tx.record(
            ("agency", &id.to_string()),
            "update",
            Some(&AuditView::from(&agency)),
            Some(&AuditView::from(&updated)),
        )
        .await?;
        tx.announce(ChangeType::AgencyUpdated, Subject::Agency(id));
        Ok(AgencyState::new(updated, licenses, today))
    })
    .await
}

/// What the audit trail keeps of an agency's channels (public data, kept
/// whole: who registered which number is the point of the trail).
#[derive(Debug, Serialize)]
struct ChannelsView<'a> {
    id: Uuid,
    channels: &'a Channels,
}

/// Replaces an agency's official channels as a whole: `if_match` must name
/// the stored version (412), and no channel may be another agency's (409
/// naming it, so the ministry can see which record is wrong).
pub async fn set_channels(
    w: &Writer,
    actor: &Actor,
    id: Uuid,
    channels: Channels,
    if_match: &BasedOn,
    today: NaiveDate,
) -> Result<AgencyState, UseCaseError> {
    w.change(actor, async |tx| {
        let agency = Agency::lock(tx.conn(), id).await?.ok_or_else(|| not_found(id))?;
        let licenses = License::of_agencies(tx.conn(), &[id]).await?;
        if_match.check(&tags::agency(&agency, &licenses, today))?;
        // Under the registry's write lock (taken now, held to the commit), no
        // other change can register one of these channels meanwhile.
        crate::db::models::audit_event::lock_appends(tx.conn()).await?;
        let holders = Agency::holding_channels(tx.conn(), Some(id), &channels).await?;
        if let Some((_, name)) = holders.first() {
            return Err(UseCaseError::Conflict(crate::msg!(
                "detail-channels-taken",
                agency = name.as_str()
            )));
        }
        cards_in_the_way(tx.conn(), id, &channels).await?;
        let updated = Agency::set_channels(tx.conn(), id, &channels).await?;
        tx.record(
            ("agency", &id.to_string()),
            "channels",
            Some(&ChannelsView {
                id,
                channels: &agency.channels,
            }),
            Some(&ChannelsView {
                id,
                channels: &updated.channels,
            }),
        )
        .await?;
        tx.announce(ChangeType::AgencyUpdated, Subject::Agency(id));
        Ok(AgencyState::new(updated, licenses, today))
    })
    .await
}

/// 409 when a card of another agency holds one of `channels`' phones or
/// handles (the agency's own representatives may use its numbers).
async fn cards_in_the_way(
    conn: &mut diesel_async::AsyncPgConnection,
    agency_id: Uuid,
    channels: &Channels,
) -> Result<(), UseCaseError> {
    let phones: Vec<String> = channels.phones.iter().chain(&channels.shared_phones).cloned().collect();
    let cards = Representative::holding(conn, &phones, &channels.handles).await?;
    if let Some((other, name)) = cards.iter().find(|(r, _)| r.agency_id != agency_id) {
        return Err(UseCaseError::Conflict(crate::msg!(
            "detail-channels-taken-by-card",
            card = other.card().as_str(),
            agency = name.as_str()
        )));
    }
    Ok(())
}
