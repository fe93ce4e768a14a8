package io.beep.command.channel;

import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.privatechannel.DmChannelCreatedEvent;
import io.beep.contracts.privatechannel.GroupChannelCreatedEvent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The facts of a channel that never change once it exists: its server and its type. Read from the
 * channel's creation event and kept in memory, so a send does not load the channel's history.
 */
@Component
public class ChannelDirectory {

    private static final int MAX_ENTRIES = 200_000;
    private final EventStore eventStore;
    private final Map<String, ChannelFacts> known = new ConcurrentHashMap<>();

    public ChannelDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The channel's facts, or empty if no such channel was ever created. */
    public Optional<ChannelFacts> find(ChannelId channelId) {
        var cached = known.get(channelId.value());
        if (cached != null) {
            return Optional.of(cached);
        }
        var facts = eventStore.readEvents(channelId.value()).asStream()
                .findFirst()
                .map(m -> m.getPayload())
                .flatMap(ChannelDirectory::factsOf);
        facts.ifPresent(f -> {
            if (known.size() >= MAX_ENTRIES) {
                known.clear();
            }
            known.put(channelId.value(), f);
        });
        return facts;
    }

    /** The facts a channel's creation event states: a server channel, a DM or a group channel. */
    private static Optional<ChannelFacts> factsOf(Object creation) {
        if (creation instanceof ChannelCreatedEvent e) {
            return Optional.of(new ChannelFacts(e.channelId(), e.serverId(), e.type()));
        }
        if (creation instanceof DmChannelCreatedEvent e) {
            return Optional.of(new ChannelFacts(e.channelId(), null, ChannelType.DM));
        }
        if (creation instanceof GroupChannelCreatedEvent e) {
            return Optional.of(new ChannelFacts(e.channelId(), null, ChannelType.GROUP));
        }
        return Optional.empty();
    }

    /** What never changes about a channel. {@code serverId} is null outside servers. */
    public record ChannelFacts(ChannelId channelId, ServerId serverId, ChannelType type) {
    }
}
