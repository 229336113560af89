use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::extract::{Authorized, Ministry};
use crate::domain::fields::{Said, Text, ValidityDate};
use crate::domain::lifecycle::LicenseCommand;
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::public::LicenseResponse;
use crate::routes::etag::{created_tagged, required_if_match};
use crate::routes::fields::Refine;
use crate::routes::licenses::{parse_number, LicenseNumberPath};
use crate::routes::now::Now;
use crate::routes::validation::{json_body, FieldErrors};
use crate::usecases::licenses::{self, Order};
use crate::usecases::{Actor, Writer};

/// A lifecycle action on a licence: each `action` with the fields it takes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum LicenseEventRequest {
    /// Withdraw temporarily; after `until`, if given, the licence is active
    /// again by itself.
    Suspend {
        /// Why; shown to the public.
        #[schema(example = "Charged workers recruitment fees")]
        reason: Said<1000>,
        /// The last day of the suspension.
        until: Option<ValidityDate>,
    },
    /// Lift a suspension.
    Reinstate {
        /// Why, for the history.
        reason: Option<Text<1000>>,
    },
    /// Extend the validity.
    Renew {
        /// The new last day of validity: after the current one and after today.
        valid_until: ValidityDate,
        /// Why, for the history.
        reason: Option<Text<1000>>,
    },
    /// Withdraw for good.
    Revoke {
        /// Why; shown to the public.
        #[schema(example = "Trafficking case")]
        reason: Said<1000>,
    },
    /// Record that the agency gave the licence up.
    Surrender {
        /// Why, for the history.
        reason: Option<Text<1000>>,
    },
}

crate::refined!(
    /// The document's body of `POST /v1/licenses/{number}/events`.
    LicenseEventBody = LicenseEventRequest
);

impl Refine for LicenseEventRequest {
    /// Each action's object takes only its own fields (`deny_unknown_fields`,
    /// which utoipa states for structs but not for enum variants).
    fn refine(mut derived: serde_json::Value) -> serde_json::Value {
        if let Some(variants) = derived["oneOf"].as_array_mut() {
            for variant in variants {
                variant["additionalProperties"] = false.into();
            }
        }
        derived
    }
}

impl LicenseEventRequest {
    /// The order with its text cleaned and its dates in range (422), all a
    /// schema can say; what depends on the stored licence is the use case's.
    fn into_order(self) -> Result<Order, ApiError> {
        use LicenseEventRequest::*;
        let mut errors = FieldErrors::default();
        let (command, reason, valid_until, until) = match self {
            Suspend { reason, until } => (
                LicenseCommand::Suspend,
                errors.check("reason", &reason),
                None,
                errors.check_optional("until", until.as_ref()),
            ),
            Reinstate { reason } => (
                LicenseCommand::Reinstate,
                errors.check_optional("reason", reason.as_ref()).flatten(),
                None,
                None,
            ),
            Renew { valid_until, reason } => (
                LicenseCommand::Renew,
                errors.check_optional("reason", reason.as_ref()).flatten(),
                errors.check("valid_until", &valid_until),
                None,
            ),
            Revoke { reason } => (LicenseCommand::Revoke, errors.check("reason", &reason), None, None),
            Surrender { reason } => (
                LicenseCommand::Surrender,
                errors.check_optional("reason", reason.as_ref()).flatten(),
                None,
                None,
            ),
        };
        errors.finish()?;
        Ok(Order {
            command,
            reason,
            valid_until,
            until,
        })
    }
}

/// Act on a licence: suspend, reinstate, renew, revoke or surrender.
///
/// Role: `ministry`. A state machine: `revoked` and `surrendered` are final;
/// `reinstate` only from `suspended`; `renew` only from `active` or
/// `expired`; `suspend` only from `active`. An impossible action is a 409
/// listing the possible ones (`possible_actions`). Requires `If-Match` with
/// the ETag of a previous `GET /v1/licenses/{number}`: 428 without it, 412
/// when stale, so of two concurrent edits exactly one wins. The public check
/// shows the change at once.
#[utoipa::path(
    tag = "licenses",
    security(("bearer" = [])),
    params(LicenseNumberPath, ("If-Match" = String, Header, description = "ETag of the version being changed")),
    request_body = LicenseEventBody,
    responses(
        (status = 201, description = "Done: the licence as it is now", body = LicenseResponse,
         headers(("Location" = String, description = "The licence's history"), ("ETag" = String, description = "Its new version"))),
        (status = 404, description = "No such licence is registered", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The action is not possible from the licence's status", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The licence changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is missing", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[post("/v1/licenses/{number}/events")]
pub async fn create_license_event(
    now: Now,
    req: HttpRequest,
    principal: Authorized<Ministry>,
    path: web::Path<LicenseNumberPath>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let if_match = required_if_match(&req)?;
    let number = parse_number(&path.number)?;
    let order = json_body::<LicenseEventRequest>(&req, &body)?.into_order()?;
    let today = now.today();
    let state = licenses::act(&writer, &Actor::from(&*principal), &number, order, &if_match, today).await?;
    let location = format!("/v1/licenses/{}/events", state.license.license_number);
    let response = LicenseResponse::new(state.license, state.agency, today);
    created_tagged(&location, &state.tag, &response)
}
