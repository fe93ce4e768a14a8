-- Idempotent message sends: one row per (user, key), written in the same transaction as the
-- MessageSentEvent it names, so a retry finds the message of the first attempt and a concurrent
-- duplicate waits on the primary key for the winner's commit instead of appending a second event.
-- key is 'n:' + the body's nonce or 'k:' + the Idempotency-Key header.
CREATE TABLE IF NOT EXISTS message_idempotency (
    user_id         VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(300) NOT NULL,
    message_id      BIGINT       NOT NULL,
    channel_id      BIGINT       NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idempotency_key)
);
