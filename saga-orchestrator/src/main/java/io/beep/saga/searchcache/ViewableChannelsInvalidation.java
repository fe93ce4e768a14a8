package io.beep.saga.searchcache;

import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.channel.ChannelPermissionOverwriteRemovedEvent;
import io.beep.contracts.channel.ChannelPermissionOverwriteSetEvent;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.server.MemberBannedEvent;
import io.beep.contracts.server.MemberKickedEvent;
import io.beep.contracts.server.MemberLeftEvent;
import io.beep.contracts.server.RoleAssignedEvent;
import io.beep.contracts.server.RoleDeletedEvent;
import io.beep.contracts.server.RoleRemovedEvent;
import io.beep.contracts.server.RoleUpdatedEvent;
import io.beep.contracts.server.ServerDeletedEvent;
import io.beep.saga.platform.authz.SpiceDbClient;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Invalidates the query side's viewable-channels cache of a server on every event that can change who
 * views which of its channels: roles assigned, removed, updated or deleted, overwrites set or removed,
 * members leaving, kicked or banned, channels created or deleted, the server deleted. Ordering: the
 * handler first waits until the permissions saga's processor has handled this very event (its
 * relationships are in SpiceDB), then stores the newest ZedToken and moves the server's generation on;
 * a search that recomputes afterwards reads SpiceDB at least as fresh as the change, and a search
 * that computed with older relationships wrote its entry under the old generation, which nobody reads
 * any more. If the saga has not caught up within {@link #SAGA_WAIT_NANOS} (or Redis fails) the
 * invalidation is logged and skipped: entries still expire after their 60 s; this processor never
 * holds up the consistency waits that include it.
 */
@Component
@ProcessingGroup(ViewableChannelsInvalidation.PROCESSOR)
class ViewableChannelsInvalidation {

    static final String PROCESSOR = "viewable-channels-invalidation";
    static final String SAGA_PROCESSOR = "ServerPermissionsSagaProcessor";
    private static final long SAGA_WAIT_NANOS = 10_000_000_000L;
    private static final long POLL_NANOS = 5_000_000L;
    private static final Logger log = LoggerFactory.getLogger(ViewableChannelsInvalidation.class);

    private final EventProcessingConfiguration processing;
    private final SpiceDbClient authz;
    private final ViewableChannelsCache cache;

    ViewableChannelsInvalidation(EventProcessingConfiguration processing, SpiceDbClient authz,
                                 ViewableChannelsCache cache) {
        this.processing = processing;
        this.authz = authz;
        this.cache = cache;
    }

    @EventHandler
    void on(RoleAssignedEvent event, TrackingToken token) {
        invalidate(event.serverId(), token);
    }

    @EventHandler
    void on(RoleRemovedEvent event, TrackingToken token) {
        invalidate(event.serverId(), token);
    }

    @EventHandler
    void on(RoleUpdatedEvent event, TrackingToken token) {
        invalidate(event.serverId(), token);
    }

    @EventHandler
    void on(RoleDeletedEvent event, TrackingToken token) {
        invalidate(event.serverId(), token);
    }

    @EventHandler
    void on(ChannelPermissionOverwriteSetEvent event, TrackingToken token) {
        invalidate(event.serverId(), token);
    }

    @EventHandler
    void on(ChannelPermissionOverwriteRemovedEvent event, TrackingToken token) {
        invalidate(event.serverId(), token);
    }

    @EventHandler
    void on(MemberLeftEvent event, TrackingToken token) {
        invalidate(event.serverId(), token);
    }

    @EventHandler
    void on(MemberKickedEvent event, TrackingToken token) {
        invalidate(event.serverId(), token);
    }

    @EventHandler
    void on(MemberBannedEvent event, TrackingToken token) {
        invalidate(event.serverId(), token);
    }

    @EventHandler
    void on(ChannelCreatedEvent event, TrackingToken token) {
        invalidate(event.serverId(), token);
    }

    @EventHandler
    void on(ChannelDeletedEvent event, TrackingToken token) {
        invalidate(event.serverId(), token);
    }

    @EventHandler
    void on(ServerDeletedEvent event, TrackingToken token) {
        invalidate(event.serverId(), token);
    }

    private void invalidate(ServerId server, TrackingToken token) {
        if (server == null) {
            return;
        }
        long position = position(token);
        if (!sagaReached(position)) {
            log.warn("permissions saga not at position {} yet; search cache of server {} left to expire",
                    position, server.value());
            return;
        }
        try {
            cache.invalidate(server.value(), authz.latestToken());
        } catch (RuntimeException e) {
            log.warn("search cache of server {} not invalidated (left to expire): {} {}", server.value(), e.getMessage(),
                    e.getCause() == null ? "" : e.getCause().toString());
        }
    }

    private boolean sagaReached(long position) {
        if (position < 0) {
            return true;
        }
        long deadline = System.nanoTime() + SAGA_WAIT_NANOS;
        while (!covered(position)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    private boolean covered(long position) {
        var saga = processing.eventProcessor(SAGA_PROCESSOR, StreamingEventProcessor.class);
        if (saga.isEmpty()) {
            return false;
        }
        var status = saga.get().processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        for (var segment : status.values()) {
            if (segment.isErrorState()) {
                return false;
            }
            var lower = WrappedToken.unwrapLowerBound(segment.getTrackingToken());
            if (lower instanceof GapAwareTrackingToken gapAware) {
                if (gapAware.getIndex() < position || gapAware.getGaps().contains(position)) {
                    return false;
                }
            } else if (lower == null || lower.position().orElse(-1) < position) {
                return false;
            }
        }
        return true;
    }

    /** The global position of the event being handled (-1 when unknown). */
    static long position(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        var lower = WrappedToken.unwrapLowerBound(token);
        return lower == null ? -1 : lower.position().orElse(-1);
    }
}
