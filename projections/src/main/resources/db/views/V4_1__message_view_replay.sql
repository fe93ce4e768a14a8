-- The message view moved to new collections (message_view, message_view_channels:
-- string ids, history pages, search keys, tombstones in place; see MessageViewKeys).
-- Forgetting the `messages` processor's token makes it replay the whole event store into them;
-- the old `messages` and `message_tombstones` collections are no longer read (drop them by hand).
-- [jooq ignore start]
DELETE FROM token_entry WHERE processor_name = 'messages';
-- [jooq ignore stop]
