package io.beep.command.platform.grpc;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The port of the internal gRPC server (loopback in dev, mTLS inside the cluster). */
@ConfigurationProperties("beep.grpc")
public record GrpcProperties(int port) {
}
