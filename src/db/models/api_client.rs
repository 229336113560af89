use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use crate::auth::Role;
use crate::db::schema::api_clients;

/// A machine client of the write API (a ministry system, an NGO, an auditor).
#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = api_clients, check_for_backend(diesel::pg::Pg))]
pub struct ApiClient {
    pub client_id: String,
    pub name: String,
    pub role: Role,
    pub organization: Option<String>,
    #[serde(skip)]
    pub secret_hash: String,
    pub created_at: DateTime<Utc>,
    pub disabled_at: Option<DateTime<Utc>>,
}

/// A client about to be registered.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = api_clients)]
pub struct NewApiClient {
    pub client_id: String,
    pub name: String,
    pub role: Role,
    pub organization: Option<String>,
    pub secret_hash: String,
}

impl ApiClient {
    /// The client with this id.
    pub async fn find(conn: &mut AsyncPgConnection, client_id: &str) -> QueryResult<Option<ApiClient>> {
        api_clients::table
            .find(client_id)
            .select(ApiClient::as_select())
            .first(conn)
            .await
            .optional()
    }

    /// Whether the client exists and is not disabled.
    pub async fn is_enabled(conn: &mut AsyncPgConnection, client_id: &str) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            api_clients::table
                .filter(api_clients::client_id.eq(client_id))
                .filter(api_clients::disabled_at.is_null()),
        ))
        .get_result(conn)
        .await
    }

    /// Every client, oldest first.
    pub async fn all(conn: &mut AsyncPgConnection) -> QueryResult<Vec<ApiClient>> {
        api_clients::table
            .order(api_clients::created_at)
            .select(ApiClient::as_select())
            .load(conn)
            .await
    }

    /// Registers a client.
    pub async fn insert(conn: &mut AsyncPgConnection, client: &NewApiClient) -> QueryResult<ApiClient> {
        diesel::insert_into(api_clients::table)
            .values(client)
            .returning(ApiClient::as_returning())
            .get_result(conn)
            .await
    }

    /// Disables a client at once; returns it disabled (`None` when no
    /// enabled client has this id).
    pub async fn disable(conn: &mut AsyncPgConnection, client_id: &str) -> QueryResult<Option<ApiClient>> {
        diesel::update(api_clients::table.find(client_id))
            .filter(api_clients::disabled_at.is_null())
            .set(api_clients::disabled_at.eq(diesel::dsl::now))
            .returning(ApiClient::as_returning())
            .get_result(conn)
            .await
            .optional()
    }

    /// Replaces the stored secret hash (a legacy one, after a successful use).
    pub async fn set_secret_hash(
        conn: &mut AsyncPgConnection,
        client_id: &str,
        secret_hash: &str,
    ) -> QueryResult<usize> {
        diesel::update(api_clients::table.find(client_id))
            .set(api_clients::secret_hash.eq(secret_hash))
            .execute(conn)
            .await
    }
}
