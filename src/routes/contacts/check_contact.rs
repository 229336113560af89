use actix_web::{get, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::models::{Agency, ChannelHandle, Channels, License};
use crate::domain::contact_check::{self, Contact, ContactError, Platform};
use crate::domain::language::Lang;
use crate::domain::representative::RepresentativeStatus;
use crate::error::{ApiError, Problem, ServerErrors};
use crate::i18n::{self, Message};
use crate::msg;
use crate::public::{agency_may_recruit, card_message, AgencyResponse, RepresentativeResponse};
use crate::routes::cache;
use crate::routes::fields::QueryText;
use crate::routes::now::Now;
use crate::usecases::reads::{ContactHolders, Read, Reads};
use crate::usecases::reported::Reported;

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
    Card,
}

/// The verdict's code: the same in every language, for apps to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactVerdictCode {
    /// A channel the ministry registered for the agency named.
    OfficialChannel,
    /// A card, phone or handle of a registered representative (see
    /// `representative.standing` for whether they may recruit today).
    Representative,
    /// Of a representative the agency withdrew: they no longer represent it.
    RepresentativeWithdrawn,
    /// On the published list of reported recruiters without a licence.
    ReportedRecruiter,
    /// Not registered to any licensed agency: treat it as unlicensed
    /// recruitment and report it.
    Unknown,
    /// Written with look-alike or invisible characters to pass for
    /// `looks_like`: a scam.
    Impersonation,
}

/// A verdict in one sentence, in the reader's language.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactVerdict {
    pub code: ContactVerdictCode,
    #[schema(min_length = 1)]
    pub message: String,
}

/// What the published list says of a reported contact.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportedSummary {
    /// Published complaints naming it.
    pub complaints: i64,
    /// The month of the latest (never a day).
    #[schema(example = "2026-11", pattern = "^[0-9]{4}-[0-9]{2}$")]
    pub last_reported: String,
}

/// The answer of the contact check.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactCheck {
    /// What the text was read as (none for an impersonation).
    pub kind: Option<ContactKind>,
    /// The contact as the registry compares it: a phone in E.164, a handle
    /// in lower case without `@`, a domain, a card number.
    #[schema(example = "istiqbol_jobs")]
    pub contact: String,
    /// The handle's platform, when the text said it.
    pub platform: Option<String>,
    /// What an impersonation passes itself off as.
    pub looks_like: Option<String>,
    /// The answer: who the contact is.
    pub verdict: ContactVerdict,
    /// What else must be said: `reported_recruiter` when an official or a
    /// representative's number is also on the published list of reported
    /// recruiters (the verdict says both, never one hiding the other).
    pub also: Vec<ContactVerdict>,
    /// The agencies it is an official channel of (several for a shared
    /// number, such as a call centre), with their licences and standing today.
    pub agencies: Vec<AgencyResponse>,
    /// The representative it belongs to, with the card's standing today.
    pub representative: Option<RepresentativeResponse>,
    /// What the published list of reported recruiters says of it.
    pub reported: Option<ReportedSummary>,
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

/// Check a phone number, handle, web address or card.
///
/// Public. Whatever a worker has in hand (the number that called, the
/// Telegram account that wrote, the site of the offer, the card a person
/// showed) is answered with one verdict: `official_channel` (registered by
/// the ministry to the agency named, with its licences' standing today),
/// `representative` (a registered representative's card, phone or handle:
/// name, agency and whether they may recruit today), `representative_withdrawn`
/// (the agency withdrew them: since when), `reported_recruiter` (on the
/// published list of reported recruiters), `unknown` (not registered to any
/// licensed agency: a licensed agency registers every number and page it
/// recruits through), or `impersonation` (written with look-alike or
/// invisible characters to pass for another: never a match). A number both
/// official and reported says both (`also`). A card with a mistyped digit
/// is a 400 ("check the number"); a well-formed card nobody holds, a 404.
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
    let Read { value, position } = check(&reads, query.q.as_str(), now.today(), i18n::current()).await?;
    Ok(cache::public_at(HttpResponse::Ok().json(value), position))
}

/// The contact check of `text` on `today` in `lang` (the API's answer and
/// the check page's verdict).
pub async fn check(reads: &Reads, text: &str, today: NaiveDate, lang: Lang) -> Result<Read<ContactCheck>, ApiError> {
    let contact = match contact_check::read(text) {
        Err(ContactError::Impersonation { looks_like }) => {
            let value = ContactCheck::impersonation(text, looks_like, lang, today);
            let position = reads.position();
            return Ok(Read { value, position });
        }
        read => checkable(read)?,
    };
    let Read {
        value: holders,
        position,
    } = match &contact {
        Contact::Card(card) => reads.card_holder(card, today).await?,
        other => reads.channel_holders(&candidates(other), today).await?,
    };
    let reported = match &contact {
        Contact::Phone(phone) => reads.reported(Some(phone), None).await?,
        Contact::Handle(handle) => reads.reported(None, Some(&handle.name)).await?,
        _ => None,
    };
    let value = ContactCheck::of(contact, holders, reported, lang, today);
    Ok(Read { value, position })
}

/// A contact the check reads, or the problem of the text.
fn checkable(read: Result<Contact, ContactError>) -> Result<Contact, ApiError> {
    match read {
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
            also: Vec::new(),
            agencies: Vec::new(),
            representative: None,
            reported: None,
            checked_on: today,
        }
    }

    /// The answer for `contact`, held by `holders` (none: unknown or
    /// reported), with what the list of reported recruiters says.
    fn of(contact: Contact, holders: ContactHolders, reported: Option<Reported>, lang: Lang, today: NaiveDate) -> Self {
        let (kind, shown, platform) = match contact {
            Contact::Phone(p) => (ContactKind::Phone, p, None),
            Contact::Handle(h) => (ContactKind::Handle, h.name, h.platform.map(|p| p.as_str().to_owned())),
            Contact::Website(d) => (ContactKind::Website, d, None),
            Contact::Card(c) => (ContactKind::Card, c.as_str().to_owned(), None),
        };
        let representative = holders
            .card
            .map(|(r, agency, licenses)| RepresentativeResponse::new(r, agency, licenses, today));
        let verdict = match (&representative, holders.agencies.first(), &reported) {
            (Some(card), _, _) => card_verdict(&shown, card, kind, lang),
            (None, Some(holder), _) => official_verdict(&shown, holder, lang, today),
            (None, None, Some(r)) => reported_verdict("verdict-contact-reported", &shown, r, lang),
            (None, None, None) => ContactVerdict {
                code: ContactVerdictCode::Unknown,
                message: msg!("verdict-contact-unknown", contact = shown.as_str()).in_lang(lang),
            },
        };
        let also = reported
            .iter()
            .filter(|_| verdict.code != ContactVerdictCode::ReportedRecruiter)
            .map(|r| reported_verdict("verdict-contact-also-reported", &shown, r, lang))
            .collect();
        let agencies = holders
            .agencies
            .into_iter()
            .map(|(agency, licenses)| AgencyResponse::new(agency, licenses, today))
            .collect();
        Self {
            kind: Some(kind),
            contact: shown,
            platform,
            looks_like: None,
            verdict,
            also,
            agencies,
            representative,
            reported: reported.map(|r| ReportedSummary {
                complaints: r.complaints,
                last_reported: r.last_reported,
            }),
            checked_on: today,
        }
    }
}

/// The verdict for a representative's card, phone or handle.
fn card_verdict(shown: &str, card: &RepresentativeResponse, kind: ContactKind, lang: Lang) -> ContactVerdict {
    let code = if card.status == RepresentativeStatus::Withdrawn {
        ContactVerdictCode::RepresentativeWithdrawn
    } else {
        ContactVerdictCode::Representative
    };
    let standing = card_message(card, lang);
    let message = match kind {
        ContactKind::Card => standing,
        // The standing names the person, the card and the agency.
        _ => Message::new("verdict-contact-representative")
            .with("contact", shown)
            .with("standing", standing),
    };
    ContactVerdict {
        code,
        message: message.in_lang(lang),
    }
}

/// The verdict for an agency's official channel.
fn official_verdict(
    shown: &str,
    (agency, licenses): &(Agency, Vec<License>),
    lang: Lang,
    today: NaiveDate,
) -> ContactVerdict {
    let id = if agency_may_recruit(licenses, today) {
        "verdict-contact-official"
    } else {
        "verdict-contact-official-not-recruiting"
    };
    let message = Message::new(id)
        .with("contact", shown)
        .with("agency", agency.legal_name.as_str());
    ContactVerdict {
        code: ContactVerdictCode::OfficialChannel,
        message: message.in_lang(lang),
    }
}

/// The verdict (or the warning beside another) for a reported contact.
fn reported_verdict(id: &'static str, shown: &str, r: &Reported, lang: Lang) -> ContactVerdict {
    let message = Message::new(id)
        .with("contact", shown)
        .with("count", r.complaints)
        .with("month", r.last_reported.as_str());
    ContactVerdict {
        code: ContactVerdictCode::ReportedRecruiter,
        message: message.in_lang(lang),
    }
}
