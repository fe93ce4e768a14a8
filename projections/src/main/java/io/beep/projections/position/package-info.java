/**
 * Read-your-writes: answers, over gRPC, once this service's event processors have handled (or
 * skipped) every event up to a position of the event store.
 */
package io.beep.projections.position;
