package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beep.gateway.e2e.TestAccounts.Account;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Group channels and reading private channels by id, end to end through the gateway with fresh
 * Keycloak users: the PrivateChannel aggregate, the group channel saga's relationships, the
 * friendships projection and the query side.
 */
class GroupChannelsIT {

    private static final String CONSISTENCY = "Beep-Consistency-Token";

    /** Makes a and b friends; answers the accept answer (its token covers the DM). */
    private static StackClient.Answer befriend(Account a, Account b) {
        var sent = post("/api/v1/friends/requests", a.token(), json(Map.of("username", b.username())));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var accepted = post("/api/v1/friends/requests/" + sent.json().path("id").asText() + "/accept", b.token(), "");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return accepted;
    }

    private static StackClient.Answer createGroup(String token, String name, List<String> recipients) {
        var body = new HashMap<String, Object>();
        body.put("type", "group");
        body.put("name", name);
        body.put("recipients", recipients);
        return post("/api/v1/channels", token, json(body));
    }

    private static StackClient.Answer call(String method, String path, String token, String consistency) {
        return StackClient.request(method, path, token, null,
                consistency == null ? Map.of() : Map.of(CONSISTENCY, consistency));
    }

    private static List<String> texts(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> channelIds(String token, String consistency) {
        var channels = get("/api/v1/users/@me/channels", token, Map.of(CONSISTENCY, consistency));
        assertThat(channels.status()).as(channels.toString()).isEqualTo(200);
        var ids = new ArrayList<String>();
        channels.json().path("items").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    private static void assertProblem(StackClient.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).isEqualTo(code);
    }

    @Test
    void groupOfFriendsIsListedReadableAndUsableOnlyByItsRecipients() {
        var owner = TestAccounts.create("go");
        var bob = TestAccounts.create("gb");
        var carol = TestAccounts.create("gc");
        var stranger = TestAccounts.create("gs");
        befriend(owner, bob);
        befriend(carol, owner);

        var created = createGroup(owner.token(), "  weekend  ", List.of(bob.id(), carol.id(), bob.id()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var group = created.json().path("id").asText();
        assertThat(created.json().path("type").asText()).isEqualTo("group");
        assertThat(created.json().path("name").asText()).isEqualTo("weekend");
        assertThat(texts(created.json().path("recipientIds"))).containsExactly(owner.id(), bob.id(), carol.id());
        var token = created.consistencyToken();

        assertThat(channelIds(bob.token(), token)).contains(group);
        assertThat(channelIds(stranger.token(), token)).doesNotContain(group);
        var read = get("/api/v1/channels/" + group, carol.token(), Map.of(CONSISTENCY, token));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("type").asText()).isEqualTo("group");
        assertThat(read.json().path("serverId").isNull()).isTrue();
        assertThat(texts(read.json().path("recipientIds"))).containsExactlyInAnyOrder(owner.id(), bob.id(), carol.id());
        assertProblem(get("/api/v1/channels/" + group, stranger.token(), Map.of(CONSISTENCY, token)), 404, "NOT_FOUND");

        var message = post("/api/v1/channels/" + group + "/messages", bob.token(),
                json(Map.of("content", "hello group", "nonce", "n-" + UUID.randomUUID())), Map.of(CONSISTENCY, token));
        assertThat(message.status()).as(message.toString()).isEqualTo(201);
        var history = get("/api/v1/channels/" + group + "/messages", carol.token(),
                Map.of(CONSISTENCY, message.consistencyToken()));
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.json().path("items").get(0).path("content").asText()).isEqualTo("hello group");
        assertProblem(post("/api/v1/channels/" + group + "/messages", stranger.token(), json(Map.of("content", "hi"))),
                404, "NOT_FOUND");
        assertProblem(get("/api/v1/channels/" + group + "/messages", stranger.token()), 404, "NOT_FOUND");
    }

    @Test
    void onlyFriendsCanBeRecipientsAndBadGroupsAreRejected() {
        var owner = TestAccounts.create("fo");
        var friend = TestAccounts.create("ff");
        var stranger = TestAccounts.create("fs");
        befriend(owner, friend);

        assertProblem(createGroup(owner.token(), "nope", List.of(friend.id(), stranger.id())), 403, "FORBIDDEN");
        assertProblem(post("/api/v1/channels", owner.token(), json(Map.of("name", "x", "recipients", List.of()))),
                400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/channels", owner.token(),
                json(Map.of("type", "text", "name", "x", "recipients", List.of()))), 400, "VALIDATION_FAILED");
        assertProblem(createGroup(owner.token(), " ", List.of(friend.id())), 400, "VALIDATION_FAILED");
        var many = new ArrayList<String>();
        for (int i = 0; i < 10; i++) {
            many.add(UUID.randomUUID().toString());
        }
        assertProblem(createGroup(owner.token(), "crowd", many), 400, "VALIDATION_FAILED");
        assertProblem(createGroup(owner.token(), "bad", List.of("not an id!")), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/channels", owner.token(), "{\"type\":"), 400, "VALIDATION_FAILED");
        assertThat(createGroup(null, "anon", List.of()).status()).isEqualTo(401);

        var alone = createGroup(owner.token(), "just me", List.of());
        assertThat(alone.status()).as(alone.toString()).isEqualTo(201);
        assertThat(texts(alone.json().path("recipientIds"))).containsExactly(owner.id());
    }

    @Test
    void ownerAddsFriendsMembersLeaveAndTheOldestRemainingMemberInheritsOwnership() {
        var owner = TestAccounts.create("oo");
        var bob = TestAccounts.create("ob");
        var carol = TestAccounts.create("oc");
        var dave = TestAccounts.create("od");
        befriend(owner, bob);
        befriend(owner, carol);
        var bobDave = befriend(bob, dave);

        var created = createGroup(owner.token(), "club", List.of(bob.id()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var group = created.json().path("id").asText();
        var token = created.consistencyToken();

        assertProblem(call("PUT", "/api/v1/channels/" + group + "/recipients/" + dave.id(), bob.token(), token),
                403, "MISSING_PERMISSION");
        assertProblem(call("PUT", "/api/v1/channels/" + group + "/recipients/" + dave.id(), owner.token(), token),
                403, "FORBIDDEN");
        assertProblem(call("PUT", "/api/v1/channels/" + group + "/recipients/" + carol.id(), dave.token(), token),
                404, "NOT_FOUND");

        var added = call("PUT", "/api/v1/channels/" + group + "/recipients/" + carol.id(), owner.token(), token);
        assertThat(added.status()).as(added.toString()).isEqualTo(204);
        var again = call("PUT", "/api/v1/channels/" + group + "/recipients/" + carol.id(), owner.token(), token);
        assertThat(again.status()).as(again.toString()).isEqualTo(204);
        assertThat(channelIds(carol.token(), added.consistencyToken())).contains(group);
        var read = get("/api/v1/channels/" + group, carol.token(), Map.of(CONSISTENCY, again.consistencyToken()));
        assertThat(texts(read.json().path("recipientIds"))).containsExactlyInAnyOrder(owner.id(), bob.id(), carol.id());

        var carolLeft = call("DELETE", "/api/v1/channels/" + group + "/recipients/@me", carol.token(),
                again.consistencyToken());
        assertThat(carolLeft.status()).as(carolLeft.toString()).isEqualTo(204);
        assertThat(channelIds(carol.token(), carolLeft.consistencyToken())).doesNotContain(group);
        assertProblem(get("/api/v1/channels/" + group, carol.token(), Map.of(CONSISTENCY, carolLeft.consistencyToken())),
                404, "NOT_FOUND");
        assertProblem(post("/api/v1/channels/" + group + "/messages", carol.token(), json(Map.of("content", "back?")),
                Map.of(CONSISTENCY, carolLeft.consistencyToken())), 404, "NOT_FOUND");
        assertProblem(call("DELETE", "/api/v1/channels/" + group + "/recipients/@me", carol.token(),
                carolLeft.consistencyToken()), 404, "NOT_FOUND");

        var ownerLeft = call("DELETE", "/api/v1/channels/" + group + "/recipients/@me", owner.token(),
                carolLeft.consistencyToken());
        assertThat(ownerLeft.status()).as(ownerLeft.toString()).isEqualTo(204);
        var daveAdded = call("PUT", "/api/v1/channels/" + group + "/recipients/" + dave.id(), bob.token(),
                Long.toString(Math.max(Long.parseLong(ownerLeft.consistencyToken()),
                        Long.parseLong(bobDave.consistencyToken()))));
        assertThat(daveAdded.status()).as(daveAdded.toString()).isEqualTo(204);
        var read2 = get("/api/v1/channels/" + group, dave.token(), Map.of(CONSISTENCY, daveAdded.consistencyToken()));
        assertThat(read2.status()).as(read2.toString()).isEqualTo(200);
        assertThat(texts(read2.json().path("recipientIds"))).containsExactlyInAnyOrder(bob.id(), dave.id());
    }

    @Test
    void dmChannelIsReadableByIdOnlyByItsTwoRecipientsAndItsRecipientsCannotChange() {
        var alice = TestAccounts.create("da");
        var bob = TestAccounts.create("db");
        var carol = TestAccounts.create("dc");
        befriend(alice, carol);
        var accepted = befriend(alice, bob);
        var dm = accepted.json().path("dmChannelId").asText();
        var token = accepted.consistencyToken();

        var read = get("/api/v1/channels/" + dm, bob.token(), Map.of(CONSISTENCY, token));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("type").asText()).isEqualTo("dm");
        assertThat(texts(read.json().path("recipientIds"))).containsExactlyInAnyOrder(alice.id(), bob.id());
        assertProblem(get("/api/v1/channels/" + dm, carol.token(), Map.of(CONSISTENCY, token)), 404, "NOT_FOUND");

        assertProblem(call("PUT", "/api/v1/channels/" + dm + "/recipients/" + carol.id(), alice.token(), token),
                403, "MISSING_PERMISSION");
        assertProblem(call("DELETE", "/api/v1/channels/" + dm + "/recipients/@me", alice.token(), token),
                400, "VALIDATION_FAILED");
    }
}
