-- Idempotency keys are kept for beep.idempotency.retention (IdempotencyPurge deletes older rows in
-- batches ordered by created_at): these indexes let each purge statement find its rows without
-- scanning the tables. request_idempotency.state gains 'applied' (a command of the request was
-- stored; set by ClaimEffects), a value of the existing VARCHAR column: no schema change.
CREATE INDEX IF NOT EXISTS request_idempotency_created_at ON request_idempotency (created_at);
CREATE INDEX IF NOT EXISTS message_idempotency_created_at ON message_idempotency (created_at);
