use actix_web::http::StatusCode;
use actix_web::{put, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::auth::extract::{Authorized, Ministry};
use crate::db::models::{ChannelHandle, Channels};
use crate::domain::fields::{HandleLink, Phone, Said, WebAddress};
use crate::error::{ApiError, Problem, ServerErrors, WriteErrors};
use crate::public::AgencyResponse;
use crate::routes::etag::{json_tagged, required_if_match};
use crate::routes::now::Now;
use crate::routes::validation::{json_body, FieldErrors};
use crate::usecases::{agencies, Actor, Writer};

/// Every official channel of an agency, replacing those registered before
/// (an empty list removes them all).
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ChannelsRequest {
    /// Phone numbers it recruits through, WhatsApp numbers included, in any
    /// formatting (stored in E.164).
    #[serde(default)]
    #[validate(length(max = 20))]
    #[schema(max_items = 20, example = json!(["+998 71 200-11-22"]))]
    pub phones: Vec<Phone>,
    /// Phone numbers it shares with other agencies, such as a call centre
    /// answering for several: a shared number may be registered by every
    /// agency that registers it as shared (a number another agency holds
    /// alone is still a 409), and the contact check names all of them.
    #[serde(default)]
    #[validate(length(max = 20))]
    #[schema(max_items = 20, example = json!(["+998 71 200-00-00"]))]
    pub shared_phones: Vec<Phone>,
    /// Messenger and social accounts, as links (the platform is part of
    /// the account: `@name` alone would not say which).
    #[serde(default)]
    #[validate(length(max = 20))]
    #[schema(max_items = 20, example = json!(["https://t.me/istiqbol_jobs"]))]
    pub handles: Vec<HandleLink>,
    /// Web sites (stored as their domains; their subdomains count as theirs).
    #[serde(default)]
    #[validate(length(max = 20))]
    #[schema(max_items = 20, example = json!(["https://istiqbol.uz"]))]
    pub websites: Vec<WebAddress>,
    /// Offices where it receives job-seekers.
    #[serde(default)]
    #[validate(length(max = 20))]
    #[schema(max_items = 20, example = json!(["Toshkent, Amir Temur 1"]))]
    pub addresses: Vec<Said<300>>,
}

impl ChannelsRequest {
    /// Every channel in the form a check compares (422 listing every
    /// misfit), each once, in a stable order.
    fn into_channels(self) -> Result<Channels, ApiError> {
        let mut errors = FieldErrors::of(&self);
        let mut phones = errors.check_each("phones", &self.phones);
        let mut shared_phones = errors.check_each("shared_phones", &self.shared_phones);
        let mut handles: Vec<ChannelHandle> = errors
            .check_each("handles", &self.handles)
            .into_iter()
            .filter_map(|h| {
                Some(ChannelHandle {
                    platform: h.platform?.as_str().to_owned(),
                    name: h.name,
                })
            })
            .collect();
        let mut websites = errors.check_each("websites", &self.websites);
        let addresses = errors.check_each("addresses", &self.addresses);
        errors.finish()?;
        for list in [&mut phones, &mut shared_phones, &mut websites] {
            list.sort();
            list.dedup();
        }
        // A number given both ways is shared.
        phones.retain(|p| shared_phones.binary_search(p).is_err());
        handles.sort();
        handles.dedup();
        // Offices keep the order given (the first is the main one), each once.
        let mut seen = std::collections::HashSet::new();
        let addresses = addresses.into_iter().filter(|a| seen.insert(a.clone())).collect();
        Ok(Channels {
            phones,
            shared_phones,
            handles,
            websites,
            addresses,
        })
    }
}

/// Register an agency's official channels.
///
/// Role: `ministry`. The whole set at once: the phone numbers, messenger
/// and social accounts, web sites and offices the agency recruits through.
/// They are public (the agency's answer, the snapshot, the feed), and
/// `GET /v1/contacts/check` will name the agency for any of them; anything
/// not registered here is not the agency's. A phone, account or site
/// registered to another agency is a 409 naming it. Requires `If-Match`
/// with the agency's ETag.
#[utoipa::path(
    tag = "agencies",
    security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "Registry id of the agency"),
        ("If-Match" = String, Header, description = "ETag of the agency's version"),
    ),
    request_body = ChannelsRequest,
    responses(
        (status = 200, description = "Registered: the agency as it is now", body = AgencyResponse,
         headers(("ETag" = String, description = "Its new version"))),
        (status = 404, description = "No agency has this id", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A channel is registered to another agency", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The agency changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is missing", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ServerErrors,
    )
)]
#[put("/v1/agencies/{id}/channels")]
pub async fn replace_agency_channels(
    now: Now,
    req: HttpRequest,
    principal: Authorized<Ministry>,
    id: web::Path<Uuid>,
    body: web::Bytes,
    writer: web::Data<Writer>,
) -> Result<HttpResponse, ApiError> {
    let if_match = required_if_match(&req)?;
    let channels = json_body::<ChannelsRequest>(&req, &body)?.into_channels()?;
    let today = now.today();
    let actor = Actor::from(&*principal);
    let state = agencies::set_channels(&writer, &actor, id.into_inner(), channels, &if_match, today).await?;
    let response = AgencyResponse::new(state.agency, state.licenses, today);
    json_tagged(StatusCode::OK, &state.tag, &response)
}
