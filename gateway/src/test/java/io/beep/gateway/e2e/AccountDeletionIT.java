package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /users/@me} through the gateway against the real stack: the Keycloak user goes, the
 * account-deletion saga ends server memberships, friendships and pending requests, and the user's
 * messages stay with {@code authorDeleted}. The saga works after the answer, so the effects are
 * awaited by reading until they show (bounded), never by sleeping a fixed time.
 */
class AccountDeletionIT {

    private static final int ATTEMPTS = 240;

    private static void assertProblem(StackClient.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).as(answer.toString()).isEqualTo(code);
    }

    private static Map<String, String> after(StackClient.Answer answer) {
        return Map.of("Beep-Consistency-Token", answer.consistencyToken());
    }

    /** Reads until the answer satisfies the condition; fails with the last answer after ATTEMPTS reads. */
    private static StackClient.Answer eventually(Supplier<StackClient.Answer> read, Predicate<StackClient.Answer> done) {
        StackClient.Answer last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            last = read.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("condition never met; last answer " + last);
    }

    private static List<String> values(StackClient.Answer answer, String field) {
        return answer.json().path("items").findValuesAsText(field);
    }

    @Test
    void deletingAnAccountEndsItsMembershipsFriendshipsAndRequestsButKeepsItsMessages() {
        var owner = TestUsers.fresh("del-owner");
        var leaving = TestUsers.fresh("del-gone");
        var friend = TestUsers.fresh("del-friend");
        var asked = TestUsers.fresh("del-asked");
        var asking = TestUsers.fresh("del-asking");

        var server = post("/api/v1/servers", owner.token(), json(Map.of("name", "Deletion " + UUID.randomUUID(),
                "description", "account deletion e2e", "visibility", "public")));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        var serverId = server.json().path("id").asText();
        var channel = post("/api/v1/servers/" + serverId + "/channels", owner.token(),
                json(Map.of("name", "talk", "type", "text")), after(server));
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
        var channelId = channel.json().path("id").asText();
        var joined = post("/api/v1/servers/" + serverId + "/join", leaving.token(), "");
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        var sent = post("/api/v1/channels/" + channelId + "/messages", leaving.token(),
                json(Map.of("content", "remember me")), after(joined));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var messageId = sent.json().path("id").asText();

        var request = post("/api/v1/friends/requests", leaving.token(), json(Map.of("username", friend.username())));
        var accepted = post("/api/v1/friends/requests/" + request.json().path("id").asText() + "/accept",
                friend.token(), "");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        var outgoing = post("/api/v1/friends/requests", leaving.token(), json(Map.of("username", asked.username())));
        assertThat(outgoing.status()).as(outgoing.toString()).isEqualTo(201);
        var incoming = post("/api/v1/friends/requests", asking.token(), json(Map.of("username", leaving.username())));
        assertThat(incoming.status()).as(incoming.toString()).isEqualTo(201);

        var deleted = TestAccounts.call("DELETE", "/api/v1/users/@me", leaving.token(), null);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThatThrownBy(() -> StackClient.token(leaving.username())).hasMessageContaining("401");
        assertThat(StackClient.token(owner.username())).as("only the caller's account is gone").isNotBlank();

        eventually(() -> get("/api/v1/servers/" + serverId + "/members?limit=100", owner.token()),
                a -> a.status() == 200 && !values(a, "userId").contains(leaving.id())
                        && values(a, "userId").contains(owner.id()));
        eventually(() -> get("/api/v1/friends", friend.token()),
                a -> a.status() == 200 && a.json().path("items").isEmpty());
        eventually(() -> get("/api/v1/friends/requests?direction=incoming", asked.token()),
                a -> a.status() == 200 && a.json().path("items").isEmpty());
        eventually(() -> get("/api/v1/friends/requests?direction=outgoing", asking.token()),
                a -> a.status() == 200 && a.json().path("items").isEmpty());
        var kept = eventually(() -> get("/api/v1/channels/" + channelId + "/messages/" + messageId, owner.token()),
                a -> a.status() == 200 && a.json().path("authorDeleted").asBoolean());
        assertThat(kept.json().path("content").asText()).isEqualTo("remember me");
        assertThat(kept.json().path("authorId").asText()).isEqualTo(leaving.id());

        var events = lines(get("/api/v1/admin/events?types=AccountDeletedEvent&aggregateId=" + leaving.id(),
                StackClient.token("admin")));
        assertThat(events).hasSize(1);
        var payload = events.get(0).path("payload");
        assertThat(payload.path("serverIds").toString()).contains(serverId);
        assertThat(payload.path("friendshipIds").size()).isEqualTo(3);
        assertThat(payload.path("source").asText()).isEqualTo("beep");
    }

    @Test
    void anOwnerMustDeleteTheirServersFirst() {
        var owner = TestUsers.fresh("del-owns");
        var server = post("/api/v1/servers", owner.token(), json(Map.of("name", "Kept " + UUID.randomUUID(),
                "description", "owner deletion e2e", "visibility", "private")));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);

        assertProblem(TestAccounts.call("DELETE", "/api/v1/users/@me", owner.token(), null), 409, "OWNER_CANNOT_LEAVE");
        assertThat(StackClient.token(owner.username())).as("the account is still there").isNotBlank();

        var serverId = server.json().path("id").asText();
        var gone = TestAccounts.call("DELETE", "/api/v1/servers/" + serverId, owner.token(), null);
        assertThat(gone.status()).as(gone.toString()).isIn(200, 204);
        var deleted = TestAccounts.call("DELETE", "/api/v1/users/@me", owner.token(), null);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(TestAccounts.call("DELETE", "/api/v1/users/@me", null, null).status()).isEqualTo(401);
    }

    private static List<JsonNode> lines(StackClient.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.body().lines().filter(l -> !l.isBlank()).map(l -> {
            try {
                return StackClient.JSON.readTree(l);
            } catch (IOException e) {
                throw new IllegalStateException(l, e);
            }
        }).toList();
    }
}
