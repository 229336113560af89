use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::db::pg_enum::Stored;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use crate::db::schema::signing_keys;
use crate::domain::access::KeyPurpose;

/// A token signing key kept in the database.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = signing_keys, check_for_backend(diesel::pg::Pg))]
pub struct SigningKeyRow {
    pub kid: String,
    /// The PKCS#8 PEM, sealed with the key-encryption key.
    pub private_key: String,
    pub public_key: String,
    pub created_at: DateTime<Utc>,
    pub retired_at: Option<DateTime<Utc>>,
    /// What it signs.
    #[diesel(deserialize_as = Stored<KeyPurpose>, serialize_as = Stored<KeyPurpose>)]
    pub purpose: KeyPurpose,
}

impl SigningKeyRow {
    /// Keys not retired, newest first: per purpose, the first signs, all verify.
    pub async fn active(conn: &mut AsyncPgConnection) -> QueryResult<Vec<SigningKeyRow>> {
        signing_keys::table
            .filter(signing_keys::retired_at.is_null())
            .order(signing_keys::created_at.desc())
            .select(SigningKeyRow::as_select())
            .load(conn)
            .await
    }

    /// Every key, retired ones included.
    pub async fn all(conn: &mut AsyncPgConnection) -> QueryResult<Vec<SigningKeyRow>> {
        signing_keys::table
            .order(signing_keys::created_at)
            .select(SigningKeyRow::as_select())
            .load(conn)
            .await
    }

    /// Replaces a key's stored private half (to seal one stored in clear).
    pub async fn set_private_key(conn: &mut AsyncPgConnection, kid: &str, private_key: &str) -> QueryResult<usize> {
        diesel::update(signing_keys::table.find(kid))
            .set(signing_keys::private_key.eq(private_key))
            .execute(conn)
            .await
    }

    /// Stores a new key.
    pub async fn insert(conn: &mut AsyncPgConnection, key: &SigningKeyRow) -> QueryResult<usize> {
        diesel::insert_into(signing_keys::table)
            .values(key.clone())
            .execute(conn)
            .await
    }

    /// Retires a key: tokens it signed stop verifying.
    pub async fn retire(conn: &mut AsyncPgConnection, kid: &str) -> QueryResult<usize> {
        diesel::update(signing_keys::table.find(kid))
            .filter(signing_keys::retired_at.is_null())
            .set(signing_keys::retired_at.eq(diesel::dsl::now))
            .execute(conn)
            .await
    }
}
