package io.beep.gateway.realtime.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.beep.gateway.realtime.RealtimeProperties;
import io.beep.gateway.realtime.access.SpiceDbClient;
import io.beep.gateway.realtime.session.SessionRegistry;
import io.beep.gateway.security.AccessTokenVerifier;
import io.beep.gateway.security.VerifiedUser;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * Drives one socket through the protocol: HELLO on connect; IDENTIFY (token checked, membership
 * loaded, READY as dispatch 1) or RESUME (missed dispatches replayed, then RESUMED); HEARTBEAT →
 * HEARTBEAT_ACK. Anything else closes the socket with a close code saying why
 * ({@link CloseCodes}). The sweeper closes sockets that fell silent.
 */
public final class GatewaySocketHandler implements WebSocketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GatewaySocketHandler.class);
    private static final Duration FORCE_CLOSE_AFTER = Duration.ofSeconds(5);

    private final RealtimeProperties properties;
    private final AccessTokenVerifier tokens;
    private final SessionRegistry registry;
    private final SpiceDbClient spicedb;
    private final WebClient queries;
    private final ObjectMapper json;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    public GatewaySocketHandler(RealtimeProperties properties, AccessTokenVerifier tokens, SessionRegistry registry,
            SpiceDbClient spicedb, WebClient queries, ObjectMapper json) {
        this.properties = properties;
        this.tokens = tokens;
        this.registry = registry;
        this.spicedb = spicedb;
        this.queries = queries;
        this.json = json;
    }

    @Override
    public Mono<Void> handle(WebSocketSession socket) {
        var connection = new Connection(properties.outboundQueueSize());
        connections.add(connection);
        connection.send(Frames.hello(properties.heartbeatInterval().toMillis()));
        var inbound = socket.receive()
                .concatMap(message -> onMessage(connection, message))
                .then()
                .doFinally(signal -> connection.close(CloseCodes.UNKNOWN_ERROR, "Closed"));
        var outbound = socket.send(connection.frames().map(socket::textMessage))
                .then(Mono.defer(() -> closeSocket(socket, connection)));
        var abandoned = connection.closeRequested().then(Mono.delay(FORCE_CLOSE_AFTER)).then();
        return Mono.firstWithSignal(Mono.when(inbound, outbound), abandoned)
                .onErrorResume(error -> Mono.empty())
                .doFinally(signal -> {
                    connections.remove(connection);
                    var session = connection.session();
                    if (session != null) {
                        session.detach(connection);
                    }
                });
    }

    private Mono<Void> closeSocket(WebSocketSession socket, Connection connection) {
        var status = connection.closeStatus();
        if (status == null || !socket.isOpen()) {
            return Mono.empty();
        }
        return socket.close(status).onErrorResume(error -> Mono.empty());
    }

    private Mono<Void> onMessage(Connection connection, WebSocketMessage message) {
        if (connection.closing()) {
            return Mono.empty();
        }
        if (message.getType() != WebSocketMessage.Type.TEXT) {
            if (message.getType() == WebSocketMessage.Type.BINARY) {
                connection.close(CloseCodes.DECODE_ERROR, "Only JSON text frames are accepted");
            }
            return Mono.empty();
        }
        if (!connection.admit(properties.maxFramesPerMinute())) {
            connection.close(CloseCodes.RATE_LIMITED, "Too many frames");
            return Mono.empty();
        }
        if (message.getPayload().readableByteCount() > properties.maxFrameBytes()) {
            connection.close(CloseCodes.MESSAGE_TOO_BIG, "Frame larger than " + properties.maxFrameBytes() + " bytes");
            return Mono.empty();
        }
        var text = message.getPayloadAsText();
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (IOException e) {
            connection.close(CloseCodes.DECODE_ERROR, "Frame is not valid JSON");
            return Mono.empty();
        }
        if (frame == null || !frame.isObject() || !frame.path("op").isTextual()) {
            connection.close(CloseCodes.DECODE_ERROR, "Frame must be a JSON object with a string op");
            return Mono.empty();
        }
        return onFrame(connection, frame.path("op").asText(), frame.path("d"));
    }

    private Mono<Void> onFrame(Connection connection, String op, JsonNode data) {
        switch (op) {
            case Frames.HEARTBEAT -> {
                connection.send(Frames.HEARTBEAT_ACK_FRAME);
                return Mono.empty();
            }
            case Frames.IDENTIFY -> {
                if (connection.state() != Connection.State.NEW) {
                    connection.close(CloseCodes.ALREADY_AUTHENTICATED, "Already identified");
                    return Mono.empty();
                }
                var token = data.path("token");
                if (!token.isTextual() || token.asText().isBlank()) {
                    connection.close(CloseCodes.DECODE_ERROR, "IDENTIFY needs d.token");
                    return Mono.empty();
                }
                connection.state(Connection.State.IDENTIFYING);
                return identify(connection, token.asText());
            }
            case Frames.RESUME -> {
                if (connection.state() != Connection.State.NEW) {
                    connection.close(CloseCodes.ALREADY_AUTHENTICATED, "Already identified");
                    return Mono.empty();
                }
                var token = data.path("token");
                var sessionId = data.path("sessionId");
                var seq = data.path("seq");
                if (!token.isTextual() || !sessionId.isTextual() || !seq.canConvertToLong() || seq.asLong() < 0
                        || !seq.isIntegralNumber()) {
                    connection.close(CloseCodes.DECODE_ERROR, "RESUME needs d.token, d.sessionId and d.seq");
                    return Mono.empty();
                }
                connection.state(Connection.State.IDENTIFYING);
                return resume(connection, token.asText(), sessionId.asText(), seq.asLong());
            }
            default -> {
                if (connection.state() != Connection.State.READY) {
                    connection.close(CloseCodes.NOT_AUTHENTICATED, "Send IDENTIFY or RESUME first");
                } else {
                    connection.close(CloseCodes.UNKNOWN_OPCODE, "Unknown op");
                }
                return Mono.empty();
            }
        }
    }

    private Mono<Void> identify(Connection connection, String token) {
        return tokens.verify(token)
                .flatMap(user -> membership(user).zipWith(servers(token))
                        .doOnNext(loaded -> {
                            if (connection.closing()) {
                                return;
                            }
                            var session = registry.open(user.id(), user.username(), loaded.getT1());
                            var ready = json.createObjectNode();
                            ready.put("sessionId", session.id());
                            ready.putObject("user").put("id", user.id()).put("username", user.username());
                            ready.set("servers", serverList(loaded.getT2(), loaded.getT1()));
                            connection.session(session);
                            connection.tokenExpiresAt(user.expiresAt());
                            connection.state(Connection.State.READY);
                            registry.start(session, connection, ready.toString());
                        })
                        .onErrorResume(error -> {
                            LOG.warn("IDENTIFY could not load the user's servers: {}", error.toString());
                            connection.close(CloseCodes.UNKNOWN_ERROR, "Try again shortly");
                            return Mono.empty();
                        })
                        .then())
                .onErrorResume(error -> {
                    if (!connection.closing()) {
                        connection.send(Frames.INVALID_SESSION_FRAME);
                        connection.close(CloseCodes.AUTHENTICATION_FAILED, "Authentication failed");
                    }
                    return Mono.empty();
                });
    }

    private Mono<Void> resume(Connection connection, String token, String sessionId, long seq) {
        return tokens.verify(token)
                .doOnNext(user -> {
                    var session = registry.find(sessionId).filter(found -> found.userId().equals(user.id()));
                    var resumed = json.createObjectNode().put("sessionId", sessionId).toString();
                    if (session.isPresent() && !connection.closing()
                            && registry.resume(session.get(), connection, seq, resumed)) {
                        connection.session(session.get());
                        connection.tokenExpiresAt(user.expiresAt());
                        connection.state(Connection.State.READY);
                    } else {
                        connection.state(Connection.State.NEW);
                        connection.send(Frames.INVALID_SESSION_FRAME);
                    }
                })
                .then()
                .onErrorResume(error -> {
                    if (!connection.closing()) {
                        connection.send(Frames.INVALID_SESSION_FRAME);
                        connection.close(CloseCodes.AUTHENTICATION_FAILED, "Authentication failed");
                    }
                    return Mono.empty();
                });
    }

    /** The servers the user is a member of: known if they are connected already, else from SpiceDB. */
    private Mono<Set<String>> membership(VerifiedUser user) {
        if (registry.isConnected(user.id())) {
            return Mono.just(registry.serversOf(user.id()));
        }
        return spicedb.lookupResources("server", "view", user.id(), null);
    }

    /** The user's servers as clients see them (query side); empty when it cannot answer. */
    private Mono<JsonNode> servers(String token) {
        return queries.get().uri("/api/v1/users/@me/servers?limit=100")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(page -> page.path("items"))
                .timeout(Duration.ofSeconds(5))
                .onErrorResume(error -> {
                    LOG.warn("READY without server details, query side failed: {}", error.toString());
                    return Mono.just(json.createArrayNode());
                });
    }

    /** The query side's server shapes; ids it does not know yet (views lag) appear as {@code {id}}. */
    private ArrayNode serverList(JsonNode details, Set<String> memberOf) {
        var list = json.createArrayNode();
        var listed = new HashSet<String>();
        if (details.isArray()) {
            for (var server : details) {
                var id = server.path("id").asText();
                if (memberOf.contains(id)) {
                    list.add(server);
                    listed.add(id);
                }
            }
        }
        for (var id : memberOf) {
            if (!listed.contains(id)) {
                list.addObject().put("id", id);
            }
        }
        return list;
    }

    /**
     * Closes sockets that fell silent (4009), never identified (4003), or whose access token expired
     * (4012: the session stays resumable, so a client RESUMEs with a fresh token and misses nothing;
     * a user disabled or deleted in Keycloak cannot get one, so their sockets end within a token
     * lifetime at most).
     */
    public void sweep(long nowNanos) {
        var timeout = properties.heartbeatTimeout().toNanos();
        var now = Instant.now();
        for (var connection : connections) {
            if (connection.state() == Connection.State.READY && connection.tokenExpired(now)) {
                connection.close(CloseCodes.TOKEN_EXPIRED, "Access token expired; RESUME with a fresh token");
            } else if (connection.silentNanos(nowNanos) > timeout) {
                if (connection.state() == Connection.State.READY) {
                    connection.close(CloseCodes.SESSION_TIMED_OUT, "No heartbeat in time");
                } else {
                    connection.close(CloseCodes.NOT_AUTHENTICATED, "No IDENTIFY in time");
                }
            }
        }
    }

    /** Closes every socket (shutdown). */
    public void closeAll() {
        for (var connection : connections) {
            connection.close(CloseCodes.GOING_AWAY, "Gateway shutting down");
        }
    }

    public int connectionCount() {
        return connections.size();
    }
}
