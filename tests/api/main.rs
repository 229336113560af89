//! Integration tests: the real HTTP app against a real PostgreSQL database,
//! a fresh database per test cloned from a migrated template.

// Tests fail loudly: unwrapping is how they say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod agencies;
mod audit;
mod auth;
mod browser;
mod changes;
mod channels;
mod check_page;
mod complaints;
mod contacts;
mod contract;
mod errors;
mod exposure;
mod health;
mod helpers;
mod instances;
mod job_orders;
mod languages;
mod licenses;
mod lifecycle;
mod metrics;
mod openapi;
mod process;
mod read_model;
mod relevance;
mod replicas;
mod representatives;
mod roles;
mod standing;
mod statements;
mod writes;
