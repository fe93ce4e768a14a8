package io.beep.gateway.routing;

/** A request body is larger than {@code beep.gateway.max-body-bytes}. */
public final class PayloadTooLargeException extends RuntimeException {

    private final long limitBytes;

    public PayloadTooLargeException(long limitBytes) {
        super("Request body exceeds " + limitBytes + " bytes", null, false, false);
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
