-- Keys and clients are the owner's: the runtime role reads them and may do
-- no more than replace a client's legacy Argon2 hash with the SHA-256 form
-- of the secret that client just proved. A key row written with the
-- runtime role's password would otherwise be trusted by every instance and
-- could sign a ministry token without any audit record.
REVOKE INSERT, UPDATE, DELETE ON signing_keys, api_clients FROM agency_registry_runtime;

CREATE FUNCTION upgrade_legacy_secret(client text, new_hash text) RETURNS boolean
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE api_clients SET secret_hash = new_hash
    WHERE client_id = client AND secret_hash LIKE '$argon2%' AND new_hash LIKE 'sha256:%'
    RETURNING true
$$;
REVOKE ALL ON FUNCTION upgrade_legacy_secret(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION upgrade_legacy_secret(text, text) TO agency_registry_runtime;

-- A third purpose: the audit trail's public checkpoints.
ALTER TABLE signing_keys DROP CONSTRAINT signing_keys_purpose_check;
ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_purpose_check
    CHECK (purpose IN ('token', 'statement', 'checkpoint'));

-- The audit trail's public head: one signed checkpoint per hour (the newest
-- record written before the hour began), so that the public can keep heads
-- without learning when each complaint was filed. Append-only, written by
-- whichever instance signs the hour first.
CREATE TABLE audit_checkpoints (
    hour timestamptz PRIMARY KEY,
    seq bigint NOT NULL,
    hash text NOT NULL,
    jws text NOT NULL,
    signed_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON audit_checkpoints TO agency_registry_runtime;
