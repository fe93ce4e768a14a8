/**
 * The friendship saga: creates the DM channel of two new friends (exactly once, however often the
 * acceptance is retried) and keeps its {@code recipient} / {@code sender} relationships in step with
 * the friendship.
 */
package io.beep.saga.friendship;
