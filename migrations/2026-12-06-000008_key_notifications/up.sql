-- Every instance reloads its signing keys when they change (a rotation or a
-- retirement through any instance or the command line), instead of at its
-- next minute: sent at commit, like the change feed's notification.
CREATE FUNCTION notify_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('registry_keys', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER signing_keys_notify AFTER INSERT OR UPDATE OR DELETE ON signing_keys
    FOR EACH STATEMENT EXECUTE FUNCTION notify_keys();
