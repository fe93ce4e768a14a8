-- Members in join order, their roles, the roles of each server, and bans.
-- joined_position: the event-store position of the join (the server's creation for its owner); the
-- member list pages by it.
ALTER TABLE server_member ADD COLUMN joined_position BIGINT NOT NULL DEFAULT 0;
ALTER TABLE server_member ADD COLUMN muted_until TIMESTAMPTZ;

CREATE INDEX server_member_by_join ON server_member (server_id, joined_position);

-- everyone: the server's everyone role; permissions: comma-separated permission names.
CREATE TABLE server_role (
    id            BIGINT      NOT NULL PRIMARY KEY,
    server_id     BIGINT      NOT NULL,
    name          VARCHAR     NOT NULL,
    permissions   VARCHAR     NOT NULL,
    everyone      BOOLEAN     NOT NULL,
    last_position BIGINT      NOT NULL
);

CREATE INDEX server_role_by_server ON server_role (server_id, id);

CREATE TABLE member_role (
    server_id BIGINT      NOT NULL,
    user_id   VARCHAR(64) NOT NULL,
    role_id   BIGINT      NOT NULL,
    PRIMARY KEY (server_id, user_id, role_id)
);

CREATE TABLE server_ban (
    server_id      BIGINT      NOT NULL,
    user_id        VARCHAR(64) NOT NULL,
    reason         VARCHAR     NOT NULL,
    banned_by      VARCHAR(64) NOT NULL,
    banned_at      TIMESTAMPTZ NOT NULL,
    ban_position   BIGINT      NOT NULL,
    PRIMARY KEY (server_id, user_id)
);

CREATE INDEX server_ban_by_position ON server_ban (server_id, ban_position);
