-- Read models of servers, their members and channels (database beep_views), and the token store
-- of this service's event processors. Owned by the projections service: it alone writes here.
-- The query side reads these tables and generates its jOOQ classes from this very file.
-- Free-text columns are VARCHAR without a length: a fact once accepted must always project.
-- (Not TEXT: the build's jOOQ code generator simulates this DDL on H2, where TEXT is a CLOB.)
-- Every row keeps last_position, the event-store position of the last event applied to it.

CREATE TABLE server_view (
    id            BIGINT      NOT NULL PRIMARY KEY,
    name          VARCHAR     NOT NULL,
    description   VARCHAR,
    visibility    VARCHAR(16) NOT NULL,
    owner_id      VARCHAR(64) NOT NULL,
    member_count  INTEGER     NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    last_position BIGINT      NOT NULL
);

-- One row per member of a server, the owner included.
CREATE TABLE server_member (
    server_id BIGINT      NOT NULL,
    user_id   VARCHAR(64) NOT NULL,
    joined_at TIMESTAMPTZ NOT NULL,
    nickname  VARCHAR,
    PRIMARY KEY (server_id, user_id)
);

-- "My servers", paged by server id.
CREATE INDEX server_member_by_user ON server_member (user_id, server_id);

-- position: the channel's place in its server's list (creation order for now).
CREATE TABLE channel_view (
    id            BIGINT      NOT NULL PRIMARY KEY,
    server_id     BIGINT,
    type          VARCHAR(16) NOT NULL,
    name          VARCHAR     NOT NULL,
    parent_id     BIGINT,
    created_at    TIMESTAMPTZ NOT NULL,
    position      INTEGER     NOT NULL,
    last_position BIGINT      NOT NULL
);

CREATE INDEX channel_view_by_server ON channel_view (server_id, position, id);

-- Axon's token store for this service's tracking processors (snake_case TokenSchema).
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);
