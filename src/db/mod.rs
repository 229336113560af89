//! Persistence: the pool, the schema, migrations, and the queries the routes
//! need. Nothing here knows about HTTP.

pub mod json;
pub mod listen;
pub mod migrations;
pub mod models;
pub mod pg_enum;
pub mod pool;
pub mod replicas;
pub mod roles;
pub mod schema;

pub use pool::{DbConn, DbPool};
