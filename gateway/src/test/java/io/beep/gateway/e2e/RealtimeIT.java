package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real-time gateway end to end against the running stack: protocol conformance (HELLO,
 * IDENTIFY, READY, heartbeats, close codes), permission-aware dispatch of message events, resume
 * after a dropped connection, revocation on a live socket and typing signals.
 *
 * <p>"Nothing arrived" is proven without timing: a socket that may see an event (the witness)
 * receives it first, which means the gateway has dispatched it to every session; then the other
 * socket's HEARTBEAT round trip (frames are written in order) shows whether it was queued there.
 */
class RealtimeIT {

    static String dave;
    static String erin;
    static String carol;
    static String daveId;
    static String erinId;
    static final List<String> serversToDelete = new ArrayList<>();

    @BeforeAll
    static void signIn() {
        dave = StackClient.token("dave");
        erin = StackClient.token("erin");
        carol = StackClient.token("carol");
        daveId = subject(dave);
        erinId = subject(erin);
    }

    @AfterAll
    static void cleanUp() {
        for (var server : serversToDelete) {
            request("DELETE", "/api/v1/servers/" + server, dave);
        }
    }

    // ---- protocol conformance

    @Test
    void identifyAnswersReadyWithSessionUserAndServers() {
        var server = createServer("private");
        try (var socket = GatewaySocket.connect()) {
            var hello = socket.next("HELLO");
            assertThat(hello.path("d").path("heartbeatIntervalMs").asLong()).isPositive();
            socket.send(identify(dave));
            var ready = socket.next("DISPATCH");
            assertThat(ready.path("t").asText()).isEqualTo("READY");
            assertThat(ready.path("s").asLong()).isEqualTo(1);
            assertThat(ready.path("d").path("sessionId").asText()).isNotBlank();
            assertThat(ready.path("d").path("user").path("id").asText()).isEqualTo(daveId);
            assertThat(ready.path("d").path("user").path("username").asText()).isEqualTo("dave");
            assertThat(ids(ready.path("d").path("servers"))).contains(server.id());
        }
    }

    @Test
    void heartbeatIsAcknowledgedBeforeAndAfterIdentify() {
        try (var socket = GatewaySocket.connect()) {
            socket.next("HELLO");
            socket.send("{\"op\":\"HEARTBEAT\"}");
            socket.next("HEARTBEAT_ACK");
            socket.send(identify(dave));
            socket.dispatch("READY");
            socket.send("{\"op\":\"HEARTBEAT\"}");
            socket.next("HEARTBEAT_ACK");
        }
    }

    @Test
    void badTokenOnIdentifyAnswersInvalidSessionAndCloses() {
        try (var socket = GatewaySocket.connect()) {
            socket.next("HELLO");
            socket.send(identify("not-a-token"));
            socket.next("INVALID_SESSION");
            assertThat(socket.closeCode()).isEqualTo(4004);
        }
    }

    @Test
    void malformedFramesCloseWithMeaningfulCodes() {
        assertThat(closeCodeAfter(null, "this is not json")).isEqualTo(4002);
        assertThat(closeCodeAfter(null, "{\"d\":{}}")).isEqualTo(4002);
        assertThat(closeCodeAfter(null, "{\"op\":\"DISPATCH\",\"d\":{}}")).isEqualTo(4003);
        assertThat(closeCodeAfter(null, "{\"op\":\"IDENTIFY\",\"d\":{}}")).isEqualTo(4002);
        assertThat(closeCodeAfter(dave, "{\"op\":\"NONSENSE\"}")).isEqualTo(4001);
        assertThat(closeCodeAfter(dave, identify(dave))).isEqualTo(4005);
        assertThat(closeCodeAfter(null, "{\"op\":\"HEARTBEAT\",\"d\":\"" + "x".repeat(20_000) + "\"}")).isEqualTo(1009);
        try (var socket = GatewaySocket.connect()) {
            socket.next("HELLO");
            socket.sendBinary(new byte[] {1, 2, 3});
            assertThat(socket.closeCode()).isEqualTo(4002);
        }
    }

    // ---- dispatch

    @Test
    void channelRenamesAndNicknamesReachTheServersMembersLive() throws Exception {
        var server = createServer("public");
        join(server, erin);
        try (var member = GatewaySocket.identified(StackClient.GATEWAY, erin);
             var outsider = GatewaySocket.identified(StackClient.GATEWAY, carol)) {
            var renamed = patch("/api/v1/channels/" + server.channelId(), dave, "{\"name\":\"renamed-live\"}");
            assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
            var update = member.dispatch("CHANNEL_UPDATE").path("d");
            assertThat(update.path("id").asText()).isEqualTo(server.channelId());
            assertThat(update.path("name").asText()).isEqualTo("renamed-live");

            var nick = patch("/api/v1/servers/" + server.id() + "/members/@me", dave, "{\"nickname\":\"Captain\"}");
            assertThat(nick.statusCode()).as(nick.body()).isBetween(200, 204);
            var memberUpdate = member.until(frame -> "MEMBER_UPDATE".equals(frame.path("t").asText())
                    && frame.path("d").has("nickname")).path("d");
            assertThat(memberUpdate.path("serverId").asText()).isEqualTo(server.id());
            assertThat(memberUpdate.path("userId").asText()).isEqualTo(daveId);
            assertThat(memberUpdate.path("nickname").asText()).isEqualTo("Captain");

            assertThat(framesUntilHeartbeatAck(outsider)).noneMatch(frame ->
                    "CHANNEL_UPDATE".equals(frame.path("t").asText()) || "MEMBER_UPDATE".equals(frame.path("t").asText()));
        }
    }

    @Test
    void messageReachesMembersWhoMayViewItAndNobodyElse() {
        var server = createServer("public");
        join(server, erin);
        try (var owner = GatewaySocket.identified(StackClient.GATEWAY, dave);
             var member = GatewaySocket.identified(StackClient.GATEWAY, erin);
             var outsider = GatewaySocket.identified(StackClient.GATEWAY, carol)) {
            var sent = sendMessage(server.channelId(), dave, "hello realtime " + UUID.randomUUID());

            // the join's member_joined notice (posted by the saga) may come before or after the send
            var atOwner = owner.until(isMessage(sent.path("id").asText()));
            var atMember = member.until(isMessage(sent.path("id").asText()));
            for (var frame : List.of(atOwner, atMember)) {
                var message = frame.path("d");
                assertThat(message.path("channelId").asText()).isEqualTo(server.channelId());
                assertThat(message.path("authorId").asText()).isEqualTo(daveId);
                assertThat(message.path("content").asText()).isEqualTo(sent.path("content").asText());
                assertThat(message.path("createdAt").asText()).isNotBlank();
                assertThat(message.path("pinned").asBoolean()).isFalse();
                assertThat(message.path("type").asText()).isEqualTo("default");
                assertThat(message.path("attachments").isArray()).isTrue();
                assertThat(message.has("editedAt")).isTrue();
                assertThat(frame.path("s").asLong()).isGreaterThan(1);
            }
            assertThat(framesUntilHeartbeatAck(outsider)).noneMatch(isMessage(sent.path("id").asText()));
        }
    }

    @Test
    void resumeAfterDroppedConnectionReplaysEveryMissedEventInOrderOnce() {
        var server = createServer("public");
        join(server, erin);
        try (var owner = GatewaySocket.identified(StackClient.GATEWAY, dave)) {
            var first = GatewaySocket.connect();
            first.next("HELLO");
            first.send(identify(erin));
            var ready = first.dispatch("READY");
            var sessionId = ready.path("d").path("sessionId").asText();
            var before = sendMessage(server.channelId(), dave, "before the drop");
            var seen = first.until(isMessage(before.path("id").asText()));
            long lastSeq = seen.path("s").asLong();
            first.drop();

            var missed = new ArrayList<String>();
            for (int i = 0; i < 5; i++) {
                missed.add(createChannel(server, "missed-" + i).path("id").asText());
            }
            owner.until(isChannelCreate(missed.get(missed.size() - 1)));

            try (var second = GatewaySocket.connect()) {
                second.next("HELLO");
                second.send(resume(erin, sessionId, lastSeq));
                var frames = second.collectUntil(frame -> "RESUMED".equals(frame.path("t").asText()));
                var after = createChannel(server, "after-resume").path("id").asText();
                frames.addAll(second.collectUntil(isChannelCreate(after)));

                var created = frames.stream().filter(f -> "CHANNEL_CREATE".equals(f.path("t").asText()))
                        .map(f -> f.path("d").path("id").asText()).toList();
                var expected = new ArrayList<>(missed);
                expected.add(after);
                // exactly once each; their relative order is the session's (events of different
                // channels are not ordered with each other), which the contiguous sequence shows
                assertThat(created).containsExactlyInAnyOrderElementsOf(expected);
                var sequence = frames.stream().map(f -> f.path("s").asLong()).toList();
                for (int i = 0; i < sequence.size(); i++) {
                    assertThat(sequence.get(i)).isEqualTo(lastSeq + 1 + i);
                }
                assertThat(frames).filteredOn(f -> "RESUMED".equals(f.path("t").asText())).hasSize(1);
            }
        }
    }

    @Test
    void resumeOfUnknownOrForeignSessionIsInvalidAndIdentifyStillWorks() {
        try (var owner = GatewaySocket.identified(StackClient.GATEWAY, dave)) {
            try (var socket = GatewaySocket.connect()) {
                socket.next("HELLO");
                socket.send(resume(erin, "nope.000000000000", 0));
                socket.next("INVALID_SESSION");
                socket.send(identify(erin));
                socket.dispatch("READY");
            }
        }
        try (var first = GatewaySocket.connect()) {
            first.next("HELLO");
            first.send(identify(dave));
            var sessionId = first.dispatch("READY").path("d").path("sessionId").asText();
            first.drop();
            try (var thief = GatewaySocket.connect()) {
                thief.next("HELLO");
                thief.send(resume(erin, sessionId, 1));
                thief.next("INVALID_SESSION");
            }
        }
    }

    @Test
    void resumeFromASequenceTheSessionNeverReachedIsInvalid() {
        try (var first = GatewaySocket.connect()) {
            first.next("HELLO");
            first.send(identify(dave));
            var sessionId = first.dispatch("READY").path("d").path("sessionId").asText();
            first.drop();
            try (var second = GatewaySocket.connect()) {
                second.next("HELLO");
                second.send(resume(dave, sessionId, 999_999));
                second.next("INVALID_SESSION");
            }
        }
    }

    // ---- permission changes on live sockets

    @Test
    void joiningStartsAndKickingStopsDeliveryOnTheLiveSocket() {
        var server = createServer("public");
        try (var owner = GatewaySocket.identified(StackClient.GATEWAY, dave);
             var member = GatewaySocket.identified(StackClient.GATEWAY, erin)) {
            join(server, erin);
            var added = member.dispatch("MEMBER_ADD");
            assertThat(added.path("d").path("serverId").asText()).isEqualTo(server.id());
            assertThat(added.path("d").path("userId").asText()).isEqualTo(erinId);

            var visible = sendMessage(server.channelId(), dave, "while a member");
            member.until(isMessage(visible.path("id").asText()));

            var kicked = request("DELETE", "/api/v1/servers/" + server.id() + "/members/" + erinId, dave);
            assertThat(kicked.statusCode()).as(kicked.body()).isIn(200, 204);
            long answered = System.nanoTime();
            var removed = member.dispatch("SERVER_DELETE");
            System.out.printf("kick -> SERVER_DELETE on the live socket %d ms after the kick was answered%n",
                    (System.nanoTime() - answered) / 1_000_000);
            assertThat(removed.path("d").path("id").asText()).isEqualTo(server.id());
            var seenByOwner = owner.dispatch("MEMBER_REMOVE");
            assertThat(seenByOwner.path("d").path("userId").asText()).isEqualTo(erinId);

            var hidden = sendMessage(server.channelId(), dave, "after the kick");
            owner.until(isMessage(hidden.path("id").asText()));
            assertThat(framesUntilHeartbeatAck(member)).noneMatch(isMessage(hidden.path("id").asText()));
        }
    }

    @Test
    void takingViewAwayFromTheEveryoneRoleHidesTheChannelOnTheLiveSocket() {
        var server = createServer("public");
        join(server, erin);
        try (var owner = GatewaySocket.identified(StackClient.GATEWAY, dave);
             var member = GatewaySocket.identified(StackClient.GATEWAY, erin)) {
            var visible = sendMessage(server.channelId(), dave, "while everyone may view");
            member.until(isMessage(visible.path("id").asText()));

            var roles = StackClient.get("/api/v1/servers/" + server.id() + "/roles", dave);
            assertThat(roles.status()).as(roles.toString()).isEqualTo(200);
            var everyone = roles.json().path("items").get(0);
            assertThat(everyone.path("everyone").asBoolean()).isTrue();
            var patched = patch("/api/v1/servers/" + server.id() + "/roles/" + everyone.path("id").asText(), dave,
                    json(Map.of("permissions", List.of("SEND_MESSAGES", "ATTACH_FILES", "CHANGE_NICKNAME"))));
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            long answered = System.nanoTime();

            var hidden = member.until(frame -> "CHANNEL_DELETE".equals(frame.path("t").asText())
                    && server.channelId().equals(frame.path("d").path("id").asText()));
            System.out.printf("role update -> CHANNEL_DELETE on the live socket %d ms after the update was answered%n",
                    (System.nanoTime() - answered) / 1_000_000);
            assertThat(hidden.path("d").path("serverId").asText()).isEqualTo(server.id());
            owner.dispatch("ROLE_UPDATE");

            var after = sendMessage(server.channelId(), dave, "after view was taken away");
            owner.until(isMessage(after.path("id").asText()));
            assertThat(framesUntilHeartbeatAck(member)).noneMatch(isMessage(after.path("id").asText()));
        }
    }

    @Test
    void anOverwriteDenyingViewHidesTheChannelOnTheLiveSocket() {
        var server = createServer("public");
        join(server, erin);
        try (var owner = GatewaySocket.identified(StackClient.GATEWAY, dave);
             var member = GatewaySocket.identified(StackClient.GATEWAY, erin)) {
            var visible = sendMessage(server.channelId(), dave, "before the overwrite");
            member.until(isMessage(visible.path("id").asText()));

            var overwrite = withBody("PUT", "/api/v1/channels/" + server.channelId() + "/permissions/" + erinId, dave,
                    json(Map.of("targetType", "member", "allow", List.of(), "deny", List.of("VIEW_CHANNELS"))));
            assertThat(overwrite.statusCode()).as(overwrite.body()).isIn(200, 204);
            var hidden = member.until(frame -> "CHANNEL_DELETE".equals(frame.path("t").asText())
                    && server.channelId().equals(frame.path("d").path("id").asText()));
            assertThat(hidden.path("d").path("serverId").asText()).isEqualTo(server.id());

            var after = sendMessage(server.channelId(), dave, "after the overwrite");
            owner.until(isMessage(after.path("id").asText()));
            assertThat(framesUntilHeartbeatAck(member)).noneMatch(isMessage(after.path("id").asText()));
        }
    }

    // ---- friends

    @Test
    void friendRequestEventsReachBothUsers() {
        request("DELETE", "/api/v1/friends/" + erinId, dave);
        try (var sender = GatewaySocket.identified(StackClient.GATEWAY, dave);
             var addressee = GatewaySocket.identified(StackClient.GATEWAY, erin)) {
            var sent = post("/api/v1/friends/requests", dave, json(Map.of("username", "erin")));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
            var requestId = sent.json().path("id").asText();
            for (var socket : List.of(sender, addressee)) {
                var created = socket.dispatch("FRIEND_REQUEST_CREATE").path("d");
                assertThat(created.path("id").asText()).isEqualTo(requestId);
                assertThat(created.path("fromUserId").asText()).isEqualTo(daveId);
                assertThat(created.path("toUserId").asText()).isEqualTo(erinId);
                assertThat(created.path("status").asText()).isEqualTo("pending");
            }
            var accepted = request("POST", "/api/v1/friends/requests/" + requestId + "/accept", erin);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            assertThat(sender.dispatch("FRIEND_REQUEST_UPDATE").path("d").path("status").asText()).isEqualTo("accepted");
        } finally {
            request("DELETE", "/api/v1/friends/" + erinId, dave);
        }
    }

    // ---- typing

    @Test
    void typingReachesWhoMayViewTheChannelAndIsRefusedToOutsiders() {
        var server = createServer("public");
        join(server, erin);
        try (var owner = GatewaySocket.identified(StackClient.GATEWAY, dave);
             var outsider = GatewaySocket.identified(StackClient.GATEWAY, carol)) {
            var typing = request("POST", "/api/v1/channels/" + server.channelId() + "/typing", erin);
            assertThat(typing.statusCode()).as(typing.body()).isEqualTo(204);
            var signal = owner.dispatch("TYPING_START").path("d");
            assertThat(signal.path("channelId").asText()).isEqualTo(server.channelId());
            assertThat(signal.path("userId").asText()).isEqualTo(erinId);
            assertThat(signal.path("timestamp").asText()).isNotBlank();
            assertThat(framesUntilHeartbeatAck(outsider)).noneMatch(f -> "TYPING_START".equals(f.path("t").asText()));

            var refused = request("POST", "/api/v1/channels/" + server.channelId() + "/typing", carol);
            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            assertThat(request("POST", "/api/v1/channels/" + server.channelId() + "/typing", null).statusCode())
                    .isEqualTo(401);
        }
    }

    // ---- helpers

    record TestServer(String id, String channelId) {
    }

    static TestServer createServer(String visibility) {
        var server = post("/api/v1/servers", dave, json(Map.of("name", "Realtime " + UUID.randomUUID(),
                "description", "realtime e2e", "visibility", visibility)));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        var id = server.json().path("id").asText();
        serversToDelete.add(id);
        var channel = post("/api/v1/servers/" + id + "/channels", dave, json(Map.of("name", "live", "type", "text")));
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
        return new TestServer(id, channel.json().path("id").asText());
    }

    static void join(TestServer server, String token) {
        var joined = request("POST", "/api/v1/servers/" + server.id() + "/join", token);
        assertThat(joined.statusCode()).as(joined.body()).isIn(200, 201, 204);
    }

    /** Posts a message, waiting out the per-user rate limit (429 + Retry-After) if other tests used it up. */
    static JsonNode sendMessage(String channelId, String token, String content) {
        var body = json(Map.of("content", content));
        var sent = post("/api/v1/channels/" + channelId + "/messages", token, body);
        for (int attempt = 0; sent.status() == 429 && attempt < 5; attempt++) {
            pause(Duration.ofSeconds(2));
            sent = post("/api/v1/channels/" + channelId + "/messages", token, body);
        }
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.json();
    }

    static JsonNode createChannel(TestServer server, String name) {
        var channel = post("/api/v1/servers/" + server.id() + "/channels", dave, json(Map.of("name", name, "type", "text")));
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
        return channel.json();
    }

    static Predicate<JsonNode> isChannelCreate(String channelId) {
        return frame -> "CHANNEL_CREATE".equals(frame.path("t").asText())
                && channelId.equals(frame.path("d").path("id").asText());
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String identify(String token) {
        return "{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + token + "\"}}";
    }

    static String resume(String token, String sessionId, long seq) {
        return "{\"op\":\"RESUME\",\"d\":{\"token\":\"" + token + "\",\"sessionId\":\"" + sessionId + "\",\"seq\":" + seq + "}}";
    }

    static Predicate<JsonNode> isMessage(String messageId) {
        return frame -> "MESSAGE_CREATE".equals(frame.path("t").asText())
                && messageId.equals(frame.path("d").path("id").asText());
    }

    /** Every frame queued for the socket before the answer to a HEARTBEAT sent now. */
    static List<JsonNode> framesUntilHeartbeatAck(GatewaySocket socket) {
        socket.send("{\"op\":\"HEARTBEAT\"}");
        return socket.collectUntil(frame -> "HEARTBEAT_ACK".equals(frame.path("op").asText()));
    }

    /** Sends {@code frame} on a fresh socket (identified first when a token is given); its close code. */
    static int closeCodeAfter(String token, String frame) {
        try (var socket = token == null ? GatewaySocket.connect() : GatewaySocket.identified(StackClient.GATEWAY, token)) {
            if (token == null) {
                socket.next("HELLO");
            }
            socket.send(frame);
            return socket.closeCode();
        }
    }

    static List<String> ids(JsonNode servers) {
        var ids = new ArrayList<String>();
        servers.forEach(server -> ids.add(server.path("id").asText()));
        return ids;
    }

    static String subject(String token) {
        try {
            var claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            return StackClient.JSON.readTree(claims).path("sub").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> patch(String path, String token, String body) {
        return withBody("PATCH", path, token, body);
    }

    static HttpResponse<String> withBody(String method, String path, String token, String body) {
        var request = HttpRequest.newBuilder(URI.create(StackClient.GATEWAY + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> request(String method, String path, String token) {
        var builder = HttpRequest.newBuilder(URI.create(StackClient.GATEWAY + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            return HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
