/** Internal gRPC: the position service others wait on for read-your-writes authorisation. */
package io.beep.saga.platform.grpc;
