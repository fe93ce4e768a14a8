/** Axon set-up: the read-only event store, the token store in the views database, serialisation. */
package io.beep.projections.platform.axon;
