## The verdict of a licence check: one plain sentence for a worker.

verdict-may-recruit = { $agency } holds a valid licence and may recruit workers for { $countries } until { $until }. Even so, never pay a fee before you have a signed contract, and keep your passport.
verdict-not-yet-valid = { $agency } may NOT recruit yet: its licence takes effect on { $from }. Until then, do not pay it or hand it your passport.
verdict-suspended = { $agency } may NOT recruit now: its licence is suspended. Do not pay it or hand it your passport, and report it.
verdict-suspended-until = { $agency } may NOT recruit now: its licence is suspended until { $until }. Do not pay it or hand it your passport, and report it.
verdict-revoked = { $agency } may NOT recruit: its licence was revoked. Do not pay it or hand it your passport, and report it.
verdict-expired = { $agency } may NOT recruit: its licence expired on { $until }. Do not pay it or hand it your passport, and report it.
verdict-surrendered = { $agency } may NOT recruit: it gave its licence up. Do not pay it or hand it your passport, and report it.
verdict-complaints = { $count ->
    [one] The ministry found { $count } complaint about this agency true.
   *[other] The ministry found { $count } complaints about this agency true.
}

## Problem titles, by problem type.

title-bad-request = Bad request
title-invalid-fields = Invalid request
title-license-not-found = Licence not found
title-not-found = Not found
title-method-not-allowed = Method not allowed
title-payload-too-large = Payload too large
title-unsupported-media-type = Unsupported media type
title-unauthorized = Unauthorized
title-forbidden = Forbidden
title-conflict = Conflict
title-impossible-transition = Impossible licence transition
title-stale-version = Stale version
title-if-match-required = If-Match required
title-too-many-requests = Too many requests
title-token-request = Token request refused
title-service-unavailable = Service unavailable
title-internal-error = Internal server error

## Problem details.

detail-license-not-found = No licence { $number } is registered. An agency without a registered licence may not recruit workers: do not pay it or hand it your passport, and report it.
detail-license-event-not-found = The licence has no history entry { $id } with a reason.
detail-method-not-allowed = This resource answers only { $methods }.
detail-service-unavailable = The registry cannot reach its database right now. Please try again in a few seconds.
detail-starting = The registry is still loading its data into memory. Please try again in a few seconds.
detail-internal-error = The registry failed to answer this request. The fault has been logged.
detail-too-many-requests = Too many requests from this address (at most { $per_minute } a minute). Try again in { $retry_after ->
    [one] { $retry_after } second
   *[other] { $retry_after } seconds
}.
detail-too-many-snapshots = This address has downloaded the whole registry { $quota } times this hour. Follow the change feed from the snapshot's `seq` instead, or try again in { $retry_after ->
    [one] { $retry_after } second
   *[other] { $retry_after } seconds
}.
detail-busy = This server is sending as many downloads of the registry as it can at once. Try again in { $retry_after ->
    [one] { $retry_after } second
   *[other] { $retry_after } seconds
}.
detail-too-many-wrong-secrets = Too many wrong secrets for this client id. Try again in { $retry_after ->
    [one] { $retry_after } second
   *[other] { $retry_after } seconds
}.
detail-stale-version = Someone changed this resource since you read it. Reload it (GET), check the changes, and retry with its new ETag.
detail-if-match-required = Changes need `If-Match` with the ETag of the version you edit: read the resource first (GET), then send its ETag.
detail-bad-json = The body is not valid JSON (line { $line }, column { $column }).
detail-bad-query = The query string does not fit this operation: { $name } { $reason }.
detail-bad-path = The path does not fit this operation: { $name } { $reason }.
detail-parameter-refused = `{ $name }` { $reason }.
detail-body-misfit = The body does not fit this operation: { $field } { $reason }.
detail-invalid-fields = The request has invalid fields: { $fields }.
detail-invalid-parameter = Query parameter `{ $field }` is invalid: { $reason }.
detail-not-json = The body must be JSON (`application/json`).
detail-unreadable-request = The request cannot be read: its address, headers or body are malformed.
detail-unstorable-text = The request contains text with characters that cannot be stored (such as NUL).
detail-resource-not-found = The resource does not exist.
detail-no-resource = There is no resource at { $path }. The API is described at /docs.
detail-method-refused = This resource does not answer this method.
detail-payload-too-large = The body is larger than this operation accepts (at most { $max_kib } KiB).
detail-unsupported-media-type = This operation does not accept a body of this media type.
detail-agency-not-found = No agency with id { $id } is registered.
detail-complaint-not-found = No complaint { $id } is visible to this client.
detail-recruiter-not-published = The recruiter of complaint { $id } is not published.
detail-client-not-found = No enabled client { $id }.
detail-key-not-found = No active key { $kid }.
detail-taxpayer-id-taken = Another agency with this taxpayer id is already registered.
detail-license-number-taken = This licence number (in this or a look-alike spelling) is already registered.
detail-not-a-license-number = `{ $text }` is not a licence number: { $reason }.
detail-impossible-transition = A licence that is `{ $status }` cannot be `{ $action }`. Possible now: { $possible }.
detail-impossible-transition-final = A licence that is `{ $status }` cannot be `{ $action }`: `{ $status }` is final.
detail-impossible-triage = A complaint that is `{ $status }` cannot move to `{ $to }`. Possible now: { $possible }.
detail-impossible-triage-final = A complaint that is `{ $status }` cannot move to `{ $to }`: `{ $status }` is final.
detail-complaint-quota = This client has filed its hourly number of complaints; retry later.
detail-idempotency-key-required = Filing needs an `Idempotency-Key` header (1 to 255 visible ASCII characters, e.g. a UUID), so that a retry never files twice.
detail-idempotency-key-reused = This Idempotency-Key was used with a different body. Use a new key for a new complaint.
detail-idempotency-in-progress = A request with this Idempotency-Key is still in progress.
detail-publish-registered-agency = This complaint names a registered agency: its public counts are the agency's, there is no recruiter to publish.
detail-publish-untriaged = A complaint that is `{ $status }` cannot be published: triage it first, and publish only what was not found unsubstantiated.
detail-role-needed = This operation needs the role { $needed }; this client has the role { $role }.
detail-token-missing = This operation needs an access token: `Authorization: Bearer <token>`.
detail-token-expired = The access token has expired: ask for a new one at /v1/auth/token.
detail-token-refused = The access token was refused ({ $reason }).
detail-token-client-disabled = The client of this token is disabled.
detail-authorization-unreadable = The Authorization header is not readable text.
detail-authorization-not-bearer = The Authorization header must be `Bearer <token>`.
detail-token-unknown-client = Unknown client, disabled client, or wrong secret.
detail-token-grant-type-missing = `grant_type` is required.
detail-token-grant-type-unsupported = Only `client_credentials` is supported.
detail-token-credentials-missing = `client_id` and `client_secret` are required.
detail-token-credentials-unreadable = `client_id` and `client_secret` must be 1 to 200 printable characters.
detail-token-body-unreadable = The body cannot be read: send `grant_type`, `client_id` and `client_secret` as strings.
detail-token-media-type = Send the token request as application/x-www-form-urlencoded or application/json.
detail-invalid-cursor = `cursor` is not a cursor this API issued; start again without it.
detail-checkpoint = A checkpoint is a positive integer `seq` and a 64-digit lower-case hex `hash`.
detail-if-match-unreadable = `If-Match` is not readable text.

## Why a field or parameter is refused (after its name).

reason-required = is required
reason-unknown-field = is not a field of this operation
reason-unknown-field-takes = has a field this operation does not take (it takes { $fields })
reason-unknown-parameter-takes = has a parameter this operation does not take (it takes { $names })
reason-invalid = is invalid
reason-expected = expected { $what }
reason-expected-integer = expected an integer
reason-expected-number = expected a number
reason-expected-string = expected a string
reason-expected-boolean = expected true or false
reason-expected-list = expected a list
reason-expected-object = expected an object
reason-expected-one-of = expected one of { $values }
reason-not-a-date = is not a valid date or time (e.g. 2026-11-29)
reason-not-a-uuid = is not a valid UUID
reason-json-object = must be a JSON object
reason-language = must be one of uz-Latn, uz-Cyrl, ru, en
reason-blank = must not be blank
reason-length-between = must be { $min } to { $max } characters
reason-length-at-most = must be at most { $max } characters
reason-length-at-least = must be at least { $min } characters
reason-length-at-most-no-control = must be at most { $max } characters, without control characters
reason-items-between = must list { $min } to { $max } items
reason-items-at-least = must list at least { $min ->
    [one] { $min } item
   *[other] { $min } items
}
reason-number-between = must be between { $min } and { $max }
reason-date-between = must be between { $earliest } and { $latest }
reason-not-in-the-past = must not be in the past
reason-until-before-from = must not be before valid_from
reason-renewal-until = must be after the current valid_until and after today
reason-taxpayer-id = must be 9 digits (STIR)
reason-region = must be an ISO 3166-2:UZ region code such as UZ-TK
reason-country = must be an ISO 3166-1 alpha-2 country code such as KR
reason-sector = is not a known sector
reason-email = must be an e-mail address
reason-website = must be an http or https URL
reason-phone = is not a phone number
reason-handle-link = must be a link to the account on its platform, e.g. https://t.me/name (Telegram, Instagram, Facebook, TikTok, YouTube or X)
reason-cannot-remove = cannot be removed
reason-control = must not contain control characters
reason-bidi-control = must not contain bidirectional override or isolate characters
reason-zero-width = must not contain zero-width characters
reason-license-number-empty = a licence number needs at least one letter or digit
reason-license-number-too-long = a licence number is at most { $max } characters
reason-license-number-character = licence numbers contain only letters, digits and the separators - / . (found "{ $found }")
reason-recruiter-contacts = at most { $max } phones and { $max } handles
reason-agency-or-recruiter = name either a registered agency (agency_id or license_number) or a recruiter
reason-agency-id-or-number = give agency_id or license_number, not both
reason-anonymous = an anonymous complaint carries no name and no contact
reason-organization-for-ngo = is required for the role ngo
reason-idempotency-key-reused = already used with a different body
word-a-parameter = a parameter
word-quoted = `{ $text }`

## The public check page.

page-title = Check a recruitment agency
page-intro = Before you pay anyone or hand over your passport, check the agency, and check that the person, number or page that contacted you is really the agency's.
page-statement-issued = This code was issued by the registry on { $date }.
form-label = Licence number, agency name, taxpayer id, phone number, Telegram or Instagram account, web site, or card number (K-1234-5678)
form-button = Check
heading-may-recruit = May recruit
heading-may-not-recruit = May NOT recruit
heading-unknown = Not registered
heading-not-a-number = Not a licence number
page-not-a-number = This is not a licence number. A licence number looks like UZ-TK-0123: ask the recruiter for it, or search for the agency by its name. An agency without a registered licence may not recruit workers: do not pay it or hand it your passport.
label-licence = Licence
label-other-names = Also registered as
label-address = Address
label-phone = Phone
label-countries = May send workers to
label-sectors = Sectors
label-valid = Valid
label-history = History of the licence
label-complaints = Complaints the ministry has looked at: { $total }, found true: { $substantiated }
report-heading = Report it
results-heading = Agencies found
results-none = No agency found. An agency that is not in the registry may not recruit workers.
status-active = active
status-suspended = suspended
status-revoked = revoked
status-expired = expired
status-surrendered = surrendered
action-issued = issued
action-renewed = renewed
action-suspended = suspended
action-reinstated = reinstated
action-revoked = revoked
action-expired = expired
action-surrendered = surrendered

## Countries a licence names, by ISO 3166-1 code.

country-RU = Russia
country-KZ = Kazakhstan
country-KG = Kyrgyzstan
country-TJ = Tajikistan
country-TM = Turkmenistan
country-AZ = Azerbaijan
country-GE = Georgia
country-BY = Belarus
country-KR = South Korea
country-JP = Japan
country-CN = China
country-MY = Malaysia
country-SG = Singapore
country-TR = Türkiye
country-AE = United Arab Emirates
country-SA = Saudi Arabia
country-QA = Qatar
country-KW = Kuwait
country-BH = Bahrain
country-OM = Oman
country-IL = Israel
country-DE = Germany
country-GB = United Kingdom
country-IE = Ireland
country-FR = France
country-IT = Italy
country-ES = Spain
country-PT = Portugal
country-NL = Netherlands
country-BE = Belgium
country-AT = Austria
country-CH = Switzerland
country-PL = Poland
country-CZ = Czechia
country-SK = Slovakia
country-HU = Hungary
country-RO = Romania
country-BG = Bulgaria
country-HR = Croatia
country-SI = Slovenia
country-RS = Serbia
country-GR = Greece
country-CY = Cyprus
country-MT = Malta
country-LT = Lithuania
country-LV = Latvia
country-EE = Estonia
country-FI = Finland
country-SE = Sweden
country-NO = Norway
country-DK = Denmark
country-US = United States
country-CA = Canada
country-AU = Australia
country-NZ = New Zealand
country-UZ = Uzbekistan

## Sectors, by code.

sector-agriculture = agriculture
sector-construction = construction
sector-manufacturing = manufacturing
sector-hospitality = hotels and restaurants
sector-care = care of people
sector-domestic_work = domestic work
sector-healthcare = healthcare
sector-transport = transport
sector-retail = shops and trade
sector-fishing = fishing
sector-mining = mining
sector-cleaning = cleaning
detail-channels-taken = Some of these channels are registered to another agency: { $agency }.
verdict-contact-official = { $contact } is an official channel of { $agency }, which may recruit today. Check the licence too before you pay anything.
verdict-contact-official-not-recruiting = { $contact } is an official channel of { $agency }, but { $agency } may not recruit now: none of its licences is in force. Do not pay or hand over your passport.
verdict-contact-unknown = { $contact } is not registered to any licensed agency. A licensed agency registers every number and page it recruits through: treat this as unlicensed recruitment and report it.
verdict-contact-impersonation = This is not { $looks_like }: it is written with look-alike or invisible characters to pass for it. Treat it as a scam and report it.
detail-contact-unrecognised = `q` must be a phone number, a messenger or social handle (@name or a link), a web address, or a card number such as K-1234-5678.
detail-card-mistyped = This card number has a mistyped digit: check it against the card.
detail-card-not-found = No representative has card { $card }.

## Representatives' cards.

verdict-card-may-recruit = { $name } (card { $card }) represents { $agency }, which may recruit today. Even so, never pay a fee before you have a signed contract, and keep your passport.
verdict-card-withdrawn = { $name } (card { $card }) no longer represents { $agency }: withdrawn on { $since }. Do not pay them or hand them your passport, and report them if they still recruit.
verdict-card-agency-may-not-recruit = { $name } (card { $card }) is registered for { $agency }, but { $agency } may not recruit now: none of its licences is in force, so nobody may recruit for it. Do not pay or hand over your passport.
verdict-card-outside-dates = The card { $card } of { $name } for { $agency } is not valid today (valid from { $from } to { $until }). Do not deal with them while it is not.
verdict-contact-representative = { $contact } is registered to a representative of an agency. { $standing }
verdict-contact-reported = { $contact } has been reported to the registry as used by a recruiter without a licence ({ $count } published complaints, the latest in { $month }). Do not pay anything or hand over your passport, and report it.
verdict-contact-also-reported = Beware: { $contact } has also been reported as used by a recruiter without a licence ({ $count } published complaints, the latest in { $month }). Call the agency back on a number from this registry before you pay anything.
detail-not-a-card = A card number is the letter K and eight digits, such as K-1234-5678.
detail-representatives-too-many = This agency has registered { $max } representatives, as many as one agency may.
detail-card-not-withdrawn = This card is active: only a withdrawn card can be re-activated.
detail-card-withdrawn-already = This card was withdrawn already, on { $since }.
detail-channels-taken-by-card = Some of these phones or handles are registered to card { $card } of { $agency }.
reason-not-in-the-future = must not be after today

## The check page for contacts and cards.

heading-check-number = Check the number
heading-not-registered-contact = Not registered
heading-official = The agency's own
heading-reported = Reported
label-card = Card
label-representative = Representative
label-agency = Agency
label-regions = Recruits in
label-phones = Work phones
label-handles = Accounts
label-card-valid = Card valid
label-card-status = Status
label-card-history = Earlier withdrawals
card-status-active = active
card-status-withdrawn = withdrawn on { $date }: { $reason }
card-history-line = withdrawn on { $withdrawn }, active again from { $reactivated }: { $reason }
card-valid-open = from { $from }

## Foreign employers and job orders.

verdict-job-order-open = Job order { $reference } is registered: { $position } in { $country } for { $employer }, offered by { $agency }, open until { $until }. Compare every term with your written contract, never pay before you sign it, and keep your passport.
verdict-job-order-filled = Job order { $reference } ({ $position } for { $employer }) is registered, but every place is taken: { $agency } is not recruiting for it now.
verdict-job-order-closed = Job order { $reference } ({ $position } for { $employer }) is closed: { $agency } is not recruiting for it. Anyone still offering it is not offering this job.
verdict-job-order-withdrawn = Job order { $reference } ({ $position } for { $employer }) was withdrawn by { $agency }: the job is not on offer. Do not pay anyone for it.
verdict-job-order-expired = Job order { $reference } ({ $position } for { $employer }) ended on { $until }: it is no longer on offer.
verdict-job-order-agency-cannot-recruit = Job order { $reference } is registered by { $agency }, but { $agency } may not recruit now: its licence is not in force. Do not pay or hand over your passport.
verdict-job-order-employer-not-accredited = Job order { $reference } is for { $employer }, which the ministry has suspended or banned: nobody may recruit for it now. Do not pay or hand over your passport.
warning-job-order-fee = This offer asks the worker to pay { $fee }. Recruitment fees are not the rule: ask what it is for, get it in writing, and never pay before you have signed a contract.
detail-job-order-not-found = No such job order: { $reference }. A job abroad offered by a licensed agency has a job order; ask for it.
detail-job-order-mistyped = This job order reference has a mistyped digit: check it against the offer.
detail-not-a-job-order = A job order reference is the letter J and eight digits, such as J-1000-0012.
detail-employer-not-found = No employer has id { $id }.
detail-employer-registered = An employer with this registration number in { $country } is registered already (id { $id }).
detail-employer-transition = An employer that is { $status } cannot be given `{ $action }`.
detail-job-order-transition = A job order that is { $status } cannot be given `{ $action }`.
detail-license-cannot-register = Licence { $number } may not recruit now: no job order can be registered or reopened under it.
detail-employer-may-not-hire = The employer is { $status }: no job order can be registered or reopened for it.
reason-outside-license-countries = is not among the countries licence { $number } allows ({ $allowed })
reason-outside-license-sectors = is not among the sectors licence { $number } allows ({ $allowed })
reason-currency = must be an ISO 4217 currency code such as USD or KRW
reason-money-decimals = has more decimals than the currency has ({ $decimals })
reason-wage-positive = must be more than 0
reason-fee-not-negative = must not be negative
reason-money-range = must be a number up to a billion
reason-provision = is not one of the things an employer may provide
reason-employer-unknown = no employer has this id
reason-valid-until-before-approved = must not be before approved_on

## The job order's check page.

heading-order-open = Open: registered and recruiting
heading-order-not-open = Not open
label-job-order = Job order
label-position = Job
label-employer = Employer
label-destination = Country of work
label-wage = Wage
label-hours = Working hours
label-contract = Contract
label-worker-fee = What you pay
label-provides = The employer provides
label-order-valid = Open until
label-agency-standing = Agency and licence
wage-per-hour = { $amount } { $currency } an hour
wage-per-month = { $amount } { $currency } a month
hours-per-week = { $hours } hours a week
contract-months = { $months } months
fee-none = Nothing: you should not pay anything to get this job.
provides-nothing = Nothing registered
provision-housing = housing
provision-meals = meals
provision-travel = the journey there and back
provision-local_transport = transport to and from work
provision-health_insurance = health insurance
provision-accident_insurance = accident insurance
provision-visa_and_permit = the visa and the work permit
provision-training = training
provision-work_equipment = work clothing and equipment
employer-status-accredited = accredited by the ministry
employer-status-suspended = suspended by the ministry
employer-status-banned = banned by the ministry
checklist-heading = Before you sign
checklist-terms = Your written contract must name the employer, the job, the country, the wage, the hours and the length of the contract, the same as this job order.
checklist-fee = Never pay anything before you have signed the contract, and get a receipt for anything you pay.
checklist-passport = Keep your passport and documents yourself: nobody may hold them for you.
checklist-family = Give your family the names of the employer and the agency, and this page.
share-heading = Share with your family
share-text = This link carries the registry's signed statements of what you are about to trust. Your family sees the same verified facts, even offline; nothing about you is sent to the registry.
share-title = Shared with you: checked in the registry of licensed recruitment agencies
share-none = Nothing here could be verified as the registry's: do not trust this link.
share-verified = Verified: signed by the registry on { $date }.
share-now = Today the registry says:
