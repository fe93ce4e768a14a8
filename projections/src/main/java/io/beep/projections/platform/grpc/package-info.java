/** The internal gRPC server: how far the projections got, for read-your-writes. */
package io.beep.projections.platform.grpc;
