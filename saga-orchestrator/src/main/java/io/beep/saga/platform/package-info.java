/** Plumbing: Axon set-up, the SpiceDB client, gRPC. */
package io.beep.saga.platform;
