/** The internal gRPC server: commands from other services. */
package io.beep.command.platform.grpc;
