package io.beep.gateway.realtime.event;

/**
 * One DISPATCH to send: its type ({@code MESSAGE_CREATE}...), its {@code d} (serialised once) and
 * its audience.
 */
public record Dispatch(String type, Object data, Audience audience) {
}
