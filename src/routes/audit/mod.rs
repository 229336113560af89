//! The audit trail: records for auditors, its head for everyone.

pub mod check_audit_checkpoint;
pub mod find_audit_head;
pub mod list_audit_events;
pub mod verify_audit_chain;
