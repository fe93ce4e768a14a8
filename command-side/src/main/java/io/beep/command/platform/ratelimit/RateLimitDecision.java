package io.beep.command.platform.ratelimit;

/**
 * One counted action: whether it is allowed, the bucket's limit, what is left, and how long until
 * the window starts again. {@code unlimited} decisions come from the configured exemptions.
 */
public record RateLimitDecision(boolean allowed, int limit, int remaining, long resetAfterMs, boolean unlimited) {

    static RateLimitDecision exempt() {
        return new RateLimitDecision(true, 0, 0, 0, true);
    }

    /** {@code X-RateLimit-Reset-After}: seconds with millisecond precision, as Discord sends it. */
    public String resetAfterSeconds() {
        return String.format(java.util.Locale.ROOT, "%.3f", resetAfterMs / 1000.0);
    }

    /** {@code Retry-After}: whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (resetAfterMs + 999) / 1000);
    }
}
