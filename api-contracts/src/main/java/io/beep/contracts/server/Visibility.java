package io.beep.contracts.server;

/** Who can find and join a server without an invitation. */
public enum Visibility {
    PUBLIC,
    PRIVATE
}
