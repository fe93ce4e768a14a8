package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static io.beep.gateway.e2e.TestAccounts.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beep.gateway.e2e.TestAccounts.Account;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Friends and DM channels end to end through the gateway, with fresh Keycloak users per test: the
 * Friendship aggregate, the friendship saga creating the DM channel over gRPC, the DM's SpiceDB
 * relationships, the friendships projection and the query side.
 */
class FriendsIT {

    private static final String CONSISTENCY = "Beep-Consistency-Token";

    private static StackClient.Answer request(String token, String username) {
        return post("/api/v1/friends/requests", token, json(Map.of("username", username)));
    }

    private static StackClient.Answer accept(String token, String requestId) {
        return post("/api/v1/friends/requests/" + requestId + "/accept", token, "");
    }

    /** Makes a and b friends; answers the DM channel id. */
    private static String befriend(Account a, String aToken, Account b, String bToken) {
        var sent = request(aToken, b.username());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var accepted = accept(bToken, sent.json().path("id").asText());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return accepted.json().path("dmChannelId").asText();
    }

    private static List<String> ids(JsonNode items, String field) {
        var ids = new ArrayList<String>();
        items.forEach(i -> ids.add(i.path(field).asText()));
        return ids;
    }

    private static void assertProblem(StackClient.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).isEqualTo(code);
    }

    @Test
    void acceptedRequestGivesBothFriendsOneDmThatOnlyTheyCanUse() {
        var alice = TestAccounts.create("fa");
        var bob = TestAccounts.create("fb");
        var carol = TestAccounts.create("fc");
        var aliceToken = alice.token();
        var bobToken = bob.token();
        var carolToken = carol.token();

        var sent = request(aliceToken, bob.username());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("status").asText()).isEqualTo("pending");
        assertThat(sent.json().path("fromUserId").asText()).isEqualTo(alice.id());
        assertThat(sent.json().path("toUserId").asText()).isEqualTo(bob.id());
        var requestId = sent.json().path("id").asText();

        var incoming = get("/api/v1/friends/requests?direction=incoming", bobToken,
                Map.of(CONSISTENCY, sent.consistencyToken()));
        assertThat(incoming.status()).as(incoming.toString()).isEqualTo(200);
        assertThat(ids(incoming.json().path("items"), "id")).containsExactly(requestId);
        var outgoing = get("/api/v1/friends/requests?direction=outgoing", aliceToken,
                Map.of(CONSISTENCY, sent.consistencyToken()));
        assertThat(ids(outgoing.json().path("items"), "id")).containsExactly(requestId);
        var othersIncoming = get("/api/v1/friends/requests?direction=incoming", aliceToken,
                Map.of(CONSISTENCY, sent.consistencyToken()));
        assertThat(othersIncoming.json().path("items").size()).isZero();

        assertProblem(accept(carolToken, requestId), 404, "NOT_FOUND");
        assertProblem(accept(aliceToken, requestId), 403, "FORBIDDEN");

        var accepted = accept(bobToken, requestId);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().path("status").asText()).isEqualTo("accepted");
        var dm = accepted.json().path("dmChannelId").asText();
        assertThat(dm).matches("\\d+");

        var again = accept(bobToken, requestId);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("dmChannelId").asText()).isEqualTo(dm);

        var friends = get("/api/v1/friends", aliceToken, Map.of(CONSISTENCY, accepted.consistencyToken()));
        assertThat(friends.status()).as(friends.toString()).isEqualTo(200);
        assertThat(ids(friends.json().path("items"), "userId")).containsExactly(bob.id());
        assertThat(friends.json().path("items").get(0).path("dmChannelId").asText()).isEqualTo(dm);

        var channels = get("/api/v1/users/@me/channels", bobToken, Map.of(CONSISTENCY, accepted.consistencyToken()));
        assertThat(channels.status()).as(channels.toString()).isEqualTo(200);
        assertThat(ids(channels.json().path("items"), "id")).containsExactly(dm);
        var channel = channels.json().path("items").get(0);
        assertThat(channel.path("type").asText()).isEqualTo("dm");
        assertThat(channel.path("serverId").isNull()).isTrue();
        var recipients = new ArrayList<String>();
        channel.path("recipientIds").forEach(r -> recipients.add(r.asText()));
        assertThat(recipients).containsExactlyInAnyOrder(alice.id(), bob.id());
        var carolsChannels = get("/api/v1/users/@me/channels", carolToken, Map.of(CONSISTENCY, accepted.consistencyToken()));
        assertThat(carolsChannels.json().path("items").size()).isZero();

        var message = post("/api/v1/channels/" + dm + "/messages", aliceToken,
                json(Map.of("content", "hi bob", "nonce", "n-" + UUID.randomUUID())),
                Map.of(CONSISTENCY, accepted.consistencyToken()));
        assertThat(message.status()).as(message.toString()).isEqualTo(201);
        var history = get("/api/v1/channels/" + dm + "/messages", bobToken, Map.of(CONSISTENCY, message.consistencyToken()));
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.json().path("items").get(0).path("content").asText()).isEqualTo("hi bob");

        assertProblem(post("/api/v1/channels/" + dm + "/messages", carolToken, json(Map.of("content", "intruder"))),
                404, "NOT_FOUND");
        assertProblem(get("/api/v1/channels/" + dm + "/messages", carolToken), 404, "NOT_FOUND");
    }

    @Test
    void racingAcceptsCreateExactlyOneDm() {
        var alice = TestAccounts.create("ra");
        var bob = TestAccounts.create("rb");
        var aliceToken = alice.token();
        var bobToken = bob.token();
        var sent = request(aliceToken, bob.username());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var requestId = sent.json().path("id").asText();

        var answers = new ArrayList<CompletableFuture<StackClient.Answer>>();
        for (int i = 0; i < 4; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> accept(bobToken, requestId)));
        }
        var dms = new ArrayList<String>();
        String token = "0";
        for (var answer : answers) {
            var a = answer.join();
            assertThat(a.status()).as(a.toString()).isEqualTo(200);
            dms.add(a.json().path("dmChannelId").asText());
            if (Long.parseLong(a.consistencyToken()) > Long.parseLong(token)) {
                token = a.consistencyToken();
            }
        }
        assertThat(dms).containsOnly(dms.get(0));
        var channels = get("/api/v1/users/@me/channels", aliceToken, Map.of(CONSISTENCY, token));
        assertThat(ids(channels.json().path("items"), "id")).containsExactly(dms.get(0));
    }

    @Test
    void crossingRequestsMakeThemFriendsAndDuplicatesChangeNothing() {
        var alice = TestAccounts.create("ca");
        var bob = TestAccounts.create("cb");
        var aliceToken = alice.token();
        var bobToken = bob.token();

        var first = request(aliceToken, bob.username());
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        var duplicate = request(aliceToken, bob.username());
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(200);
        assertThat(duplicate.json().path("id").asText()).isEqualTo(first.json().path("id").asText());

        var crossing = request(bobToken, alice.username());
        assertThat(crossing.status()).as(crossing.toString()).isEqualTo(200);
        assertThat(crossing.json().path("status").asText()).isEqualTo("accepted");
        assertThat(crossing.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(crossing.json().path("dmChannelId").asText()).matches("\\d+");

        var friends = get("/api/v1/friends", bobToken, Map.of(CONSISTENCY, crossing.consistencyToken()));
        assertThat(ids(friends.json().path("items"), "userId")).containsExactly(alice.id());
        var pending = get("/api/v1/friends/requests", aliceToken, Map.of(CONSISTENCY, crossing.consistencyToken()));
        assertThat(pending.json().path("items").size()).isZero();

        assertProblem(request(aliceToken, bob.username()), 409, "ALREADY_EXISTS");
    }

    @Test
    void onlyTheAddresseeDeclinesAndOnlyTheSenderCancels() {
        var alice = TestAccounts.create("da");
        var bob = TestAccounts.create("db");
        var aliceToken = alice.token();
        var bobToken = bob.token();

        var sent = request(aliceToken, bob.username());
        var id = sent.json().path("id").asText();
        assertProblem(post("/api/v1/friends/requests/" + id + "/decline", aliceToken, ""), 403, "FORBIDDEN");
        var declined = post("/api/v1/friends/requests/" + id + "/decline", bobToken, "");
        assertThat(declined.status()).as(declined.toString()).isEqualTo(200);
        assertThat(declined.json().path("status").asText()).isEqualTo("declined");
        var incoming = get("/api/v1/friends/requests?direction=incoming", bobToken,
                Map.of(CONSISTENCY, declined.consistencyToken()));
        assertThat(incoming.json().path("items").size()).isZero();
        assertProblem(accept(bobToken, id), 404, "NOT_FOUND");

        var again = request(aliceToken, bob.username());
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        var againId = again.json().path("id").asText();
        assertThat(againId).isNotEqualTo(id);
        assertProblem(call("DELETE", "/api/v1/friends/requests/" + againId, bobToken, null), 403, "FORBIDDEN");
        var cancelled = call("DELETE", "/api/v1/friends/requests/" + againId, aliceToken, null);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(204);
        var outgoing = get("/api/v1/friends/requests?direction=outgoing", aliceToken,
                Map.of(CONSISTENCY, cancelled.consistencyToken()));
        assertThat(outgoing.json().path("items").size()).isZero();
    }

    @Test
    void afterRemovalTheDmStaysReadableButNobodyCanPost() {
        var alice = TestAccounts.create("xa");
        var bob = TestAccounts.create("xb");
        var aliceToken = alice.token();
        var bobToken = bob.token();
        var dm = befriend(alice, aliceToken, bob, bobToken);
        var message = post("/api/v1/channels/" + dm + "/messages", bobToken, json(Map.of("content", "before")));
        assertThat(message.status()).as(message.toString()).isEqualTo(201);

        var removed = call("DELETE", "/api/v1/friends/" + bob.id(), aliceToken, null);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertProblem(call("DELETE", "/api/v1/friends/" + bob.id(), aliceToken, null), 404, "NOT_FOUND");

        var friends = get("/api/v1/friends", bobToken, Map.of(CONSISTENCY, removed.consistencyToken()));
        assertThat(friends.json().path("items").size()).isZero();
        assertProblem(post("/api/v1/channels/" + dm + "/messages", aliceToken, json(Map.of("content", "after")),
                Map.of(CONSISTENCY, removed.consistencyToken())), 403, "MISSING_PERMISSION");
        assertProblem(post("/api/v1/channels/" + dm + "/messages", bobToken, json(Map.of("content", "after")),
                Map.of(CONSISTENCY, removed.consistencyToken())), 403, "MISSING_PERMISSION");
        var history = get("/api/v1/channels/" + dm + "/messages", aliceToken,
                Map.of(CONSISTENCY, removed.consistencyToken()));
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.json().path("items").get(0).path("content").asText()).isEqualTo("before");
        var channels = get("/api/v1/users/@me/channels", aliceToken, Map.of(CONSISTENCY, removed.consistencyToken()));
        assertThat(ids(channels.json().path("items"), "id")).containsExactly(dm);

        var dmAgain = befriend(bob, bobToken, alice, aliceToken);
        assertThat(dmAgain).isEqualTo(dm);
        var posted = post("/api/v1/channels/" + dm + "/messages", aliceToken, json(Map.of("content", "friends again")));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    }

    @Test
    void badRequestsAreProblems() {
        var alice = TestAccounts.create("ba");
        var aliceToken = alice.token();
        assertProblem(request(aliceToken, alice.username()), 400, "VALIDATION_FAILED");
        assertProblem(request(aliceToken, "nobody-" + UUID.randomUUID()), 404, "NOT_FOUND");
        assertProblem(post("/api/v1/friends/requests", aliceToken, "{\"username\":"), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/friends/requests", aliceToken, "{}"), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/friends/requests", aliceToken, "{\"username\": 42}"), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/friends/requests?direction=sideways", aliceToken), 400, "VALIDATION_FAILED");
        assertProblem(accept(aliceToken, "123456789"), 404, "NOT_FOUND");
        assertProblem(accept(aliceToken, "not-an-id"), 404, "NOT_FOUND");
        assertProblem(call("DELETE", "/api/v1/friends/" + UUID.randomUUID(), aliceToken, null), 404, "NOT_FOUND");
        assertThat(post("/api/v1/friends/requests", null, json(Map.of("username", "bob"))).status()).isEqualTo(401);
        assertThat(get("/api/v1/friends", null).status()).isEqualTo(401);
    }
}
