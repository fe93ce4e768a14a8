/** Axon set-up: serialisers, event store, event positions. */
package io.beep.command.platform.axon;
