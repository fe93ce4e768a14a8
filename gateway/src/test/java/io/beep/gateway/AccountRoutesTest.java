package io.beep.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Profile reads go to the command side (it reads Keycloak, the accounts' source of truth); the
 * other {@code /users/@me/...} reads stay on the query side; the e-mail change link needs no token.
 */
class AccountRoutesTest extends GatewayTestSupport {

    @Test
    void profileReadsGoToTheCommandSideAndOtherUserListsToTheQuerySide() throws Exception {
        var token = bearer(ISSUER.validToken());
        for (var path : new String[] {"/api/v1/users/@me", "/api/v1/users/6bce69be-592c-4e20-84e4-ee5ef4c230a1",
                "/api/v1/users?username=ada", "/api/v1/users/@me/identities"}) {
            web.get().uri(path).header("Authorization", token).exchange().expectStatus().isOk();
            assertThat(COMMAND.take().uri()).isEqualTo(path);
        }
        web.get().uri("/api/v1/users/@me/servers").header("Authorization", token).exchange().expectStatus().isOk();
        assertThat(QUERY.take().uri()).isEqualTo("/api/v1/users/@me/servers");
        web.get().uri("/api/v1/users/@me/channels").header("Authorization", token).exchange().expectStatus().isOk();
        assertThat(QUERY.take().uri()).isEqualTo("/api/v1/users/@me/channels");
    }

    @Test
    void theEmailChangeLinkIsFollowedWithoutAToken() throws Exception {
        web.get().uri("/api/v1/auth/email-change/confirm?token=abc.def").exchange().expectStatus().isOk();
        assertThat(COMMAND.take().uri()).isEqualTo("/api/v1/auth/email-change/confirm?token=abc.def");
        web.get().uri("/api/v1/users/@me").exchange().expectStatus().isUnauthorized();
    }
}
