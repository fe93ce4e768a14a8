package io.beep.command.platform.authz;

import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.grpc.AwaitPositionRequest;
import io.beep.contracts.grpc.PositionServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Asks the saga-orchestrator, which writes authorization relationships from events, to answer once its tuples
 * include a given event-store position. The answer carries the authorization (ZedToken) token to check with.
 */
@Component
public class AuthzSync {

    private final ManagedChannel channel;
    private final PositionServiceGrpc.PositionServiceBlockingStub stub;
    private final long timeoutMs;

    public AuthzSync(AuthzSyncProperties properties) {
        this.channel = ManagedChannelBuilder.forTarget(properties.target()).usePlaintext().build();
        this.stub = PositionServiceGrpc.newBlockingStub(channel);
        this.timeoutMs = properties.timeoutMs();
    }

    /** The ZedToken to check with once tuples cover {@code position}; "" when none is needed. */
    public String awaitPosition(long position) {
        if (position <= 0) {
            return "";
        }
        try {
            var reply = stub.withDeadlineAfter(timeoutMs + 1000, TimeUnit.MILLISECONDS)
                    .awaitPosition(AwaitPositionRequest.newBuilder()
                            .setPosition(position)
                            .setTimeoutMillis(timeoutMs)
                            .build());
            if (!reply.getReached()) {
                throw new DomainException(ErrorCode.CONSISTENCY_TIMEOUT,
                        "permissions are still being updated; retry shortly");
            }
            return reply.getSnapToken();
        } catch (StatusRuntimeException e) {
            // a restarted saga-orchestrator is back long before gRPC's reconnect backoff (up to 2 min)
            // would try again: retry the connection on the next request instead
            channel.resetConnectBackoff();
            throw new DomainException(ErrorCode.AUTHORIZATION_UNAVAILABLE,
                    "permission sync unreachable; request refused (fail closed)");
        }
    }

    @PreDestroy
    void close() {
        channel.shutdownNow();
    }
}
