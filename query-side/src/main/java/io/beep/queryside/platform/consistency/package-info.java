/**
 * Read-your-writes: before a read that carries {@code Beep-Consistency-Token}, waits (bounded)
 * until the projections and the permission tuples include that event-store position.
 */
package io.beep.queryside.platform.consistency;

import io.beep.contracts.common.Consistency;
