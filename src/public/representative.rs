//! A representative's card as the public sees it: what
//! `GET /v1/representatives/{card_number}` answers, what the change feed and
//! the snapshot carry, what its statement signs.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{LicenseSummary, StatementAgency};
use crate::db::models::{Agency, ChannelHandle, License, Representative, Withdrawal};
use crate::domain::changes::{next_standing_change, statement_lifetime};
use crate::domain::language::Lang;
use crate::domain::license_status::standing;
use crate::domain::representative::{card_standing, next_card_change, CardStanding, RepresentativeStatus};
use crate::domain::verdict::name_for_script;
use crate::i18n::Message;

/// The agency a representative recruits for, and whether it may recruit.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RepresentedAgency {
    /// Registry id of the agency.
    pub id: Uuid,
    /// Registered legal name.
    #[schema(example = "Istiqbol Recruitment MChJ")]
    pub legal_name: String,
    /// Trade names and the name in other scripts.
    pub other_names: Vec<String>,
    /// Whether one of its licences lets it recruit today: when not, nobody
    /// may recruit for it, its representatives included.
    pub can_recruit: bool,
    /// Its licences and their standing today, latest validity first.
    pub licenses: Vec<LicenseSummary>,
}

/// A representative's card and its standing today.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RepresentativeResponse {
    /// The card number the registry gave.
    #[schema(example = "K-1234-5671", pattern = r"^K-[0-9]{4}-[0-9]{4}$")]
    pub card_number: String,
    /// As on the passport.
    #[schema(example = "Aliyev Jasur Karimovich")]
    pub full_name: String,
    /// Where they recruit (ISO 3166-2:UZ).
    #[schema(example = json!(["UZ-TK", "UZ-SA"]))]
    pub regions: Vec<String>,
    /// Work phones registered for recruiting, E.164.
    #[schema(example = json!(["+998901234567"]))]
    pub phones: Vec<String>,
    /// Work messenger and social handles registered for recruiting.
    pub handles: Vec<ChannelHandle>,
    /// First day of the authorisation.
    pub valid_from: NaiveDate,
    /// Last day of the authorisation (none: until withdrawn).
    pub valid_until: Option<NaiveDate>,
    /// `withdrawn` once the agency no longer stands behind them.
    pub status: RepresentativeStatus,
    /// Since when they no longer represent the agency.
    pub withdrawn_on: Option<NaiveDate>,
    /// Why, as the ministry recorded it.
    pub withdrawal_reason: Option<String>,
    /// Earlier withdrawals, each ended by a re-activation, oldest first.
    pub history: Vec<Withdrawal>,
    /// What a worker must be told today: `withdrawn`, `agency_may_not_recruit`,
    /// `outside_dates` or `may_recruit`.
    pub standing: CardStanding,
    /// True only when the person may recruit for the agency today.
    pub may_recruit: bool,
    /// The agency they represent.
    pub agency: RepresentedAgency,
    /// The date (in Tashkent) the standing was decided for.
    pub checked_on: NaiveDate,
}

/// Whether any of these licences lets its agency recruit on `today`.
pub fn agency_may_recruit(licenses: &[License], today: NaiveDate) -> bool {
    licenses
        .iter()
        .any(|l| standing(l.status, l.validity(), today).can_recruit)
}

/// The card's standing on `today`.
pub fn standing_of(r: &Representative, licenses: &[License], today: NaiveDate) -> CardStanding {
    card_standing(
        r.status,
        r.valid_from,
        r.valid_until,
        agency_may_recruit(licenses, today),
        today,
    )
}

impl RepresentativeResponse {
    /// The card of `r`, who represents `agency`, on `today`.
    pub fn new(r: Representative, agency: Agency, licenses: Vec<License>, today: NaiveDate) -> Self {
        let standing = standing_of(&r, &licenses, today);
        Self {
            card_number: r.card().as_str().to_owned(),
            full_name: r.full_name,
            regions: r.regions,
            phones: r.phones,
            handles: r.handles,
            valid_from: r.valid_from,
            valid_until: r.valid_until,
            status: r.status,
            withdrawn_on: r.withdrawn_on,
            withdrawal_reason: r.withdrawal_reason,
            history: r.history,
            standing,
            may_recruit: standing.may_recruit(),
            agency: RepresentedAgency {
                id: agency.id,
                can_recruit: agency_may_recruit(&licenses, today),
                legal_name: agency.legal_name,
                other_names: agency.other_names,
                licenses: licenses.into_iter().map(|l| LicenseSummary::new(l, today)).collect(),
            },
            checked_on: today,
        }
    }
}

/// The card's verdict in one sentence, in the reader's language.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CardVerdict {
    /// The card's standing: the same in every language, for apps to branch on.
    pub code: CardStanding,
    #[schema(min_length = 1)]
    pub message: String,
}

impl CardVerdict {
    /// The verdict on `card` in `lang`.
    pub fn new(card: &RepresentativeResponse, lang: Lang) -> Self {
        Self {
            code: card.standing,
            message: card_message(card, lang).in_lang(lang),
        }
    }
}

/// The sentence a card's standing is told in, naming the agency in the
/// reader's script.
pub fn card_message(card: &RepresentativeResponse, lang: Lang) -> Message {
    let agency = name_for_script(&card.agency.legal_name, &card.agency.other_names, lang.is_cyrillic());
    let id = match card.standing {
        CardStanding::MayRecruit => "verdict-card-may-recruit",
        CardStanding::Withdrawn => "verdict-card-withdrawn",
        CardStanding::AgencyMayNotRecruit => "verdict-card-agency-may-not-recruit",
        CardStanding::OutsideDates => "verdict-card-outside-dates",
    };
    let date = |d: Option<NaiveDate>| d.map_or_else(|| "-".to_owned(), |d| d.to_string());
    Message::new(id)
        .with("name", card.full_name.as_str())
        .with("card", card.card_number.as_str())
        .with("agency", agency)
        .with("since", date(card.withdrawn_on))
        .with("from", date(Some(card.valid_from)))
        .with("until", date(card.valid_until))
}

/// The representative check: the card with its verdict.
#[derive(Debug, Serialize, ToSchema)]
pub struct RepresentativeCheck {
    #[serde(flatten)]
    #[schema(inline)]
    pub representative: RepresentativeResponse,
    /// The answer in one sentence.
    pub verdict: CardVerdict,
}

/// What a signed representative statement says: its own `kind` (and its
/// own `typ` header), so that it can never pass for a licence statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    Representative,
}

/// The claims of a signed representative statement: what the card check
/// says, signed so that a phone can trust it offline until `exp`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RepresentativeStatement {
    /// Always `agency-registry`.
    pub iss: String,
    /// Always `representative`.
    pub kind: StatementKind,
    /// The card number.
    #[schema(example = "K-1234-5671")]
    pub sub: String,
    /// As on the passport.
    pub full_name: String,
    /// Where they recruit (ISO 3166-2:UZ).
    pub regions: Vec<String>,
    pub status: RepresentativeStatus,
    /// The card's standing on `checked_on`.
    pub standing: CardStanding,
    /// Whether they may recruit for the agency on `checked_on`.
    pub may_recruit: bool,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
    /// The agency they represent.
    pub agency: StatementAgency,
    /// The date (in Tashkent) the standing was decided for.
    pub checked_on: NaiveDate,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expires at: at most 7 days after `iat`, earlier when the calendar
    /// changes the card's or the agency's standing sooner.
    pub exp: i64,
}

impl RepresentativeStatement {
    /// What the card check says of `r` at `now`.
    pub fn new(r: Representative, agency: Agency, licenses: Vec<License>, now: DateTime<Utc>) -> Self {
        let today = crate::domain::registry_today(now);
        let next_change = licenses
            .iter()
            .filter_map(|l| next_standing_change(l.status, l.validity(), today))
            .chain(next_card_change(r.valid_from, r.valid_until, today))
            .min();
        let last_changed = licenses
            .iter()
            .map(|l| l.updated_at)
            .fold(r.updated_at.max(agency.updated_at), DateTime::max);
        let (iat, exp) = statement_lifetime(now, last_changed, next_change);
        let taxpayer_id = agency.taxpayer_id.clone();
        let card = RepresentativeResponse::new(r, agency, licenses, today);
        Self {
            iss: crate::domain::ISSUER.into(),
            kind: StatementKind::Representative,
            sub: card.card_number,
            full_name: card.full_name,
            regions: card.regions,
            status: card.status,
            standing: card.standing,
            may_recruit: card.may_recruit,
            valid_from: card.valid_from,
            valid_until: card.valid_until,
            withdrawn_on: card.withdrawn_on,
            agency: StatementAgency {
                id: card.agency.id,
                legal_name: card.agency.legal_name,
                taxpayer_id,
            },
            checked_on: today,
            iat: iat.timestamp(),
            exp: exp.timestamp(),
        }
    }
}
