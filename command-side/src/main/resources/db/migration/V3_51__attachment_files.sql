-- Message attachment files known to the attachment-files processor: which channel, server and
-- (once attached) message each S3 object message/<attachment_id> belongs to, so deleting a message,
-- a channel or a server removes its files. removed_at is set once the object was deleted.
CREATE TABLE IF NOT EXISTS attachment_file (
    attachment_id BIGINT      PRIMARY KEY,
    channel_id    BIGINT      NOT NULL,
    server_id     BIGINT,
    message_id    BIGINT,
    removed_at    TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS attachment_file_message ON attachment_file (message_id);
CREATE INDEX IF NOT EXISTS attachment_file_channel ON attachment_file (channel_id);
CREATE INDEX IF NOT EXISTS attachment_file_server ON attachment_file (server_id);
