//! agency-registry: the public registry of licensed labour-recruitment agencies.
//!
//! `domain` holds the rules (pure Rust), `db` the persistence, `routes` the
//! HTTP handlers; `startup` wires them into a server.

pub mod admin;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
/// The rules and the vocabulary: a crate of its own (`crates/domain`).
pub use registry_domain as domain;
pub mod error;
pub mod i18n;
pub mod local_postgres;
pub mod metrics;
pub mod openapi;
pub mod public;
pub mod rate_limit;
pub mod routes;
pub mod seed;
pub mod startup;
pub mod tasks;
pub mod telemetry;
pub mod usecases;
