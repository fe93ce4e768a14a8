package io.beep.gateway.realtime.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.beep.gateway.realtime.access.Check;
import io.beep.gateway.realtime.access.ChannelDirectory;
import io.beep.gateway.realtime.access.SagaPositions;
import io.beep.gateway.realtime.access.Visibility;
import io.beep.gateway.realtime.session.SessionRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Delivers events to the sessions that may see them. Per event: de-duplicate (delivery is at least
 * once), queue it on its lane (its channel, else its server...), and, unless it is a message
 * event, first bring permissions up to date: wait for the saga's ZedToken covering the event, re-check
 * the server membership of the users it names, drop the scope's cached view answers and re-check
 * those that were allowed. Users who lost a server get {@code SERVER_DELETE}, users who lost a channel
 * {@code CHANNEL_DELETE}. Then the event's own dispatches go to their audience.
 */
public final class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    private static final List<String> NAMED_USERS = List.of("userId", "ownerId", "userA", "userB", "fromUserId",
            "toUserId", "removedBy", "otherUserId", "newOwnerId");
    private static final List<String> NAMED_USER_LISTS = List.of("memberIds", "recipientIds");

    private final SessionRegistry registry;
    private final Visibility visibility;
    private final ChannelDirectory channels;
    private final SagaPositions saga;
    private final EventMappers mappers;
    private final ObjectMapper json;
    private final Lanes lanes = new Lanes();
    private final Timer messageDelivery;
    private final Timer permissionEventDelivery;
    private final Cache<String, Boolean> seen = Caffeine.newBuilder().maximumSize(200_000).build();

    public EventDispatcher(SessionRegistry registry, Visibility visibility, ChannelDirectory channels,
            SagaPositions saga, ObjectMapper json, MeterRegistry meters) {
        this.messageDelivery = deliveryTimer(meters, "message");
        this.permissionEventDelivery = deliveryTimer(meters, "permission-relevant");
        this.registry = registry;
        this.visibility = visibility;
        this.channels = channels;
        this.saga = saga;
        this.mappers = new EventMappers(json);
        this.json = json;
    }

    /** From an event's commit to its dispatch queued on every socket that may see it (the permission-relevant include the saga wait). */
    private static Timer deliveryTimer(MeterRegistry meters, String kind) {
        return Timer.builder("beep.gateway.event.delivery")
                .description("From an event's commit to its dispatch queued on every socket that may see it")
                .tag("kind", kind)
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(meters);
    }

    /** Takes one event from the stream; the future completes once it has been delivered. */
    public CompletableFuture<Void> accept(StreamEvent event) {
        if (event.eventId() != null && seen.asMap().putIfAbsent(event.eventId(), Boolean.TRUE) != null) {
            return CompletableFuture.completedFuture(null);
        }
        learnChannel(event);
        return lanes.submit(laneOf(event), () -> handle(event));
    }

    /** A typing signal (never stored): {@code TYPING_START} to everyone who may view the channel. */
    public CompletableFuture<Void> typing(String channelId, String serverId, String userId, String timestamp) {
        var data = json.createObjectNode();
        data.put("channelId", channelId);
        data.put("serverId", serverId);
        data.put("userId", userId);
        data.put("timestamp", timestamp);
        var dispatch = new Dispatch("TYPING_START", data, new ChannelViewers(serverId, channelId));
        return lanes.submit(channelId, () -> deliver(List.of(dispatch)));
    }

    private void learnChannel(StreamEvent event) {
        var channelId = event.text("channelId");
        if (channelId == null) {
            return;
        }
        switch (event.type()) {
            case "ChannelCreatedEvent", "MessageSentEvent" -> {
                if (event.text("serverId") != null) {
                    channels.remember(channelId, event.text("serverId"));
                }
            }
            case "DmChannelCreatedEvent", "GroupChannelCreatedEvent" -> channels.remember(channelId, null);
            default -> { }
        }
    }

    private static String laneOf(StreamEvent event) {
        for (var field : List.of("channelId", "serverId", "dmChannelId", "friendshipId")) {
            var key = event.text(field);
            if (key != null) {
                return key;
            }
        }
        return "global";
    }

    private Mono<Void> handle(StreamEvent event) {
        var mapper = mappers.forType(event.type());
        var permissionRelevant = !event.type().startsWith("Message");
        if (mapper == null && !permissionRelevant) {
            return Mono.empty();
        }
        return serverOf(event).flatMap(server -> {
            var serverId = server.orElse(null);
            var refresh = permissionRelevant ? refresh(event, serverId) : Mono.<Void>empty();
            return refresh.then(Mono.defer(() -> mapper == null ? Mono.empty() : deliver(mapper.map(event, serverId))))
                    .doOnSuccess(done -> {
                        if (mapper != null && event.storedAt() != null) {
                            (permissionRelevant ? permissionEventDelivery : messageDelivery)
                                    .record(Duration.between(event.storedAt(), Instant.now()));
                        }
                    });
        });
    }

    private Mono<Optional<String>> serverOf(StreamEvent event) {
        var serverId = event.text("serverId");
        if (serverId != null) {
            return Mono.just(Optional.of(serverId));
        }
        var channelId = event.text("channelId");
        if (channelId == null) {
            return Mono.just(Optional.empty());
        }
        return channels.serverOf(channelId).onErrorResume(error -> {
            LOG.warn("Server of channel {} unknown ({}); treated as a private channel", channelId, error.getMessage());
            return Mono.just(Optional.empty());
        });
    }

    // ---- permission refresh

    private Mono<Void> refresh(StreamEvent event, String serverId) {
        return saga.tokenCovering(event.position())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(token -> {
                    var channelId = event.text("channelId") != null ? event.text("channelId") : event.text("dmChannelId");
                    if (serverId != null) {
                        visibility.advance(serverId, token.orElse(null));
                        return membership(event, serverId).then(Mono.defer(() -> serverChannels(serverId)));
                    }
                    if (channelId != null) {
                        var scope = Visibility.scope(null, channelId);
                        visibility.advance(scope, token.orElse(null));
                        return privateChannel(channelId);
                    }
                    visibility.advance("global", token.orElse(null));
                    return Mono.empty();
                });
    }

    /** Re-checks {@code server#view} of the connected users the event names (all members on deletion). */
    private Mono<Void> membership(StreamEvent event, String serverId) {
        var users = new LinkedHashSet<>(registry.connectedAmong(namedUsers(event.payload())));
        var deleted = "ServerDeletedEvent".equals(event.type());
        if (deleted) {
            users.addAll(registry.membersOf(serverId));
        }
        if (users.isEmpty()) {
            return Mono.empty();
        }
        var ordered = new ArrayList<>(users);
        var checks = ordered.stream().map(user -> new Check("server", serverId, "view", user)).toList();
        return visibility.check(serverId, checks).doOnNext(answers -> {
            for (int i = 0; i < ordered.size(); i++) {
                var user = ordered.get(i);
                var member = answers.get(i);
                if (registry.setMember(user, serverId, member) && !member && !deleted) {
                    send(user, "SERVER_DELETE", serialize(Map.of("id", serverId, "unavailable", false)));
                }
            }
        }).onErrorResume(error -> {
            LOG.warn("Membership re-check in server {} failed: {}", serverId, error.getMessage());
            return Mono.empty();
        }).then();
    }

    /** Drops the server's cached view answers and re-checks the ones that were allowed. */
    private Mono<Void> serverChannels(String serverId) {
        var members = registry.membersOf(serverId);
        var before = visibility.reset(serverId).allowed().stream()
                .filter(pair -> members.contains(pair.userId()))
                .toList();
        if (before.isEmpty()) {
            return Mono.empty();
        }
        var checks = before.stream().map(pair -> new Check("channel", pair.channelId(), "view", pair.userId())).toList();
        return visibility.check(serverId, checks).doOnNext(answers -> {
            for (int i = 0; i < before.size(); i++) {
                var pair = before.get(i);
                visibility.record(serverId, pair.channelId(), pair.userId(), answers.get(i));
                if (!answers.get(i)) {
                    send(pair.userId(), "CHANNEL_DELETE",
                            serialize(Map.of("id", pair.channelId(), "serverId", serverId)));
                }
            }
        }).onErrorResume(error -> {
            LOG.warn("View re-check in server {} failed: {}", serverId, error.getMessage());
            return Mono.empty();
        }).then();
    }

    /** Re-reads a dm / group channel's viewers; those who lost it get {@code CHANNEL_DELETE}. */
    private Mono<Void> privateChannel(String channelId) {
        var before = visibility.resetPrivate(channelId);
        return visibility.privateViewers(channelId).doOnNext(after -> {
            for (var user : registry.connectedAmong(before)) {
                if (!after.contains(user)) {
                    var data = new HashMap<String, Object>();
                    data.put("id", channelId);
                    data.put("serverId", null);
                    send(user, "CHANNEL_DELETE", serialize(data));
                }
            }
        }).then();
    }

    private static Set<String> namedUsers(JsonNode payload) {
        var users = new HashSet<String>();
        for (var field : NAMED_USERS) {
            var value = payload.get(field);
            if (value != null && value.isTextual()) {
                users.add(value.asText());
            }
        }
        for (var field : NAMED_USER_LISTS) {
            payload.path(field).forEach(id -> users.add(id.asText()));
        }
        return users;
    }

    // ---- delivery

    private Mono<Void> deliver(List<Dispatch> dispatches) {
        return Flux.fromIterable(dispatches)
                .concatMap(dispatch -> audience(dispatch.audience()).doOnNext(users -> {
                    var data = serialize(dispatch.data());
                    for (var user : users) {
                        send(user, dispatch.type(), data);
                    }
                }))
                .then();
    }

    private Mono<Set<String>> audience(Audience audience) {
        if (audience instanceof ChannelViewers viewers) {
            if (viewers.channelId() == null) {
                return Mono.just(Set.of());
            }
            if (viewers.serverId() != null) {
                return visibility.viewers(viewers.serverId(), viewers.channelId(), registry.membersOf(viewers.serverId()));
            }
            return visibility.privateViewers(viewers.channelId()).map(registry::connectedAmong);
        }
        if (audience instanceof ServerMembers members) {
            return Mono.just(members.serverId() == null ? Set.of() : registry.membersOf(members.serverId()));
        }
        return Mono.just(registry.connectedAmong(((UserList) audience).userIds()));
    }

    private void send(String userId, String type, String data) {
        for (var session : registry.sessionsOf(userId)) {
            session.dispatch(type, data);
        }
    }

    private String serialize(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dispatch not serialisable", e);
        }
    }
}
