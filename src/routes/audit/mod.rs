//! The audit trail: records for auditors, its head for everyone.

pub mod check_audit_checkpoint;
pub mod find_audit_head;
pub mod list_audit_events;
pub mod verify_audit_chain;

/// Walking the whole chain reads every record: one walk at a time per
/// process, so that clients asking together queue instead of piling load
/// on the database.
pub(crate) static CHAIN_WALKS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);
