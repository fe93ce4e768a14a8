package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static io.beep.gateway.e2e.StackClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.gateway.e2e.StackClient.Answer;
import io.beep.gateway.e2e.TestUsers.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Invitations through the gateway against the running stack: links with use limits and expiry,
 * personal invitations, bans, revocation, and the use limit under concurrent accepts.
 */
class InvitesIT {

    static Map<String, String> after(Answer answer) {
        assertThat(answer.consistencyToken()).as("consistency token of " + answer).isNotBlank();
        return Map.of("Beep-Consistency-Token", answer.consistencyToken());
    }

    static String createServer(User owner, String visibility) {
        var server = post("/api/v1/servers", owner.token(), json(Map.of("name", "Invites " + UUID.randomUUID(),
                "description", "invites e2e", "visibility", visibility)));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        return server.json().path("id").asText();
    }

    static Answer invite(User user, String serverId, Map<String, Object> body) {
        return post("/api/v1/servers/" + serverId + "/invites", user.token(), json(body));
    }

    static Answer accept(User user, String code) {
        return post("/api/v1/invites/" + code + "/accept", user.token(), "");
    }

    static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).as(answer.toString()).isEqualTo(code);
    }

    @Test
    void aLinkLetsStrangersIntoAPrivateServerUntilItIsUsedUp() {
        var owner = TestUsers.fresh("inv-owner");
        var first = TestUsers.fresh("inv-first");
        var second = TestUsers.fresh("inv-second");
        var serverId = createServer(owner, "private");
        var created = invite(owner, serverId, Map.of("maxAgeSeconds", 3600, "maxUses", 1));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var code = created.json().path("code").asText();
        assertThat(created.json().path("serverId").asText()).isEqualTo(serverId);
        assertThat(created.json().path("maxUses").asInt()).isEqualTo(1);
        assertThat(created.json().path("uses").asInt()).isZero();
        assertThat(created.json().path("expiresAt").isNull()).isFalse();

        var preview = get("/api/v1/invites/" + code, first.token(), after(created));
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().path("serverName").asText()).startsWith("Invites ");
        assertThat(preview.json().path("memberCount").asInt()).isEqualTo(1);
        assertProblem(post("/api/v1/servers/" + serverId + "/join", first.token(), ""), 404, "NOT_FOUND");

        var joined = accept(first, code);
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        assertThat(joined.json().path("id").asText()).isEqualTo(serverId);
        assertThat(get("/api/v1/servers/" + serverId, first.token(), after(joined)).status()).isEqualTo(200);
        var mine = get("/api/v1/users/@me/servers", first.token(), after(joined));
        assertThat(mine.json().path("items").findValuesAsText("id")).containsExactly(serverId);

        assertProblem(accept(second, code), 410, "INVITE_USED_UP");
        assertProblem(get("/api/v1/invites/" + code, second.token(), after(joined)), 410, "INVITE_USED_UP");
        var listed = get("/api/v1/servers/" + serverId + "/invites", owner.token(), after(joined));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json().path("items").get(0).path("uses").asInt()).isEqualTo(1);
        assertThat(accept(first, code).status()).as("a member accepting again changes nothing").isEqualTo(200);
    }

    @Test
    void aPersonalInvitationIsForItsTargetOnlyWhoMayDeclineIt() {
        var owner = TestUsers.fresh("inv-owner");
        var target = TestUsers.fresh("inv-target");
        var other = TestUsers.fresh("inv-other");
        var serverId = createServer(owner, "private");
        var created = invite(owner, serverId, Map.of("targetUserId", target.id()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var code = created.json().path("code").asText();

        var mine = get("/api/v1/users/@me/invites", target.token(), after(created));
        assertThat(mine.json().path("items").findValuesAsText("code")).containsExactly(code);
        assertThat(get("/api/v1/users/@me/invites", other.token(), after(created)).json().path("items").size())
                .isZero();
        assertProblem(get("/api/v1/invites/" + code, other.token(), after(created)), 404, "NOT_FOUND");
        assertProblem(accept(other, code), 404, "NOT_FOUND");
        assertProblem(post("/api/v1/invites/" + code + "/decline", other.token(), ""), 404, "NOT_FOUND");

        var declined = post("/api/v1/invites/" + code + "/decline", target.token(), "");
        assertThat(declined.status()).as(declined.toString()).isEqualTo(204);
        assertThat(get("/api/v1/users/@me/invites", target.token(), after(declined)).json().path("items").size())
                .isZero();
        assertProblem(accept(target, code), 404, "NOT_FOUND");

        var again = invite(owner, serverId, Map.of("targetUserId", target.id()));
        var accepted = accept(target, again.json().path("code").asText());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(get("/api/v1/users/@me/invites", target.token(), after(accepted)).json().path("items").size())
                .isZero();
    }

    @Test
    void aBanBlocksEveryInvitationAndRevokedCodesStopWorking() {
        var owner = TestUsers.fresh("inv-owner");
        var banned = TestUsers.fresh("inv-banned");
        var stranger = TestUsers.fresh("inv-stranger");
        var serverId = createServer(owner, "public");
        var code = invite(owner, serverId, Map.of("maxUses", 0)).json().path("code").asText();
        var ban = request("PUT", "/api/v1/servers/" + serverId + "/bans/" + banned.id(), owner.token(), "{}",
                Map.of());
        assertThat(ban.status()).as(ban.toString()).isEqualTo(204);
        assertProblem(accept(banned, code), 403, "FORBIDDEN");

        assertProblem(request("DELETE", "/api/v1/invites/" + code, stranger.token(), null, Map.of()), 404,
                "NOT_FOUND");
        var revoked = request("DELETE", "/api/v1/invites/" + code, owner.token(), null, Map.of());
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
        assertProblem(accept(stranger, code), 404, "NOT_FOUND");
        assertProblem(get("/api/v1/invites/" + code, stranger.token(), after(revoked)), 404, "NOT_FOUND");
        assertProblem(accept(stranger, "no-such-code"), 404, "NOT_FOUND");
    }

    @Test
    void onlyInviteManagersCreateAndListAndAnotherServersAdminGetsNothing() {
        var owner = TestUsers.fresh("inv-owner");
        var member = TestUsers.fresh("inv-member");
        var otherOwner = TestUsers.fresh("inv-other-owner");
        var serverId = createServer(owner, "public");
        createServer(otherOwner, "public");
        var joined = post("/api/v1/servers/" + serverId + "/join", member.token(), "");
        assertThat(joined.status()).isEqualTo(200);

        assertProblem(invite(member, serverId, Map.of()), 403, "MISSING_PERMISSION");
        assertProblem(get("/api/v1/servers/" + serverId + "/invites", member.token(), after(joined)), 403,
                "MISSING_PERMISSION");
        assertProblem(invite(otherOwner, serverId, Map.of()), 404, "NOT_FOUND");
        assertProblem(get("/api/v1/servers/" + serverId + "/invites", otherOwner.token()), 404, "NOT_FOUND");
        var code = invite(owner, serverId, Map.of()).json().path("code").asText();
        assertProblem(request("DELETE", "/api/v1/invites/" + code, otherOwner.token(), null, Map.of()), 404,
                "NOT_FOUND");
        assertProblem(request("DELETE", "/api/v1/invites/" + code, member.token(), null, Map.of()), 403,
                "MISSING_PERMISSION");
    }

    @Test
    void badInvitationInputIsA400() {
        var owner = TestUsers.fresh("inv-owner");
        var serverId = createServer(owner, "private");
        assertProblem(invite(owner, serverId, Map.of("maxUses", -1)), 400, "VALIDATION_FAILED");
        assertProblem(invite(owner, serverId, Map.of("maxUses", 101)), 400, "VALIDATION_FAILED");
        assertProblem(invite(owner, serverId, Map.of("maxAgeSeconds", 604801)), 400, "VALIDATION_FAILED");
        assertProblem(invite(owner, serverId, Map.of("maxAgeSeconds", "soon")), 400, "VALIDATION_FAILED");
        assertProblem(invite(owner, serverId, Map.of("targetUserId", "not a user!")), 400, "VALIDATION_FAILED");
        assertProblem(invite(owner, serverId, Map.of("targetUserId", owner.id())), 409, "ALREADY_EXISTS");
    }

    @Test
    void concurrentAcceptsOfALinkJoinExactlyItsMaxUses() throws Exception {
        int users = 8;
        int maxUses = 3;
        var owner = TestUsers.fresh("inv-owner");
        var serverId = createServer(owner, "private");
        var code = invite(owner, serverId, Map.of("maxUses", maxUses)).json().path("code").asText();
        var joiners = IntStream.range(0, users).mapToObj(i -> TestUsers.fresh("inv-race")).toList();
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(users);
        try {
            var calls = new ArrayList<Callable<Answer>>();
            for (var joiner : joiners) {
                calls.add(() -> {
                    start.await();
                    return accept(joiner, code);
                });
            }
            var futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            var statuses = new HashMap<Integer, Integer>();
            Answer last = null;
            for (var future : futures) {
                var answer = future.get();
                statuses.merge(answer.status(), 1, Integer::sum);
                if (answer.status() == 200) {
                    if (last == null || Long.parseLong(answer.consistencyToken())
                            > Long.parseLong(last.consistencyToken())) {
                        last = answer;
                    }
                } else {
                    assertThat(answer.json().path("code").asText()).as(answer.toString()).isEqualTo("INVITE_USED_UP");
                }
            }
            assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(200, maxUses, 410, users - maxUses));
            var server = get("/api/v1/servers/" + serverId, owner.token(), after(last));
            assertThat(server.json().path("memberCount").asInt()).isEqualTo(1 + maxUses);
            var invites = get("/api/v1/servers/" + serverId + "/invites", owner.token(), after(last));
            assertThat(invites.json().path("items").get(0).path("uses").asInt()).isEqualTo(maxUses);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredLinkIsRefused() throws InterruptedException {
        var owner = TestUsers.fresh("inv-owner");
        var late = TestUsers.fresh("inv-late");
        var serverId = createServer(owner, "private");
        var created = invite(owner, serverId, Map.of("maxAgeSeconds", 1));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var code = created.json().path("code").asText();
        var expiresAt = java.time.Instant.parse(created.json().path("expiresAt").asText());
        while (java.time.Instant.now().isBefore(expiresAt.plusMillis(200))) {
            Thread.sleep(100);
        }
        assertProblem(accept(late, code), 410, "INVITE_EXPIRED");
        assertProblem(get("/api/v1/invites/" + code, late.token(), after(created)), 410, "INVITE_EXPIRED");
        assertThat(get("/api/v1/servers/" + serverId, late.token()).status()).isEqualTo(404);
    }
}
