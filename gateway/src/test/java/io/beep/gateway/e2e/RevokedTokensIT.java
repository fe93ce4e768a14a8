package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.post;
import static io.beep.gateway.e2e.StackClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.gateway.e2e.StackClient.Answer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Access tokens issued before an account was disabled or deleted are refused by the gateway (401
 * UNAUTHENTICATED) although they have not expired; enabling the account lets its tokens in again.
 * The refusal follows the event through command-side's revoked-users processor and the gateway's
 * local copy of the Redis set: awaited by polling (bounded), never by timing.
 */
class RevokedTokensIT {

    private static final int ATTEMPTS = 80;
    private static final String REVOKED = "The account of this access token is disabled or deleted";

    @Test
    void aTokenIssuedBeforeTheAccountWasDisabledIsRefusedUntilTheAccountIsEnabledAgain() {
        var target = TestUsers.fresh("revoked");
        var token = target.token();
        assertThat(get("/api/v1/users/@me", token).status()).isEqualTo(200);

        var disabled = post("/api/v1/admin/users/" + target.id() + "/disable", StackClient.token("mod"), "");
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(204);
        var refused = awaitStatus(token, 401);
        assertThat(refused.json().path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(refused.json().path("detail").asText()).isEqualTo(REVOKED);
        assertThat(request("POST", "/api/v1/servers", token, "{\"name\":\"nope\"}", Map.of()).status()).isEqualTo(401);

        var enabled = post("/api/v1/admin/users/" + target.id() + "/enable", StackClient.token("mod"), "");
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(204);
        assertThat(awaitStatus(StackClient.token(target.username()), 200).json().path("id").asText()).isEqualTo(target.id());
    }

    @Test
    void aTokenOfADeletedAccountIsRefused() {
        var target = TestUsers.fresh("revoked-del");
        var token = target.token();
        var deleted = request("DELETE", "/api/v1/users/@me", token, null, Map.of());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        var refused = awaitStatus(token, 401);
        assertThat(refused.json().path("detail").asText()).isEqualTo(REVOKED);
    }

    @Test
    void otherUsersTokensStayValid() {
        var target = TestUsers.fresh("revoked-other");
        var bystander = TestUsers.fresh("revoked-by");
        assertThat(post("/api/v1/admin/users/" + target.id() + "/disable", StackClient.token("mod"), "").status())
                .isEqualTo(204);
        awaitStatus(target.token(), 401);
        assertThat(get("/api/v1/users/@me", bystander.token()).status()).isEqualTo(200);
        post("/api/v1/admin/users/" + target.id() + "/enable", StackClient.token("mod"), "");
    }

    private static Answer awaitStatus(String token, int status) {
        var answer = get("/api/v1/users/@me", token);
        for (int i = 0; i < ATTEMPTS && answer.status() != status; i++) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            answer = get("/api/v1/users/@me", token);
        }
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        return answer;
    }
}
