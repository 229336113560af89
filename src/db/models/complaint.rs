use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

use crate::db::pg_enum::Stored;
use diesel::sql_types::{BigInt, Nullable, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::{complaint_events, complaints, idempotency_keys};
use crate::domain::access::Role;
use crate::domain::triage::{ComplaintCategory, ComplaintEventKind, ComplaintStatus};

/// A complaint as stored. `complainant` is personal data: it leaves the
/// database only towards the filing organisation and the ministry.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = complaints, check_for_backend(diesel::pg::Pg))]
pub struct Complaint {
    pub id: Uuid,
    pub reference: String,
    #[diesel(deserialize_as = Stored<ComplaintStatus>, serialize_as = Stored<ComplaintStatus>)]
    pub status: ComplaintStatus,
    #[diesel(deserialize_as = Stored<Option<ComplaintStatus>>, serialize_as = Stored<Option<ComplaintStatus>>)]
    pub outcome: Option<ComplaintStatus>,
    #[diesel(deserialize_as = Stored<ComplaintCategory>, serialize_as = Stored<ComplaintCategory>)]
    pub category: ComplaintCategory,
    pub agency_id: Option<Uuid>,
    pub license_number: Option<String>,
    pub recruiter_name: Option<String>,
    pub recruiter_phones: Vec<String>,
    pub recruiter_handles: Vec<String>,
    pub recruiter_place: Option<String>,
    pub description: String,
    pub incident_date: Option<NaiveDate>,
    pub destination_country: Option<String>,
    pub workers_affected: Option<i32>,
    pub complainant: Option<crate::db::json::Jsonb<crate::domain::complainant::Complainant>>,
    pub filed_by: String,
    pub organization: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Who may see which complaints.
#[derive(Debug, Clone)]
pub enum Visibility {
    /// The ministry sees all.
    All,
    /// An NGO sees its own organisation's.
    Organization(String),
}

/// Filters of the complaint listing.
#[derive(Debug, Clone)]
pub struct ComplaintFilter {
    pub visibility: Visibility,
    pub status: Option<ComplaintStatus>,
    pub category: Option<ComplaintCategory>,
    pub agency_id: Option<Uuid>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// Complaints older than this id (newest first).
    pub before_id: Option<Uuid>,
    pub limit: i64,
}

/// An unregistered recruiter named by complaints.
#[derive(Debug, Clone, QueryableByName)]
pub struct ReportedRecruiter {
    #[diesel(sql_type = Nullable<Text>)]
    pub name: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Array<Text>)]
    pub phones: Vec<String>,
    #[diesel(sql_type = diesel::sql_types::Array<Text>)]
    pub handles: Vec<String>,
    #[diesel(sql_type = BigInt)]
    pub complaints: i64,
    /// The month (Tashkent) of the latest published complaint, `2026-11`.
    #[diesel(sql_type = Text)]
    pub last_reported: String,
    /// What groups complaints into one recruiter; the keyset of paging.
    #[diesel(sql_type = Text)]
    pub identity: String,
}

/// Where a page of reported recruiters starts: after this month and identity.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReportedPosition {
    #[serde(rename = "m")]
    pub month: String,
    #[serde(rename = "k")]
    pub identity: String,
}

impl Complaint {
    /// The next human reference, e.g. `CMP-2026-000123`.
    pub async fn next_reference(conn: &mut AsyncPgConnection, year: i32) -> QueryResult<String> {
        #[derive(QueryableByName)]
        struct Next {
            #[diesel(sql_type = BigInt)]
            n: i64,
        }
        let next: Next = diesel::sql_query("SELECT nextval('complaint_reference_seq') AS n")
            .get_result(conn)
            .await?;
        Ok(format!("CMP-{year}-{:06}", next.n))
    }

    /// Stores a new complaint.
    pub async fn insert(conn: &mut AsyncPgConnection, complaint: &Complaint) -> QueryResult<usize> {
        diesel::insert_into(complaints::table)
            .values(complaint.clone())
            .execute(conn)
            .await
    }

    /// The complaint with this id, if `visibility` allows it; locked for
    /// update when `lock` is set.
    pub async fn find(
        conn: &mut AsyncPgConnection,
        id: Uuid,
        visibility: &Visibility,
        lock: bool,
    ) -> QueryResult<Option<Complaint>> {
        let query = complaints::table.find(id).select(Complaint::as_select());
        let found = if lock {
            query.for_update().first(conn).await.optional()?
        } else {
            query.first(conn).await.optional()?
        };
        // Another organisation's complaint is answered exactly like a missing one.
        Ok(found.filter(|c| match visibility {
            Visibility::All => true,
            Visibility::Organization(org) => c.organization.as_deref() == Some(org.as_str()),
        }))
    }

    /// Complaints matching `filter`, newest first.
    pub async fn list(conn: &mut AsyncPgConnection, filter: &ComplaintFilter) -> QueryResult<Vec<Complaint>> {
        let mut query = complaints::table.select(Complaint::as_select()).into_boxed();
        if let Visibility::Organization(org) = &filter.visibility {
            query = query.filter(complaints::organization.eq(org.clone()));
        }
        if let Some(status) = &filter.status {
            query = query.filter(complaints::status.eq(Stored(*status)));
        }
        if let Some(category) = &filter.category {
            query = query.filter(complaints::category.eq(Stored(*category)));
        }
        if let Some(agency_id) = filter.agency_id {
            query = query.filter(complaints::agency_id.eq(agency_id));
        }
        if let Some(from) = filter.from {
            query = query.filter(complaints::created_at.ge(from));
        }
        if let Some(to) = filter.to {
            query = query.filter(complaints::created_at.lt(to));
        }
        if let Some(before) = filter.before_id {
            query = query.filter(complaints::id.lt(before));
        }
        query.order(complaints::id.desc()).limit(filter.limit).load(conn).await
    }

    /// Moves a complaint to `status`, keeping `outcome` once found.
    pub async fn set_status(
        conn: &mut AsyncPgConnection,
        id: Uuid,
        status: ComplaintStatus,
        outcome: Option<ComplaintStatus>,
    ) -> QueryResult<Complaint> {
        diesel::update(complaints::table.find(id))
            .set((
                complaints::status.eq(Stored(status)),
                complaints::outcome.eq(Stored(outcome)),
                complaints::updated_at.eq(diesel::dsl::now),
            ))
            .returning(Complaint::as_returning())
            .get_result(conn)
            .await
    }

    /// How many complaints a client filed since `since`.
    pub async fn filed_since(conn: &mut AsyncPgConnection, client_id: &str, since: DateTime<Utc>) -> QueryResult<i64> {
        complaints::table
            .filter(complaints::filed_by.eq(client_id))
            .filter(complaints::created_at.ge(since))
            .count()
            .get_result(conn)
            .await
    }

    /// When the ministry published the recruiter this complaint names, if it did.
    pub async fn recruiter_published_at(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<DateTime<Utc>>> {
        complaints::table
            .find(id)
            .select(complaints::recruiter_published_at)
            .first(conn)
            .await
    }

    /// Publishes (`Some(actor)`) or withdraws (`None`) the recruiter this
    /// complaint names.
    pub async fn set_recruiter_publication(
        conn: &mut AsyncPgConnection,
        id: Uuid,
        actor: Option<&str>,
    ) -> QueryResult<usize> {
        let at = actor.map(|_| Utc::now());
        diesel::update(complaints::table.find(id))
            .set((
                complaints::recruiter_published_at.eq(at),
                complaints::recruiter_published_by.eq(actor),
            ))
            .execute(conn)
            .await
    }

    /// Unregistered recruiters the ministry published, latest month first,
    /// then by identity; with a phone or handle, only those that used it,
    /// with a name fragment, those whose name contains it. Only complaints
    /// the public may know of count (`ComplaintStatus::is_public`).
    pub async fn reported_recruiters(
        conn: &mut AsyncPgConnection,
        phone: Option<&str>,
        handle: Option<&str>,
        name: Option<&str>,
        after: Option<&ReportedPosition>,
        limit: i64,
    ) -> QueryResult<Vec<ReportedRecruiter>> {
        diesel::sql_query(
            "WITH matched AS (
                 SELECT c.recruiter_name, c.recruiter_phones, c.recruiter_handles, c.created_at,
                        coalesce(lower(c.recruiter_name),
                                 array_to_string(c.recruiter_phones || c.recruiter_handles, ',')) AS identity
                 FROM complaints c
                 WHERE c.agency_id IS NULL
                   AND c.recruiter_published_at IS NOT NULL
                   AND c.status NOT IN ('received', 'unsubstantiated')
                   AND c.outcome IS DISTINCT FROM 'unsubstantiated'
                   AND ($1::text IS NULL OR c.recruiter_phones @> ARRAY[$1::text])
                   AND (($2::text IS NULL AND $3::text IS NULL)
                        OR c.recruiter_handles @> ARRAY[$2::text]
                        OR c.recruiter_name ILIKE '%' || $3 || '%' ESCAPE '\\')
             ),
             grouped AS (
                 SELECT min(m.recruiter_name) AS name,
                        ARRAY(SELECT DISTINCT p FROM matched x, unnest(x.recruiter_phones) p
                              WHERE x.identity = m.identity ORDER BY p) AS phones,
                        ARRAY(SELECT DISTINCT h FROM matched x, unnest(x.recruiter_handles) h
                              WHERE x.identity = m.identity ORDER BY h) AS handles,
                        count(*) AS complaints,
                        to_char(max(m.created_at) AT TIME ZONE 'Asia/Tashkent', 'YYYY-MM') AS last_reported,
                        m.identity
                 FROM matched m
                 GROUP BY m.identity
             )
             SELECT * FROM grouped
             WHERE $4::text IS NULL
                OR last_reported < $4
                OR (last_reported = $4 AND identity > $5)
             ORDER BY last_reported DESC, identity
             LIMIT $6",
        )
        .bind::<Nullable<Text>, _>(phone)
        .bind::<Nullable<Text>, _>(handle)
        .bind::<Nullable<Text>, _>(name)
        .bind::<Nullable<Text>, _>(after.map(|a| a.month.as_str()))
        .bind::<Nullable<Text>, _>(after.map(|a| a.identity.as_str()))
        .bind::<BigInt, _>(limit)
        .load(conn)
        .await
    }
}

/// One step of a complaint's history: a triage move or a note.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = complaint_events, check_for_backend(diesel::pg::Pg))]
pub struct ComplaintEvent {
    pub id: i64,
    #[diesel(deserialize_as = Stored<ComplaintEventKind>)]
    pub kind: ComplaintEventKind,
    #[diesel(deserialize_as = Stored<ComplaintStatus>)]
    pub status: ComplaintStatus,
    pub note: Option<String>,
    #[diesel(deserialize_as = Stored<Role>)]
    pub actor_role: Role,
    pub created_at: DateTime<Utc>,
}

/// A history step about to be appended.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = complaint_events)]
pub struct NewComplaintEvent {
    pub complaint_id: Uuid,
    #[diesel(serialize_as = Stored<ComplaintEventKind>)]
    pub kind: ComplaintEventKind,
    #[diesel(serialize_as = Stored<ComplaintStatus>)]
    pub status: ComplaintStatus,
    pub note: Option<String>,
    pub actor: String,
    #[diesel(serialize_as = Stored<Role>)]
    pub actor_role: Role,
}

impl ComplaintEvent {
    /// Appends a step.
    pub async fn insert(conn: &mut AsyncPgConnection, event: &NewComplaintEvent) -> QueryResult<usize> {
        diesel::insert_into(complaint_events::table)
            .values(event.clone())
            .execute(conn)
            .await
    }

    /// A complaint's history, oldest first.
    pub async fn of(conn: &mut AsyncPgConnection, complaint_id: Uuid) -> QueryResult<Vec<ComplaintEvent>> {
        complaint_events::table
            .filter(complaint_events::complaint_id.eq(complaint_id))
            .order(complaint_events::id)
            .select(ComplaintEvent::as_select())
            .load(conn)
            .await
    }
}

/// A stored idempotency key.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = idempotency_keys, check_for_backend(diesel::pg::Pg))]
pub struct IdempotencyKey {
    pub request_hash: String,
    pub response_status: Option<i32>,
    /// The complaint the first request filed: all a replay needs.
    pub complaint_id: Option<Uuid>,
}

/// Keys are kept at least this long.
pub const IDEMPOTENCY_HOURS: i32 = 48;

impl IdempotencyKey {
    /// Claims `key` for `client_id`. `None`: the key is new and now held by
    /// this transaction; `Some`: it was used before (waits for a concurrent
    /// holder to commit first).
    pub async fn claim(
        conn: &mut AsyncPgConnection,
        client_id: &str,
        key: &str,
        request_hash: &str,
    ) -> QueryResult<Option<IdempotencyKey>> {
        // An expired key not yet purged is free again.
        diesel::sql_query(format!(
            "DELETE FROM idempotency_keys WHERE client_id = $1 AND key = $2
               AND created_at < now() - interval '{IDEMPOTENCY_HOURS} hours'"
        ))
        .bind::<Text, _>(client_id)
        .bind::<Text, _>(key)
        .execute(conn)
        .await?;
        let inserted = diesel::insert_into(idempotency_keys::table)
            .values((
                idempotency_keys::client_id.eq(client_id),
                idempotency_keys::key.eq(key),
                idempotency_keys::request_hash.eq(request_hash),
            ))
            .on_conflict_do_nothing()
            .execute(conn)
            .await?;
        if inserted == 1 {
            return Ok(None);
        }
        idempotency_keys::table
            .find((client_id, key))
            .select(IdempotencyKey::as_select())
            .first(conn)
            .await
            .optional()
    }

    /// Records the answer given for a claimed key.
    pub async fn complete(
        conn: &mut AsyncPgConnection,
        client_id: &str,
        key: &str,
        status: i32,
        complaint_id: Uuid,
    ) -> QueryResult<usize> {
        diesel::update(idempotency_keys::table.find((client_id, key)))
            .set((
                idempotency_keys::response_status.eq(status),
                idempotency_keys::complaint_id.eq(complaint_id),
            ))
            .execute(conn)
            .await
    }

    /// Deletes every expired key; returns how many.
    pub async fn purge_expired(conn: &mut AsyncPgConnection) -> QueryResult<usize> {
        diesel::sql_query(format!(
            "DELETE FROM idempotency_keys WHERE created_at < now() - interval '{IDEMPOTENCY_HOURS} hours'"
        ))
        .execute(conn)
        .await
    }
}
