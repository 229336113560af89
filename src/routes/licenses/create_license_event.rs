use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::extract::{Authorized, Ministry};
use crate::domain::dates::check_validity_date;
use crate::domain::lifecycle::LicenseCommand;
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::public::LicenseResponse;
use crate::routes::etag::{created_tagged, required_if_match};
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
        #[schema(
            min_length = 1,
            max_length = 1000,
            pattern = "^[^\\u0000-\\u0008\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]*[^\\u0000-\\u0020\\u007F-\\u00A0\\u061C\\u1680\\u180E\\u2000-\\u200F\\u2028-\\u202F\\u205F-\\u2060\\u2066-\\u2069\\u3000\\uFEFF][^\\u0000-\\u0008\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]*$",
            example = "Charged workers recruitment fees"
        )]
        reason: String,
        /// The last day of the suspension.
        until: Option<NaiveDate>,
    },
    /// Lift a suspension.
    Reinstate {
        /// Why, for the history.
        #[schema(
            max_length = 1000,
            pattern = "^[^\\u0000-\\u0008\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]*$"
        )]
        reason: Option<String>,
    },
    /// Extend the validity.
    Renew {
        /// The new last day of validity: after the current one and after today.
        valid_until: NaiveDate,
        /// Why, for the history.
        #[schema(
            max_length = 1000,
            pattern = "^[^\\u0000-\\u0008\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]*$"
        )]
        reason: Option<String>,
    },
    /// Withdraw for good.
    Revoke {
        /// Why; shown to the public.
        #[schema(
            min_length = 1,
            max_length = 1000,
            pattern = "^[^\\u0000-\\u0008\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]*[^\\u0000-\\u0020\\u007F-\\u00A0\\u061C\\u1680\\u180E\\u2000-\\u200F\\u2028-\\u202F\\u205F-\\u2060\\u2066-\\u2069\\u3000\\uFEFF][^\\u0000-\\u0008\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]*$",
            example = "Trafficking case"
        )]
        reason: String,
    },
    /// Record that the agency gave the licence up.
    Surrender {
        /// Why, for the history.
        #[schema(
            max_length = 1000,
            pattern = "^[^\\u0000-\\u0008\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]*$"
        )]
        reason: Option<String>,
    },
}

impl LicenseEventRequest {
    /// Each action's object takes only its own fields (`deny_unknown_fields`,
    /// which utoipa states for structs but not for enum variants); a reason
    /// an action requires must say something, an optional one may be empty.
    pub fn schema_rule(schema: &mut serde_json::Value) {
        use crate::domain::text::{NON_BLANK_TEXT_PATTERN, TEXT_PATTERN};
        if let Some(variants) = schema["oneOf"].as_array_mut() {
            for variant in variants {
                variant["additionalProperties"] = false.into();
                let required = variant["required"]
                    .as_array()
                    .is_some_and(|r| r.iter().any(|f| f == "reason"));
                let text = if required { NON_BLANK_TEXT_PATTERN } else { TEXT_PATTERN };
                crate::routes::validation::pattern(variant, "reason", text);
                for date in ["valid_until", "until"] {
                    if variant["properties"].get(date).is_some() {
                        let validity = crate::domain::dates::VALIDITY_DATE_PATTERN;
                        crate::routes::validation::pattern(variant, date, validity);
                    }
                }
            }
        }
    }

    /// The order with its text cleaned and its dates in range (422), all a
    /// schema can say; what depends on the stored licence is the use case's.
    fn into_order(self) -> Result<Order, ApiError> {
        use LicenseEventRequest::*;
        let (command, reason, valid_until, until) = match self {
            Suspend { reason, until } => (LicenseCommand::Suspend, Some(reason), None, until),
            Reinstate { reason } => (LicenseCommand::Reinstate, reason, None, None),
            Renew { valid_until, reason } => (LicenseCommand::Renew, reason, Some(valid_until), None),
            Revoke { reason } => (LicenseCommand::Revoke, Some(reason), None, None),
            Surrender { reason } => (LicenseCommand::Surrender, reason, None, None),
        };
        let mut errors = FieldErrors::default();
        let raw_reason = reason;
        let reason = raw_reason
            .as_deref()
            .map(|r| errors.text("reason", r))
            .filter(|r| !r.is_empty());
        if raw_reason.as_ref().is_some_and(|r| r.chars().count() > 1000) {
            errors.add("reason", crate::msg!("reason-length-at-most", max = 1000));
        }
        if matches!(command, LicenseCommand::Suspend | LicenseCommand::Revoke) && reason.is_none() {
            errors.add("reason", crate::msg!("reason-reason-required"));
        }
        for (field, date) in [("valid_until", valid_until), ("until", until)] {
            if let Some(Err(e)) = date.map(check_validity_date) {
                errors.add(field, crate::i18n::Message::from(&e));
            }
        }
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
    request_body = LicenseEventRequest,
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
