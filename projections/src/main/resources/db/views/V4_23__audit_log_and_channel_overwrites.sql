-- The audit log of each server: one row per event of the server, its roles, members and channels
-- (kept by the audit-log processor from the event store). position: the event's global index, also
-- the entry's id and the page key (newest first). details: the rest of the event as a JSON object.
CREATE TABLE audit_log_entry (
    position  BIGINT      NOT NULL PRIMARY KEY,
    server_id BIGINT      NOT NULL,
    action    VARCHAR(64) NOT NULL,
    actor_id  VARCHAR(64),
    target_id VARCHAR(64),
    at        TIMESTAMPTZ NOT NULL,
    details   VARCHAR     NOT NULL
);

CREATE INDEX audit_log_by_server ON audit_log_entry (server_id, position);
CREATE INDEX audit_log_by_server_action ON audit_log_entry (server_id, action, position);

-- The permission overwrites of each server channel (kept by the channel-overwrites processor).
-- target_type: role or member; allow / deny: comma-separated permission names.
CREATE TABLE channel_overwrite (
    channel_id    BIGINT      NOT NULL,
    target_id     VARCHAR(64) NOT NULL,
    target_type   VARCHAR(16) NOT NULL,
    allow         VARCHAR     NOT NULL,
    deny          VARCHAR     NOT NULL,
    last_position BIGINT      NOT NULL,
    PRIMARY KEY (channel_id, target_id)
);
