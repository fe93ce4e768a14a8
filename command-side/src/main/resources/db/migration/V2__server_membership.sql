-- Set validation of the 50-server limit (joins and creates together): one row per (user, server)
-- membership and one count per user, written in the same transaction as the membership's event.
CREATE TABLE server_membership (
    user_id   VARCHAR(64) NOT NULL,
    server_id BIGINT      NOT NULL,
    PRIMARY KEY (user_id, server_id)
);

CREATE INDEX server_membership_by_server ON server_membership (server_id);

CREATE TABLE user_server_count (
    user_id VARCHAR(64) NOT NULL PRIMARY KEY,
    servers INTEGER     NOT NULL CHECK (servers >= 0)
);

-- Owners of the servers created before this table existed (only creations existed then).
INSERT INTO server_membership (user_id, server_id)
SELECT convert_from(payload, 'UTF8')::jsonb ->> 'ownerId', (convert_from(payload, 'UTF8')::jsonb ->> 'serverId')::BIGINT
FROM domain_event_entry
WHERE payload_type = 'io.beep.contracts.server.ServerCreatedEvent'
ON CONFLICT DO NOTHING;

INSERT INTO user_server_count (user_id, servers)
SELECT user_id, COUNT(*) FROM server_membership GROUP BY user_id;
