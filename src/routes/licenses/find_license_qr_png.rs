use actix_web::{get, web, HttpResponse};

use crate::auth::keys::KeyStore;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::routes::cache;
use crate::routes::licenses::qr::{self, Format, PngImage, PublicBaseUrl, QrCache};
use crate::routes::licenses::{parse_number, LicenseNumberPath};
use crate::routes::now::Now;
use crate::usecases::reads::Reads;

/// The licence's QR code (PNG), for an office door or an advert.
///
/// It encodes `{PUBLIC_BASE_URL}/check/{number}#{statement}`: a phone camera
/// opens the public check page, and an app verifies the signed statement
/// after `#` offline (a browser never sends that part to a server). Print a
/// fresh one at least weekly: the statement expires after 7 days.
#[utoipa::path(
    tag = "licenses",
    params(LicenseNumberPath),
    responses(
        (status = 200, description = "The QR code", body = PngImage, content_type = "image/png"),
        (status = 400, description = "The text cannot be a licence number", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such licence is registered", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/licenses/{number}/qr.png")]
pub async fn find_license_qr_png(
    now: Now,
    reads: web::Data<Reads>,
    keys: web::Data<KeyStore>,
    base: web::Data<PublicBaseUrl>,
    images: web::Data<QrCache>,
    path: web::Path<LicenseNumberPath>,
) -> Result<HttpResponse, ApiError> {
    let number = parse_number(&path.number)?;
    let statement = reads.statement(&keys, &number, now.0).await?.value;
    let image = images.image(qr::content(&base, number.canonical(), &statement), Format::Png)?;
    Ok(cache::public(HttpResponse::Ok().content_type("image/png").body(image)))
}
