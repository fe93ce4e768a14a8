-- Changes made directly in Keycloak (its registration page, account console, admin console) reach the
-- event store through KeycloakEventSync: a durable cursor per Keycloak event stream (time in ms of the
-- newest event handled) and the ids of the Keycloak events already turned into commands, written in
-- the transaction of the command's events, so each Keycloak event is recorded exactly once.
CREATE TABLE IF NOT EXISTS keycloak_event_cursor (
    stream    VARCHAR(16) NOT NULL PRIMARY KEY,
    last_time BIGINT      NOT NULL
);

CREATE TABLE IF NOT EXISTS keycloak_event_seen (
    event_id VARCHAR(64) NOT NULL PRIMARY KEY,
    stream   VARCHAR(16) NOT NULL,
    seen_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
