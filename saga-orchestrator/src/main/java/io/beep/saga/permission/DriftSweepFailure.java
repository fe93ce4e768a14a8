package io.beep.saga.permission;

/** A server whose drift check could not finish during a sweep, with the failure's stable code and message. */
public record DriftSweepFailure(String serverId, String code, String detail) {
}
