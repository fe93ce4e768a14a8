/** Publishes every committed event to Kafka. */
package io.beep.command.platform.kafka;
