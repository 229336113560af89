use actix_web::{get, web, HttpResponse};

use crate::auth::keys::KeyStore;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::routes::cache;
use crate::routes::licenses::qr::{self, Format, PngImage, PublicBaseUrl, QrCache};
use crate::routes::now::Now;
use crate::routes::representatives::CardPath;
use crate::usecases::reads::Reads;

/// The card's QR code (PNG), for the representative to show.
///
/// It encodes `{PUBLIC_BASE_URL}/check/representative/{card}#{statement}`:
/// a phone camera opens the card's check page, and an app verifies the
/// signed statement after `#` offline. The statement expires after 7
/// days: a printed card's code shows its standing of that week, the page
/// its standing now.
#[utoipa::path(
    tag = "representatives",
    params(CardPath),
    responses(
        (status = 200, description = "The QR code", body = PngImage, content_type = "image/png"),
        (status = 400, description = "Not a card number, or one with a mistyped digit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No representative has this card", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/representatives/{card_number}/qr.png")]
pub async fn find_representative_qr_png(
    now: Now,
    reads: web::Data<Reads>,
    keys: web::Data<KeyStore>,
    base: web::Data<PublicBaseUrl>,
    images: web::Data<QrCache>,
    path: web::Path<CardPath>,
) -> Result<HttpResponse, ApiError> {
    let card = path.card()?;
    let statement = reads.card_statement(&keys, &card, now.0).await?.value;
    let image = images.image(qr::card_content(&base, card.as_str(), &statement), Format::Png)?;
    Ok(cache::public(HttpResponse::Ok().content_type("image/png").body(image)))
}
