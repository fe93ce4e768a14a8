package io.beep.command.channel;

import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.server.ServerDeletedEvent;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Whether a server channel still exists, read from the newest events of the channel, of a thread's
 * parent channel and of the server: a deleted channel, a thread of a deleted channel, and every
 * channel of a deleted server are gone. For callers that are not users (webhooks), whom no
 * permission check stops at a deleted channel.
 */
@Component
public class ChannelLiveness {

    private final EventStore eventStore;
    private final ChannelDirectory directory;

    public ChannelLiveness(EventStore eventStore, ChannelDirectory directory) {
        this.eventStore = eventStore;
        this.directory = directory;
    }

    /** Whether the channel exists and is not deleted, nor its server, nor (for a thread) its channel. */
    public boolean live(ChannelId channelId) {
        var facts = directory.find(channelId);
        if (facts.isEmpty() || lastIs(channelId.value(), ChannelDeletedEvent.class)) {
            return false;
        }
        var channel = facts.get();
        if (channel.serverId() != null && lastIs(channel.serverId().value(), ServerDeletedEvent.class)) {
            return false;
        }
        if (channel.type() == ChannelType.THREAD) {
            var parent = parentOf(channelId);
            return parent != null && !lastIs(parent.value(), ChannelDeletedEvent.class);
        }
        return true;
    }

    private ChannelId parentOf(ChannelId thread) {
        return eventStore.readEvents(thread.value()).asStream().findFirst()
                .map(m -> m.getPayload() instanceof ChannelCreatedEvent e ? e.parentId() : null)
                .orElse(null);
    }

    private boolean lastIs(String aggregateId, Class<?> type) {
        var last = eventStore.lastSequenceNumberFor(aggregateId);
        return last.isPresent() && eventStore.readEvents(aggregateId, last.get()).asStream()
                .anyMatch(m -> type.isInstance(m.getPayload()));
    }
}
