-- Complaints filed by NGOs (and the ministry) about agencies and unlicensed
-- recruiters, their triage history, and the idempotency keys of filing.

CREATE SEQUENCE complaint_reference_seq;

CREATE TABLE complaints (
    id                  uuid PRIMARY KEY,
    reference           text NOT NULL UNIQUE,
    status              text NOT NULL CHECK (status IN ('received', 'under_review', 'needs_information',
                            'referred_to_law_enforcement', 'substantiated', 'unsubstantiated', 'closed')),
    -- The finding, kept when the complaint is closed: what public counts use.
    outcome             text CHECK (outcome IN ('referred_to_law_enforcement', 'substantiated', 'unsubstantiated')),
    category            text NOT NULL CHECK (category IN ('recruitment_fees', 'deception_about_job',
                            'contract_substitution', 'document_retention', 'withheld_wages', 'debt_bondage',
                            'restriction_of_movement', 'threats_or_violence', 'abusive_conditions',
                            'unlicensed_recruitment', 'other')),
    agency_id           uuid REFERENCES agencies (id),
    license_number      text,
    recruiter_name      text,
    -- E.164 (+998901234567) and lower-case handles without '@': what search compares.
    recruiter_phones    text[] NOT NULL DEFAULT '{}',
    recruiter_handles   text[] NOT NULL DEFAULT '{}',
    recruiter_place     text,
    description         text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 10000),
    incident_date       date,
    destination_country text,
    workers_affected    integer CHECK (workers_affected BETWEEN 1 AND 100000),
    -- Personal data of the complainant: only the filing organisation and the ministry see it.
    complainant         jsonb,
    filed_by            text NOT NULL REFERENCES api_clients (client_id),
    organization        text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (agency_id IS NOT NULL OR recruiter_name IS NOT NULL
           OR cardinality(recruiter_phones) > 0 OR cardinality(recruiter_handles) > 0)
);

CREATE INDEX complaints_organization ON complaints (organization, id);
CREATE INDEX complaints_agency ON complaints (agency_id);
CREATE INDEX complaints_filed_by ON complaints (filed_by, created_at);
CREATE INDEX complaints_recruiter_phones ON complaints USING gin (recruiter_phones);
CREATE INDEX complaints_recruiter_handles ON complaints USING gin (recruiter_handles);

CREATE TABLE complaint_events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    complaint_id uuid NOT NULL REFERENCES complaints (id),
    kind         text NOT NULL CHECK (kind IN ('triage', 'note')),
    status       text NOT NULL,
    note         text,
    actor        text NOT NULL,
    actor_role   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, id);

CREATE TRIGGER complaint_events_append_only
    BEFORE UPDATE OR DELETE ON complaint_events
    FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();

-- Idempotency keys, per client: a retried filing returns the first answer.
CREATE TABLE idempotency_keys (
    client_id       text NOT NULL REFERENCES api_clients (client_id),
    key             text NOT NULL,
    request_hash    text NOT NULL,
    response_status integer,
    response_body   jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, key)
);

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

-- Public complaint counts, kept on the agency in the transaction of every
-- complaint change, so that the licence check stays one indexed query.
ALTER TABLE agencies ADD COLUMN complaint_counts jsonb NOT NULL
    DEFAULT '{"total": 0, "substantiated": 0, "by_category": {}}';
