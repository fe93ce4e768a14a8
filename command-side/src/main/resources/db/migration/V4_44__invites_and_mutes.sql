-- Invitation codes and their servers: a code alone finds the server aggregate that owns it. Rows
-- are written in the transaction of the InviteCreated event and never deleted (a revoked code
-- stays taken).
CREATE TABLE server_invite_code (
    code      VARCHAR(32) NOT NULL PRIMARY KEY,
    server_id BIGINT      NOT NULL
);

-- Mutes still to run out, written in the transaction of the MemberMuted / MemberUnmuted event;
-- MuteExpiry polls it and sends ExpireMuteCommand at muted_until. Durable across restarts.
CREATE TABLE member_mute_schedule (
    server_id   BIGINT      NOT NULL,
    user_id     VARCHAR(64) NOT NULL,
    muted_until TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (server_id, user_id)
);

CREATE INDEX member_mute_schedule_due ON member_mute_schedule (muted_until);
