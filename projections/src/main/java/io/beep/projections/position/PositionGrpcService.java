package io.beep.projections.position;

import io.beep.contracts.grpc.AwaitPositionRequest;
import io.beep.contracts.grpc.PositionReply;
import io.beep.contracts.grpc.PositionServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * {@code PositionService.AwaitPosition}: answers {@code reached=true} once every named processor
 * (every processor of this service when none is named) covers the position, at once when it
 * already does, and {@code reached=false} after {@code timeout_millis} (at most
 * {@value #MAX_TIMEOUT_MILLIS} ms). An unknown processor name is INVALID_ARGUMENT.
 */
@Component
class PositionGrpcService extends PositionServiceGrpc.PositionServiceImplBase {

    static final long MAX_TIMEOUT_MILLIS = 30_000;

    private final ProcessorPositions positions;
    private final PositionWaiters waiters;

    PositionGrpcService(ProcessorPositions positions, PositionWaiters waiters) {
        this.positions = positions;
        this.waiters = waiters;
    }

    @Override
    public void awaitPosition(AwaitPositionRequest request, StreamObserver<PositionReply> responseObserver) {
        var observer = (ServerCallStreamObserver<PositionReply>) responseObserver;
        List<String> processors = request.getProcessorsList().isEmpty()
                ? List.copyOf(positions.names())
                : List.copyOf(request.getProcessorsList());
        var known = positions.names();
        var unknown = processors.stream().filter(name -> !known.contains(name)).toList();
        if (!unknown.isEmpty()) {
            observer.onError(Status.INVALID_ARGUMENT
                    .withDescription("unknown processors " + unknown + "; known: " + known)
                    .asRuntimeException());
            return;
        }
        if (ProcessorPositions.covers(positions.snapshot(processors), request.getPosition())) {
            PositionWaiters.answer(observer, true);
            return;
        }
        long timeoutMillis = Math.max(0, Math.min(request.getTimeoutMillis(), MAX_TIMEOUT_MILLIS));
        if (timeoutMillis == 0) {
            PositionWaiters.answer(observer, false);
            return;
        }
        waiters.await(processors, request.getPosition(),
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis), observer);
    }
}
