//! Foreign employers (the principals abroad) the ministry vets: public,
//! with their standing, and named by every job order.

pub mod create_employer;
pub mod create_employer_event;
pub mod fields;
pub mod find_employer;
pub mod update_employer;
