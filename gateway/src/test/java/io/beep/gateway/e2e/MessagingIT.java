package io.beep.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Messages end to end through the gateway against the running stack: edit, delete, pins with their
 * notice, the Redis rate limit, idempotent sends under concurrent retries, search, and every
 * message route tried by a non-member and by a member without the permission. Each test signs up
 * fresh users (Keycloak admin API), so rate-limit buckets never carry over between tests or runs.
 */
class MessagingIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void authorEditsPinsUnpinsAndDeletesAMessageAndTheViewsFollow() {
        var owner = User.fresh();
        var channel = owner.serverWithChannel("private").channelId();

        var sent = owner.send(channel, "first draft", Map.of());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var id = sent.json().path("id").asText();

        var edited = owner.call("PATCH", "/api/v1/channels/" + channel + "/messages/" + id, json(Map.of("content", "final text")));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().path("content").asText()).isEqualTo("final text");
        assertThat(edited.json().path("editedAt").isNull()).isFalse();
        var afterEdit = owner.call("GET", "/api/v1/channels/" + channel + "/messages/" + id, null, edited.consistency());
        assertThat(afterEdit.json().path("content").asText()).isEqualTo("final text");

        var pinned = owner.call("PUT", "/api/v1/channels/" + channel + "/pins/" + id, null);
        assertThat(pinned.status()).as(pinned.toString()).isEqualTo(204);
        var pins = owner.call("GET", "/api/v1/channels/" + channel + "/pins", null, pinned.consistency());
        assertThat(ids(pins.json().path("items"))).containsExactly(id);
        var history = owner.call("GET", "/api/v1/channels/" + channel + "/messages", null, pinned.consistency());
        var notice = history.json().path("items").get(0);
        assertThat(notice.path("type").asText()).isEqualTo("message_pinned");
        assertThat(notice.path("replyTo").asText()).isEqualTo(id);
        assertThat(history.json().path("items").get(1).path("pinned").asBoolean()).isTrue();

        var pinnedAgain = owner.call("PUT", "/api/v1/channels/" + channel + "/pins/" + id, null);
        assertThat(pinnedAgain.status()).isEqualTo(204);
        var unpinned = owner.call("DELETE", "/api/v1/channels/" + channel + "/pins/" + id, null);
        assertThat(unpinned.status()).isEqualTo(204);
        var noPins = owner.call("GET", "/api/v1/channels/" + channel + "/pins", null, unpinned.consistency());
        assertThat(noPins.json().path("items")).isEmpty();
        var notices = owner.call("GET", "/api/v1/channels/" + channel + "/messages", null, unpinned.consistency());
        assertThat(types(notices.json().path("items"))).containsExactly("message_pinned", "default");

        var deleted = owner.call("DELETE", "/api/v1/channels/" + channel + "/messages/" + id, null);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        var gone = owner.call("GET", "/api/v1/channels/" + channel + "/messages/" + id, null, deleted.consistency());
        assertThat(gone.status()).isEqualTo(404);
        var left = owner.call("GET", "/api/v1/channels/" + channel + "/messages", null, deleted.consistency());
        assertThat(types(left.json().path("items"))).containsExactly("message_pinned");
        assertThat(owner.call("DELETE", "/api/v1/channels/" + channel + "/messages/" + id, null).status()).isEqualTo(404);
        assertThat(owner.call("PATCH", "/api/v1/channels/" + channel + "/messages/" + id,
                json(Map.of("content", "back"))).status()).isEqualTo(404);
    }

    @Test
    void messagesAreAddressedOnlyThroughTheirOwnChannelAndIdsOfOtherThingsAreNotMessages() {
        var owner = User.fresh();
        var server = owner.serverWithChannel("private");
        var other = owner.call("POST", "/api/v1/servers/" + server.serverId() + "/channels",
                json(Map.of("name", "other", "type", "text"))).json().path("id").asText();
        var id = owner.send(server.channelId(), "here", Map.of()).json().path("id").asText();

        assertThat(owner.call("PATCH", "/api/v1/channels/" + other + "/messages/" + id,
                json(Map.of("content", "moved"))).status()).isEqualTo(404);
        assertThat(owner.call("PUT", "/api/v1/channels/" + other + "/pins/" + id, null).status()).isEqualTo(404);
        var channelAsMessage = owner.call("PATCH", "/api/v1/channels/" + server.channelId() + "/messages/"
                + server.channelId(), json(Map.of("content", "x")));
        assertThat(channelAsMessage.status()).as(channelAsMessage.toString()).isEqualTo(404);
        var empty = owner.call("PATCH", "/api/v1/channels/" + server.channelId() + "/messages/" + id,
                json(Map.of("content", "  ")));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void theTenthMessageInAWindowIsAcceptedTheEleventhRefusedAndSendingResumesAfterTheWindow() throws Exception {
        var sender = User.fresh();
        var channel = sender.serverWithChannel("private").channelId();
        for (int i = 1; i <= 10; i++) {
            var sent = sender.send(channel, "burst " + i, Map.of());
            assertThat(sent.status()).as("message " + i + ": " + sent).isEqualTo(201);
            assertThat(sent.header("X-RateLimit-Limit")).isEqualTo("10");
            assertThat(sent.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(10 - i));
            assertThat(sent.header("X-RateLimit-Reset-After")).isNotBlank();
        }
        var refused = sender.send(channel, "one too many", Map.of());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 10L);

        Thread.sleep((long) (Double.parseDouble(refused.header("X-RateLimit-Reset-After")) * 1000) + 300);

        var again = sender.send(channel, "after the window", Map.of());
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.header("X-RateLimit-Remaining")).isEqualTo("9");
        var history = sender.call("GET", "/api/v1/channels/" + channel + "/messages?limit=100", null, again.consistency());
        assertThat(history.json().path("items")).hasSize(11);
    }

    @Test
    void tenConcurrentRetriesWithOneIdempotencyKeyCreateOneMessage() throws Exception {
        var sender = User.fresh();
        var channel = sender.serverWithChannel("private").channelId();
        var key = UUID.randomUUID().toString();
        var start = new CountDownLatch(1);
        var answers = new ArrayList<Future<Answer>>();
        var pool = Executors.newFixedThreadPool(10);
        try {
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return sender.send(channel, "exactly once", Map.of("Idempotency-Key", key));
                }));
            }
            start.countDown();
            var ids = new ArrayList<String>();
            int created = 0;
            for (var answer : answers) {
                var a = answer.get();
                assertThat(a.status()).as(a.toString()).isIn(200, 201);
                created += a.status() == 201 ? 1 : 0;
                ids.add(a.json().path("id").asText());
            }
            assertThat(created).isEqualTo(1);
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        var retry = sender.send(channel, "exactly once", Map.of("Idempotency-Key", key));
        assertThat(retry.status()).isEqualTo(200);
        var history = sender.call("GET", "/api/v1/channels/" + channel + "/messages", null, retry.consistency());
        assertThat(history.json().path("items")).hasSize(1);
    }

    @Test
    void aRepeatedNonceReturnsTheFirstMessageAndAFailedAttemptDoesNotHoldTheKey() {
        var sender = User.fresh();
        var channel = sender.serverWithChannel("private").channelId();
        var nonce = "n-" + UUID.randomUUID().toString().substring(0, 8);

        var failed = sender.call("POST", "/api/v1/channels/" + channel + "/messages", json(Map.of("content", " ", "nonce", nonce)));
        assertThat(failed.status()).isEqualTo(400);
        var first = sender.call("POST", "/api/v1/channels/" + channel + "/messages", json(Map.of("content", "hello", "nonce", nonce)));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        var repeat = sender.call("POST", "/api/v1/channels/" + channel + "/messages", json(Map.of("content", "other", "nonce", nonce)));
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(repeat.json().path("content").asText()).isEqualTo("hello");
        assertThat(repeat.json().path("nonce").asText()).isEqualTo(nonce);

        var someoneElse = User.fresh();
        var theirChannel = someoneElse.serverWithChannel("private").channelId();
        var theirs = someoneElse.call("POST", "/api/v1/channels/" + theirChannel + "/messages",
                json(Map.of("content", "mine", "nonce", nonce)));
        assertThat(theirs.status()).as("keys are per user").isEqualTo(201);
    }

    @Test
    void searchFindsWordsAndPrefixesIgnoringCaseAndAccentsNewestFirstOnlyInViewableChannels() {
        var owner = User.fresh();
        var server = owner.serverWithChannel("public");
        var channel = server.channelId();
        var other = owner.call("POST", "/api/v1/servers/" + server.serverId() + "/channels",
                json(Map.of("name", "kitchen", "type", "text"))).json().path("id").asText();
        var corpus = new LinkedHashMap<String, String>();
        for (var text : List.of("Un café crème, s'il vous plaît", "CAFE au lait", "the cafeteria is closed",
                "Crème brûlée for dessert", "nothing to see here", "Deploy v2.0 at 10:30")) {
            corpus.put(owner.send(channel, text, Map.of()).json().path("id").asText(), text);
        }
        var kitchen = owner.send(other, "café in the kitchen", Map.of());
        var token = kitchen.consistency();
        var ids = new ArrayList<>(corpus.keySet());

        var cafe = owner.call("GET", "/api/v1/channels/" + channel + "/messages/search?q=" + enc("Café"), null, token);
        assertThat(cafe.status()).as(cafe.toString()).isEqualTo(200);
        assertThat(ids(cafe.json().path("items"))).containsExactly(ids.get(2), ids.get(1), ids.get(0));

        var creme = owner.call("GET", "/api/v1/channels/" + channel + "/messages/search?q=CREME", null, token);
        assertThat(ids(creme.json().path("items"))).containsExactly(ids.get(3), ids.get(0));
        var both = owner.call("GET", "/api/v1/channels/" + channel + "/messages/search?q=" + enc("caf crè"), null, token);
        assertThat(ids(both.json().path("items"))).containsExactly(ids.get(0));
        var digits = owner.call("GET", "/api/v1/channels/" + channel + "/messages/search?q=v2", null, token);
        assertThat(ids(digits.json().path("items"))).containsExactly(ids.get(5));
        var none = owner.call("GET", "/api/v1/channels/" + channel + "/messages/search?q=zebra", null, token);
        assertThat(none.json().path("items")).isEmpty();

        var page1 = owner.call("GET", "/api/v1/channels/" + channel + "/messages/search?q=caf&limit=2", null, token);
        assertThat(ids(page1.json().path("items"))).containsExactly(ids.get(2), ids.get(1));
        var cursor = page1.json().path("nextCursor").asText();
        var page2 = owner.call("GET", "/api/v1/channels/" + channel + "/messages/search?q=caf&limit=2&cursor=" + cursor, null, token);
        assertThat(ids(page2.json().path("items"))).containsExactly(ids.get(0));

        var serverWide = owner.call("GET", "/api/v1/servers/" + server.serverId() + "/messages/search?q=cafe", null, token);
        assertThat(ids(serverWide.json().path("items")))
                .containsExactly(kitchen.json().path("id").asText(), ids.get(2), ids.get(1), ids.get(0));
        var oneChannel = owner.call("GET", "/api/v1/servers/" + server.serverId() + "/messages/search?q=cafe&channelId=" + other, null, token);
        assertThat(ids(oneChannel.json().path("items"))).containsExactly(kitchen.json().path("id").asText());

        var blank = owner.call("GET", "/api/v1/channels/" + channel + "/messages/search?q=" + enc("!!"), null, token);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");

        var outsider = User.fresh();
        assertThat(outsider.call("GET", "/api/v1/servers/" + server.serverId() + "/messages/search?q=cafe", null).status())
                .isEqualTo(404);
        var member = User.fresh();
        var joined = member.call("POST", "/api/v1/servers/" + server.serverId() + "/join", null);
        assertThat(joined.status()).as(joined.toString()).isIn(200, 201);
        var memberSearch = member.call("GET", "/api/v1/servers/" + server.serverId() + "/messages/search?q=cafe", null,
                joined.consistency());
        assertThat(memberSearch.status()).as(memberSearch.toString()).isEqualTo(200);
        assertThat(ids(memberSearch.json().path("items"))).hasSize(4);
    }

    @Test
    void everyMessageRouteAnswers404ToANonMemberAnd403ToAMemberWithoutThePermission() {
        var owner = User.fresh();
        var server = owner.serverWithChannel("public");
        var channel = server.channelId();
        var ownersMessage = owner.send(channel, "owner speaking", Map.of());
        var id = ownersMessage.json().path("id").asText();
        var token = ownersMessage.consistency();

        var outsider = User.fresh();
        var base = "/api/v1/channels/" + channel;
        assertThat(outsider.call("POST", base + "/messages", json(Map.of("content", "let me in"))).status()).isEqualTo(404);
        assertThat(outsider.call("GET", base + "/messages", null, token).status()).isEqualTo(404);
        assertThat(outsider.call("GET", base + "/messages/" + id, null, token).status()).isEqualTo(404);
        assertThat(outsider.call("PATCH", base + "/messages/" + id, json(Map.of("content", "x"))).status()).isEqualTo(404);
        assertThat(outsider.call("DELETE", base + "/messages/" + id, null).status()).isEqualTo(404);
        assertThat(outsider.call("PUT", base + "/pins/" + id, null).status()).isEqualTo(404);
        assertThat(outsider.call("DELETE", base + "/pins/" + id, null).status()).isEqualTo(404);
        assertThat(outsider.call("GET", base + "/pins", null, token).status()).isEqualTo(404);
        assertThat(outsider.call("GET", base + "/messages/search?q=owner", null, token).status()).isEqualTo(404);
        assertThat(outsider.call("GET", "/api/v1/servers/" + server.serverId() + "/messages/search?q=owner", null, token)
                .status()).isEqualTo(404);

        var member = User.fresh();
        var joined = member.call("POST", "/api/v1/servers/" + server.serverId() + "/join", null);
        assertThat(joined.status()).as(joined.toString()).isIn(200, 201);
        var own = member.call("POST", base + "/messages", json(Map.of("content", "member speaking")), joined.consistency());
        assertThat(own.status()).as(own.toString()).isEqualTo(201);
        var memberToken = own.consistency();

        var edit = member.call("PATCH", base + "/messages/" + id, json(Map.of("content", "hijacked")), memberToken);
        assertThat(edit.status()).isEqualTo(403);
        assertThat(edit.json().path("code").asText()).isEqualTo("FORBIDDEN");
        var delete = member.call("DELETE", base + "/messages/" + id, null, memberToken);
        assertThat(delete.status()).isEqualTo(403);
        assertThat(delete.json().path("code").asText()).isEqualTo("MISSING_PERMISSION");
        assertThat(member.call("PUT", base + "/pins/" + id, null, memberToken).status()).isEqualTo(403);
        assertThat(member.call("DELETE", base + "/pins/" + id, null, memberToken).status()).isEqualTo(403);
        assertThat(member.call("GET", base + "/pins", null, memberToken).status()).isEqualTo(200);
        assertThat(member.call("GET", base + "/messages/search?q=owner", null, memberToken).status()).isEqualTo(200);

        var ownerDeletes = owner.call("DELETE", base + "/messages/" + own.json().path("id").asText(), null, memberToken);
        assertThat(ownerDeletes.status()).as("the owner has MANAGE_MESSAGES").isEqualTo(204);
        var mine = member.call("POST", base + "/messages", json(Map.of("content", "again")), memberToken);
        var memberDeletesOwn = member.call("DELETE", base + "/messages/" + mine.json().path("id").asText(), null);
        assertThat(memberDeletesOwn.status()).as("authors delete their own messages").isEqualTo(204);
    }

    private static List<String> ids(JsonNode items) {
        var ids = new ArrayList<String>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static List<String> types(JsonNode items) {
        var types = new ArrayList<String>();
        items.forEach(item -> types.add(item.path("type").asText()));
        return types;
    }

    private static String json(Object value) {
        return StackClient.json(value);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A server made for one test and its first text channel. */
    record Place(String serverId, String channelId) {
    }

    /** One HTTP answer with its headers. */
    record Answer(int status, String body, HttpHeaders headers) {

        JsonNode json() {
            try {
                return StackClient.JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String consistency() {
            return header("Beep-Consistency-Token");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** A user signed up for this test through Keycloak's admin API, and their calls through the gateway. */
    record User(String username, String token) {

        static User fresh() {
            var username = "msg-" + UUID.randomUUID().toString().substring(0, 12);
            var admin = adminToken();
            var body = json(Map.of("username", username, "enabled", true, "emailVerified", true,
                    "firstName", "Message", "lastName", "Tester", "email", username + "@example.org",
                    "credentials", List.of(Map.of("type", "password", "value", username + "-pass", "temporary", false))));
            var created = exchange(HttpRequest.newBuilder(URI.create(StackClient.KEYCLOAK + "/admin/realms/"
                            + StackClient.REALM + "/users"))
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (created.status() != 201) {
                throw new IllegalStateException("could not create " + username + ": " + created);
            }
            return new User(username, StackClient.token(username));
        }

        Place serverWithChannel(String visibility) {
            var server = call("POST", "/api/v1/servers",
                    json(Map.of("name", "Messaging " + username, "description", "e2e", "visibility", visibility)));
            assertThat(server.status()).as(server.toString()).isEqualTo(201);
            var serverId = server.json().path("id").asText();
            var channel = call("POST", "/api/v1/servers/" + serverId + "/channels", json(Map.of("name", "talk", "type", "text")));
            assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
            return new Place(serverId, channel.json().path("id").asText());
        }

        Answer send(String channelId, String content, Map<String, String> headers) {
            return call("POST", "/api/v1/channels/" + channelId + "/messages", json(Map.of("content", content)), null, headers);
        }

        Answer call(String method, String path, String body) {
            return call(method, path, body, null);
        }

        Answer call(String method, String path, String body, String consistency) {
            return call(method, path, body, consistency, Map.of());
        }

        Answer call(String method, String path, String body, String consistency, Map<String, String> headers) {
            var builder = HttpRequest.newBuilder(URI.create(StackClient.GATEWAY + path))
                    .header("Authorization", "Bearer " + token)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                builder.header("Content-Type", "application/json");
            }
            if (consistency != null) {
                builder.header("Beep-Consistency-Token", consistency);
            }
            headers.forEach(builder::header);
            return exchange(builder);
        }

        private static String adminToken() {
            var form = "grant_type=client_credentials&client_id="
                    + enc(StackClient.env("BEEP_KEYCLOAK_CLIENT_ID", "beep-backend")) + "&client_secret="
                    + enc(StackClient.env("BEEP_BACKEND_SECRET", "beep-backend-secret"));
            var answer = exchange(HttpRequest.newBuilder(URI.create(StackClient.KEYCLOAK + "/realms/" + StackClient.REALM
                            + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            return answer.json().path("access_token").asText();
        }

        private static Answer exchange(HttpRequest.Builder builder) {
            try {
                var response = HTTP.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                return new Answer(response.statusCode(), response.body(), response.headers());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
