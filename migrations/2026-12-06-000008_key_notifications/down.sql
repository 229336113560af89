DROP TRIGGER signing_keys_notify ON signing_keys;
DROP FUNCTION notify_keys();
