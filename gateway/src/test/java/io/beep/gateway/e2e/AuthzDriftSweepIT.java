package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.InvitesIT.createServer;
import static io.beep.gateway.e2e.StackClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.gateway.e2e.StackClient.Answer;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The drift check over every server, page by page (no serverId): a tampered server shows up in its
 * page with its drift, a repairing sweep fixes it, and the pages follow each other by cursor.
 */
class AuthzDriftSweepIT {

    private static Answer sweep(String cursor, int limit, boolean repair, String token) {
        return post("/api/v1/admin/authz/drift-check?cursor=" + cursor + "&limit=" + limit + "&repair=" + repair,
                token, "");
    }

    /** The id just below the given one: a cursor whose next page starts at that server. */
    private static String before(String id) {
        return new BigInteger(id).subtract(BigInteger.ONE).toString();
    }

    @Test
    void aSweepReportsATamperedServerInItsPageAndARepairingSweepFixesIt() {
        var owner = TestUsers.fresh("sweep-owner");
        var outsider = TestUsers.fresh("sweep-outsider");
        var first = createServer(owner, "public");
        var second = createServer(owner, "public");
        var admin = StackClient.token("admin");
        AuthzDriftIT.spiceDb("OPERATION_TOUCH", "server", first, "member", outsider.id());

        var page = sweep(before(first), 1, false, admin);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.json().path("checked").asInt()).isEqualTo(1);
        assertThat(page.json().path("drifted").asInt()).isEqualTo(1);
        assertThat(page.json().path("nextCursor").asText()).isEqualTo(first);
        var report = page.json().path("items").get(0);
        assertThat(report.path("serverId").asText()).isEqualTo(first);
        assertThat(report.path("extra").toString()).contains("server:" + first + "#member@user:" + outsider.id());
        assertThat(report.path("repaired").asBoolean()).isFalse();

        var next = sweep(page.json().path("nextCursor").asText(), 100, false, admin);
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(next.json().path("items").findValuesAsText("serverId")).contains(second).doesNotContain(first);

        var repaired = sweep(before(first), 1, true, admin);
        assertThat(repaired.json().path("items").get(0).path("repaired").asBoolean()).as(repaired.toString()).isTrue();
        var clean = sweep(before(first), 1, false, admin);
        assertThat(clean.json().path("drifted").asInt()).as(clean.toString()).isZero();
        assertThat(clean.json().path("items").findValuesAsText("serverId")).containsExactly(first);
    }

    @Test
    void onlyOperatorsMaySweepAndBadPagingIsRejected() {
        var owner = TestUsers.fresh("sweep-owner");
        var admin = StackClient.token("admin");
        var refused = post("/api/v1/admin/authz/drift-check?limit=1", owner.token(), "");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        for (var bad : List.of("limit=0", "limit=101", "limit=x", "cursor=abc", "cursor=99999999999999999999",
                "repair=maybe")) {
            var answer = post("/api/v1/admin/authz/drift-check?" + bad, admin, "");
            assertThat(answer.status()).as(bad + ": " + answer).isEqualTo(400);
            assertThat(answer.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        var last = sweep("9223372036854775806", 5, false, admin);
        assertThat(last.status()).as(last.toString()).isEqualTo(200);
        assertThat(last.json().path("checked").asInt()).isZero();
        assertThat(last.json().path("nextCursor").isNull()).isTrue();
    }
}
