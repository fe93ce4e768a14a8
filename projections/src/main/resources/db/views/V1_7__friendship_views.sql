-- Read models of friend requests, friendships and private (DM and group) channels, kept by the
-- friendships processor. Rows carry last_position like every view here, so a redelivered event
-- changes nothing.

-- status: pending, accepted, declined or cancelled. friendship_id names the pair (sorted user ids).
CREATE TABLE friend_request_view (
    id            BIGINT       NOT NULL PRIMARY KEY,
    friendship_id VARCHAR(160) NOT NULL,
    from_user_id  VARCHAR(64)  NOT NULL,
    to_user_id    VARCHAR(64)  NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    dm_channel_id BIGINT,
    created_at    TIMESTAMPTZ  NOT NULL,
    last_position BIGINT       NOT NULL
);

CREATE INDEX friend_request_incoming ON friend_request_view (to_user_id, status, id);
CREATE INDEX friend_request_outgoing ON friend_request_view (from_user_id, status, id);

-- Two rows per friendship, one for each side.
CREATE TABLE friend_view (
    user_id       VARCHAR(64) NOT NULL,
    friend_id     VARCHAR(64) NOT NULL,
    since         TIMESTAMPTZ NOT NULL,
    dm_channel_id BIGINT,
    last_position BIGINT      NOT NULL,
    PRIMARY KEY (user_id, friend_id)
);

-- type: dm or group. owner_id: the group's owner (null for a DM).
CREATE TABLE private_channel_view (
    id            BIGINT      NOT NULL PRIMARY KEY,
    type          VARCHAR(16) NOT NULL,
    name          VARCHAR,
    owner_id      VARCHAR(64),
    created_at    TIMESTAMPTZ NOT NULL,
    last_position BIGINT      NOT NULL
);

CREATE TABLE private_channel_recipient (
    channel_id    BIGINT      NOT NULL,
    user_id       VARCHAR(64) NOT NULL,
    last_position BIGINT      NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);

CREATE INDEX private_channel_recipient_by_user ON private_channel_recipient (user_id, channel_id);
