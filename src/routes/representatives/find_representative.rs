use actix_web::http::StatusCode;
use actix_web::{get, web, HttpRequest, HttpResponse};

use crate::domain::language::tag_in;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::i18n;
use crate::public::{CardVerdict, RepresentativeCheck, RepresentativeResponse};
use crate::routes::cache;
use crate::routes::etag::{json_tagged, not_modified};
use crate::routes::now::Now;
use crate::routes::representatives::CardPath;
use crate::usecases::reads::{Read, Reads};

/// Check a representative's card.
///
/// Public. The person in front of a worker shows a card: is it real, who
/// is it, which agency, and may they recruit for it today? The verdict
/// answers in one sentence: `may_recruit`, `withdrawn` (no longer represents
/// the agency, since when), `agency_may_not_recruit` (the agency's licence
/// does not allow it: nobody may recruit for it) or `outside_dates`. A
/// card with a mistyped digit is a 400 ("check the number"), never another
/// person's card; a well-formed card nobody holds is a 404.
#[utoipa::path(
    tag = "representatives",
    params(CardPath),
    responses(
        (status = 200, description = "The card and its standing today", body = RepresentativeCheck,
         headers(("Registry-Position" = i64, description = "The change-feed position (`seq`) this answer reflects"))),
        (status = 400, description = "Not a card number, or one with a mistyped digit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No representative has this card: do not trust whoever showed it", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/representatives/{card_number}")]
pub async fn find_representative(
    req: HttpRequest,
    now: Now,
    reads: web::Data<Reads>,
    path: web::Path<CardPath>,
) -> Result<HttpResponse, ApiError> {
    let card = path.card()?;
    let today = now.today();
    let Read { value: state, position } = reads.representative(&card, today).await?;
    let lang = i18n::current();
    let tag = tag_in(&state.tag, lang);
    if let Some(unchanged) = not_modified(&req, &tag) {
        return Ok(cache::public_at(unchanged, position));
    }
    let representative = RepresentativeResponse::new(state.representative, state.agency, state.licenses, today);
    let verdict = CardVerdict::new(&representative, lang);
    let body = RepresentativeCheck {
        representative,
        verdict,
    };
    json_tagged(StatusCode::OK, &tag, &body).map(|r| cache::public_at(r, position))
}
