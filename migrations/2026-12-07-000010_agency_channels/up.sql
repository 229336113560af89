-- An agency's official channels: the phone numbers, messenger and social
-- handles, web sites and offices it recruits through. Public by design. Kept
-- on the agency's row, so that its version and entity tag, its change-feed
-- entry, its snapshot line and its read-model row carry them exactly as they
-- carry the rest of the agency: {"phones": ["+998..."], "handles":
-- [{"platform": "telegram", "name": "..."}], "websites": ["domain"],
-- "addresses": ["..."]}, each in the one form a check compares.
ALTER TABLE agencies ADD COLUMN channels jsonb NOT NULL DEFAULT '{}';

-- Who else holds a phone or a domain (a registration naming another
-- agency's number is refused with that agency's name).
CREATE INDEX agencies_channel_phones ON agencies USING gin ((channels -> 'phones'));
CREATE INDEX agencies_channel_websites ON agencies USING gin ((channels -> 'websites'));
CREATE INDEX agencies_channel_handles ON agencies USING gin ((channels -> 'handles') jsonb_path_ops);
