use actix_web::{get, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::models::{ChannelHandle, Channels};
use crate::domain::contact_check::{self, Contact, ContactError, Platform};
use crate::domain::language::Lang;
use crate::domain::license_status::standing;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::i18n::{self, Message};
use crate::msg;
use crate::public::AgencyResponse;
use crate::routes::cache;
use crate::routes::fields::QueryText;
use crate::routes::now::Now;
use crate::usecases::agencies::AgencyState;
use crate::usecases::reads::{Read, Reads};

/// What the worker has in hand.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContactQuery {
    /// A phone number in any formatting (`+998 90 123-45-67`, `90 123 45
    /// 67`), a handle in any spelling (`@name`, `t.me/name`, an Instagram or
    /// Facebook link), a web address or bare domain, or a card number.
    #[param(inline, example = "t.me/istiqbol_jobs")]
    pub q: QueryText<300>,
}

/// What kind of contact the text was read as.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Phone,
    Handle,
    Website,
}

/// The verdict's code: the same in every language, for apps to branch on.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactVerdictCode {
    /// A channel the ministry registered for the agency named.
    OfficialChannel,
    /// Not registered to any licensed agency: treat it as unlicensed
    /// recruitment and report it.
    Unknown,
    /// Written with look-alike or invisible characters to pass for
    /// `looks_like`: a scam.
    Impersonation,
}

/// The verdict in one sentence, in the reader's language.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactVerdict {
    pub code: ContactVerdictCode,
    #[schema(min_length = 1)]
    pub message: String,
}

/// The answer of the contact check.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactCheck {
    /// What the text was read as (none for an impersonation).
    pub kind: Option<ContactKind>,
    /// The contact as the registry compares it: a phone in E.164, a handle
    /// in lower case without `@`, a domain.
    #[schema(example = "istiqbol_jobs")]
    pub contact: String,
    /// The handle's platform, when the text said it.
    pub platform: Option<String>,
    /// What an impersonation passes itself off as.
    pub looks_like: Option<String>,
    pub verdict: ContactVerdict,
    /// The agencies it is an official channel of, with their licences and
    /// standing today (none unless `official_channel`).
    pub agencies: Vec<AgencyResponse>,
    /// The day the standing was decided on.
    pub checked_on: NaiveDate,
}

/// The channels a contact could be: a handle typed without its platform
/// could be on any of them; a subdomain is its domain's.
fn candidates(contact: &Contact) -> Channels {
    let mut channels = Channels::default();
    match contact {
        Contact::Phone(phone) => channels.phones.push(phone.clone()),
        Contact::Handle(handle) => {
            let platforms = handle.platform.map_or(Platform::ALL.to_vec(), |p| vec![p]);
            channels.handles = platforms
                .into_iter()
                .map(|p| ChannelHandle {
                    platform: p.as_str().into(),
                    name: handle.name.clone(),
                })
                .collect();
        }
        Contact::Website(domain) => {
            let labels: Vec<&str> = domain.split('.').collect();
            channels.websites = (0..labels.len().saturating_sub(1))
                .map(|i| labels[i..].join("."))
                .collect();
        }
        Contact::Card(_) => {}
    }
    channels
}

/// Check a phone number, handle or web address.
///
/// Public. Whatever a worker has in hand (the number that called, the
/// Telegram account that wrote, the site of the offer) is answered with one
/// verdict: `official_channel` (registered by the ministry to the agency
/// named, with its licences' standing today), `unknown` (not registered to
/// any licensed agency: a licensed agency registers every number and page
/// it recruits through), or `impersonation` (written with look-alike or
/// invisible characters to pass for another: never a match). Cards of
/// representatives are not registered yet: a well-formed card answers 404.
#[utoipa::path(
    tag = "contacts",
    params(ContactQuery),
    responses(
        (status = 200, description = "The verdict", body = ContactCheck,
         headers(("Registry-Position" = i64, description = "The change-feed position (`seq`) this answer reflects"))),
        (status = 400, description = "The text is none of the kinds the check reads, or a card number with a mistyped digit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No representative has this card", body = Problem, content_type = "application/problem+json"),
        ServerErrors,
    )
)]
#[get("/v1/contacts/check")]
pub async fn check_contact(
    now: Now,
    reads: web::Data<Reads>,
    query: web::Query<ContactQuery>,
) -> Result<HttpResponse, ApiError> {
    let (today, lang) = (now.today(), i18n::current());
    let contact = match contact_check::read(query.q.as_str()) {
        Err(ContactError::Impersonation { looks_like }) => {
            let answer = ContactCheck::impersonation(query.q.as_str(), looks_like, lang, today);
            return Ok(cache::public_at(HttpResponse::Ok().json(answer), reads.position()));
        }
        read => checkable(read)?,
    };
    let Read {
        value: holders,
        position,
    } = reads.channel_holders(&candidates(&contact), today).await?;
    let answer = ContactCheck::of(contact, holders, lang, today)?;
    Ok(cache::public_at(HttpResponse::Ok().json(answer), position))
}

/// A contact the registry's channels can answer, or the problem of the text.
fn checkable(read: Result<Contact, ContactError>) -> Result<Contact, ApiError> {
    match read {
        Ok(Contact::Card(card)) => Err(ApiError::NotFound(msg!("detail-card-not-found", card = card.as_str()))),
        Ok(contact) => Ok(contact),
        Err(ContactError::MistypedCard) => Err(ApiError::BadRequest(Message::new("detail-card-mistyped"))),
        Err(_) => Err(ApiError::BadRequest(Message::new("detail-contact-unrecognised"))),
    }
}

impl ContactCheck {
    /// The answer to a text that passes itself off as `looks_like`.
    fn impersonation(text: &str, looks_like: String, lang: Lang, today: NaiveDate) -> Self {
        let message = msg!("verdict-contact-impersonation", looks_like = looks_like.as_str()).in_lang(lang);
        Self {
            kind: None,
            contact: text.trim().to_owned(),
            platform: None,
            looks_like: Some(looks_like),
            verdict: ContactVerdict {
                code: ContactVerdictCode::Impersonation,
                message,
            },
            agencies: Vec::new(),
            checked_on: today,
        }
    }

    /// The answer for `contact`, held by `holders` (none: unknown).
    fn of(contact: Contact, holders: Vec<AgencyState>, lang: Lang, today: NaiveDate) -> Result<Self, ApiError> {
        let (kind, shown, platform) = match contact {
            Contact::Phone(p) => (ContactKind::Phone, p, None),
            Contact::Handle(h) => (ContactKind::Handle, h.name, h.platform.map(|p| p.as_str().to_owned())),
            Contact::Website(d) => (ContactKind::Website, d, None),
            Contact::Card(_) => return Err(ApiError::internal("unreachable: cards are answered by checkable")),
        };
        let verdict = match holders.first() {
            None => ContactVerdict {
                code: ContactVerdictCode::Unknown,
                message: msg!("verdict-contact-unknown", contact = shown.as_str()).in_lang(lang),
            },
            Some(holder) => {
                let recruits = holder
                    .licenses
                    .iter()
                    .any(|l| standing(l.status, l.validity(), today).can_recruit);
                let id = if recruits {
                    "verdict-contact-official"
                } else {
                    "verdict-contact-official-not-recruiting"
                };
                let agency = holder.agency.legal_name.as_str();
                let message = Message::new(id).with("contact", shown.as_str()).with("agency", agency);
                ContactVerdict {
                    code: ContactVerdictCode::OfficialChannel,
                    message: message.in_lang(lang),
                }
            }
        };
        let agencies = holders
            .into_iter()
            .map(|state| AgencyResponse::new(state.agency, state.licenses, today))
            .collect();
        Ok(Self {
            kind: Some(kind),
            contact: shown,
            platform,
            looks_like: None,
            verdict,
            agencies,
            checked_on: today,
        })
    }
}
