/**
 * The {@code Idempotency-Key} of any POST (message sends have their own, in the message feature): a
 * repeat from the same user answers the first answer and runs nothing, durably and under races; and
 * the retention of every idempotency key, message sends' included ({@code IdempotencyPurge}).
 */
package io.beep.command.platform.idempotency;
