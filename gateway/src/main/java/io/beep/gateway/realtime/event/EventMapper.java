package io.beep.gateway.realtime.event;

import java.util.List;

/** Turns one event type into the dispatches it causes. */
@FunctionalInterface
interface EventMapper {

    /** @param serverId the server of the event's channel or server, null for none */
    List<Dispatch> map(StreamEvent event, String serverId);
}
