-- Long-running admin jobs (event replays): durable so that a restart finds and resumes them.
-- owner = the instance running the job; position = the last event position it has finished.
CREATE TABLE IF NOT EXISTS admin_job (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    kind        VARCHAR(64)  NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    owner       VARCHAR(255) NOT NULL,
    params      JSONB        NOT NULL,
    processed   BIGINT       NOT NULL DEFAULT 0,
    total       BIGINT,
    position    BIGINT,
    started_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    finished_at TIMESTAMPTZ,
    error       VARCHAR(2000),
    CONSTRAINT admin_job_state CHECK (state IN ('running', 'succeeded', 'failed'))
);
CREATE INDEX IF NOT EXISTS admin_job_running ON admin_job (owner) WHERE state = 'running';
