//! The public check page: `/check` (a form; search results, or the verdict
//! on a phone, account, site or card), `/check/{number}` (a licence's
//! verdict) and `/check/representative/{card}` (a card's), server-rendered
//! HTML in the reader's language, for a worker without an app; the pages a
//! licence's and a card's QR codes open.
//! No web font, no request to another host, and nothing that needs a
//! script: one small inline script (allowed by its hash, never by
//! `unsafe-inline`) only adds when the registry issued a QR code's statement.

pub mod find_check;
pub mod find_check_job_order;
pub mod find_check_representative;
pub mod show_check;
pub mod show_share;

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use askama::Template;
use base64::Engine;
use sha2::Digest;

use crate::db::models::LicenseEvent;
use crate::domain::language::Lang;
use crate::domain::license_status::standing;
use crate::domain::verdict::VerdictCode;
use crate::error::ApiError;
use crate::i18n;
use crate::public::{CardVerdict, JobOrderCheck, LicenseResponse, RepresentativeResponse, Verdict};
use crate::routes::cache;
use crate::routes::contacts::check_contact::{ContactCheck, ContactVerdictCode};
use crate::routes::licenses::qr::PublicBaseUrl;
use crate::usecases::read_model::Found;
use chrono::NaiveDate;

/// The script that checks a QR code's statement in the browser.
const STATEMENT_SCRIPT: &str = include_str!("statement.js");
/// The script that verifies the statements a shared link carries.
const SHARE_SCRIPT: &str = include_str!("share.js");

/// A page's Content-Security-Policy: its inline style, its one script by
/// hash, the registry's keys from itself; nothing from anywhere else.
fn policy_for(script: &str) -> String {
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()));
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src 'sha256-{hash}'; \
         connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )
}

/// The check pages' policy (their one script checks a QR code's statement).
pub static PAGE_POLICY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| policy_for(STATEMENT_SCRIPT));

/// The share page's policy (its one script verifies the shared statements).
pub static SHARE_POLICY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| policy_for(SHARE_SCRIPT));

/// Where to report a recruiter (`HELPLINE_TEXT`), shown in every language.
#[derive(Debug, Clone)]
pub struct Helpline(pub String);

/// The verdict box.
pub struct VerdictView {
    class: &'static str,
    symbol: &'static str,
    heading: String,
    message: String,
    /// What else must be said (a number that is official and reported).
    also: Vec<String>,
    warn: bool,
}

impl VerdictView {
    fn new(ok: bool, heading: String, message: String) -> Self {
        Self {
            class: if ok { "ok" } else { "no" },
            symbol: if ok { "✔" } else { "✖" },
            heading,
            message,
            also: Vec::new(),
            warn: !ok,
        }
    }
}

/// What a QR code's statement must be to be shown as the registry's.
pub struct Signed {
    typ: &'static str,
    subject: String,
}

/// A representative's card.
pub struct CardView {
    number: String,
    name: String,
    agency: String,
    licences: String,
    regions: String,
    phones: String,
    handles: String,
    valid: String,
    status: String,
    history: Vec<String>,
}

/// A job order's terms, in plain words.
pub struct OrderView {
    reference: String,
    position: String,
    employer: String,
    destination: String,
    wage: String,
    hours: String,
    contract: String,
    fee: String,
    provides: String,
    valid: String,
    agency: String,
}

/// What the share page carries: the registry's statement keys and the
/// words its script writes.
pub struct ShareView {
    keys: String,
    labels: String,
    verified: String,
}

/// A licence's details.
pub struct LicenseView {
    number: String,
    status: String,
    legal_name: String,
    other_names: String,
    address: String,
    phone: String,
    countries: String,
    sectors: String,
    valid: String,
    complaints: String,
    history: Vec<(String, String)>,
}

/// An agency found by a search, with its licences.
pub struct ResultView {
    name: String,
    licenses: Vec<(String, String)>,
}

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"<!DOCTYPE html>
<html lang="{{ lang.tag() }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ t("page-title") }}</title>
<link rel="canonical" href="{{ canonical }}">
<style>
body{font:17px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#111;background:#fff}
main{max-width:40rem;margin:0 auto;padding:.75rem 1rem 2rem}
nav{display:flex;flex-wrap:wrap;gap:.25rem .75rem;font-size:.95rem}
nav a,nav strong{display:inline-block;padding:.35rem .2rem}
h1{font-size:1.35rem;margin:.75rem 0 .25rem}
.verdict{border:4px solid;border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
.ok{border-color:#0a6b2d;background:#eaf6ee}
.no{border-color:#a4001d;background:#fcebee}
.verdict h2{margin:0 0 .5rem;font-size:1.6rem;line-height:1.2}
dl{margin:0}dt{font-weight:700;margin-top:.6rem}dd{margin:0;overflow-wrap:anywhere}
ul{padding-left:1.2rem}
label{display:block;font-weight:700;margin:1rem 0 .35rem}
input{font:inherit;padding:.55rem;width:100%;box-sizing:border-box;border:2px solid #333;border-radius:.3rem}
button{font:inherit;font-weight:700;padding:.6rem 1.4rem;margin-top:.6rem;border:0;border-radius:.3rem;background:#123a63;color:#fff}
a{color:#123a63}
.issued{font-weight:700}
</style>
</head>
<body>
<main>
<nav aria-label="Til / Тил / Язык / Language">{% for other in languages %}{% if *other == lang %}<strong lang="{{ other.tag() }}">{{ other.own_name() }}</strong>{% else %}<a href="{{ path }}?lang={{ other.tag() }}{{ query_suffix }}" hreflang="{{ other.tag() }}" lang="{{ other.tag() }}">{{ other.own_name() }}</a>{% endif %}{% endfor %}</nav>
<h1>{{ t("page-title") }}</h1>
{% if let Some(v) = verdict %}<section class="verdict {{ v.class }}" role="status">
<h2><span aria-hidden="true">{{ v.symbol }}</span> {{ v.heading }}</h2>
<p>{{ v.message }}</p>
{% for more in v.also %}<p><strong>{{ more }}</strong></p>{% endfor %}
{% if v.warn %}<p><strong>{{ t("report-heading") }}:</strong> {{ helpline }}</p>{% endif %}
</section>{% else %}<p>{{ t("page-intro") }}</p>{% endif %}
{% if let Some(s) = signed %}<p id="issued" class="issued" hidden data-issuer="{{ issuer }}" data-typ="{{ s.typ }}" data-number="{{ s.subject }}" data-text="{{ issued_text }}"></p>
<script>{{ script|safe }}</script>{% endif %}
{% if let Some(c) = card %}<dl>
<dt>{{ t("label-card") }}</dt><dd>{{ c.number }}</dd>
<dt>{{ t("label-representative") }}</dt><dd>{{ c.name }}</dd>
<dt>{{ t("label-agency") }}</dt><dd>{{ c.agency }}<br>{{ c.licences }}</dd>
<dt>{{ t("label-card-status") }}</dt><dd>{{ c.status }}</dd>
<dt>{{ t("label-card-valid") }}</dt><dd>{{ c.valid }}</dd>
{% if !c.regions.is_empty() %}<dt>{{ t("label-regions") }}</dt><dd>{{ c.regions }}</dd>{% endif %}
{% if !c.phones.is_empty() %}<dt>{{ t("label-phones") }}</dt><dd>{{ c.phones }}</dd>{% endif %}
{% if !c.handles.is_empty() %}<dt>{{ t("label-handles") }}</dt><dd>{{ c.handles }}</dd>{% endif %}
{% if !c.history.is_empty() %}<dt>{{ t("label-card-history") }}</dt><dd><ul>{% for line in c.history %}<li>{{ line }}</li>{% endfor %}</ul></dd>{% endif %}
</dl>{% endif %}
{% if let Some(o) = order %}<dl>
<dt>{{ t("label-job-order") }}</dt><dd>{{ o.reference }}</dd>
<dt>{{ t("label-position") }}</dt><dd>{{ o.position }}</dd>
<dt>{{ t("label-employer") }}</dt><dd>{{ o.employer }}</dd>
<dt>{{ t("label-destination") }}</dt><dd>{{ o.destination }}</dd>
<dt>{{ t("label-wage") }}</dt><dd>{{ o.wage }}</dd>
<dt>{{ t("label-hours") }}</dt><dd>{{ o.hours }}</dd>
<dt>{{ t("label-contract") }}</dt><dd>{{ o.contract }}</dd>
<dt>{{ t("label-worker-fee") }}</dt><dd>{{ o.fee }}</dd>
<dt>{{ t("label-provides") }}</dt><dd>{{ o.provides }}</dd>
<dt>{{ t("label-order-valid") }}</dt><dd>{{ o.valid }}</dd>
<dt>{{ t("label-agency-standing") }}</dt><dd>{{ o.agency }}</dd>
</dl>
<h2>{{ t("checklist-heading") }}</h2>
<ul><li>{{ t("checklist-terms") }}</li><li>{{ t("checklist-fee") }}</li><li>{{ t("checklist-passport") }}</li><li>{{ t("checklist-family") }}</li></ul>{% endif %}
{% if let Some(link) = share_link %}<h2>{{ t("share-heading") }}</h2>
<p>{{ t("share-text") }}</p>
<p><a id="share-link" href="{{ link }}">{{ t("share-heading") }}</a></p>{% endif %}
{% if let Some(sh) = share %}<section id="shared" data-issuer="{{ issuer }}" data-keys="{{ sh.keys }}" data-labels="{{ sh.labels }}" data-verified="{{ sh.verified }}" data-now="{{ t("share-now") }}" data-lang="{{ lang.tag() }}">
<h2>{{ t("share-title") }}</h2>
<p id="share-status"><strong>{{ t("share-none") }}</strong></p>
<dl id="share-facts"></dl>
</section>
<script>{{ share_script|safe }}</script>{% endif %}
{% if let Some(l) = license %}<dl>
<dt>{{ t("label-licence") }}</dt><dd>{{ l.number }} ({{ l.status }})</dd>
<dt>{{ l.legal_name }}</dt>{% if !l.other_names.is_empty() %}<dd>{{ t("label-other-names") }}: {{ l.other_names }}</dd>{% endif %}
{% if !l.address.is_empty() %}<dt>{{ t("label-address") }}</dt><dd>{{ l.address }}</dd>{% endif %}
{% if !l.phone.is_empty() %}<dt>{{ t("label-phone") }}</dt><dd>{{ l.phone }}</dd>{% endif %}
<dt>{{ t("label-countries") }}</dt><dd>{{ l.countries }}</dd>
<dt>{{ t("label-sectors") }}</dt><dd>{{ l.sectors }}</dd>
<dt>{{ t("label-valid") }}</dt><dd>{{ l.valid }}</dd>
<dt>{{ t("label-history") }}</dt><dd><ul>{% for (when, what) in l.history %}<li>{{ when }}: {{ what }}</li>{% endfor %}</ul></dd>
<dt>{{ l.complaints }}</dt>
</dl>{% endif %}
{% if let Some(found) = results %}<h2>{{ t("results-heading") }}</h2>{% if found.is_empty() %}<p>{{ t("results-none") }}</p>{% else %}<ul>{% for r in found %}<li>{{ r.name }}{% for (number, status) in r.licenses %}<br><a href="/check/{{ number }}?lang={{ lang.tag() }}">{{ number }}</a> ({{ status }}){% endfor %}</li>{% endfor %}</ul>{% endif %}{% endif %}
<form method="get" action="/check">
<input type="hidden" name="lang" value="{{ lang.tag() }}">
<label for="q">{{ t("form-label") }}</label>
<input id="q" name="q" value="{{ query }}" autocomplete="off" required maxlength="200">
<button type="submit">{{ t("form-button") }}</button>
</form>
</main>
</body>
</html>
"#
)]
pub struct Page {
    lang: Lang,
    languages: [Lang; 4],
    path: String,
    canonical: String,
    query: String,
    query_suffix: String,
    helpline: String,
    verdict: Option<VerdictView>,
    signed: Option<Signed>,
    card: Option<CardView>,
    order: Option<OrderView>,
    share_link: Option<String>,
    share: Option<ShareView>,
    license: Option<LicenseView>,
    results: Option<Vec<ResultView>>,
    issuer: &'static str,
    issued_text: String,
    script: &'static str,
    share_script: &'static str,
}

impl Page {
    /// An empty page in `lang` at `path` (under `base`, the public address).
    pub fn new(lang: Lang, base: &PublicBaseUrl, path: &str, query: &str, helpline: &Helpline) -> Self {
        let query_suffix = if query.is_empty() {
            String::new()
        } else {
            format!("&q={}", utf8_percent(query))
        };
        // Links shared on social media carry tracking parameters, which the
        // page ignores; it names the one address it has in each language.
        let canonical = format!("{}{path}?lang={}{query_suffix}", base.0, lang.tag());
        Self {
            lang,
            languages: Lang::ALL,
            path: path.to_owned(),
            canonical,
            query: query.to_owned(),
            query_suffix,
            helpline: helpline.0.clone(),
            verdict: None,
            signed: None,
            card: None,
            order: None,
            share_link: None,
            share: None,
            license: None,
            results: None,
            issuer: crate::domain::ISSUER,
            issued_text: i18n::text_with(lang, "page-statement-issued", &[("date", i18n::string("%DATE%"))]),
            script: STATEMENT_SCRIPT,
            share_script: SHARE_SCRIPT,
        }
    }

    fn t(&self, message: &str) -> String {
        i18n::text(self.lang, message)
    }

    /// The verdict on a registered licence, with its details and history.
    pub fn with_license(mut self, check: LicenseResponse, events: Vec<LicenseEvent>) -> Self {
        let lang = self.lang;
        let verdict = Verdict::new(&check, lang);
        let may = verdict.code == VerdictCode::MayRecruit;
        let heading = self.t(if may {
            "heading-may-recruit"
        } else {
            "heading-may-not-recruit"
        });
        self.verdict = Some(VerdictView::new(may, heading, verdict.message));
        let l = &check.license;
        self.signed = Some(Signed {
            typ: crate::auth::statement::STATEMENT_TYPE,
            subject: l.license_number.clone(),
        });
        let counts = [
            ("total", i18n::number(check.complaints.total)),
            ("substantiated", i18n::number(check.complaints.substantiated)),
        ];
        self.license = Some(LicenseView {
            number: l.license_number.clone(),
            status: self.t(&format!("status-{}", l.status.as_str())),
            legal_name: check.agency.legal_name.clone(),
            other_names: check.agency.other_names.join(", "),
            address: check.agency.address.clone().unwrap_or_default(),
            phone: check.agency.phone.clone().unwrap_or_default(),
            countries: i18n::country_names(lang, &l.destination_countries),
            sectors: i18n::sector_names(lang, &l.sectors),
            valid: format!("{} – {}", l.valid_from, l.valid_until),
            complaints: i18n::text_with(lang, "label-complaints", &counts),
            history: events
                .iter()
                .map(|e| {
                    let when = e.effective_at.date_naive().to_string();
                    (when, self.t(&format!("action-{}", e.action.as_str())))
                })
                .collect(),
        });
        self
    }

    /// The verdict on a number nobody registered.
    pub fn with_unknown(mut self, number: &str) -> Self {
        let message = i18n::text_with(
            self.lang,
            "detail-license-not-found",
            &[("number", i18n::string(number))],
        );
        self.verdict = Some(VerdictView::new(false, self.t("heading-unknown"), message));
        self
    }

    /// The verdict on a text that is no licence number at all, said without
    /// quoting it: a link could put any sentence there.
    pub fn with_not_a_number(mut self) -> Self {
        let heading = self.t("heading-not-a-number");
        self.verdict = Some(VerdictView::new(false, heading, self.t("page-not-a-number")));
        self
    }

    /// The verdict of a text that has the shape of a card but a mistyped
    /// digit: check the number (never another person's card).
    pub fn with_mistyped_card(mut self) -> Self {
        let heading = self.t("heading-check-number");
        self.verdict = Some(VerdictView::new(false, heading, self.t("detail-card-mistyped")));
        self
    }

    /// The verdict on a card nobody holds.
    pub fn with_unknown_card(mut self, card: &str) -> Self {
        let message = i18n::text_with(self.lang, "detail-card-not-found", &[("card", i18n::string(card))]);
        self.verdict = Some(VerdictView::new(false, self.t("heading-unknown"), message));
        self
    }

    /// The verdict on a representative's card, with its details.
    pub fn with_card(mut self, card: RepresentativeResponse) -> Self {
        let lang = self.lang;
        let verdict = CardVerdict::new(&card, lang);
        let heading = self.t(if card.may_recruit {
            "heading-may-recruit"
        } else {
            "heading-may-not-recruit"
        });
        self.verdict = Some(VerdictView::new(card.may_recruit, heading, verdict.message));
        self.signed = Some(Signed {
            typ: crate::auth::statement::CARD_STATEMENT_TYPE,
            subject: card.card_number.clone(),
        });
        let date = |d: NaiveDate| i18n::string(d.to_string());
        let status = match (card.withdrawn_on, &card.withdrawal_reason) {
            (Some(on), Some(reason)) => i18n::text_with(
                lang,
                "card-status-withdrawn",
                &[("date", date(on)), ("reason", i18n::string(reason.clone()))],
            ),
            _ => self.t("card-status-active"),
        };
        let valid = match card.valid_until {
            Some(until) => format!("{} – {until}", card.valid_from),
            None => i18n::text_with(lang, "card-valid-open", &[("from", date(card.valid_from))]),
        };
        let licences = card
            .agency
            .licenses
            .iter()
            .map(|l| {
                format!(
                    "{} ({})",
                    l.license_number,
                    self.t(&format!("status-{}", l.status.as_str()))
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let history = card
            .history
            .iter()
            .map(|w| {
                let args = [
                    ("withdrawn", date(w.withdrawn_on)),
                    ("reactivated", date(w.reactivated_on)),
                    ("reason", i18n::string(w.reason.clone())),
                ];
                i18n::text_with(lang, "card-history-line", &args)
            })
            .collect();
        self.card = Some(CardView {
            number: card.card_number,
            name: card.full_name,
            agency: crate::domain::verdict::name_for_script(
                &card.agency.legal_name,
                &card.agency.other_names,
                lang.is_cyrillic(),
            ),
            licences,
            regions: card.regions.join(", "),
            phones: card.phones.join(", "),
            handles: card
                .handles
                .iter()
                .map(|h| format!("{}: {}", h.platform, h.name))
                .collect::<Vec<_>>()
                .join(", "),
            valid,
            status,
            history,
        });
        self
    }

    /// The verdict on a reference with a mistyped digit: check it (never
    /// another offer).
    pub fn with_mistyped_order(mut self) -> Self {
        let heading = self.t("heading-check-number");
        self.verdict = Some(VerdictView::new(false, heading, self.t("detail-job-order-mistyped")));
        self
    }

    /// The verdict on a reference no job order has: ask for it.
    pub fn with_unknown_order(mut self, reference: &str) -> Self {
        let args = [("reference", i18n::string(reference))];
        let message = i18n::text_with(self.lang, "detail-job-order-not-found", &args);
        self.verdict = Some(VerdictView::new(false, self.t("heading-unknown"), message));
        self
    }

    /// The verdict on a job order, with its terms in plain words, the
    /// contract checklist, and the link to share it (`share`: the path and
    /// fragment of the share page carrying its statements).
    pub fn with_job_order(mut self, check: JobOrderCheck, share: Option<String>) -> Self {
        let lang = self.lang;
        let o = &check.job_order;
        let heading = self.t(if o.is_open {
            "heading-order-open"
        } else {
            "heading-order-not-open"
        });
        let mut verdict = VerdictView::new(o.is_open, heading, check.verdict.message.clone());
        verdict.also = check.warnings.iter().map(|w| w.message.clone()).collect();
        verdict.warn = verdict.warn || !verdict.also.is_empty();
        self.verdict = Some(verdict);
        self.signed = Some(Signed {
            typ: crate::auth::statement::JOB_ORDER_STATEMENT_TYPE,
            subject: o.reference.clone(),
        });
        let arg = |v: String| i18n::string(v);
        let wage_id = match o.wage.period {
            crate::domain::job_order::WagePeriod::Hour => "wage-per-hour",
            crate::domain::job_order::WagePeriod::Month => "wage-per-month",
        };
        let wage = i18n::text_with(
            lang,
            wage_id,
            &[
                ("amount", arg(o.wage.amount.to_string())),
                ("currency", arg(o.wage.currency.into())),
            ],
        );
        let fee = match o.worker_fee.amount > 0.0 {
            true => o.worker_fee.to_string(),
            false => self.t("fee-none"),
        };
        let provides = match o.employer_provides.is_empty() {
            true => self.t("provides-nothing"),
            false => o
                .employer_provides
                .iter()
                .map(|p| self.t(&format!("provision-{p}")))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let cyrillic = lang.is_cyrillic();
        let employer = format!(
            "{} ({}; {})",
            crate::domain::verdict::name_for_script(&o.employer.legal_name, &o.employer.other_names, cyrillic),
            o.employer.country,
            self.t(&format!("employer-status-{}", o.employer.status.as_str())),
        );
        let license = &o.agency.license;
        let agency = format!(
            "{}: {} ({})",
            crate::domain::verdict::name_for_script(&o.agency.legal_name, &o.agency.other_names, cyrillic),
            license.license_number,
            self.t(&format!("status-{}", license.status.as_str())),
        );
        self.order = Some(OrderView {
            reference: o.reference.clone(),
            position: o.position.clone(),
            employer,
            destination: o.destination_country.clone(),
            wage,
            hours: i18n::text_with(lang, "hours-per-week", &[("hours", arg(o.hours_per_week.to_string()))]),
            contract: i18n::text_with(
                lang,
                "contract-months",
                &[("months", arg(o.contract_months.to_string()))],
            ),
            fee,
            provides,
            valid: o.valid_until.to_string(),
            agency,
        });
        self.share_link = share;
        self
    }

    /// The share page: it verifies, with `jwks` (the registry's statement
    /// keys, carried by the page so that it works offline), the statements
    /// in its link's fragment, which never reaches the server.
    pub fn with_share(mut self, jwks: String) -> Self {
        let labels = serde_json::json!({
            "order": self.t("label-job-order"),
            "position": self.t("label-position"),
            "employer": self.t("label-employer"),
            "wage": self.t("label-wage"),
            "fee": self.t("label-worker-fee"),
            "agency": self.t("label-agency"),
            "card": self.t("label-card"),
            "licence": self.t("label-licence"),
            "standing": self.t("label-card-status"),
        });
        self.share = Some(ShareView {
            keys: jwks,
            labels: labels.to_string(),
            verified: i18n::text_with(self.lang, "share-verified", &[("date", i18n::string("%DATE%"))]),
        });
        self
    }

    /// The verdict of the contact check on what the worker typed.
    pub fn with_contact(mut self, check: ContactCheck) -> Self {
        let (ok, heading) = match check.verdict.code {
            ContactVerdictCode::OfficialChannel => {
                let recruits = check.agencies.iter().any(|a| a.licenses.iter().any(|l| l.can_recruit));
                (recruits, "heading-official")
            }
            ContactVerdictCode::Representative => {
                let may = check.representative.as_ref().is_some_and(|r| r.may_recruit);
                (
                    may,
                    if may {
                        "heading-may-recruit"
                    } else {
                        "heading-may-not-recruit"
                    },
                )
            }
            ContactVerdictCode::RepresentativeWithdrawn => (false, "heading-may-not-recruit"),
            ContactVerdictCode::ReportedRecruiter => (false, "heading-reported"),
            ContactVerdictCode::Unknown => (false, "heading-not-registered-contact"),
            ContactVerdictCode::Impersonation => (false, "heading-may-not-recruit"),
        };
        // Reported too: never a green box.
        let ok = ok && check.also.is_empty();
        let mut verdict = VerdictView::new(ok, self.t(heading), check.verdict.message);
        verdict.also = check.also.into_iter().map(|v| v.message).collect();
        self.verdict = Some(verdict);
        if let Some(card) = check.representative {
            let verdict = self.verdict.take();
            self = self.with_card(card);
            self.verdict = verdict;
            self.signed = None;
        }
        self
    }

    /// The agencies a search found.
    pub fn with_results(mut self, found: Vec<Found>, today: NaiveDate) -> Self {
        let lang = self.lang;
        let results = found
            .into_iter()
            .map(|row| ResultView {
                name: crate::domain::verdict::name_for_script(
                    &row.agency().legal_name,
                    &row.agency().other_names,
                    lang.is_cyrillic(),
                ),
                licenses: row
                    .licenses()
                    .iter()
                    .map(|l| {
                        let status = standing(l.status, l.validity(), today).status;
                        let status = i18n::text(lang, &format!("status-{}", status.as_str()));
                        (l.license_number.clone(), status)
                    })
                    .collect(),
            })
            .collect();
        self.results = Some(results);
        self
    }

    /// The page as an answer.
    pub fn answer(&self, status: StatusCode) -> Result<HttpResponse, ApiError> {
        let html = self.render().map_err(ApiError::internal)?;
        Ok(cache::public(
            HttpResponse::build(status)
                .content_type("text/html; charset=utf-8")
                .insert_header((
                    actix_web::http::header::LINK,
                    format!("<{}>; rel=\"canonical\"", self.canonical),
                ))
                .body(html),
        ))
    }
}

/// `text` for a URL query value.
fn utf8_percent(text: &str) -> String {
    serde_urlencoded::to_string([("", text)])
        .map(|s| s.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}
