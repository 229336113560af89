//! `/v1/registry/...`: the registry as a whole.

pub mod find_snapshot;
