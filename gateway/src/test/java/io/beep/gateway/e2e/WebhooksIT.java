package io.beep.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end through the gateway: created by a manager with a token, listed without it,
 * posting as the webhook with its own token (not a Keycloak one) and its own rate-limit bucket;
 * forged, misdirected and revoked tokens refused; non-members and members without MANAGE_WEBHOOKS
 * refused.
 */
class WebhooksIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aManagersWebhookPostsMessagesShownAsTheWebhook() {
        var owner = TestUsers.fresh("hook-owner");
        var place = place(owner, "private");
        var created = create(owner, place.channelId(), "Deploys");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var hook = created.json();
        assertThat(hook.path("channelId").asText()).isEqualTo(place.channelId());
        assertThat(hook.path("name").asText()).isEqualTo("Deploys");
        assertThat(hook.path("token").asText()).isNotBlank();
        assertThat(hook.path("url").asText()).isEqualTo("/api/v1/webhooks/" + hook.path("id").asText() + "/messages");

        var listed = StackClient.get("/api/v1/channels/" + place.channelId() + "/webhooks", owner.token(),
                Map.of("Beep-Consistency-Token", created.consistencyToken()));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json().path("items").get(0).path("id").asText()).isEqualTo(hook.path("id").asText());
        assertThat(listed.json().path("items").get(0).path("token").isNull()).isTrue();

        var posted = post(hook.path("url").asText(), hook.path("token").asText(),
                Map.of("content", "deployed v1.2", "username", "Deploy bot"));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        assertThat(posted.headers().firstValue("X-RateLimit-Limit")).isPresent();
        var message = StackClient.JSON.valueToTree(parse(posted.body()));
        assertThat(message.path("authorId").asText()).isEqualTo(hook.path("id").asText());
        assertThat(message.path("webhookId").asText()).isEqualTo(hook.path("id").asText());
        assertThat(message.path("authorName").asText()).isEqualTo("Deploy bot");

        var history = StackClient.get("/api/v1/channels/" + place.channelId() + "/messages", owner.token(),
                Map.of("Beep-Consistency-Token", posted.headers().firstValue("Beep-Consistency-Token").orElseThrow()));
        var shown = history.json().path("items").get(0);
        assertThat(shown.path("content").asText()).isEqualTo("deployed v1.2");
        assertThat(shown.path("webhookId").asText()).isEqualTo(hook.path("id").asText());
        assertThat(shown.path("authorName").asText()).isEqualTo("Deploy bot");

        var plain = post(hook.path("url").asText(), hook.path("token").asText(), Map.of("content", "no name given"));
        assertThat(parse(plain.body()).get("authorName")).isEqualTo("Deploys");
    }

    @Test
    void forgedMisdirectedAndRevokedTokensAreRefused() {
        var owner = TestUsers.fresh("hook-tokens");
        var place = place(owner, "private");
        var first = create(owner, place.channelId(), "first").json();
        var other = StackClient.post("/api/v1/servers/" + place.serverId() + "/channels", owner.token(),
                StackClient.json(Map.of("name", "other", "type", "text")));
        var second = create(owner, other.json().path("id").asText(), "second").json();
        var firstUrl = first.path("url").asText();
        var token = first.path("token").asText();

        assertThat(post(firstUrl, null, Map.of("content", "no token")).statusCode()).isEqualTo(401);
        var parts = token.split("\\.");
        var forged = parts[0] + "." + second.path("token").asText().split("\\.")[1] + "." + parts[2];
        assertThat(post(second.path("url").asText(), forged, Map.of("content", "forged")).statusCode()).isEqualTo(401);
        assertThat(post(firstUrl, token + "x", Map.of("content", "bad signature")).statusCode()).isEqualTo(401);
        var userToken = post(firstUrl, owner.token(), Map.of("content", "a user token"));
        assertThat(userToken.statusCode()).isEqualTo(401);
        var misdirected = post(second.path("url").asText(), token, Map.of("content", "wrong webhook"));
        assertThat(misdirected.statusCode()).as(misdirected.body()).isEqualTo(403);

        var deleted = StackClient.request("DELETE", "/api/v1/webhooks/" + first.path("id").asText(), owner.token(),
                null, Map.of());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        var revoked = post(firstUrl, token, Map.of("content", "after revocation"));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(401);
        assertThat(StackClient.request("DELETE", "/api/v1/webhooks/" + first.path("id").asText(), owner.token(),
                null, Map.of()).status()).isEqualTo(404);
        var listed = StackClient.get("/api/v1/channels/" + place.channelId() + "/webhooks", owner.token(),
                Map.of("Beep-Consistency-Token", deleted.consistencyToken()));
        assertThat(listed.json().path("items")).isEmpty();
        assertThat(post(second.path("url").asText(), second.path("token").asText(), Map.of("content", "still fine"))
                .statusCode()).isEqualTo(201);
    }

    @Test
    void onlyMembersWithManageWebhooksCreateListAndDeleteWebhooks() {
        var owner = TestUsers.fresh("hook-perm");
        var place = place(owner, "public");
        var hook = create(owner, place.channelId(), "owned").json();

        var stranger = TestUsers.fresh("hook-stranger");
        assertThat(create(stranger, place.channelId(), "mine").status()).isEqualTo(404);
        assertThat(StackClient.get("/api/v1/channels/" + place.channelId() + "/webhooks", stranger.token()).status())
                .isEqualTo(404);
        assertThat(StackClient.request("DELETE", "/api/v1/webhooks/" + hook.path("id").asText(), stranger.token(),
                null, Map.of()).status()).isEqualTo(404);

        var member = TestUsers.fresh("hook-member");
        var joined = StackClient.request("POST", "/api/v1/servers/" + place.serverId() + "/join", member.token(),
                null, Map.of());
        assertThat(joined.status()).as(joined.toString()).isIn(200, 201);
        var consistency = Map.of("Beep-Consistency-Token", joined.consistencyToken());
        var refused = StackClient.post("/api/v1/channels/" + place.channelId() + "/webhooks", member.token(),
                StackClient.json(Map.of("name", "mine")), consistency);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(StackClient.get("/api/v1/channels/" + place.channelId() + "/webhooks", member.token(), consistency)
                .status()).isEqualTo(403);
        assertThat(StackClient.request("DELETE", "/api/v1/webhooks/" + hook.path("id").asText(), member.token(),
                null, consistency).status()).isEqualTo(403);
    }

    @Test
    void aWebhookHasItsOwnRateLimitBucket() {
        var owner = TestUsers.fresh("hook-rate");
        var place = place(owner, "private");
        var hook = create(owner, place.channelId(), "chatty").json();
        var url = hook.path("url").asText();
        var token = hook.path("token").asText();
        int limit = -1;
        HttpResponse<String> last = null;
        for (int i = 0; i < 50; i++) {
            last = post(url, token, Map.of("content", "burst " + i));
            if (last.statusCode() == 429) {
                break;
            }
            assertThat(last.statusCode()).as(last.body()).isEqualTo(201);
            limit = Integer.parseInt(last.headers().firstValue("X-RateLimit-Limit").orElseThrow());
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(limit).isPositive();
        var user = StackClient.post("/api/v1/channels/" + place.channelId() + "/messages", owner.token(),
                StackClient.json(Map.of("content", "the owner still talks")));
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
    }

    record Place(String serverId, String channelId) {
    }

    private static Place place(TestUsers.User owner, String visibility) {
        var server = StackClient.post("/api/v1/servers", owner.token(), StackClient.json(Map.of(
                "name", "Hooks " + owner.username(), "description", "e2e", "visibility", visibility)));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        var serverId = server.json().path("id").asText();
        var channel = StackClient.post("/api/v1/servers/" + serverId + "/channels", owner.token(),
                StackClient.json(Map.of("name", "hooks", "type", "text")),
                Map.of("Beep-Consistency-Token", server.consistencyToken()));
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
        return new Place(serverId, channel.json().path("id").asText());
    }

    private static StackClient.Answer create(TestUsers.User user, String channelId, String name) {
        return StackClient.post("/api/v1/channels/" + channelId + "/webhooks", user.token(),
                StackClient.json(Map.of("name", name)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String body) {
        try {
            return StackClient.JSON.readValue(body, Map.class);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static HttpResponse<String> post(String path, String token, Map<String, String> body) {
        var builder = HttpRequest.newBuilder(URI.create(StackClient.GATEWAY + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(StackClient.json(body)));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
