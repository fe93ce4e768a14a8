package io.beep.projections.admin.deadletter;

/**
 * What a retry did.
 *
 * @param id        the dead letter retried
 * @param processor its processor
 * @param succeeded true when it and the rest of its sequence were handled and left the queue;
 *                  false when it failed again and stays parked with the new cause
 * @param remaining dead letters left in its sequence
 */
public record RetryOutcome(String id, String processor, boolean succeeded, long remaining) {
}
