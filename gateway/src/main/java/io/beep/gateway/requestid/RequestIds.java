package io.beep.gateway.requestid;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;
import org.springframework.web.server.ServerWebExchange;

/** Reads the request id of an exchange and scopes it into the logging MDC. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    static final String ATTRIBUTE = RequestIds.class.getName() + ".id";
    private static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    /** The exchange's request id, assigning a new one if the filter has not run. */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(HEADER));
            exchange.getAttributes().put(ATTRIBUTE, id);
        }
        return id;
    }

    /** Runs {@code logging} with the request id in the MDC (reactive code has no stable thread). */
    public static void log(ServerWebExchange exchange, Runnable logging) {
        try (var ignored = MDC.putCloseable(MDC_KEY, of(exchange))) {
            logging.run();
        }
    }

    /** Keeps a client's id if it is short and plain; otherwise makes a random UUID. */
    public static String acceptOrGenerate(String candidate) {
        if (candidate != null && !candidate.isEmpty() && candidate.length() <= MAX_LENGTH
                && candidate.chars().allMatch(RequestIds::isPlain)) {
            return candidate;
        }
        var random = ThreadLocalRandom.current();
        var most = (random.nextLong() & ~0xF000L) | 0x4000L;
        var least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(most, least).toString();
    }

    private static boolean isPlain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == ':';
    }
}
