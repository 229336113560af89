//! Unregistered recruiters that complaints have named, for workers to check.

pub mod list_reported_recruiters;
