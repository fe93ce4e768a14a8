-- Axon saga store, and the token store shared with the command side (created by whichever starts first).
CREATE TABLE IF NOT EXISTS token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

CREATE TABLE saga_entry (
    saga_id         VARCHAR(255) NOT NULL PRIMARY KEY,
    revision        VARCHAR(255),
    saga_type       VARCHAR(255),
    serialized_saga BYTEA
);

CREATE TABLE association_value_entry (
    id                BIGSERIAL    NOT NULL PRIMARY KEY,
    association_key   VARCHAR(255) NOT NULL,
    association_value VARCHAR(255),
    saga_type         VARCHAR(255),
    saga_id           VARCHAR(255) NOT NULL
);
CREATE INDEX association_value_entry_lookup ON association_value_entry (saga_type, association_key, association_value);
CREATE INDEX association_value_entry_saga ON association_value_entry (saga_id, saga_type);
