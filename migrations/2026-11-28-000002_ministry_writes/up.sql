-- Ministry write API: API clients, token signing keys, the audit trail, and
-- suspensions with an end date.

ALTER TABLE licenses ADD COLUMN suspended_until date;

CREATE TABLE api_clients (
    client_id       text PRIMARY KEY,
    name            text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    role            text NOT NULL CHECK (role IN ('ministry', 'ngo', 'auditor')),
    organization    text,
    -- Argon2id PHC string; the secret itself is never stored.
    secret_hash     text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    disabled_at     timestamptz,
    failed_attempts integer NOT NULL DEFAULT 0,
    last_failed_at  timestamptz,
    CHECK (role <> 'ngo' OR organization IS NOT NULL)
);

CREATE TABLE signing_keys (
    kid             text PRIMARY KEY,
    -- PKCS#8 PEM of the Ed25519 private key.
    private_key_pem text NOT NULL,
    -- Base64url of the 32-byte public key (the JWK `x`).
    public_key      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    retired_at      timestamptz
);

CREATE TABLE audit_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at   timestamptz NOT NULL,
    actor         text NOT NULL,
    actor_role    text NOT NULL,
    resource_type text NOT NULL,
    resource_id   text NOT NULL,
    action        text NOT NULL,
    before        jsonb,
    after         jsonb,
    request_id    text,
    -- SHA-256 (hex) of the previous record's hash and of this record's content:
    -- editing or removing any record breaks every hash after it.
    prev_hash     text NOT NULL,
    hash          text NOT NULL UNIQUE
);

CREATE INDEX audit_events_resource ON audit_events (resource_type, resource_id, id);
CREATE INDEX audit_events_occurred_at ON audit_events (occurred_at, id);

-- The audit trail is append-only, whoever asks: UPDATE, DELETE and TRUNCATE are refused.
CREATE TRIGGER audit_events_append_only
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();

CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
