DROP INDEX agencies_channel_shared_phones;
DROP TABLE representatives;
