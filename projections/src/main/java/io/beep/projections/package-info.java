/**
 * Builds Beep's read models from the event store: server, member and channel views in PostgreSQL
 * ({@code server}), messages in the MongoDB-wire store ({@code message}), and tells other
 * services how far the processors got ({@code position}).
 */
package io.beep.projections;
