use actix_web::{post, web, HttpRequest, HttpResponse};
use uuid::Uuid;

use crate::auth::extract::{Authorized, Ministry};
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::public::RepresentativeResponse;
use crate::routes::etag::created_tagged;
use crate::routes::now::Now;
use crate::routes::representatives::fields::RepresentativeRequest;
use crate::routes::validation::json_body;
use crate::usecases::{representatives, Actor, Writer};

/// Register a representative of an agency.
///
/// Role: `ministry`. A person the agency has authorised to recruit for it
/// gets a card number from the registry (`K-1234-5678`, with a check digit),
/// public with their name, regions, work phones and handles: the contact
/// check names the card for those. Before registering, tell the person that
/// all of this will be public, and register only work contacts. A phone or
/// handle registered to another agency, or to another card, is a 409 naming
/// it. Answers 201 with `Location` (the public card) and the `ETag` to send
/// as `If-Match` for changes.
#[utoipa::path(
    tag = "representatives",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Registry id of the agency")),
    request_body = RepresentativeRequest,
    responses(
        (status = 201, description = "Registered", body = RepresentativeResponse,
         headers(("Location" = String, description = "The public card"), ("ETag" = String, description = "Its version"))),
        (status = 404, description = "No agency has this id", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A phone or handle is another agency's or another card's, or the agency has registered as many representatives as it may", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[post("/v1/agencies/{id}/representatives")]
pub async fn create_representative(
    now: Now,
    req: HttpRequest,
    principal: Authorized<Ministry>,
    id: web::Path<Uuid>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let today = now.today();
    let fields = json_body::<RepresentativeRequest>(&req, &body)?.into_fields(today)?;
    let actor = Actor::from(&*principal);
    let state = representatives::register(&writer, &actor, id.into_inner(), fields, today).await?;
    let location = format!("/v1/representatives/{}", state.representative.card());
    let response = RepresentativeResponse::new(state.representative, state.agency, state.licenses, today);
    created_tagged(&location, &state.tag, &response)
}
