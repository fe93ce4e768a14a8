package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static io.beep.gateway.e2e.StackClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.gateway.e2e.StackClient.Answer;
import io.beep.gateway.e2e.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A server's audit log through the gateway: what was done, by whom, to what, newest first, paged and
 * filtered by action; MANAGE_SERVER only, and nothing about another server.
 */
class AuditLogIT {

    private static Map<String, String> after(Answer answer) {
        assertThat(answer.consistencyToken()).as("consistency token of " + answer).isNotBlank();
        return Map.of("Beep-Consistency-Token", answer.consistencyToken());
    }

    private static String createServer(User owner) {
        var server = post("/api/v1/servers", owner.token(), json(Map.of("name", "Audit " + UUID.randomUUID(),
                "description", "audit e2e", "visibility", "public")));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        return server.json().path("id").asText();
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).as(answer.toString()).isEqualTo(code);
    }

    private static List<String> actions(Answer page) {
        var actions = new ArrayList<String>();
        page.json().path("items").forEach(item -> actions.add(item.path("action").asText()));
        return actions;
    }

    @Test
    void ownerReadsWhoDidWhatNewestFirstPagedAndFiltered() {
        var owner = TestUsers.fresh("audit-owner");
        var member = TestUsers.fresh("audit-member");
        var serverId = createServer(owner);
        var joined = post("/api/v1/servers/" + serverId + "/join", member.token(), "");
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        var role = post("/api/v1/servers/" + serverId + "/roles", owner.token(),
                json(Map.of("name", "auditors", "permissions", List.of("MANAGE_SERVER"))));
        assertThat(role.status()).as(role.toString()).isIn(200, 201);
        var roleId = role.json().path("id").asText();
        var kicked = request("DELETE", "/api/v1/servers/" + serverId + "/members/" + member.id(), owner.token(), null,
                after(role));
        assertThat(kicked.status()).as(kicked.toString()).isEqualTo(204);

        var log = get("/api/v1/servers/" + serverId + "/audit-log", owner.token(), after(kicked));
        assertThat(log.status()).as(log.toString()).isEqualTo(200);
        assertThat(actions(log)).startsWith("member_kicked", "role_created", "member_joined")
                .contains("server_created", "channel_created");
        var kick = log.json().path("items").get(0);
        assertThat(kick.path("actorId").asText()).isEqualTo(owner.id());
        assertThat(kick.path("targetId").asText()).isEqualTo(member.id());
        assertThat(kick.path("id").asText()).isNotBlank();
        assertThat(kick.path("at").asText()).isNotBlank();
        var created = log.json().path("items").get(1);
        assertThat(created.path("targetId").asText()).isEqualTo(roleId);
        assertThat(created.path("details").path("name").asText()).isEqualTo("auditors");
        var join = log.json().path("items").get(2);
        assertThat(join.path("actorId").asText()).isEqualTo(member.id());

        var first = get("/api/v1/servers/" + serverId + "/audit-log?limit=2", owner.token());
        assertThat(actions(first)).containsExactly("member_kicked", "role_created");
        var second = get("/api/v1/servers/" + serverId + "/audit-log?limit=2&cursor="
                + first.json().path("nextCursor").asText(), owner.token());
        assertThat(actions(second)).first().isEqualTo("member_joined");

        var onlyJoins = get("/api/v1/servers/" + serverId + "/audit-log?type=member_joined", owner.token());
        assertThat(actions(onlyJoins)).containsExactly("member_joined");
        assertThat(onlyJoins.json().path("nextCursor").isNull()).isTrue();
    }

    @Test
    void membersWithoutManageServerAndOutsidersAreRefused() {
        var owner = TestUsers.fresh("audit-owner");
        var member = TestUsers.fresh("audit-member");
        var otherAdmin = TestUsers.fresh("audit-other");
        var serverId = createServer(owner);
        createServer(otherAdmin);
        var joined = post("/api/v1/servers/" + serverId + "/join", member.token(), "");

        assertProblem(get("/api/v1/servers/" + serverId + "/audit-log", member.token(), after(joined)), 403,
                "MISSING_PERMISSION");
        assertProblem(get("/api/v1/servers/" + serverId + "/audit-log", otherAdmin.token(), after(joined)), 404,
                "NOT_FOUND");
    }

    @Test
    void badParametersAreRejected() {
        var owner = TestUsers.fresh("audit-owner");
        var serverId = createServer(owner);
        assertProblem(get("/api/v1/servers/" + serverId + "/audit-log?type=DROP%20TABLE", owner.token()), 400,
                "VALIDATION_FAILED");
        assertProblem(get("/api/v1/servers/" + serverId + "/audit-log?limit=0", owner.token()), 400,
                "VALIDATION_FAILED");
        assertProblem(get("/api/v1/servers/" + serverId + "/audit-log?cursor=nonsense", owner.token()), 400,
                "VALIDATION_FAILED");
        assertProblem(get("/api/v1/servers/not-a-server/audit-log", owner.token()), 404, "NOT_FOUND");
    }
}
