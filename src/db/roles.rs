//! The two database roles: the owner that runs migrations, and the runtime
//! role the service connects as (a member of `agency_registry_runtime`, which
//! the migrations grant only what the service needs).

use diesel::sql_types::Bool;
use diesel::QueryableByName;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

/// The group role the migrations grant the runtime privileges to.
pub const RUNTIME_GROUP: &str = "agency_registry_runtime";

/// Creates the login role `name` if it is missing and makes it a member of
/// the runtime group. Run as the owner, after the migrations. `name` must be
/// a plain identifier.
pub async fn ensure_runtime_login(owner: &mut AsyncPgConnection, name: &str) -> anyhow::Result<()> {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        anyhow::bail!("`{name}` is not a plain role name");
    }
    diesel::sql_query(format!(
        "DO $$ BEGIN
             IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN
                 CREATE ROLE {name} LOGIN;
             END IF;
         END $$"
    ))
    .execute(owner)
    .await?;
    diesel::sql_query(format!("GRANT {RUNTIME_GROUP} TO {name}"))
        .execute(owner)
        .await?;
    Ok(())
}

/// Whether the connected role could rewrite the audit trail (it owns the
/// table or is a superuser): the service should not run as such a role.
pub async fn can_rewrite_audit(conn: &mut AsyncPgConnection) -> anyhow::Result<bool> {
    #[derive(QueryableByName)]
    struct Answer {
        #[diesel(sql_type = Bool)]
        can: bool,
    }
    let answer: Answer = diesel::sql_query(
        "SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
             OR pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'audit_events'::regclass), 'USAGE')
             OR has_table_privilege('audit_events', 'UPDATE, DELETE, TRUNCATE') AS can",
    )
    .get_result(conn)
    .await?;
    Ok(answer.can)
}
