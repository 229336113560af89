-- The people an agency has authorised to recruit for it. Public by design
-- (name, card, agency, regions, status and the work phones and handles the
-- ministry registered for recruiting): that a worker can check the person in
-- front of them is the point. Nothing else about them is stored.
CREATE TABLE representatives (
    id                uuid PRIMARY KEY,
    agency_id         uuid NOT NULL REFERENCES agencies (id),
    -- The card number's seven digits before its check digit (the card,
    -- K-1234-5678, is computed from it: domain::card). Drawn at random, so
    -- that a card says nothing of how many others there are.
    card_serial       integer NOT NULL UNIQUE CHECK (card_serial BETWEEN 0 AND 9999999),
    full_name         text NOT NULL,
    regions           text[] NOT NULL DEFAULT '{}',
    -- E.164, each in the form a check compares.
    phones            text[] NOT NULL DEFAULT '{}',
    -- [{"platform": "telegram", "name": "..."}]
    handles           jsonb NOT NULL DEFAULT '[]',
    valid_from        date NOT NULL,
    valid_until       date,
    status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    withdrawn_on      date,
    withdrawal_reason text,
    -- Earlier withdrawals, oldest first, kept when a card is re-activated:
    -- [{"withdrawn_on", "reason", "reactivated_on"}].
    history           jsonb NOT NULL DEFAULT '[]',
    version           bigint NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'withdrawn') = (withdrawn_on IS NOT NULL AND withdrawal_reason IS NOT NULL)),
    CHECK (valid_until IS NULL OR valid_until >= valid_from),
    CHECK (array_position(regions, NULL) IS NULL AND array_position(phones, NULL) IS NULL)
);
CREATE INDEX representatives_agency ON representatives (agency_id);
CREATE INDEX representatives_phones ON representatives USING gin (phones);
CREATE INDEX representatives_handles ON representatives USING gin (handles jsonb_path_ops);

CREATE TRIGGER representatives_version BEFORE UPDATE ON representatives
    FOR EACH ROW EXECUTE FUNCTION bump_version();
-- No change to a representative commits without its change-feed entry.
CREATE CONSTRAINT TRIGGER representatives_in_feed AFTER INSERT OR UPDATE ON representatives
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION require_change_entry();

-- Phones an agency shares with other agencies (a call centre answering for
-- several): kept in its channels as "shared_phones".
CREATE INDEX agencies_channel_shared_phones ON agencies USING gin ((channels -> 'shared_phones'));

GRANT SELECT, INSERT, UPDATE ON representatives TO agency_registry_runtime;

-- Every instance reads the published reported recruiters again when a
-- complaint changes (a publication, a triage move that makes one public or
-- not), instead of on a clock: sent at commit, like the keys' notification.
CREATE FUNCTION notify_reported() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('registry_reported', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER complaints_notify_reported AFTER INSERT OR UPDATE ON complaints
    FOR EACH STATEMENT EXECUTE FUNCTION notify_reported();
