-- Foreign employers (the principals abroad) the ministry vets, and the job
-- orders agencies register under their licences with one of them. Both are
-- public by design: a worker checks the offer, not only the agency.
CREATE TABLE employers (
    id                  uuid PRIMARY KEY,
    legal_name          text NOT NULL,
    -- Other spellings and scripts of the name (a worker types what the
    -- offer says).
    other_names         text[] NOT NULL DEFAULT '{}',
    -- ISO 3166-1 alpha-2, where it is registered.
    country             text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    registration_number text NOT NULL,
    sectors             text[] NOT NULL DEFAULT '{}',
    address             text,
    status              text NOT NULL DEFAULT 'accredited'
                        CHECK (status IN ('accredited', 'suspended', 'banned')),
    -- Why and since when it is suspended or banned (none while accredited).
    status_reason       text,
    status_since        date,
    -- Every change of status, oldest first: [{"action", "on", "reason"}].
    history             jsonb NOT NULL DEFAULT '[]',
    version             bigint NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    -- One employer per registration abroad.
    UNIQUE (country, registration_number),
    CHECK ((status = 'accredited') = (status_reason IS NULL AND status_since IS NULL)),
    CHECK (array_position(other_names, NULL) IS NULL AND array_position(sectors, NULL) IS NULL)
);

CREATE TABLE job_orders (
    id                  uuid PRIMARY KEY,
    -- The reference's seven digits before its check digit (J-1234-5678:
    -- domain::job_order). Drawn at random, like a card's.
    reference_serial    integer NOT NULL UNIQUE CHECK (reference_serial BETWEEN 0 AND 9999999),
    license_id          uuid NOT NULL REFERENCES licenses (id),
    -- The licence's agency, kept beside it: the change feed and the read
    -- model find an order by its agency.
    agency_id           uuid NOT NULL REFERENCES agencies (id),
    employer_id         uuid NOT NULL REFERENCES employers (id),
    destination_country text NOT NULL CHECK (destination_country ~ '^[A-Z]{2}$'),
    sector              text NOT NULL,
    position            text NOT NULL,
    workers_needed      integer NOT NULL CHECK (workers_needed BETWEEN 1 AND 10000),
    -- Money in the currency's minor unit (cents; a won is its own), exact.
    wage_minor          bigint NOT NULL CHECK (wage_minor > 0),
    wage_currency       text NOT NULL CHECK (wage_currency ~ '^[A-Z]{3}$'),
    wage_period         text NOT NULL CHECK (wage_period IN ('hour', 'month')),
    hours_per_week      smallint NOT NULL CHECK (hours_per_week BETWEEN 1 AND 84),
    contract_months     smallint NOT NULL CHECK (contract_months BETWEEN 1 AND 60),
    worker_fee_minor    bigint NOT NULL DEFAULT 0 CHECK (worker_fee_minor >= 0),
    worker_fee_currency text NOT NULL CHECK (worker_fee_currency ~ '^[A-Z]{3}$'),
    employer_provides   text[] NOT NULL DEFAULT '{}',
    approved_on         date NOT NULL,
    valid_until         date NOT NULL,
    status              text NOT NULL DEFAULT 'open'
                        CHECK (status IN ('open', 'filled', 'closed', 'withdrawn')),
    -- Every change of status, oldest first: [{"action", "on", "reason"}].
    history             jsonb NOT NULL DEFAULT '[]',
    version             bigint NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (valid_until >= approved_on),
    CHECK (array_position(employer_provides, NULL) IS NULL)
);
CREATE INDEX job_orders_agency ON job_orders (agency_id);
CREATE INDEX job_orders_license ON job_orders (license_id);
CREATE INDEX job_orders_employer ON job_orders (employer_id);

CREATE TRIGGER employers_version BEFORE UPDATE ON employers
    FOR EACH ROW EXECUTE FUNCTION bump_version();
CREATE TRIGGER job_orders_version BEFORE UPDATE ON job_orders
    FOR EACH ROW EXECUTE FUNCTION bump_version();
-- No change to either commits without its change-feed entry.
CREATE CONSTRAINT TRIGGER employers_in_feed AFTER INSERT OR UPDATE ON employers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION require_change_entry();
CREATE CONSTRAINT TRIGGER job_orders_in_feed AFTER INSERT OR UPDATE ON job_orders
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION require_change_entry();

-- An employer belongs to no agency: its feed entries name none.
ALTER TABLE changes ALTER COLUMN agency_id DROP NOT NULL;

GRANT SELECT, INSERT, UPDATE ON employers, job_orders TO agency_registry_runtime;
