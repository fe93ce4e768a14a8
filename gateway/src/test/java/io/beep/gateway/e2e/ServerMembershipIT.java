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
 * Joining, leaving, kicking, banning and roles through the gateway against the running stack, with
 * fresh accounts per test. Every write answers a consistency token; the next request sends it back,
 * so what it reads or is allowed reflects that write without polling.
 */
class ServerMembershipIT {

    private static Map<String, String> after(Answer answer) {
        assertThat(answer.consistencyToken()).as("consistency token of " + answer).isNotBlank();
        return Map.of("Beep-Consistency-Token", answer.consistencyToken());
    }

    private static String createServer(User owner, String visibility) {
        var server = post("/api/v1/servers", owner.token(), json(Map.of("name", "Members " + UUID.randomUUID(),
                "description", "membership e2e", "visibility", visibility)));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        return server.json().path("id").asText();
    }

    private static Answer join(User user, String serverId) {
        return post("/api/v1/servers/" + serverId + "/join", user.token(), "");
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).as(answer.toString()).isEqualTo(code);
    }

    @Test
    void memberJoinsAPublicServerSeesItListedAndLeaves() {
        var owner = TestUsers.fresh("owner");
        var member = TestUsers.fresh("member");
        var serverId = createServer(owner, "public");

        var joined = join(member, serverId);
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        assertThat(joined.json().path("memberCount").asLong()).isEqualTo(2);

        var mine = get("/api/v1/users/@me/servers", member.token(), after(joined));
        assertThat(mine.json().path("items").findValuesAsText("id")).containsExactly(serverId);
        var server = get("/api/v1/servers/" + serverId, owner.token(), after(joined));
        assertThat(server.json().path("memberCount").asLong()).isEqualTo(2);

        var firstPage = get("/api/v1/servers/" + serverId + "/members?limit=1", member.token(), after(joined));
        assertThat(firstPage.status()).as(firstPage.toString()).isEqualTo(200);
        assertThat(firstPage.json().path("items").findValuesAsText("userId")).containsExactly(owner.id());
        var cursor = firstPage.json().path("nextCursor").asText();
        var secondPage = get("/api/v1/servers/" + serverId + "/members?limit=1&cursor=" + cursor, member.token());
        assertThat(secondPage.json().path("items").findValuesAsText("userId")).containsExactly(member.id());
        assertThat(secondPage.json().path("nextCursor").isNull()).isTrue();

        var again = join(member, serverId);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("memberCount").asLong()).isEqualTo(2);

        var left = request("DELETE", "/api/v1/servers/" + serverId + "/members/@me", member.token(), null, Map.of());
        assertThat(left.status()).as(left.toString()).isEqualTo(204);
        assertThat(get("/api/v1/users/@me/servers", member.token(), after(left)).json().path("items").size()).isZero();
        assertThat(get("/api/v1/servers/" + serverId, member.token(), after(left)).status()).isEqualTo(404);
        assertThat(get("/api/v1/servers/" + serverId, owner.token(), after(left)).json().path("memberCount").asLong())
                .isEqualTo(1);
    }

    @Test
    void privateAndUnknownServersCannotBeJoinedAndTheOwnerCannotLeave() {
        var owner = TestUsers.fresh("owner");
        var stranger = TestUsers.fresh("stranger");
        var serverId = createServer(owner, "private");
        assertProblem(join(stranger, serverId), 404, "NOT_FOUND");
        assertProblem(join(stranger, "4242424242424242"), 404, "NOT_FOUND");
        assertProblem(join(stranger, "not-a-server"), 404, "NOT_FOUND");
        assertProblem(request("DELETE", "/api/v1/servers/" + serverId + "/members/@me", owner.token(), null, Map.of()),
                409, "OWNER_CANNOT_LEAVE");
        assertProblem(request("DELETE", "/api/v1/servers/" + serverId + "/members/@me", stranger.token(), null,
                Map.of()), 404, "NOT_FOUND");
    }

    @Test
    void kickedMemberMayRejoinButABannedOneCannotUntilUnbanned() {
        var owner = TestUsers.fresh("owner");
        var member = TestUsers.fresh("member");
        var serverId = createServer(owner, "public");
        var joined = join(member, serverId);
        assertThat(joined.status()).isEqualTo(200);

        assertProblem(request("DELETE", "/api/v1/servers/" + serverId + "/members/" + owner.id(), member.token(), null,
                after(joined)), 403, "MISSING_PERMISSION");
        assertProblem(request("PUT", "/api/v1/servers/" + serverId + "/bans/" + owner.id(), owner.token(), "{}",
                Map.of()), 403, "FORBIDDEN");

        var kicked = request("DELETE", "/api/v1/servers/" + serverId + "/members/" + member.id(), owner.token(), null,
                Map.of());
        assertThat(kicked.status()).as(kicked.toString()).isEqualTo(204);
        assertThat(get("/api/v1/servers/" + serverId, member.token(), after(kicked)).status()).isEqualTo(404);
        var members = get("/api/v1/servers/" + serverId + "/members", owner.token(), after(kicked));
        assertThat(members.json().path("items").findValuesAsText("userId")).containsExactly(owner.id());

        assertThat(join(member, serverId).status()).isEqualTo(200);
        var banned = request("PUT", "/api/v1/servers/" + serverId + "/bans/" + member.id(), owner.token(),
                json(Map.of("reason", "spam")), Map.of());
        assertThat(banned.status()).as(banned.toString()).isEqualTo(204);
        assertThat(get("/api/v1/servers/" + serverId, member.token(), after(banned)).status()).isEqualTo(404);
        assertProblem(join(member, serverId), 403, "FORBIDDEN");
        var bans = get("/api/v1/servers/" + serverId + "/bans", owner.token(), after(banned));
        assertThat(bans.status()).as(bans.toString()).isEqualTo(200);
        assertThat(bans.json().path("items").findValuesAsText("userId")).containsExactly(member.id());
        assertThat(bans.json().path("items").get(0).path("reason").asText()).isEqualTo("spam");
        assertThat(get("/api/v1/servers/" + serverId, owner.token(), after(banned)).json().path("memberCount").asLong())
                .isEqualTo(1);

        var unbanned = request("DELETE", "/api/v1/servers/" + serverId + "/bans/" + member.id(), owner.token(), null,
                Map.of());
        assertThat(unbanned.status()).isEqualTo(204);
        assertThat(join(member, serverId).status()).isEqualTo(200);
        assertProblem(request("DELETE", "/api/v1/servers/" + serverId + "/bans/" + member.id(), owner.token(), null,
                Map.of()), 404, "NOT_FOUND");
    }

    @Test
    void aRoleGrantsAPermissionAndRemovingItBlocksTheVeryNextRequestCarryingTheToken() {
        var owner = TestUsers.fresh("owner");
        var member = TestUsers.fresh("member");
        var serverId = createServer(owner, "public");
        var joined = join(member, serverId);
        var channels = "/api/v1/servers/" + serverId + "/channels";
        assertProblem(post(channels, member.token(), json(Map.of("name", "nope")), after(joined)), 403,
                "MISSING_PERMISSION");

        var role = post("/api/v1/servers/" + serverId + "/roles", owner.token(),
                json(Map.of("name", "builders", "permissions", List.of("MANAGE_CHANNELS"))));
        assertThat(role.status()).as(role.toString()).isEqualTo(201);
        var roleId = role.json().path("id").asText();
        assertThat(role.json().path("permissions").get(0).asText()).isEqualTo("MANAGE_CHANNELS");

        var assigned = request("PUT", "/api/v1/servers/" + serverId + "/members/" + member.id() + "/roles/" + roleId,
                owner.token(), null, Map.of());
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(204);
        var built = post(channels, member.token(), json(Map.of("name", "built")), after(assigned));
        assertThat(built.status()).as(built.toString()).isEqualTo(201);
        var memberView = get("/api/v1/servers/" + serverId + "/members/" + member.id(), owner.token(), after(assigned));
        assertThat(memberView.json().path("roleIds").get(0).asText()).isEqualTo(roleId);
        var roles = get("/api/v1/servers/" + serverId + "/roles", member.token(), after(assigned));
        assertThat(roles.json().path("items").findValuesAsText("name")).containsExactly("@everyone", "builders");

        var removed = request("DELETE", "/api/v1/servers/" + serverId + "/members/" + member.id() + "/roles/" + roleId,
                owner.token(), null, Map.of());
        assertThat(removed.status()).isEqualTo(204);
        assertProblem(post(channels, member.token(), json(Map.of("name", "too-late")), after(removed)), 403,
                "MISSING_PERMISSION");

        var reassigned = request("PUT", "/api/v1/servers/" + serverId + "/members/" + member.id() + "/roles/" + roleId,
                owner.token(), null, Map.of());
        var emptied = request("PATCH", "/api/v1/servers/" + serverId + "/roles/" + roleId, owner.token(),
                json(Map.of("permissions", List.of("SEND_MESSAGES"))), after(reassigned));
        assertThat(emptied.status()).as(emptied.toString()).isEqualTo(200);
        assertProblem(post(channels, member.token(), json(Map.of("name", "still-no")), after(emptied)), 403,
                "MISSING_PERMISSION");

        var granted = request("PATCH", "/api/v1/servers/" + serverId + "/roles/" + roleId, owner.token(),
                json(Map.of("permissions", List.of("ADMINISTRATOR"))), Map.of());
        assertThat(post(channels, member.token(), json(Map.of("name", "admin-made")), after(granted)).status())
                .isEqualTo(201);
        var deleted = request("DELETE", "/api/v1/servers/" + serverId + "/roles/" + roleId, owner.token(), null,
                Map.of());
        assertThat(deleted.status()).isEqualTo(204);
        assertProblem(post(channels, member.token(), json(Map.of("name", "gone")), after(deleted)), 403,
                "MISSING_PERMISSION");
    }

    @Test
    void adminOfOneServerHasNothingInAnother() {
        var ownerA = TestUsers.fresh("owner-a");
        var ownerB = TestUsers.fresh("owner-b");
        var serverA = createServer(ownerA, "public");
        var serverB = createServer(ownerB, "public");
        var joined = join(ownerA, serverB);
        assertThat(joined.status()).isEqualTo(200);
        var h = after(joined);
        var b = "/api/v1/servers/" + serverB;
        assertProblem(request("PATCH", b, ownerA.token(), json(Map.of("name", "mine now")), h), 403, "MISSING_PERMISSION");
        assertProblem(request("DELETE", b, ownerA.token(), null, h), 403, "MISSING_PERMISSION");
        assertProblem(post(b + "/roles", ownerA.token(), json(Map.of("name", "x")), h), 403, "MISSING_PERMISSION");
        assertProblem(request("PUT", b + "/bans/" + ownerB.id(), ownerA.token(), null, h), 403, "MISSING_PERMISSION");
        assertProblem(request("DELETE", b + "/members/" + ownerB.id(), ownerA.token(), null, h), 403,
                "MISSING_PERMISSION");
        assertProblem(get(b + "/bans", ownerA.token(), h), 403, "MISSING_PERMISSION");
        assertProblem(post(b + "/channels", ownerA.token(), json(Map.of("name", "x")), h), 403, "MISSING_PERMISSION");
        var everyoneB = get(b + "/roles", ownerA.token(), h).json().path("items").get(0).path("id").asText();
        assertProblem(request("PATCH", b + "/roles/" + everyoneB, ownerA.token(),
                json(Map.of("permissions", List.of("ADMINISTRATOR"))), h), 403, "MISSING_PERMISSION");

        var a = "/api/v1/servers/" + serverA;
        assertProblem(get(a + "/members", ownerB.token()), 404, "NOT_FOUND");
        assertProblem(get(a + "/roles", ownerB.token()), 404, "NOT_FOUND");
        assertProblem(request("PATCH", a, ownerB.token(), json(Map.of("name", "x")), Map.of()), 404, "NOT_FOUND");
        assertProblem(post(a + "/roles", ownerB.token(), json(Map.of("name", "x")), Map.of()), 404, "NOT_FOUND");
    }

    @Test
    void badInputIsA400() {
        var owner = TestUsers.fresh("owner");
        var serverId = createServer(owner, "private");
        var roles = "/api/v1/servers/" + serverId + "/roles";
        assertProblem(post(roles, owner.token(), json(Map.of("name", "x", "permissions", List.of("FLY")))), 400,
                "VALIDATION_FAILED");
        assertProblem(post(roles, owner.token(), json(Map.of("name", "r".repeat(101)))), 400, "VALIDATION_FAILED");
        assertProblem(post(roles, owner.token(), json(Map.of("name", " "))), 400, "VALIDATION_FAILED");
        assertProblem(post(roles, owner.token(), "{\"name\": \"x\", \"permissions\": \"ADMINISTRATOR\"}"), 400,
                "VALIDATION_FAILED");
        assertProblem(request("PATCH", "/api/v1/servers/" + serverId, owner.token(),
                json(Map.of("name", "n".repeat(101))), Map.of()), 400, "VALIDATION_FAILED");
        assertProblem(request("PATCH", "/api/v1/servers/" + serverId, owner.token(),
                json(Map.of("visibility", "secret")), Map.of()), 400, "VALIDATION_FAILED");
        var everyone = get(roles, owner.token()).json().path("items").get(0).path("id").asText();
        assertProblem(request("DELETE", roles + "/" + everyone, owner.token(), null, Map.of()), 400,
                "VALIDATION_FAILED");
        assertProblem(get("/api/v1/servers/" + serverId + "/members?limit=0", owner.token()), 400, "VALIDATION_FAILED");
    }

    @Test
    void ownerUpdatesThenDeletesTheServerForEveryone() {
        var owner = TestUsers.fresh("owner");
        var member = TestUsers.fresh("member");
        var serverId = createServer(owner, "public");
        join(member, serverId);
        var updated = request("PATCH", "/api/v1/servers/" + serverId, owner.token(),
                json(Map.of("name", "Renamed", "visibility", "private")), Map.of());
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("name").asText()).isEqualTo("Renamed");
        var read = get("/api/v1/servers/" + serverId, member.token(), after(updated));
        assertThat(read.json().path("name").asText()).isEqualTo("Renamed");
        assertThat(read.json().path("visibility").asText()).isEqualTo("private");

        assertProblem(request("DELETE", "/api/v1/servers/" + serverId, member.token(), null, Map.of()), 403,
                "MISSING_PERMISSION");
        var deleted = request("DELETE", "/api/v1/servers/" + serverId, owner.token(), null, Map.of());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(get("/api/v1/servers/" + serverId, owner.token(), after(deleted)).status()).isEqualTo(404);
        assertThat(get("/api/v1/users/@me/servers", member.token(), after(deleted)).json().path("items").size())
                .isZero();
    }
}
