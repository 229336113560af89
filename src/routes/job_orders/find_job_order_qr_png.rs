use actix_web::{get, web, HttpResponse};

use crate::auth::keys::KeyStore;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::routes::cache;
use crate::routes::job_orders::JobOrderPath;
use crate::routes::licenses::qr::{self, Format, PngImage, PublicBaseUrl, QrCache};
use crate::routes::now::Now;
use crate::usecases::reads::Reads;

/// The job order's QR code (PNG), to print on the offer.
///
/// It encodes `{PUBLIC_BASE_URL}/check/job-orders/{reference}#{statement}`:
/// a phone camera opens the order's check page, and an app (or the page
/// itself) verifies the signed statement after `#` offline. The statement
/// expires after 7 days: a printed offer's code shows its terms and standing
/// of that week, the page its standing now.
#[utoipa::path(
    tag = "job-orders",
    params(JobOrderPath),
    responses(
        (status = 200, description = "The QR code", body = PngImage, content_type = "image/png"),
        (status = 400, description = "Not a job order reference, or one with a mistyped digit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No job order has this reference", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/job-orders/{reference}/qr.png")]
pub async fn find_job_order_qr_png(
    now: Now,
    reads: web::Data<Reads>,
    keys: web::Data<KeyStore>,
    base: web::Data<PublicBaseUrl>,
    images: web::Data<QrCache>,
    path: web::Path<JobOrderPath>,
) -> Result<HttpResponse, ApiError> {
    let reference = path.reference()?;
    let statement = reads.job_order_statement(&keys, &reference, now.0).await?.value;
    let content = qr::job_order_content(&base, reference.as_str(), &statement);
    let image = images.image(content, Format::Png)?;
    Ok(cache::public(HttpResponse::Ok().content_type("image/png").body(image)))
}
