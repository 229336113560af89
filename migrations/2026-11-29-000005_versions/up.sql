-- A version per agency and licence, bumped by the database on every update,
-- so that a write's `If-Match` is compared with the stored state rather than
-- with a response rebuilt inside the transaction. A trigger, not the
-- application, bumps it: no UPDATE can forget to.
ALTER TABLE agencies ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE licenses ADD COLUMN version bigint NOT NULL DEFAULT 1;

CREATE FUNCTION bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END
$$;

CREATE TRIGGER agencies_version BEFORE UPDATE ON agencies
    FOR EACH ROW EXECUTE FUNCTION bump_version();
CREATE TRIGGER licenses_version BEFORE UPDATE ON licenses
    FOR EACH ROW EXECUTE FUNCTION bump_version();
