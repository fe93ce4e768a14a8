package io.beep.queryside.platform.consistency;

import com.google.common.util.concurrent.ListenableFuture;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.grpc.AwaitPositionRequest;
import io.beep.contracts.grpc.PositionReply;
import io.beep.contracts.grpc.PositionServiceGrpc;
import io.beep.contracts.common.DomainException;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Waits until the views (the named projection processor) and, for reads that check permissions,
 * the authorization relationships include an event-store position. Both waits run at once. A position of 0
 * means no wait. Not reached in time: 503 CONSISTENCY_TIMEOUT.
 */
@Component
public class ReadConsistency {

    private final ManagedChannel projections;
    private final ManagedChannel saga;
    private final long timeoutMs;

    public ReadConsistency(ConsistencyProperties properties) {
        this.projections = ManagedChannelBuilder.forTarget(properties.projectionsTarget()).usePlaintext().build();
        this.saga = ManagedChannelBuilder.forTarget(properties.sagaTarget()).usePlaintext().build();
        this.timeoutMs = properties.timeoutMs();
    }

    /** Waits for the views of {@code processor} only; for reads that check no permission. */
    public void awaitViews(long position, String processor) {
        if (position <= 0) {
            return;
        }
        settle(views(position, processor), ErrorCode.DEPENDENCY_UNAVAILABLE, "read models");
    }

    /**
     * Waits for the views of {@code processor} and for the authorization relationships; answers the
     * ZedToken to check with ("" when there is no position).
     */
    public String await(long position, String processor) {
        if (position <= 0) {
            return "";
        }
        var views = views(position, processor);
        var tuples = stub(saga).awaitPosition(request(position, List.of()));
        settle(views, ErrorCode.DEPENDENCY_UNAVAILABLE, "read models");
        return settle(tuples, ErrorCode.AUTHORIZATION_UNAVAILABLE, "permissions").getSnapToken();
    }

    private ListenableFuture<PositionReply> views(long position, String processor) {
        return stub(projections).awaitPosition(request(position, List.of(processor)));
    }

    private PositionServiceGrpc.PositionServiceFutureStub stub(ManagedChannel channel) {
        return PositionServiceGrpc.newFutureStub(channel).withDeadlineAfter(timeoutMs + 1000, TimeUnit.MILLISECONDS);
    }

    private AwaitPositionRequest request(long position, List<String> processors) {
        return AwaitPositionRequest.newBuilder()
                .addAllProcessors(processors)
                .setPosition(position)
                .setTimeoutMillis(timeoutMs)
                .build();
    }

    private PositionReply settle(ListenableFuture<PositionReply> answer, ErrorCode unreachable, String what) {
        PositionReply reply;
        try {
            reply = answer.get(timeoutMs + 2000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(unreachable, "interrupted while waiting for the " + what);
        } catch (ExecutionException | TimeoutException e) {
            answer.cancel(true);
            // a restarted peer is back long before gRPC's exponential reconnect backoff (up to 2 min)
            // would try again: retry the connection on the next request instead
            projections.resetConnectBackoff();
            saga.resetConnectBackoff();
            throw new DomainException(unreachable, what + " unreachable; request refused");
        }
        if (!reply.getReached()) {
            throw new DomainException(ErrorCode.CONSISTENCY_TIMEOUT,
                    "the " + what + " do not include your last change yet; retry shortly");
        }
        return reply;
    }

    @PreDestroy
    void close() {
        projections.shutdownNow();
        saga.shutdownNow();
    }
}
