-- Safe to expose: no lock-out state, idempotency records without personal
-- data, public complaint data only after a ministry decision, signing keys
-- sealed by the application, and a runtime role that cannot rewrite history.

-- Client secrets are 256-bit random values checked by SHA-256; wrong ones are
-- throttled in memory per client id, never by locking the client out.
ALTER TABLE api_clients DROP COLUMN failed_attempts, DROP COLUMN last_failed_at;
COMMENT ON COLUMN api_clients.secret_hash IS
    'sha256:<hex> of the secret (or a legacy Argon2id PHC string until its next use)';

-- A replayed filing needs only which complaint it filed: the answer is built
-- again from the complaint, so no copy of the complainant's data stays here.
ALTER TABLE idempotency_keys ADD COLUMN complaint_id uuid REFERENCES complaints (id);
UPDATE idempotency_keys SET complaint_id = (response_body ->> 'id')::uuid WHERE response_body ? 'id';
ALTER TABLE idempotency_keys DROP COLUMN response_body;

-- A reported recruiter is public only once the ministry decided to publish it.
ALTER TABLE complaints
    ADD COLUMN recruiter_published_at timestamptz,
    ADD COLUMN recruiter_published_by text;
CREATE INDEX complaints_recruiter_published ON complaints (recruiter_published_at)
    WHERE recruiter_published_at IS NOT NULL;

-- Public complaint counts count what the ministry has looked at: a complaint
-- past `received`, and not one found unsubstantiated.
CREATE FUNCTION public_complaint_counts(agency uuid) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'total', coalesce(sum(n), 0),
        'substantiated', coalesce(sum(s), 0),
        'by_category', coalesce(jsonb_object_agg(category, n), '{}'::jsonb))
    FROM (SELECT category, count(*) AS n,
                 count(*) FILTER (WHERE outcome = 'substantiated') AS s
          FROM complaints
          WHERE agency_id = agency
            AND status <> 'received'
            AND status <> 'unsubstantiated'
            AND outcome IS DISTINCT FROM 'unsubstantiated'
          GROUP BY category) per_category
$$;
UPDATE agencies SET complaint_counts = public_complaint_counts(id);

-- Private keys are sealed (XChaCha20-Poly1305) with a key-encryption key that
-- is not in the database; plaintext keys of earlier versions are sealed at
-- the next start.
ALTER TABLE signing_keys RENAME COLUMN private_key_pem TO private_key;
COMMENT ON COLUMN signing_keys.private_key IS
    'sealed:v1:<base64url nonce || ciphertext> of the PKCS#8 PEM (plaintext PEM only before the first sealing start)';

-- The service runs as a member of agency_registry_runtime, not as the owner
-- that runs these migrations: it may read and append the audit trail and the
-- histories, never change, delete, truncate them or disable their triggers.
-- Every later migration that creates a table grants what the runtime needs.
-- The group role is created once, outside the migrations (`migrate` does it
-- when its role may create roles; see the README's operator section), so
-- that an owner without CREATEROLE, as on managed PostgreSQL, can migrate.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'agency_registry_runtime') THEN
        RAISE EXCEPTION 'the role agency_registry_runtime does not exist: create it once as a role that may '
            '(CREATE ROLE agency_registry_runtime NOLOGIN; see "Two database roles" in the README), then migrate again';
    END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO agency_registry_runtime;
GRANT SELECT, INSERT ON agencies, licenses, license_events, api_clients, signing_keys, audit_events,
    complaints, complaint_events, idempotency_keys TO agency_registry_runtime;
GRANT UPDATE ON agencies, licenses, api_clients, signing_keys, complaints, idempotency_keys
    TO agency_registry_runtime;
GRANT DELETE ON idempotency_keys TO agency_registry_runtime;
GRANT SELECT ON __diesel_schema_migrations TO agency_registry_runtime;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO agency_registry_runtime;
GRANT EXECUTE ON FUNCTION public_complaint_counts(uuid) TO agency_registry_runtime;
