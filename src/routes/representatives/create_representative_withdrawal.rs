use actix_web::http::StatusCode;
use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::extract::{Authorized, Ministry};
use crate::domain::fields::{EventDate, Said};
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::msg;
use crate::public::RepresentativeResponse;
use crate::routes::etag::{json_tagged, required_if_match};
use crate::routes::now::Now;
use crate::routes::representatives::CardPath;
use crate::routes::validation::{json_body, FieldErrors};
use crate::usecases::error::UseCaseError;
use crate::usecases::{representatives, Actor, Writer};

/// Why and since when the agency no longer stands behind the person.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawalRequest {
    /// Why, in words the public will read on the card (no personal data).
    #[schema(example = "No longer works for the agency")]
    pub reason: Said<500>,
    /// Since when (default: today; not after today).
    pub withdrawn_on: Option<EventDate>,
}

impl WithdrawalRequest {
    fn checked(&self, today: chrono::NaiveDate) -> Result<(chrono::NaiveDate, String), UseCaseError> {
        let mut errors = FieldErrors::default();
        let reason = errors.check("reason", &self.reason);
        let on = match &self.withdrawn_on {
            Some(date) => date
                .check_on(today)
                .map_err(|e| errors.add("withdrawn_on", (&e).into()))
                .ok(),
            None => Some(today),
        };
        if on.is_some_and(|on| on > today) {
            errors.add("withdrawn_on", msg!("reason-not-in-the-future"));
        }
        errors.finish()?;
        Ok((on.unwrap_or(today), reason.unwrap_or_default()))
    }
}

/// Withdraw a representative's card.
///
/// Role: `ministry`. From `withdrawn_on` the person no longer represents
/// the agency: the card check says so, naming the day, and so does the
/// contact check for their phones and handles. The card stays (a worker who
/// meets the person later must learn it was withdrawn, not that it never
/// was); `PATCH` with `"status": "active"` re-activates it. Requires
/// `If-Match`; a card withdrawn already is a 409.
#[utoipa::path(
    tag = "representatives",
    security(("bearer" = [])),
    params(
        CardPath,
        ("If-Match" = String, Header, description = "ETag of the card's version"),
    ),
    request_body = WithdrawalRequest,
    responses(
        (status = 200, description = "Withdrawn", body = RepresentativeResponse, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "Not a card number, or one with a mistyped digit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No representative has this card", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The card is withdrawn already", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The card changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is missing", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[post("/v1/representatives/{card_number}/withdrawal")]
pub async fn create_representative_withdrawal(
    now: Now,
    req: HttpRequest,
    principal: Authorized<Ministry>,
    path: web::Path<CardPath>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let card = path.card()?;
    let if_match = required_if_match(&req)?;
    let today = now.today();
    let withdrawal = json_body::<WithdrawalRequest>(&req, &body)?.checked(today)?;
    let actor = Actor::from(&*principal);
    let state = representatives::withdraw(&writer, &actor, &card, withdrawal, &if_match, today).await?;
    let response = RepresentativeResponse::new(state.representative, state.agency, state.licenses, today);
    json_tagged(StatusCode::OK, &state.tag, &response)
}
