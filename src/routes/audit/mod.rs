//! The audit trail, for auditors.

pub mod list_audit_events;
pub mod verify_audit_chain;
