use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::agency::{channel_key, ChannelHandle};
use crate::db::json::Jsonb;
use crate::db::pg_enum::Stored;
use crate::db::schema::representatives;
use crate::domain::card::CardNumber;
use crate::domain::representative::RepresentativeStatus;

/// A person an agency has authorised to recruit for it.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = representatives, check_for_backend(diesel::pg::Pg))]
pub struct Representative {
    pub id: Uuid,
    pub agency_id: Uuid,
    /// The card's seven digits before the check digit (see [`Representative::card`]).
    pub card_serial: i32,
    /// As on the passport.
    pub full_name: String,
    /// ISO 3166-2:UZ codes of where they recruit.
    pub regions: Vec<String>,
    /// Work phones, E.164.
    pub phones: Vec<String>,
    /// Work handles, each on its platform.
    #[diesel(deserialize_as = Jsonb<Vec<ChannelHandle>>)]
    pub handles: Vec<ChannelHandle>,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    #[diesel(deserialize_as = Stored<RepresentativeStatus>)]
    pub status: RepresentativeStatus,
    pub withdrawn_on: Option<NaiveDate>,
    pub withdrawal_reason: Option<String>,
    /// Earlier withdrawals, oldest first.
    #[diesel(deserialize_as = Jsonb<Vec<Withdrawal>>)]
    pub history: Vec<Withdrawal>,
    /// Bumped by the database on every update (entity tags).
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An earlier withdrawal, ended by a re-activation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Withdrawal {
    /// The day the agency withdrew the person.
    pub withdrawn_on: NaiveDate,
    /// Why, as the ministry recorded it.
    pub reason: String,
    /// The day the card was made active again.
    pub reactivated_on: NaiveDate,
}

impl From<Jsonb<Vec<ChannelHandle>>> for Vec<ChannelHandle> {
    fn from(stored: Jsonb<Vec<ChannelHandle>>) -> Self {
        stored.0
    }
}

impl From<Jsonb<Vec<Withdrawal>>> for Vec<Withdrawal> {
    fn from(stored: Jsonb<Vec<Withdrawal>>) -> Self {
        stored.0
    }
}

/// A representative of a data set (demo, synthetic) about to be inserted.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = representatives)]
pub struct NewRepresentative {
    pub id: Uuid,
    pub agency_id: Uuid,
    pub card_serial: i32,
    pub full_name: String,
    pub regions: Vec<String>,
    pub phones: Vec<String>,
    pub handles: Jsonb<Vec<ChannelHandle>>,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub status: Stored<RepresentativeStatus>,
    pub withdrawn_on: Option<NaiveDate>,
    pub withdrawal_reason: Option<String>,
}

impl NewRepresentative {
    /// An active representative of `agency_id` with the card `serial` (0 to
    /// 9,999,999; read modulo the range beyond).
    pub fn new(agency_id: Uuid, serial: u32, fields: RepresentativeFields) -> Self {
        Self {
            id: Uuid::now_v7(),
            agency_id,
            card_serial: i32::try_from(serial % 10_000_000).unwrap_or_default(),
            full_name: fields.full_name,
            regions: fields.regions,
            phones: fields.phones,
            handles: Jsonb(fields.handles),
            valid_from: fields.valid_from,
            valid_until: fields.valid_until,
            status: Stored(RepresentativeStatus::Active),
            withdrawn_on: None,
            withdrawal_reason: None,
        }
    }

    /// Inserts representatives in one statement.
    pub async fn insert_all(conn: &mut AsyncPgConnection, rows: &[Self]) -> QueryResult<usize> {
        diesel::insert_into(representatives::table)
            .values(rows)
            .execute(conn)
            .await
    }
}

/// What the ministry registers of a representative (all but the card, the
/// status and the history).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepresentativeFields {
    pub full_name: String,
    pub regions: Vec<String>,
    pub phones: Vec<String>,
    pub handles: Vec<ChannelHandle>,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
}

impl RepresentativeFields {
    /// The keys a check finds these phones and handles by (`channel_key`).
    pub fn keys(&self) -> Vec<String> {
        keys_of(&self.phones, &self.handles)
    }
}

fn keys_of(phones: &[String], handles: &[ChannelHandle]) -> Vec<String> {
    let phones = phones.iter().map(|p| channel_key::phone(p));
    let handles = handles.iter().map(|h| channel_key::handle(&h.platform, &h.name));
    phones.chain(handles).collect()
}

impl Representative {
    /// Its card number.
    pub fn card(&self) -> CardNumber {
        CardNumber::of_stored(self.card_serial.unsigned_abs())
    }

    /// What the ministry registered of it.
    pub fn fields(&self) -> RepresentativeFields {
        RepresentativeFields {
            full_name: self.full_name.clone(),
            regions: self.regions.clone(),
            phones: self.phones.clone(),
            handles: self.handles.clone(),
            valid_from: self.valid_from,
            valid_until: self.valid_until,
        }
    }

    /// The keys a check finds its phones and handles by.
    pub fn keys(&self) -> Vec<String> {
        keys_of(&self.phones, &self.handles)
    }

    /// The representative with this card.
    pub async fn find_by_card(conn: &mut AsyncPgConnection, card: &CardNumber) -> QueryResult<Option<Self>> {
        representatives::table
            .filter(representatives::card_serial.eq(card_serial(card)))
            .select(Self::as_select())
            .first(conn)
            .await
            .optional()
    }

    /// The representative with this card, locked until the transaction ends.
    pub async fn lock_by_card(conn: &mut AsyncPgConnection, card: &CardNumber) -> QueryResult<Option<Self>> {
        representatives::table
            .filter(representatives::card_serial.eq(card_serial(card)))
            .select(Self::as_select())
            .for_update()
            .first(conn)
            .await
            .optional()
    }

    /// The representatives with these ids.
    pub async fn find_all(conn: &mut AsyncPgConnection, ids: &[Uuid]) -> QueryResult<Vec<Self>> {
        representatives::table
            .filter(representatives::id.eq_any(ids))
            .select(Self::as_select())
            .load(conn)
            .await
    }

    /// Up to `limit` representatives after the card serial `after`, in
    /// card order (the snapshot's pages).
    pub async fn page_after(conn: &mut AsyncPgConnection, after: i32, limit: i64) -> QueryResult<Vec<Self>> {
        representatives::table
            .filter(representatives::card_serial.gt(after))
            .order(representatives::card_serial)
            .limit(limit)
            .select(Self::as_select())
            .load(conn)
            .await
    }

    /// The representatives of these agencies, in card order.
    pub async fn of_agencies(conn: &mut AsyncPgConnection, ids: &[Uuid]) -> QueryResult<Vec<Self>> {
        representatives::table
            .filter(representatives::agency_id.eq_any(ids))
            .order(representatives::card_serial)
            .select(Self::as_select())
            .load(conn)
            .await
    }

    /// How many representatives an agency has registered.
    pub async fn count_of(conn: &mut AsyncPgConnection, agency_id: Uuid) -> QueryResult<i64> {
        representatives::table
            .filter(representatives::agency_id.eq(agency_id))
            .count()
            .get_result(conn)
            .await
    }

    /// Registers `row`; `None` when its card is taken (draw another).
    pub async fn insert(conn: &mut AsyncPgConnection, row: &NewRepresentative) -> QueryResult<Option<Self>> {
        diesel::insert_into(representatives::table)
            .values(row)
            .on_conflict(representatives::card_serial)
            .do_nothing()
            .returning(Self::as_returning())
            .get_result(conn)
            .await
            .optional()
    }

    /// Replaces what the ministry registered of it.
    pub async fn update(conn: &mut AsyncPgConnection, id: Uuid, fields: &RepresentativeFields) -> QueryResult<Self> {
        diesel::update(representatives::table.find(id))
            .set((
                representatives::full_name.eq(&fields.full_name),
                representatives::regions.eq(&fields.regions),
                representatives::phones.eq(&fields.phones),
                representatives::handles.eq(Jsonb(&fields.handles)),
                representatives::valid_from.eq(fields.valid_from),
                representatives::valid_until.eq(fields.valid_until),
                representatives::updated_at.eq(diesel::dsl::now),
            ))
            .returning(Self::as_returning())
            .get_result(conn)
            .await
    }

    /// Sets its status: withdrawn (with the day and the reason) or active
    /// again (with the earlier withdrawal moved to its history).
    pub async fn set_status(
        conn: &mut AsyncPgConnection,
        id: Uuid,
        status: RepresentativeStatus,
        withdrawal: Option<(NaiveDate, &str)>,
        history: &[Withdrawal],
    ) -> QueryResult<Self> {
        diesel::update(representatives::table.find(id))
            .set((
                representatives::status.eq(Stored(status)),
                representatives::withdrawn_on.eq(withdrawal.map(|(on, _)| on)),
                representatives::withdrawal_reason.eq(withdrawal.map(|(_, reason)| reason)),
                representatives::history.eq(Jsonb(history)),
                representatives::updated_at.eq(diesel::dsl::now),
            ))
            .returning(Self::as_returning())
            .get_result(conn)
            .await
    }

    /// The representatives holding one of these phones or handles, with
    /// their agencies' legal names, in card order.
    pub async fn holding(
        conn: &mut AsyncPgConnection,
        phones: &[String],
        handles: &[ChannelHandle],
    ) -> QueryResult<Vec<(Self, String)>> {
        use crate::db::schema::agencies;
        // One query: the phones' overlap or any handle's containment, each
        // answered by its GIN index.
        let mut query = representatives::table
            .inner_join(agencies::table)
            .filter(representatives::phones.overlaps_with(phones))
            .into_boxed();
        for h in handles {
            let handle = serde_json::json!([{"platform": h.platform, "name": h.name}]);
            query = query.or_filter(representatives::handles.contains(handle));
        }
        query
            .order(representatives::card_serial)
            .select((Self::as_select(), agencies::legal_name))
            .load::<(Self, String)>(conn)
            .await
    }
}

/// The stored serial of a card.
fn card_serial(card: &CardNumber) -> i32 {
    i32::try_from(card.serial()).unwrap_or(i32::MAX)
}
