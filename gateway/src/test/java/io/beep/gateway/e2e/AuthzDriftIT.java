package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.InvitesIT.createServer;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.gateway.e2e.StackClient.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The authorization drift check: a relationship removed from (or added to) SpiceDB behind the saga's back
 * is reported against what the events call for, and repaired on request, after which the permission
 * works again. Operators and app-admins only.
 */
class AuthzDriftIT {

    private static final String SPICEDB = StackClient.env("BEEP_SPICEDB_URL", "http://127.0.0.1:8443");
    private static final String SPICEDB_KEY = StackClient.env("BEEP_SPICEDB_KEY", "beep-dev-spicedb-key");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Map<String, String> after(Answer answer) {
        assertThat(answer.consistencyToken()).as("consistency token of " + answer).isNotBlank();
        return Map.of("Beep-Consistency-Token", answer.consistencyToken());
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).as(answer.toString()).isEqualTo(code);
    }

    private static Answer check(String serverId, boolean repair, String token) {
        return post("/api/v1/admin/authz/drift-check?serverId=" + serverId + "&repair=" + repair, token, "");
    }

    /** Writes straight to SpiceDB, as an operator mistake or a lost write would. */
    static void spiceDb(String operation, String resource, String id, String relation, String user) {
        var body = json(Map.of("updates", List.of(Map.of("operation", operation, "relationship", Map.of(
                "resource", Map.of("objectType", resource, "objectId", id),
                "relation", relation,
                "subject", Map.of("object", Map.of("objectType", "user", "objectId", user)))))));
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(SPICEDB + "/v1/relationships/write"))
                    .header("Authorization", "Bearer " + SPICEDB_KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLostMembershipIsReportedAndRepairedAndTheMemberGetsInAgain() {
        var owner = TestUsers.fresh("drift-owner");
        var member = TestUsers.fresh("drift-member");
        var serverId = createServer(owner, "public");
        var joined = post("/api/v1/servers/" + serverId + "/join", member.token(), "");
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        var admin = StackClient.token("admin");

        var clean = check(serverId, false, admin);
        assertThat(clean.status()).as(clean.toString()).isEqualTo(200);
        assertThat(clean.json().path("missing").size()).as(clean.toString()).isZero();
        assertThat(clean.json().path("extra").size()).as(clean.toString()).isZero();
        assertThat(clean.json().path("expected").asInt()).isPositive();

        var lost = "server:" + serverId + "#member@user:" + member.id();
        spiceDb("OPERATION_DELETE", "server", serverId, "member", member.id());
        var drifted = check(serverId, false, admin);
        assertThat(drifted.json().path("missing").toString()).contains(lost);
        assertThat(drifted.json().path("repaired").asBoolean()).isFalse();
        assertThat(check(serverId, false, admin).json().path("missing").toString()).as("a check alone repairs nothing")
                .contains(lost);

        var repaired = check(serverId, true, admin);
        assertThat(repaired.json().path("repaired").asBoolean()).as(repaired.toString()).isTrue();
        assertThat(check(serverId, false, admin).json().path("missing").size()).isZero();
        var seen = get("/api/v1/servers/" + serverId, member.token(), after(joined));
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
    }

    @Test
    void aRelationshipNoEventCallsForIsReportedAsExtraAndDeleted() {
        var owner = TestUsers.fresh("drift-owner");
        var outsider = TestUsers.fresh("drift-outsider");
        var serverId = createServer(owner, "public");
        var operator = StackClient.token("admin");

        spiceDb("OPERATION_TOUCH", "server", serverId, "member", outsider.id());
        var drifted = check(serverId, false, operator);
        assertThat(drifted.json().path("extra").toString()).as(drifted.toString())
                .contains("server:" + serverId + "#member@user:" + outsider.id());
        assertThat(check(serverId, true, operator).json().path("repaired").asBoolean()).isTrue();
        var after = check(serverId, false, operator);
        assertThat(after.json().path("extra").size()).as(after.toString()).isZero();
        assertThat(after.json().path("missing").size()).isZero();
    }

    @Test
    void onlyOperatorsMayCheckAndBadInputIsRejected() {
        var owner = TestUsers.fresh("drift-owner");
        var serverId = createServer(owner, "public");
        assertProblem(check(serverId, false, owner.token()), 403, "FORBIDDEN");
        assertProblem(check(serverId, true, StackClient.token("mod")), 403, "FORBIDDEN");
        var admin = StackClient.token("admin");
        assertProblem(post("/api/v1/admin/authz/drift-check?serverId=abc", admin, ""), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/admin/authz/drift-check?limit=0", admin, ""), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/admin/authz/drift-check?serverId=" + serverId + "&repair=maybe", admin, ""), 400,
                "VALIDATION_FAILED");
        assertProblem(check("1", false, admin), 404, "NOT_FOUND");
    }
}
