ALTER TABLE agencies DROP COLUMN channels;
