package io.beep.gateway.realtime.access;

/** SpiceDB could not answer; callers fail closed (nothing is delivered, nothing is cached). */
public final class AuthorizationUnavailableException extends RuntimeException {

    public AuthorizationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
