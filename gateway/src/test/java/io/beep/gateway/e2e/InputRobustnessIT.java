package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.InvitesIT.after;
import static io.beep.gateway.e2e.InvitesIT.assertProblem;
import static io.beep.gateway.e2e.InvitesIT.createServer;
import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static io.beep.gateway.e2e.StackClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.gateway.e2e.StackClient.Answer;
import io.beep.gateway.e2e.TestUsers.User;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Hostile or odd input through the gateway: each answers a 4xx problem with a stable code (never a
 * 500 or a 503 blaming a dependency) and leaves nothing half-written behind. Bodies are written as
 * raw JSON text where the point is JSON the client libraries would not produce (duplicate keys,
 * escapes of half a surrogate pair, NUL).
 */
class InputRobustnessIT {

    private static String textChannel(User owner, String serverId) {
        var channel = post("/api/v1/servers/" + serverId + "/channels", owner.token(),
                json(Map.of("name", "robust", "type", "text")));
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
        return channel.json().path("id").asText();
    }

    @Test
    void aKeyGivenTwiceInOneBodyIsRefusedAndCreatesNothing() {
        var owner = TestUsers.fresh("robust-dup");
        var channelId = textChannel(owner, createServer(owner, "private"));

        var webhook = post("/api/v1/channels/" + channelId + "/webhooks", owner.token(), "{\"name\":\"a\",\"name\":\"b\"}");
        assertProblem(webhook, 400, "VALIDATION_FAILED");
        var role = post("/api/v1/servers/" + createServer(owner, "private") + "/roles", owner.token(),
                "{\"name\":\"a\",\"name\":\"b\",\"permissions\":[]}");
        assertProblem(role, 400, "VALIDATION_FAILED");

        var valid = post("/api/v1/channels/" + channelId + "/webhooks", owner.token(), json(Map.of("name", "c")));
        assertThat(valid.status()).as(valid.toString()).isEqualTo(201);
        var hooks = get("/api/v1/channels/" + channelId + "/webhooks", owner.token(), after(valid));
        assertThat(hooks.json().path("items").findValuesAsText("name")).containsExactly("c");
    }

    @Test
    void halfASurrogatePairIsRefusedInNamesAndMessages() {
        var owner = TestUsers.fresh("robust-utf");
        var serverId = createServer(owner, "private");
        var channelId = textChannel(owner, serverId);

        assertProblem(request("PATCH", "/api/v1/servers/" + serverId, owner.token(), "{\"name\":\"\\ud800srv\"}", Map.of()),
                400, "VALIDATION_FAILED");
        var sent = post("/api/v1/channels/" + channelId + "/messages", owner.token(), "{\"content\":\"x\\udfff\"}");
        assertProblem(sent, 400, "VALIDATION_FAILED");
        var paired = post("/api/v1/channels/" + channelId + "/messages", owner.token(), "{\"content\":\"\\ud83d\\ude00\"}");
        assertThat(paired.status()).as(paired.toString()).isEqualTo(201);

        var messages = get("/api/v1/channels/" + channelId + "/messages", owner.token(), after(paired));
        assertThat(messages.json().path("items").findValuesAsText("content")).containsExactly("\uD83D\uDE00");
        assertThat(get("/api/v1/servers/" + serverId, owner.token(), after(paired)).json().path("name").asText())
                .as("the refused rename changed nothing").startsWith("Invites ");
    }

    @Test
    void halfASurrogatePairInMyNameIsRefusedAndICanStillSignIn() {
        var account = TestAccounts.create("robust-name");
        var token = account.token();

        var patched = request("PATCH", "/api/v1/users/@me", token, "{\"firstName\":\"\\ud800\"}", Map.of());
        assertProblem(patched, 400, "VALIDATION_FAILED");

        var again = account.token();
        assertThat(get("/api/v1/users/@me", again).json().path("firstName").asText()).isEqualTo("E2e");
    }

    @Test
    void namesWithControlCharactersFindNobodyInsteadOfFailing() {
        var user = TestUsers.fresh("robust-nul");

        assertProblem(post("/api/v1/friends/requests", user.token(), "{\"username\":\"a\\u0000b\"}"), 404, "NOT_FOUND");
        var found = get("/api/v1/users?username=%00", user.token());
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().path("items").size()).isZero();
        assertProblem(post("/api/v1/auth/register", null, "{\"email\":\"a\\u0000b@robust.beep.local\",\"username\":\"robust"
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"password\":\"Passw0rd-robust\",\"firstName\":\"R\","
                + "\"lastName\":\"N\"}"), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/admin/users?q=%00", StackClient.token("admin")), 400, "VALIDATION_FAILED");
    }

    @Test
    void banningOrInvitingAnIdThatNamesNoUserIsNotFoundAndRecordsNothing() {
        var owner = TestUsers.fresh("robust-ban");
        var serverId = createServer(owner, "private");

        assertProblem(request("PUT", "/api/v1/servers/" + serverId + "/bans/nobody", owner.token(), "{}", Map.of()),
                404, "NOT_FOUND");
        assertProblem(request("PUT", "/api/v1/servers/" + serverId + "/bans/" + UUID.randomUUID(), owner.token(), null,
                Map.of()), 404, "NOT_FOUND");
        assertProblem(post("/api/v1/servers/" + serverId + "/invites", owner.token(), json(Map.of("targetUserId", "nobody"))),
                404, "NOT_FOUND");

        var bans = get("/api/v1/servers/" + serverId + "/bans", owner.token());
        assertThat(bans.status()).as(bans.toString()).isEqualTo(200);
        assertThat(bans.json().path("items").size()).isZero();
        var invites = get("/api/v1/servers/" + serverId + "/invites", owner.token());
        assertThat(invites.json().path("items").size()).isZero();
    }

    @Test
    void theSenderCannotAcceptTheirOwnRequestOnceItWasAccepted() {
        var sender = TestUsers.fresh("robust-from");
        var addressee = TestUsers.fresh("robust-to");
        var sent = post("/api/v1/friends/requests", sender.token(), json(Map.of("username", addressee.username())));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var requestId = sent.json().path("id").asText();
        var accepted = post("/api/v1/friends/requests/" + requestId + "/accept", addressee.token(), "");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);

        assertProblem(post("/api/v1/friends/requests/" + requestId + "/accept", sender.token(), ""), 403, "FORBIDDEN");
        assertThat(post("/api/v1/friends/requests/" + requestId + "/accept", addressee.token(), "").status()).isEqualTo(200);
    }

    @Test
    void oneIdempotencyKeyCreatesOneServerAlsoUnderConcurrentRepeats() {
        var owner = TestUsers.fresh("robust-idem");
        var key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        var body = json(Map.of("name", "Once " + UUID.randomUUID(), "description", "", "visibility", "private"));

        var racing = new ArrayList<CompletableFuture<Answer>>();
        for (int i = 0; i < 5; i++) {
            racing.add(CompletableFuture.supplyAsync(() -> post("/api/v1/servers", owner.token(), body, key)));
        }
        var ids = new HashSet<String>();
        Answer last = null;
        for (var answer : racing) {
            last = answer.join();
            assertThat(last.status()).as(last.toString()).isEqualTo(201);
            ids.add(last.json().path("id").asText());
        }
        var repeat = post("/api/v1/servers", owner.token(), body, key);
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(201);
        ids.add(repeat.json().path("id").asText());

        assertThat(ids).hasSize(1);
        var mine = get("/api/v1/users/@me/servers", owner.token(), after(last));
        assertThat(mine.json().path("items").findValuesAsText("id")).isEqualTo(List.copyOf(ids));
        assertProblem(post("/api/v1/servers/" + ids.iterator().next() + "/roles", owner.token(),
                json(Map.of("name", "r", "permissions", List.of())), key), 409, "CONFLICT");
    }

    @Test
    void aReplyMustNameAMessageOfItsOwnChannel() {
        var owner = TestUsers.fresh("robust-reply");
        var serverId = createServer(owner, "private");
        var here = textChannel(owner, serverId);
        var there = textChannel(owner, serverId);
        var original = post("/api/v1/channels/" + there + "/messages", owner.token(), json(Map.of("content", "there")));
        assertThat(original.status()).as(original.toString()).isEqualTo(201);
        var elsewhere = original.json().path("id").asText();

        assertProblem(post("/api/v1/channels/" + here + "/messages", owner.token(),
                json(Map.of("content", "reply", "replyTo", elsewhere))), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/channels/" + here + "/messages", owner.token(),
                json(Map.of("content", "reply", "replyTo", "123"))), 400, "VALIDATION_FAILED");
        var reply = post("/api/v1/channels/" + there + "/messages", owner.token(),
                json(Map.of("content", "reply", "replyTo", elsewhere)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().path("replyTo").asText()).isEqualTo(elsewhere);

        var messages = get("/api/v1/channels/" + here + "/messages", owner.token(), after(reply));
        assertThat(messages.json().path("items").size()).isZero();
    }

    @Test
    void aPathThatIsNotUtf8IsAProblemNotAnErrorPage() {
        var user = TestUsers.fresh("robust-path");

        assertProblem(get("/api/v1/users/@me/%FF", user.token()), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/servers/%E2%82", user.token()), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/users/%C3%A9t%C3%A9", user.token()), 404, "NOT_FOUND");
    }
}
