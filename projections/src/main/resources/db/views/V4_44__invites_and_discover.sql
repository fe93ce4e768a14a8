-- Invitations of servers (one row per live invitation; revoked and declined ones are deleted) and
-- the full-text document of each server for discovery.
-- expires_at / max_uses: null when unlimited. target_user_id: set for a personal invitation.
CREATE TABLE invite_view (
    code           VARCHAR(32) NOT NULL PRIMARY KEY,
    server_id      BIGINT      NOT NULL,
    created_by     VARCHAR(64) NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ,
    max_uses       INTEGER,
    uses           INTEGER     NOT NULL,
    target_user_id VARCHAR(64),
    created_position BIGINT    NOT NULL,
    last_position  BIGINT      NOT NULL
);

CREATE INDEX invite_view_by_server ON invite_view (server_id, created_position);
CREATE INDEX invite_view_by_target ON invite_view (target_user_id, created_position);

-- Discovery: a weighted tsvector of name (A) and description (B), accents folded, kept by
-- PostgreSQL itself (generated column), searched with ts_rank. jOOQ's code generator simulates
-- this file on H2, which knows none of it, hence the ignore markers.
/* [jooq ignore start] */
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE OR REPLACE FUNCTION beep_unaccent(value TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, value) $$;

ALTER TABLE server_view ADD COLUMN search_doc tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', beep_unaccent(coalesce(name, ''))), 'A')
    || setweight(to_tsvector('simple', beep_unaccent(coalesce(description, ''))), 'B')) STORED;

CREATE INDEX server_view_search ON server_view USING GIN (search_doc);
/* [jooq ignore stop] */
