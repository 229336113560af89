//! Rows as stored, and the queries over them.

pub mod agency;
pub mod agency_search;
pub mod api_client;
pub mod audit_checkpoint;
pub mod audit_event;
pub mod change;
pub mod complaint;
pub mod employer;
pub mod job_order;
pub mod job_order_search;
pub mod license;
pub mod license_clock;
pub mod license_event;
pub mod representative;
pub mod signing_key;
pub mod snapshot;

pub use agency::{Agency, ChannelHandle, Channels, NewAgency};
pub use agency_search::{AgencySearch, QueryTerms, SearchPosition, SearchedAgency};
pub use api_client::{ApiClient, NewApiClient};
pub use audit_checkpoint::AuditCheckpointRow;
pub use audit_event::{AuditEvent, AuditFilter, NewAuditEvent};
pub use change::{Change, NewChange};
pub use complaint::{Complaint, ComplaintEvent, ComplaintFilter, IdempotencyKey, NewComplaintEvent, Visibility};
pub use employer::{Employer, EmployerFields, EmployerStep};
pub use job_order::{JobOrder, JobOrderFields, JobOrderStep};
pub use job_order_search::{JobOrderSearch, OrderPosition};
pub use license::{License, LicenseChange, NewLicense};
pub use license_clock::LicenseClock;
pub use license_event::{LicenseEvent, NewLicenseEvent};
pub use representative::{NewRepresentative, Representative, RepresentativeFields, Withdrawal};
pub use signing_key::SigningKeyRow;
pub use snapshot::SnapshotRow;
