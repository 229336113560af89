use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};

use crate::domain::card::{CardError, CardNumber};
use crate::error::{ApiError, ServerErrors};
use crate::i18n;
use crate::public::RepresentativeResponse;
use crate::routes::cache;
use crate::routes::check::{Helpline, Page};
use crate::routes::licenses::qr::PublicBaseUrl;
use crate::routes::now::Now;
use crate::routes::representatives::CardPath;
use crate::usecases::error::UseCaseError;
use crate::usecases::reads::{Read, Reads};

/// The public check page of a representative's card (HTML).
///
/// What a card's QR code opens, and where the check page's form sends a
/// card number: a large verdict in words and a symbol (may recruit for the
/// agency today, or not: withdrawn since when, the agency may not recruit,
/// outside the card's dates), who the person is, the agency and its
/// licences' standing, the work phones and accounts registered. A card
/// with a mistyped digit says "check the number"; one nobody holds is a 404
/// that says not to trust whoever showed it. In the reader's language,
/// without JavaScript.
#[utoipa::path(
    tag = "check",
    params(CardPath),
    responses(
        (status = 200, description = "The verdict page", body = String, content_type = "text/html", headers(("Registry-Position" = i64, description = "The change-feed position (`seq`) this answer reflects"))),
        (status = 404, description = "The page of a card nobody holds, of a mistyped card, or of a text that is no card", body = String, content_type = "text/html"),
        ServerErrors,
    )
)]
#[get("/check/representative/{card_number}")]
pub async fn find_check_representative(
    now: Now,
    reads: web::Data<Reads>,
    helpline: web::Data<Helpline>,
    base: web::Data<PublicBaseUrl>,
    path: web::Path<CardPath>,
) -> Result<HttpResponse, ApiError> {
    let lang = i18n::current();
    let card = match CardNumber::parse(path.card_number.as_str()) {
        Ok(card) => card,
        // Whatever a link put here is never quoted.
        Err(CardError::Mistyped) => {
            let page = Page::new(lang, &base, "/check", "", &helpline);
            return page.with_mistyped_card().answer(StatusCode::NOT_FOUND);
        }
        Err(CardError::Malformed) => {
            let page = Page::new(lang, &base, "/check", "", &helpline);
            return page.with_not_a_number().answer(StatusCode::NOT_FOUND);
        }
    };
    let page = Page::new(lang, &base, &format!("/check/representative/{card}"), "", &helpline);
    let today = now.today();
    match reads.representative(&card, today).await {
        Ok(Read { value, position }) => {
            let card = RepresentativeResponse::new(value.representative, value.agency, value.licenses, today);
            Ok(cache::public_at(page.with_card(card).answer(StatusCode::OK)?, position))
        }
        Err(UseCaseError::NotFound(_)) => page.with_unknown_card(card.as_str()).answer(StatusCode::NOT_FOUND),
        Err(e) => Err(e.into()),
    }
}
