/** Beep's saga orchestrator. */
package io.beep.saga;
