use actix_web::http::StatusCode;
use actix_web::{get, web, HttpRequest, HttpResponse};

use crate::domain::language::tag_in;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::i18n;
use crate::public::{LicenseCheck, LicenseResponse, Verdict};
use crate::routes::cache;
use crate::routes::etag::{json_tagged, not_modified};
use crate::routes::licenses::{parse_number, LicenseNumberPath};
use crate::routes::now::Now;
use crate::usecases::reads::{Read, Reads};

/// Verify a licence.
///
/// The check a job-seeker makes before trusting a recruiter: is this licence
/// real, valid today, and for which countries and sectors. The number may be
/// typed loosely: case, spaces, the separators `-` `/` `.` and Cyrillic
/// look-alike letters are forgiven; the answer carries the canonical number.
/// A licence past its validity is answered `expired` at once.
#[utoipa::path(
    tag = "licenses",
    params(LicenseNumberPath),
    responses(
        (status = 200, description = "The licence and its standing today", body = LicenseCheck, headers(("Registry-Position" = i64, description = "The change-feed position (`seq`) this answer reflects"))),
        (status = 400, description = "The text cannot be a licence number", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such licence is registered: the agency may not recruit", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/licenses/{number}")]
pub async fn find_license(
    req: HttpRequest,
    now: Now,
    reads: web::Data<Reads>,
    path: web::Path<LicenseNumberPath>,
) -> Result<HttpResponse, ApiError> {
    let number = parse_number(&path.number)?;
    let today = now.today();
    let Read { value: state, position } = reads.license(&number, today).await?;
    let lang = i18n::current();
    let tag = tag_in(&state.tag, lang);
    if let Some(unchanged) = not_modified(&req, &tag) {
        return Ok(cache::public_at(unchanged, position));
    }
    let license = LicenseResponse::new(state.license, state.agency, today);
    let verdict = Verdict::new(&license, lang);
    json_tagged(StatusCode::OK, &tag, &LicenseCheck { license, verdict }).map(|r| cache::public_at(r, position))
}
