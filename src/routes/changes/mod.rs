//! `/v1/changes`: the public change feed.

pub mod list_changes;
