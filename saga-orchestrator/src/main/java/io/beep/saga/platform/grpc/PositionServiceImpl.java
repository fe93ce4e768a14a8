package io.beep.saga.platform.grpc;

import io.beep.contracts.grpc.AwaitPositionRequest;
import io.beep.contracts.grpc.PositionReply;
import io.beep.contracts.grpc.PositionServiceGrpc;
import io.beep.saga.platform.authz.SpiceDbClient;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.stereotype.Component;

/**
 * Answers once this service's processors have handled every event up to a position, with the
 * newest authorization ZedToken: a check made with it sees every tuple written for those events.
 */
@Component
class PositionServiceImpl extends PositionServiceGrpc.PositionServiceImplBase {

    private static final long POLL_NANOS = 2_000_000;
    private final EventProcessingConfiguration processing;
    private final SpiceDbClient authz;

    PositionServiceImpl(EventProcessingConfiguration processing, SpiceDbClient authz) {
        this.processing = processing;
        this.authz = authz;
    }

    @Override
    public void awaitPosition(AwaitPositionRequest request, StreamObserver<PositionReply> response) {
        long deadline = System.nanoTime() + request.getTimeoutMillis() * 1_000_000;
        var names = request.getProcessorsList().isEmpty()
                ? List.copyOf(processing.eventProcessors().keySet())
                : request.getProcessorsList();
        boolean reached = covered(names, request.getPosition());
        while (!reached && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
            reached = covered(names, request.getPosition());
        }
        response.onNext(PositionReply.newBuilder().setReached(reached).setSnapToken(authz.latestToken()).build());
        response.onCompleted();
    }

    private boolean covered(List<String> names, long position) {
        for (var name : names) {
            var processor = processing.eventProcessor(name, StreamingEventProcessor.class);
            if (processor.isEmpty() || !covers(processor.get(), position)) {
                return false;
            }
        }
        return true;
    }

    /** Every segment has handled (or skipped) the event at {@code position}. */
    static boolean covers(StreamingEventProcessor processor, long position) {
        var status = processor.processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        for (var segment : status.values()) {
            if (segment.isErrorState() || !covers(segment.getTrackingToken(), position)) {
                return false;
            }
        }
        return true;
    }

    /** The event at {@code position} is behind the token and not one of its gaps. */
    static boolean covers(TrackingToken token, long position) {
        var lower = WrappedToken.unwrapLowerBound(token);
        if (lower instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return lower != null && lower.position().orElse(-1) >= position;
    }
}
