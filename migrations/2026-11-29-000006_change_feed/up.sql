-- The public change feed: one entry per change to public data, written in
-- the transaction of the change itself.
--
-- Commit order: an entry's `seq` is taken as max(seq) + 1 while holding the
-- registry's write lock (`pg_advisory_xact_lock`, the lock the audit chain
-- is appended under), which is released only after the transaction has
-- committed. So no transaction can take a seq while another one holding a
-- lower seq is still uncommitted: every snapshot sees a gap-free prefix of
-- the feed, and a reader following `seq` misses nothing and sees nothing twice.
CREATE TABLE changes (
    seq            bigint PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT now(),
    type           text NOT NULL,
    -- The agency's id, or the licence number.
    subject        text NOT NULL,
    agency_id      uuid NOT NULL,
    -- The public representation after the change, as its GET answers it.
    body           jsonb NOT NULL,
    -- The writing transaction: lets the constraint below find its entries.
    xid            xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX changes_xid ON changes (xid);

-- Long polls wake on this notification (sent at commit).
CREATE FUNCTION notify_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('registry_changes', (SELECT max(seq) FROM inserted)::text);
    RETURN NULL;
END
$$;
CREATE TRIGGER changes_notify AFTER INSERT ON changes
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION notify_changes();

-- No change to an agency or a licence commits without its feed entry: the
-- check runs at commit, after everything the transaction wrote.
CREATE FUNCTION require_change_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM changes WHERE xid = pg_current_xact_id()) THEN
        RAISE EXCEPTION 'a change to % has no change-feed entry', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER agencies_in_feed AFTER INSERT OR UPDATE ON agencies
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION require_change_entry();
CREATE CONSTRAINT TRIGGER licenses_in_feed AFTER INSERT OR UPDATE ON licenses
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION require_change_entry();

-- What the feed last said of each licence's standing, and the next day on
-- which the calendar alone can change it (a lapse, a suspension's end, the
-- first day of validity): the clock job looks only at rows that are due.
CREATE TABLE license_clock (
    license_id     uuid PRIMARY KEY REFERENCES licenses (id),
    status         text NOT NULL,
    can_recruit    boolean NOT NULL,
    next_check     date
);
CREATE INDEX license_clock_due ON license_clock (next_check) WHERE next_check IS NOT NULL;
-- Licences registered before the feed: due now, the job records their standing.
INSERT INTO license_clock (license_id, status, can_recruit, next_check)
    SELECT id, status, status = 'active' AND valid_from <= current_date AND valid_until >= current_date,
           '1900-01-01' FROM licenses;

-- Licence statements are signed with keys of their own.
ALTER TABLE signing_keys ADD COLUMN purpose text NOT NULL DEFAULT 'token'
    CHECK (purpose IN ('token', 'statement'));

GRANT SELECT, INSERT ON changes TO agency_registry_runtime;
GRANT SELECT, INSERT, UPDATE ON license_clock TO agency_registry_runtime;
