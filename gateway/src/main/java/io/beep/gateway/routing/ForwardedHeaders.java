package io.beep.gateway.routing;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Which headers cross the gateway. Everything passes in both directions except hop-by-hop headers
 * (RFC 9110 §7.6.1: {@code Connection} and the headers it names, {@code Keep-Alive},
 * {@code Transfer-Encoding}, {@code TE}, {@code Trailer}, {@code Upgrade}, {@code Proxy-*}) and,
 * towards backends, {@code Host} and {@code Expect}. Requests gain {@code X-Forwarded-For},
 * {@code -Proto}, {@code -Host} and {@code X-Request-Id}.
 */
final class ForwardedHeaders {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    static final String X_REQUEST_ID = "X-Request-Id";

    private static final Set<String> HOP_BY_HOP = caseInsensitive(
            "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade");
    private static final Set<String> SET_BY_GATEWAY = caseInsensitive(
            "Host", "Expect", X_FORWARDED_FOR, X_FORWARDED_PROTO, X_FORWARDED_HOST, X_REQUEST_ID);

    private ForwardedHeaders() {
    }

    /** Copies the client's headers to the backend request and adds the forwarding headers. */
    static void copyRequest(ServerHttpRequest request, String requestId,
            io.netty.handler.codec.http.HttpHeaders target) {
        var source = request.getHeaders();
        var named = connectionTokens(source.get(HttpHeaders.CONNECTION));
        source.forEach((name, values) -> {
            if (!isHopByHop(name, named) && !SET_BY_GATEWAY.contains(name)) {
                target.set(name, values);
            }
        });
        var remote = request.getRemoteAddress();
        var client = remote == null || remote.getAddress() == null
                ? null : remote.getAddress().getHostAddress();
        var previous = source.get(X_FORWARDED_FOR);
        var chain = previous == null || previous.isEmpty() ? null : String.join(", ", previous);
        if (client != null) {
            chain = chain == null ? client : chain + ", " + client;
        }
        if (chain != null) {
            target.set(X_FORWARDED_FOR, chain);
        }
        target.set(X_FORWARDED_PROTO, request.getSslInfo() != null ? "https" : "http");
        var host = source.getFirst(HttpHeaders.HOST);
        if (host != null) {
            target.set(X_FORWARDED_HOST, host);
        }
        target.set(X_REQUEST_ID, requestId);
    }

    /** Copies the backend's response headers to the client response. */
    static void copyResponse(io.netty.handler.codec.http.HttpHeaders source, HttpHeaders target) {
        var named = connectionTokens(source.getAll(HttpHeaders.CONNECTION));
        for (var name : source.names()) {
            if (!isHopByHop(name, named)) {
                target.put(name, source.getAll(name));
            }
        }
    }

    static boolean isHopByHop(String name, Set<String> namedByConnection) {
        return HOP_BY_HOP.contains(name)
                || name.regionMatches(true, 0, "Proxy-", 0, 6)
                || (!namedByConnection.isEmpty() && namedByConnection.contains(name));
    }

    private static Set<String> connectionTokens(List<String> connection) {
        if (connection == null || connection.isEmpty()) {
            return Set.of();
        }
        var tokens = new TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
        for (var value : connection) {
            for (var token : value.split(",")) {
                if (!token.isBlank()) {
                    tokens.add(token.trim());
                }
            }
        }
        return tokens;
    }

    private static Set<String> caseInsensitive(String... names) {
        var set = new TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }
}
