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
detail-method-not-allowed = This resource answers only { $methods }.
detail-service-unavailable = The registry cannot reach its database right now. Please try again in a few seconds.
detail-internal-error = The registry failed to answer this request. The fault has been logged.
detail-too-many-requests = Too many requests from this address (at most { $per_minute } a minute). Try again in { $retry_after ->
    [one] { $retry_after } second
   *[other] { $retry_after } seconds
}.
detail-too-many-wrong-secrets = Too many wrong secrets for this client id. Try again in { $retry_after ->
    [one] { $retry_after } second
   *[other] { $retry_after } seconds
}.
detail-stale-version = Someone changed this resource since you read it. Reload it (GET), check the changes, and retry with its new ETag.
detail-if-match-required = Changes need `If-Match` with the ETag of the version you edit: read the resource first (GET), then send its ETag.
detail-unknown-language = Query parameter `lang` is invalid: must be one of uz-Latn, uz-Cyrl, ru, en.

## The public check page.

page-title = Check a recruitment agency
page-intro = Before you pay anyone or hand over your passport, check that the agency holds a valid licence.
form-label = Licence number, agency name or taxpayer id
form-button = Check
heading-may-recruit = May recruit
heading-may-not-recruit = May NOT recruit
heading-unknown = Not registered
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
