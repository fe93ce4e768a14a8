/** Axon set-up: schemas, serialisation, the gRPC-backed command bus, error handling. */
package io.beep.saga.platform.axon;
