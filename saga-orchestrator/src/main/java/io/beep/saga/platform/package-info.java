/** Plumbing: Axon set-up, the Permify client, gRPC. */
package io.beep.saga.platform;
