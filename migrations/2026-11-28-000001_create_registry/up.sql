-- The registry core: agencies, their licences, and every licence's history.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE agencies (
    id            uuid PRIMARY KEY,
    legal_name    text NOT NULL CHECK (char_length(legal_name) BETWEEN 1 AND 300),
    other_names   text[] NOT NULL DEFAULT '{}',
    taxpayer_id   text NOT NULL UNIQUE CHECK (taxpayer_id ~ '^[0-9]{9}$'),
    region        text NOT NULL CHECK (region IN (
                      'UZ-AN', 'UZ-BU', 'UZ-FA', 'UZ-JI', 'UZ-NG', 'UZ-NW', 'UZ-QA',
                      'UZ-QR', 'UZ-SA', 'UZ-SI', 'UZ-SU', 'UZ-TK', 'UZ-TO', 'UZ-XO')),
    address       text,
    phone         text,
    email         text,
    website       text,
    -- All names folded to one Latin form by the application (domain::transliterate),
    -- so that Latin, Cyrillic and Russian spellings meet in one trigram index.
    search_names  text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Two trigram indexes, one per way of searching (db::models::agency_search):
-- GIN finds the few agencies a distinctive query matches in a millisecond or
-- two; GiST serves `ORDER BY search_names <->> query` (nearest first), so a
-- query made of a common word, which matches most agencies, still reads only a
-- page of rows. `lower()` is the identity on the folded names; it only gives
-- the GIN index its own expression, so that each query shape uses its index.
CREATE INDEX agencies_search_names_gist ON agencies USING gist (search_names gist_trgm_ops(siglen = 128));
CREATE INDEX agencies_search_names_gin ON agencies USING gin (lower(search_names) gin_trgm_ops);
CREATE INDEX agencies_region ON agencies (region);
CREATE INDEX agencies_listing_order ON agencies (legal_name, id);

CREATE TABLE licenses (
    id                    uuid PRIMARY KEY,
    license_number        text NOT NULL UNIQUE CHECK (license_number ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'),
    -- Letters and digits only: two spellings with one key are one licence.
    lookup_key            text NOT NULL UNIQUE CHECK (lookup_key ~ '^[A-Z0-9]+$'),
    agency_id             uuid NOT NULL REFERENCES agencies (id),
    status                text NOT NULL CHECK (status IN ('active', 'suspended', 'revoked', 'expired', 'surrendered')),
    valid_from            date NOT NULL,
    valid_until           date NOT NULL,
    destination_countries text[] NOT NULL DEFAULT '{}',
    sectors               text[] NOT NULL DEFAULT '{}',
    status_reason         text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CHECK (valid_until >= valid_from)
);

CREATE INDEX licenses_agency_id ON licenses (agency_id);
CREATE INDEX licenses_destination_countries ON licenses USING gin (destination_countries);
CREATE INDEX licenses_sectors ON licenses USING gin (sectors);

CREATE TABLE license_events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    license_id   uuid NOT NULL REFERENCES licenses (id),
    action       text NOT NULL CHECK (action IN ('issued', 'renewed', 'suspended', 'reinstated', 'revoked', 'expired', 'surrendered')),
    reason       text,
    effective_at timestamptz NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX license_events_license_id ON license_events (license_id, effective_at, id);

-- A licence's history is evidence: the database itself refuses to rewrite it.
CREATE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'license_events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER license_events_append_only
    BEFORE UPDATE OR DELETE ON license_events
    FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();

CREATE TRIGGER license_events_no_truncate
    BEFORE TRUNCATE ON license_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
