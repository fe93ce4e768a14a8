/**
 * Dead letters: an event a projection cannot handle is parked, with the rest of its sequence (its
 * aggregate), in Axon's sequenced dead-letter queue in {@code beep_views.dead_letter_entry} while
 * the processor goes on; operators list, retry and evict them at
 * {@code /api/v1/admin/dead-letters}.
 */
package io.beep.projections.admin.deadletter;
