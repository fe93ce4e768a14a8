package io.beep.gateway.realtime.access;

/** One permission question: may {@code userId} {@code permission} on {@code type:id}? */
public record Check(String type, String id, String permission, String userId) {
}
