-- Idempotency-Key of any POST but message sends (those keep message_idempotency): one row per
-- (user, key). A request claims its key (state 'pending') before it runs; a success stores its
-- answer (state 'done') for every repeat to get back; a failure removes the claim so a retry runs.
CREATE TABLE IF NOT EXISTS request_idempotency (
    user_id         VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request         VARCHAR(2100) NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    status          INT,
    content_type    VARCHAR(255),
    location        VARCHAR(2100),
    consistency     VARCHAR(64),
    body            BYTEA,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idempotency_key)
);
