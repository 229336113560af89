use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::json::Jsonb;
use crate::db::schema::agencies;

/// A registered recruitment agency.
#[derive(Debug, Clone, Queryable, QueryableByName, Selectable, Identifiable)]
#[diesel(table_name = agencies, check_for_backend(diesel::pg::Pg))]
pub struct Agency {
    pub id: Uuid,
    pub legal_name: String,
    pub other_names: Vec<String>,
    pub taxpayer_id: String,
    pub region: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Public complaint counts: `{"total", "substantiated", "by_category"}`.
    pub complaint_counts: ComplaintTally,
    /// Bumped by the database on every update (see `entity_tag`).
    pub version: i64,
    /// The official channels it recruits through.
    #[diesel(deserialize_as = Jsonb<Channels>)]
    pub channels: Channels,
}

/// An agency's official channels, each in the form a check compares: what
/// `PUT /v1/agencies/{id}/channels` registered.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Channels {
    /// Phone numbers, E.164.
    #[schema(example = json!(["+998712001122"]))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<String>,
    /// Phone numbers it shares with other agencies (a call centre answering
    /// for several), E.164: each may be registered by several agencies, as
    /// long as every one of them registers it as shared.
    #[schema(example = json!(["+998712000000"]))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared_phones: Vec<String>,
    /// Messenger and social handles.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub handles: Vec<ChannelHandle>,
    /// Web sites, as their domains.
    #[schema(example = json!(["istiqbol.uz"]))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub websites: Vec<String>,
    /// Offices.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<String>,
}

/// A handle on its platform.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChannelHandle {
    /// `telegram`, `instagram`, `facebook`, `tiktok`, `youtube` or `x`.
    #[schema(example = "telegram")]
    pub platform: String,
    /// Lower case, without `@`.
    #[schema(example = "istiqbol_jobs")]
    pub name: String,
}

/// The keys a check finds a channel by, one form each: `phone:+998...`,
/// `handle:telegram:name`, `site:domain`.
pub mod channel_key {
    /// A phone, E.164.
    pub fn phone(e164: &str) -> String {
        format!("phone:{e164}")
    }

    /// A handle on its platform.
    pub fn handle(platform: &str, name: &str) -> String {
        format!("handle:{platform}:{name}")
    }

    /// A web site's domain.
    pub fn site(domain: &str) -> String {
        format!("site:{domain}")
    }

    /// A key read back, borrowed from it (what the read model compares a
    /// row's channels with, in place).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Key<'a> {
        Phone(&'a str),
        Handle { platform: &'a str, name: &'a str },
        Site(&'a str),
    }

    /// Reads a key these functions wrote; `None` for anything else.
    pub fn read(key: &str) -> Option<Key<'_>> {
        let (kind, rest) = key.split_once(':')?;
        match kind {
            "phone" => Some(Key::Phone(rest)),
            "site" => Some(Key::Site(rest)),
            "handle" => rest
                .split_once(':')
                .map(|(platform, name)| Key::Handle { platform, name }),
            _ => None,
        }
    }
}

impl Channels {
    /// Every key a check finds the channels this agency holds alone by
    /// (offices are not looked up; shared phones are [`Channels::shared_keys`]).
    pub fn keys(&self) -> Vec<String> {
        let phones = self.phones.iter().map(|p| channel_key::phone(p));
        let handles = self.handles.iter().map(|h| channel_key::handle(&h.platform, &h.name));
        let sites = self.websites.iter().map(|d| channel_key::site(d));
        phones.chain(handles).chain(sites).collect()
    }

    /// Whether [`Channels::keys`] has this key, compared in place (the read
    /// model asks this of every agency a key's hash leads to).
    pub fn holds(&self, key: &str) -> bool {
        match channel_key::read(key) {
            Some(channel_key::Key::Phone(phone)) => self.phones.iter().any(|p| p == phone),
            Some(channel_key::Key::Site(domain)) => self.websites.iter().any(|d| d == domain),
            Some(channel_key::Key::Handle { platform, name }) => {
                self.handles.iter().any(|h| h.platform == platform && h.name == name)
            }
            None => false,
        }
    }

    /// The keys of the phones it shares with other agencies.
    pub fn shared_keys(&self) -> Vec<String> {
        self.shared_phones.iter().map(|p| channel_key::phone(p)).collect()
    }

    /// Whether none is registered.
    pub fn is_empty(&self) -> bool {
        self.phones.is_empty()
            && self.shared_phones.is_empty()
            && self.handles.is_empty()
            && self.websites.is_empty()
            && self.addresses.is_empty()
    }
}

impl From<Jsonb<Channels>> for Channels {
    fn from(Jsonb(mut channels): Jsonb<Channels>) -> Self {
        // A list read from JSON grows to four places for one item: kept
        // for every agency by the read model, the slack was a third of what
        // 100,000 agencies' channels cost it.
        for list in [
            &mut channels.phones,
            &mut channels.shared_phones,
            &mut channels.websites,
            &mut channels.addresses,
        ] {
            list.shrink_to_fit();
        }
        channels.handles.shrink_to_fit();
        channels
    }
}

/// The public complaint counts stored on an agency (the `jsonb` column that
/// `public_complaint_counts()` fills), typed: a few integers instead of a
/// JSON tree per agency, which matters to a registry kept in memory.
#[derive(
    Debug,
    Clone,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    diesel::deserialize::FromSqlRow,
    diesel::expression::AsExpression,
)]
#[diesel(sql_type = diesel::sql_types::Jsonb)]
#[serde(default)]
pub struct ComplaintTally {
    pub total: i64,
    pub substantiated: i64,
    pub by_category: std::collections::BTreeMap<String, i64>,
}

impl diesel::deserialize::FromSql<diesel::sql_types::Jsonb, diesel::pg::Pg> for ComplaintTally {
    fn from_sql(bytes: diesel::pg::PgValue<'_>) -> diesel::deserialize::Result<Self> {
        let value =
            <serde_json::Value as diesel::deserialize::FromSql<diesel::sql_types::Jsonb, diesel::pg::Pg>>::from_sql(
                bytes,
            )?;
        Ok(serde_json::from_value(value)?)
    }
}

/// An agency about to be inserted.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = agencies)]
pub struct NewAgency {
    pub id: Uuid,
    pub legal_name: String,
    pub other_names: Vec<String>,
    pub taxpayer_id: String,
    pub region: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    /// All names in their folded search form, see `domain::transliterate`.
    pub search_names: String,
    /// Its official channels (`PUT …/channels` replaces them; a new agency
    /// registered through the API has none yet).
    pub channels: Jsonb<Channels>,
}

impl NewAgency {
    /// The search form of all of an agency's names, one string for the trigram index.
    pub fn search_names_of(legal_name: &str, other_names: &[String]) -> String {
        std::iter::once(legal_name)
            .chain(other_names.iter().map(String::as_str))
            .map(crate::domain::transliterate::search_form)
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

impl Agency {
    /// The agency with this id.
    pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<Agency>> {
        agencies::table
            .find(id)
            .select(Agency::as_select())
            .first(conn)
            .await
            .optional()
    }

    /// The agencies with these ids.
    pub async fn find_all(conn: &mut AsyncPgConnection, ids: &[Uuid]) -> QueryResult<Vec<Agency>> {
        agencies::table
            .filter(agencies::id.eq_any(ids))
            .select(Agency::as_select())
            .load(conn)
            .await
    }

    /// Up to `limit` agencies after `after` in id order: the registry read
    /// page by page (the in-memory read model is built from these).
    pub async fn page_after(conn: &mut AsyncPgConnection, after: Option<Uuid>, limit: i64) -> QueryResult<Vec<Agency>> {
        agencies::table
            .filter(agencies::id.gt(after.unwrap_or(Uuid::nil())))
            .order(agencies::id)
            .limit(limit)
            .select(Agency::as_select())
            .load(conn)
            .await
    }

    /// The agency with this id, locked for update until the transaction ends.
    pub async fn lock(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<Agency>> {
        agencies::table
            .find(id)
            .select(Agency::as_select())
            .for_update()
            .first(conn)
            .await
            .optional()
    }

    /// Inserts one agency and returns it.
    pub async fn insert(conn: &mut AsyncPgConnection, row: &NewAgency) -> QueryResult<Agency> {
        diesel::insert_into(agencies::table)
            .values(row)
            .returning(Agency::as_returning())
            .get_result(conn)
            .await
    }

    /// Replaces an agency's fields with `row`'s (its id stays).
    pub async fn update(conn: &mut AsyncPgConnection, row: &NewAgency) -> QueryResult<Agency> {
        diesel::update(agencies::table.find(row.id))
            .set((
                agencies::legal_name.eq(&row.legal_name),
                agencies::other_names.eq(&row.other_names),
                agencies::taxpayer_id.eq(&row.taxpayer_id),
                agencies::region.eq(&row.region),
                agencies::address.eq(&row.address),
                agencies::phone.eq(&row.phone),
                agencies::email.eq(&row.email),
                agencies::website.eq(&row.website),
                agencies::search_names.eq(&row.search_names),
                agencies::updated_at.eq(diesel::dsl::now),
            ))
            .returning(Agency::as_returning())
            .get_result(conn)
            .await
    }

    /// Replaces an agency's official channels.
    pub async fn set_channels(conn: &mut AsyncPgConnection, id: Uuid, channels: &Channels) -> QueryResult<Agency> {
        diesel::update(agencies::table.find(id))
            .set((
                agencies::channels.eq(Jsonb(channels)),
                agencies::updated_at.eq(diesel::dsl::now),
            ))
            .returning(Agency::as_returning())
            .get_result(conn)
            .await
    }

    /// The agencies other than `except` (id, legal name) that registered
    /// one of these channels, sharing a phone only where both register it
    /// as shared: who stands in the way of `channels`.
    pub async fn holding_channels(
        conn: &mut AsyncPgConnection,
        except: Option<Uuid>,
        channels: &Channels,
    ) -> QueryResult<Vec<(Uuid, String)>> {
        Self::holding(conn, except, channels, false).await
    }

    /// The agencies (id, legal name) holding one of these channels in any
    /// way, shared phones included: who a check names.
    pub async fn answering_for(conn: &mut AsyncPgConnection, channels: &Channels) -> QueryResult<Vec<(Uuid, String)>> {
        Self::holding(conn, None, channels, true).await
    }

    async fn holding(
        conn: &mut AsyncPgConnection,
        except: Option<Uuid>,
        channels: &Channels,
        shared_too: bool,
    ) -> QueryResult<Vec<(Uuid, String)>> {
        let handles: Vec<String> = channels
            .handles
            .iter()
            .map(|h| format!("{}:{}", h.platform, h.name))
            .collect();
        #[derive(QueryableByName)]
        struct Holder {
            #[diesel(sql_type = diesel::sql_types::Uuid)]
            id: Uuid,
            #[diesel(sql_type = diesel::sql_types::Text)]
            legal_name: String,
        }
        let holders: Vec<Holder> = diesel::sql_query(
            "SELECT id, legal_name FROM agencies WHERE id IS DISTINCT FROM $1 \
             AND ((channels -> 'phones') ?| $2 OR (channels -> 'websites') ?| $3 \
                  OR (channels -> 'shared_phones') ?| $5 \
                  OR EXISTS (SELECT 1 FROM jsonb_array_elements(channels -> 'handles') h \
                             WHERE (h ->> 'platform') || ':' || (h ->> 'name') = ANY ($4))) \
             ORDER BY legal_name",
        )
        .bind::<diesel::sql_types::Nullable<diesel::sql_types::Uuid>, _>(except)
        // A phone another agency holds alone is in the way of any
        // registration of it; one it shares only of a registration of it
        // alone (a check names everyone who holds it either way).
        .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(
            channels
                .phones
                .iter()
                .chain(&channels.shared_phones)
                .collect::<Vec<_>>(),
        )
        .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(&channels.websites)
        .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(handles)
        .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(
            channels
                .phones
                .iter()
                .chain(shared_too.then_some(&channels.shared_phones).into_iter().flatten())
                .collect::<Vec<_>>(),
        )
        .load(conn)
        .await?;
        Ok(holders.into_iter().map(|h| (h.id, h.legal_name)).collect())
    }

    /// Recomputes an agency's public complaint counts (call in the
    /// transaction of the complaint change). Answers 1 when they changed, 0
    /// when they did not (the row is then left alone).
    pub async fn refresh_complaint_counts(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<usize> {
        // The rule of what counts publicly lives in SQL (`public_complaint_counts`).
        diesel::sql_query(
            "UPDATE agencies SET complaint_counts = public_complaint_counts(id) \
             WHERE id = $1 AND complaint_counts IS DISTINCT FROM public_complaint_counts(id)",
        )
        .bind::<diesel::sql_types::Uuid, _>(id)
        .execute(conn)
        .await
    }

    /// Inserts agencies in one statement.
    pub async fn insert_all(conn: &mut AsyncPgConnection, rows: &[NewAgency]) -> QueryResult<usize> {
        diesel::insert_into(agencies::table).values(rows).execute(conn).await
    }

    /// Whether the registry holds any agency yet.
    pub async fn any(conn: &mut AsyncPgConnection) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(agencies::table.select(agencies::id)))
            .get_result(conn)
            .await
    }
}
