package io.beep.gateway.routing;

/**
 * A backend could not be reached or failed before answering. The cause is the transport error;
 * the problem mapping decides the status from it.
 */
public final class UpstreamException extends RuntimeException {

    private final String backend;

    public UpstreamException(String backend, Throwable cause) {
        super("Backend '" + backend + "' failed: " + cause, cause);
        this.backend = backend;
    }

    /** The backend's configured name (never its address). */
    public String backend() {
        return backend;
    }
}
