//! Agencies' representatives: the people authorised to recruit for an
//! agency, each with a card a worker can check (registered with
//! `POST /v1/agencies/{id}/representatives`).

pub mod create_representative_withdrawal;
pub mod fields;
pub mod find_representative;
pub mod find_representative_qr_png;
pub mod find_representative_qr_svg;
pub mod find_representative_statement;
pub mod update_representative;

use serde::Deserialize;
use utoipa::IntoParams;

use crate::domain::card::{CardError, CardNumber};
use crate::domain::fields::CardNumberText;
use crate::error::ApiError;
use crate::i18n::Message;

/// The `{card_number}` path segment.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CardPath {
    /// A card number as typed: `K-1234-5678`, any case, spaces or dashes
    /// anywhere, Cyrillic К.
    #[param(inline)]
    pub card_number: CardNumberText,
}

impl CardPath {
    /// The card, or a 400 saying what is wrong: not a card number at all,
    /// or a mistyped digit ("check the number", never another person's card).
    pub fn card(&self) -> Result<CardNumber, ApiError> {
        CardNumber::parse(self.card_number.as_str()).map_err(|e| match e {
            CardError::Mistyped => ApiError::BadRequest(Message::new("detail-card-mistyped")),
            CardError::Malformed => ApiError::BadRequest(Message::new("detail-not-a-card")),
        })
    }
}
