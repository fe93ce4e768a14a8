/**
 * Blue/green projection rebuilds ({@code POST /api/v1/admin/projections/{name}/rebuild}, job kind
 * {@code rebuild}): the event store is replayed into a fresh copy of a processor's views (a new
 * PostgreSQL schema, or new Mongo collections) through fresh instances of the processor's own
 * handler classes bound to that copy, while the live copy keeps serving and following events; once
 * caught up, the live processor pauses, the copy takes in the last events, the copies switch in one
 * transaction, the processor resumes on the new copy, and the old copy is dropped.
 */
package io.beep.projections.admin.rebuild;
