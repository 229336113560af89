//! Access tokens and the keys that verify them.

pub mod jwks;
pub mod token;
