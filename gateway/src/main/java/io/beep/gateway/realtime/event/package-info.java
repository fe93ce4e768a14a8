/**
 * From the event stream to sockets. {@link io.beep.gateway.realtime.event.EventStream} reads every
 * partition of {@code beep.events.v1} (each instance all of them, from the newest record);
 * {@link io.beep.gateway.realtime.event.EventDispatcher} de-duplicates, keeps events of one channel
 * (else server) in order on a lane, re-checks permissions after permission-relevant events, maps
 * each event type with one small mapper ({@link io.beep.gateway.realtime.event.EventMappers};
 * unknown types are ignored) and writes the dispatch to the sessions of every user in its
 * audience.
 */
package io.beep.gateway.realtime.event;
