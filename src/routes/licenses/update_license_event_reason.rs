use actix_web::http::StatusCode;
use actix_web::{put, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::domain::fields::{LicenseNumberText, Said};

use crate::auth::extract::{Authorized, Ministry};
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::public::LicenseResponse;
use crate::routes::etag::{json_tagged, required_if_match};
use crate::routes::licenses::parse_number;
use crate::routes::now::Now;
use crate::routes::validation::{json_body, FieldErrors};
use crate::usecases::{licenses, Actor, Writer};

/// The licence and the entry of its history whose reason is corrected.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct LicenseEventPath {
    /// Licence number, read as loosely as in the licence check.
    #[param(inline)]
    pub number: LicenseNumberText,
    /// The history entry's `id` (`GET /v1/licenses/{number}/events`).
    #[param(minimum = 1)]
    pub event: i64,
}

/// The reason as it should have been written.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonCorrection {
    /// The corrected public reason, without anyone's personal data.
    #[schema(example = "Charged workers recruitment fees")]
    pub reason: Said<1000>,
}

/// Correct the public reason of a step in a licence's history.
///
/// Role: `ministry`. For a reason written with what must not be public (a
/// person's name or phone, say): the history entry, the licence's current
/// reason when it is that text, and the change feed's entries that quote it
/// say the corrected text from now on; the feed gets a
/// `license.reason_corrected` entry, every instance shows it within a
/// second, and caches let the old text go within a day. The audit trail
/// records who corrected what (a digest of the text replaced, never the
/// text). Requires `If-Match` with the licence's ETag.
#[utoipa::path(
    tag = "licenses",
    security(("bearer" = [])),
    params(LicenseEventPath, ("If-Match" = String, Header, description = "ETag of the licence's version")),
    request_body = ReasonCorrection,
    responses(
        (status = 200, description = "Corrected: the licence as it is now", body = LicenseResponse,
         headers(("ETag" = String, description = "Its new version"))),
        (status = 404, description = "No such licence, or no history entry with a reason of it with this id", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The licence changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is missing", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[put("/v1/licenses/{number}/events/{event}/reason")]
pub async fn update_license_event_reason(
    now: Now,
    req: HttpRequest,
    principal: Authorized<Ministry>,
    path: web::Path<LicenseEventPath>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    if path.event < 1 {
        let reason = crate::msg!("reason-number-between", min = 1, max = i64::MAX);
        return Err(ApiError::invalid_parameter("event", reason));
    }
    let if_match = required_if_match(&req)?;
    let number = parse_number(&path.number)?;
    let request: ReasonCorrection = json_body(&req, &body)?;
    let mut errors = FieldErrors::default();
    let reason = errors.check("reason", &request.reason);
    errors.finish()?;
    let reason = reason.unwrap_or_default();
    let today = now.today();
    let actor = Actor::from(&*principal);
    let state = licenses::correct_reason(&writer, &actor, &number, path.event, &reason, &if_match, today).await?;
    let response = LicenseResponse::new(state.license, state.agency, today);
    json_tagged(StatusCode::OK, &state.tag, &response)
}
