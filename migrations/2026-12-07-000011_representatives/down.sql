DROP TRIGGER complaints_notify_reported ON complaints;
DROP FUNCTION notify_reported();
DROP INDEX agencies_channel_shared_phones;
DROP TABLE representatives;
