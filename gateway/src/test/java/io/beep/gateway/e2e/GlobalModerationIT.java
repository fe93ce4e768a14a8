package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static io.beep.gateway.e2e.StackClient.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beep.gateway.e2e.StackClient.Answer;
import io.beep.gateway.e2e.TestUsers.User;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Global moderation by realm role through the gateway: {@code mod} (user-moderator, server-moderator) and
 * {@code admin} (app-admin) may search, disable and enable accounts and delete any server; a server's own
 * administrator may not.
 */
class GlobalModerationIT {

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).as(answer.toString()).isEqualTo(code);
    }

    private static String createServer(User owner) {
        var server = post("/api/v1/servers", owner.token(), json(Map.of("name", "Moderated " + UUID.randomUUID(),
                "description", "moderation e2e", "visibility", "public")));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        return server.json().path("id").asText();
    }

    private static String subject(String token) {
        var payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        try {
            return StackClient.JSON.readTree(payload).path("sub").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void userModeratorFindsDisablesAndEnablesAnAccount() {
        var target = TestUsers.fresh("mod-target");
        var mod = StackClient.token("mod");

        var found = get("/api/v1/admin/users?q=" + target.username(), mod);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().path("items").findValuesAsText("id")).containsExactly(target.id());
        assertThat(found.json().path("items").get(0).path("enabled").asBoolean()).isTrue();

        var disabled = post("/api/v1/admin/users/" + target.id() + "/disable", mod, "");
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(204);
        assertThatThrownBy(() -> StackClient.token(target.username())).hasMessageContaining("no token");
        assertThat(get("/api/v1/admin/users?q=" + target.username(), mod).json().path("items").get(0)
                .path("enabled").asBoolean()).isFalse();
        assertThat(post("/api/v1/admin/users/" + target.id() + "/disable", mod, "").status()).isEqualTo(204);

        var enabled = post("/api/v1/admin/users/" + target.id() + "/enable", StackClient.token("admin"), "");
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(204);
        assertThat(StackClient.token(target.username())).isNotBlank();
    }

    @Test
    void theDisableIsRecordedAsAnEventInTheHistory() {
        var target = TestUsers.fresh("mod-history");
        var disabled = post("/api/v1/admin/users/" + target.id() + "/disable", StackClient.token("mod"), "");
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(204);
        var history = get("/api/v1/admin/events?aggregateId=" + target.id(), StackClient.token("admin"));
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.body()).contains("\"type\":\"UserDisabledEvent\"")
                .contains("\"disabledBy\":\"" + subject(StackClient.token("mod")) + "\"");
        post("/api/v1/admin/users/" + target.id() + "/enable", StackClient.token("mod"), "");
    }

    @Test
    void serverModeratorDeletesAnyServerLikeItsOwner() {
        var owner = TestUsers.fresh("mod-owner");
        var serverId = createServer(owner);
        var deleted = request("DELETE", "/api/v1/admin/servers/" + serverId, StackClient.token("mod"), null, Map.of());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        var gone = get("/api/v1/servers/" + serverId, owner.token(),
                Map.of("Beep-Consistency-Token", deleted.consistencyToken()));
        assertProblem(gone, 404, "NOT_FOUND");
        assertProblem(request("DELETE", "/api/v1/admin/servers/" + serverId, StackClient.token("admin"), null,
                Map.of()), 404, "NOT_FOUND");
    }

    @Test
    void ordinaryUsersAndServerAdministratorsAreForbidden() {
        var owner = TestUsers.fresh("mod-plain");
        var other = TestUsers.fresh("mod-victim");
        var serverId = createServer(owner);
        assertProblem(get("/api/v1/admin/users?q=a", owner.token()), 403, "FORBIDDEN");
        assertProblem(post("/api/v1/admin/users/" + other.id() + "/disable", owner.token(), ""), 403, "FORBIDDEN");
        assertProblem(post("/api/v1/admin/users/" + other.id() + "/enable", owner.token(), ""), 403, "FORBIDDEN");
        assertProblem(request("DELETE", "/api/v1/admin/servers/" + serverId, owner.token(), null, Map.of()), 403,
                "FORBIDDEN");
        assertThat(StackClient.token(other.username())).isNotBlank();
    }

    @Test
    void badInputIsRejected() {
        var mod = StackClient.token("mod");
        assertProblem(get("/api/v1/admin/users?limit=0", mod), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/admin/users?cursor=-4", mod), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/admin/users?q=" + "x".repeat(101), mod), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/admin/users/" + UUID.randomUUID() + "/disable", mod, ""), 404, "NOT_FOUND");
        assertProblem(request("DELETE", "/api/v1/admin/servers/not-a-server", mod, null, Map.of()), 404,
                "NOT_FOUND");
        var modId = subject(mod);
        assertProblem(post("/api/v1/admin/users/" + modId + "/disable", mod, ""), 400, "VALIDATION_FAILED");
    }
}
