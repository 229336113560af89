use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::{NaiveDate, Utc};
use diesel_async::AsyncConnection;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::extract::{Authorized, Ministry};
use crate::db::models::{AuditEvent, License, LicenseChange, LicenseEvent, NewLicenseEvent};
use crate::db::DbPool;
use crate::domain::license_status::{standing, LicenseStatus};
use crate::domain::lifecycle::{transition, LicenseCommand};
use crate::domain::registry_today;
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::routes::agencies::search_cache::SearchCache;
use crate::routes::etag::{check_if_match, created, representation, required_if_match};
use crate::routes::licenses::find_license::LicenseResponse;
use crate::routes::licenses::{parse_number, LicenseNumberPath};
use crate::routes::responses::LicenseSummary;
use crate::routes::validation::{json_body, FieldErrors};

/// A lifecycle action on a licence.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LicenseEventRequest {
    /// What to do.
    pub action: LicenseCommand,
    /// Why: required to suspend and to revoke; shown to the public.
    #[schema(max_length = 1000, example = "Charged workers recruitment fees")]
    pub reason: Option<String>,
    /// `renew` only, required: the new last day of validity.
    pub valid_until: Option<NaiveDate>,
    /// `suspend` only, optional: the last day of the suspension; after it the
    /// licence is active again by itself.
    pub until: Option<NaiveDate>,
}

impl LicenseEventRequest {
    /// Checks the fields the action needs; returns the cleaned reason.
    /// Without `license`, only what a schema can say (text, lengths, date
    /// ranges, which fields each action takes), so that a body no schema
    /// allows is a 422 whatever the licence's version; with it, also what
    /// depends on the stored licence and on today.
    fn check(&self, license: Option<&License>, today: NaiveDate) -> Result<Option<String>, ApiError> {
        let mut errors = FieldErrors::default();
        let reason = self
            .reason
            .as_deref()
            .map(|r| errors.text("reason", r))
            .filter(|r| !r.is_empty());
        if reason.as_ref().is_some_and(|r| r.chars().count() > 1000) {
            errors.add("reason", "must be at most 1000 characters");
        }
        for (field, date) in [("valid_until", self.valid_until), ("until", self.until)] {
            if let Some(Err(e)) = date.map(crate::domain::dates::check_validity_date) {
                errors.add(field, e);
            }
        }
        let needs_reason = matches!(self.action, LicenseCommand::Suspend | LicenseCommand::Revoke);
        if needs_reason && reason.is_none() {
            errors.add("reason", "is required to suspend or revoke a licence");
        }
        match (self.action, self.valid_until, license) {
            (LicenseCommand::Renew, None, _) => errors.add("valid_until", "is required to renew"),
            (LicenseCommand::Renew, Some(until), Some(l)) if until <= l.valid_until.max(today) => {
                errors.add("valid_until", "must be after the current valid_until and after today")
            }
            (LicenseCommand::Renew, Some(_), _) | (_, None, _) => {}
            (_, Some(_), _) => errors.add("valid_until", "is only for renew"),
        }
        match (self.action, self.until, license) {
            (LicenseCommand::Suspend, Some(until), Some(_)) if until < today => {
                errors.add("until", "must not be in the past")
            }
            (LicenseCommand::Suspend, _, _) | (_, None, _) => {}
            (_, Some(_), _) => errors.add("until", "is only for suspend"),
        }
        errors.finish()?;
        Ok(reason)
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
    req: HttpRequest,
    principal: Authorized<Ministry>,
    path: web::Path<LicenseNumberPath>,
    body: web::Bytes,
    pool: web::Data<DbPool>,
    cache: web::Data<SearchCache>,
) -> Result<HttpResponse, ApiError> {
    let if_match = required_if_match(&req)?;
    let number = parse_number(&path.number)?;
    let (request, today) = (
        json_body::<LicenseEventRequest>(&req, &body)?,
        registry_today(Utc::now()),
    );
    let mut conn = pool.get().await?;
    let response = conn
        .transaction(async |conn| {
            let (license, agency) = License::lock_with_agency(conn, number.lookup_key())
                .await?
                .ok_or_else(|| ApiError::LicenseNotFound(number.canonical().to_owned()))?;
            // A stale version is answered 412 before anything else is decided
            // on it (RFC 9110 section 13.2.2): of concurrent edits carrying one
            // ETag, the losers hear "it changed, reload", not a verdict on a
            // state they never saw.
            let before = LicenseResponse::new(license.clone(), agency.clone(), today);
            if let Err(stale) = check_if_match(&if_match, &representation(&before)?.1) {
                // Except a body no schema allows: that is a 422 on any version.
                request.check(None, today)?;
                return Err(stale);
            }
            // Whether the action is possible at all comes next: "revoked is
            // final" helps more than remarks on the fields.
            let stored = LicenseStatus::parse(&license.status).unwrap_or(LicenseStatus::Suspended);
            let from = standing(stored, license.validity(), today).status;
            let to = transition(from, request.action).map_err(|e| ApiError::ImpossibleTransition {
                detail: format!("{}.", capitalised(&e.to_string())),
                possible: e.possible.iter().map(|c| c.as_str().to_owned()).collect(),
            })?;
            let reason = request.check(Some(&license), today)?;
            let change = LicenseChange {
                id: license.id,
                status: to.as_str().to_owned(),
                status_reason: match request.action {
                    LicenseCommand::Reinstate | LicenseCommand::Renew => None,
                    _ => reason.clone(),
                },
                valid_until: request.valid_until.unwrap_or(license.valid_until),
                suspended_until: request.until.filter(|_| request.action == LicenseCommand::Suspend),
            };
            let updated = License::update_standing(conn, &change).await?;
            let event = NewLicenseEvent {
                license_id: license.id,
                action: request.action.action().as_str().to_owned(),
                reason,
                effective_at: Utc::now(),
            };
            LicenseEvent::insert_all(conn, &[event]).await?;
            let audit = principal.audit(
                ("license", &license.license_number),
                request.action.as_str(),
                serde_json::to_value(LicenseSummary::new(license.clone(), today)).ok(),
                serde_json::to_value(LicenseSummary::new(updated.clone(), today)).ok(),
            );
            AuditEvent::append(conn, &audit).await?;
            Ok::<_, ApiError>(LicenseResponse::new(updated, agency, today))
        })
        .await?;
    cache.clear();
    let location = format!("/v1/licenses/{}/events", response.license.license_number);
    created(&location, &response)
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
