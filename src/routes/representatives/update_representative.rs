use actix_web::http::StatusCode;
use actix_web::{patch, web, HttpRequest, HttpResponse};

use crate::auth::extract::{Authorized, Ministry};
use crate::db::models::Representative;
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::public::RepresentativeResponse;
use crate::routes::etag::{json_tagged, required_if_match};
use crate::routes::now::Now;
use crate::routes::representatives::fields::RepresentativeChangeset;
use crate::routes::representatives::CardPath;
use crate::routes::validation::json_body;
use crate::usecases::{representatives, Actor, Writer};

/// Change a representative's registration, or re-activate a withdrawn card.
///
/// Role: `ministry`. A JSON merge patch (`application/merge-patch+json` or
/// `application/json`) of the name, regions, work phones and handles, and
/// dates; `"status": "active"` makes a withdrawn card active again, its
/// withdrawal kept in `history`. Requires `If-Match` with the ETag of a
/// previous `GET /v1/representatives/{card_number}` (428 without, 412 when
/// stale). A phone or handle of another agency or card is a 409 naming it.
#[utoipa::path(
    tag = "representatives",
    security(("bearer" = [])),
    params(
        CardPath,
        ("If-Match" = String, Header, description = "ETag of the version being changed"),
    ),
    request_body(content = RepresentativeChangeset, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "Changed", body = RepresentativeResponse, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "Not a card number, or one with a mistyped digit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No representative has this card", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A phone or handle is another agency's or another card's, or the card to re-activate is active", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The card changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is missing", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[patch("/v1/representatives/{card_number}")]
pub async fn update_representative(
    now: Now,
    req: HttpRequest,
    principal: Authorized<Ministry>,
    path: web::Path<CardPath>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let card = path.card()?;
    let if_match = required_if_match(&req)?;
    let patch = json_body::<RepresentativeChangeset>(&req, &body)?;
    let today = now.today();
    let edit = |stored: &Representative| patch.apply(stored.fields());
    let actor = Actor::from(&*principal);
    let state = representatives::update(&writer, &actor, &card, edit, &if_match, today).await?;
    let response = RepresentativeResponse::new(state.representative, state.agency, state.licenses, today);
    json_tagged(StatusCode::OK, &state.tag, &response)
}
