package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static io.beep.gateway.e2e.StackClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.gateway.e2e.StackClient.Answer;
import io.beep.gateway.e2e.TestUsers.User;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The per-user "viewable channels of a server" cache of server-wide search (60 s in Redis) is
 * invalidated by permission changes: a member's search WITHOUT a consistency token stops returning a
 * channel's messages soon after a change hides the channel from them, well before the cache entry
 * would have expired. Awaited by polling (bounded far below the 60 s lifetime), never by timing.
 */
class SearchCacheInvalidationIT {

    /** Far below the cache entry's 60 s: reaching the end means the entry was not invalidated. */
    private static final int ATTEMPTS = 60;

    @Test
    void removingTheRoleThatShowsAChannelHidesItsMessagesFromTheNextSearchWithoutAToken() {
        var owner = TestUsers.fresh("sc-owner");
        var member = TestUsers.fresh("sc-member");
        var server = post("/api/v1/servers", owner.token(), json(Map.of("name", "Search cache " + UUID.randomUUID(),
                "description", "search cache e2e", "visibility", "public")));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        var serverId = server.json().path("id").asText();
        var secret = post("/api/v1/servers/" + serverId + "/channels", owner.token(), json(Map.of("name", "secret")));
        assertThat(secret.status()).as(secret.toString()).isEqualTo(201);
        var secretId = secret.json().path("id").asText();
        var joined = post("/api/v1/servers/" + serverId + "/join", member.token(), "");
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);

        var roles = get("/api/v1/servers/" + serverId + "/roles", owner.token(),
                Map.of("Beep-Consistency-Token", server.consistencyToken()));
        for (int i = 0; i < ATTEMPTS && roles.json().path("items").isEmpty(); i++) {
            pause();
            roles = get("/api/v1/servers/" + serverId + "/roles", owner.token());
        }
        assertThat(roles.json().path("items").path(0).path("name").asText()).as(roles.toString()).isEqualTo("@everyone");
        var everyone = roles.json().path("items").get(0).path("id").asText();
        assertThat(overwrite(owner, secretId, everyone, List.of(), List.of("VIEW_CHANNELS")).status()).isEqualTo(200);
        var role = post("/api/v1/servers/" + serverId + "/roles", owner.token(),
                json(Map.of("name", "insiders", "permissions", List.of())));
        assertThat(role.status()).as(role.toString()).isEqualTo(201);
        var roleId = role.json().path("id").asText();
        var roleMember = "/api/v1/servers/" + serverId + "/members/" + member.id() + "/roles/" + roleId;
        assertThat(request("PUT", roleMember, owner.token(), null, Map.of()).status()).isEqualTo(204);
        assertThat(overwrite(owner, secretId, roleId, List.of("VIEW_CHANNELS"), List.of()).status()).isEqualTo(200);

        // letters only (digits mapped to g..p), so the word is one search token of fixed length
        var word = "zq" + UUID.randomUUID().toString().replace("-", "").chars()
                .map(c -> Character.isDigit(c) ? 'g' + (c - '0') : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        var sent = post("/api/v1/channels/" + secretId + "/messages", owner.token(),
                json(Map.of("content", "the " + word + " plan")));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var messageId = sent.json().path("id").asText();

        // with the token of the send the member finds it (and fills the cache); without a token too
        var withToken = search(member, serverId, word, sent.consistencyToken());
        assertThat(withToken.status()).as(withToken.toString()).isEqualTo(200);
        assertThat(withToken.json().path("items").findValuesAsText("id")).containsExactly(messageId);
        assertThat(search(member, serverId, word, null).json().path("items").findValuesAsText("id"))
                .containsExactly(messageId);

        var removed = request("DELETE", roleMember, owner.token(), null, Map.of());
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);

        List<String> found = List.of(messageId);
        for (int i = 0; i < ATTEMPTS && !found.isEmpty(); i++) {
            pause();
            var answer = search(member, serverId, word, null);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            found = answer.json().path("items").findValuesAsText("id");
        }
        assertThat(found).as("the hidden channel's message is still found without a token").isEmpty();
        assertThat(search(owner, serverId, word, null).json().path("items").findValuesAsText("id"))
                .containsExactly(messageId);
    }

    private static Answer overwrite(User actor, String channelId, String targetId, List<String> allow, List<String> deny) {
        return request("PUT", "/api/v1/channels/" + channelId + "/permissions/" + targetId, actor.token(),
                json(Map.of("targetType", "role", "allow", allow, "deny", deny)), Map.of());
    }

    private static Answer search(User user, String serverId, String word, String consistency) {
        var path = "/api/v1/servers/" + serverId + "/messages/search?q=" + word;
        return consistency == null ? get(path, user.token())
                : get(path, user.token(), Map.of("Beep-Consistency-Token", consistency));
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
