/** The versioned schema of the public event stream on Kafka ({@code beep.events.v1}). */
package io.beep.contracts.stream;
