//! Job orders: a job abroad an agency registered under its licence
//! (`POST /v1/licenses/{number}/job-orders`), with an accredited employer
//! and the terms a worker is promised; each with a reference a worker can
//! check.

pub mod create_job_order_event;
pub mod fields;
pub mod find_job_order;
pub mod find_job_order_qr_png;
pub mod find_job_order_qr_svg;
pub mod find_job_order_statement;
pub mod list_job_orders;
pub mod update_job_order;

use serde::Deserialize;
use utoipa::IntoParams;

use crate::domain::check_digit::NumberError;
use crate::domain::fields::JobOrderReferenceText;
use crate::domain::job_order::JobOrderReference;
use crate::error::ApiError;
use crate::i18n::Message;

/// The `{reference}` path segment.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct JobOrderPath {
    /// A job order reference as typed: `J-1000-0012`, any case, spaces or
    /// dashes anywhere, Cyrillic Ж.
    #[param(inline)]
    pub reference: JobOrderReferenceText,
}

impl JobOrderPath {
    /// The reference, or a 400 saying what is wrong: not a reference at
    /// all, or a mistyped digit ("check it", never another offer).
    pub fn reference(&self) -> Result<JobOrderReference, ApiError> {
        JobOrderReference::parse(self.reference.as_str()).map_err(|e| match e {
            NumberError::Mistyped => ApiError::BadRequest(Message::new("detail-job-order-mistyped")),
            NumberError::Malformed => ApiError::BadRequest(Message::new("detail-not-a-job-order")),
        })
    }
}
