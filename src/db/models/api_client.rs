use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::db::pg_enum::Stored;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use crate::db::schema::api_clients;
use crate::domain::access::Role;

/// A machine client of the write API (a ministry system, an NGO, an auditor).
#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = api_clients, check_for_backend(diesel::pg::Pg))]
pub struct ApiClient {
    pub client_id: String,
    pub name: String,
    #[diesel(deserialize_as = Stored<Role>)]
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
    #[diesel(serialize_as = Stored<Role>)]
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
            .values(client.clone())
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

    /// Replaces a legacy Argon2 hash with `sha256_hash`, the one write of
    /// clients the runtime role may make (through `upgrade_legacy_secret`,
    /// which touches nothing else); whether a legacy hash was replaced.
    pub async fn upgrade_legacy_secret(
        conn: &mut AsyncPgConnection,
        client_id: &str,
        sha256_hash: &str,
    ) -> QueryResult<bool> {
        #[derive(QueryableByName)]
        struct Replaced {
            #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Bool>)]
            upgrade_legacy_secret: Option<bool>,
        }
        let replaced: Replaced = diesel::sql_query("SELECT upgrade_legacy_secret($1, $2)")
            .bind::<diesel::sql_types::Text, _>(client_id)
            .bind::<diesel::sql_types::Text, _>(sha256_hash)
            .get_result(conn)
            .await?;
        Ok(replaced.upgrade_legacy_secret.unwrap_or(false))
    }

    /// Replaces the stored secret hash (the owner, rotating a secret).
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
