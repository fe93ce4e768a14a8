package io.beep.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class AuthenticationTest extends GatewayTestSupport {

    @Test
    void forwardsRequestsWithAValidTokenAndTheTokenItself() throws Exception {
        var token = bearer(ISSUER.validToken());
        web.get().uri("/api/v1/users/@me/servers").header("Authorization", token)
                .exchange().expectStatus().isOk();
        assertThat(QUERY.take().headers().getFirst("Authorization")).isEqualTo(token);
    }

    @Test
    void rejectsRequestsWithoutToken() throws Exception {
        var response = web.get().uri("/api/v1/users/@me/servers").exchange()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer");
        expectUnauthenticated(response, "No bearer token was provided");
        assertThat(QUERY.receivedNothing()).isTrue();
    }

    @Test
    void rejectsExpiredToken() throws Exception {
        var expired = ISSUER.token(claims -> claims
                .issueTime(Date.from(Instant.now().minusSeconds(900)))
                .expirationTime(Date.from(Instant.now().minusSeconds(600))));
        var response = get("/api/v1/users/@me/servers", expired)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        var body = expectUnauthenticated(response, "The access token has expired");
        assertThat(body).doesNotContain("alice").doesNotContain(expired.substring(0, 20));
        assertThat(QUERY.receivedNothing()).isTrue();
    }

    @Test
    void stopsAcceptingARememberedTokenOnceItExpires() throws Exception {
        var expiresAt = Instant.now().plusSeconds(2);
        var shortLived = ISSUER.token(claims -> claims.expirationTime(Date.from(expiresAt)));
        get("/api/v1/users/@me/servers", shortLived).expectStatus().isOk();
        get("/api/v1/users/@me/servers", shortLived).expectStatus().isOk();
        Thread.sleep(Math.max(0, expiresAt.toEpochMilli() - System.currentTimeMillis()) + 1_100);
        expectUnauthenticated(get("/api/v1/users/@me/servers", shortLived), "The access token has expired");
    }

    @Test
    void rejectsTokenFromAnotherIssuer() throws Exception {
        var foreign = ISSUER.token(claims -> claims.issuer("http://127.0.0.1:1/realms/elsewhere"));
        expectUnauthenticated(get("/api/v1/users/@me/servers", foreign),
                "The access token was not issued by the trusted issuer");
        assertThat(QUERY.receivedNothing()).isTrue();
    }

    @Test
    void rejectsTokenWithBadSignature() throws Exception {
        expectUnauthenticated(get("/api/v1/servers/1", ISSUER.tokenSignedByAnotherKey()),
                "The bearer token signature is invalid or made with an unknown key");
        assertThat(QUERY.receivedNothing()).isTrue();
    }

    @Test
    void rejectsMalformedToken() {
        expectUnauthenticated(get("/api/v1/servers/1", "not-a-jwt"), "The bearer token is malformed");
    }

    @Test
    void rejectsBearerValuesWithIllegalCharacters() {
        expectUnauthenticated(web.get().uri("/api/v1/servers/1").header("Authorization", "Bearer abc def").exchange(),
                "The bearer token is malformed");
    }

    @Test
    void treatsOtherAuthorizationSchemesAsNoToken() {
        expectUnauthenticated(web.get().uri("/api/v1/servers/1").header("Authorization", "Basic YWxpY2U6cHc=").exchange(),
                "No bearer token was provided");
    }

    @Test
    void rejectsTokensThatAreNotAccessTokens() {
        var idToken = ISSUER.token(claims -> claims.claim("typ", "ID"));
        expectUnauthenticated(get("/api/v1/servers/1", idToken), "The token is not an access token");
    }

    @Test
    void letsRegistrationThroughWithoutToken() throws Exception {
        web.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"dave\"}")
                .exchange().expectStatus().isCreated();
        assertThat(COMMAND.take().uri()).isEqualTo("/api/v1/auth/register");
    }

    @Test
    void passesWebhookTokensThroughUntouched() throws Exception {
        web.post().uri("/api/v1/webhooks/55/messages")
                .header("Authorization", "Bearer webhook-secret-token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"content\":\"build passed\"}")
                .exchange().expectStatus().isCreated();
        var received = COMMAND.take();
        assertThat(received.uri()).isEqualTo("/api/v1/webhooks/55/messages");
        assertThat(received.headers().getFirst("Authorization")).isEqualTo("Bearer webhook-secret-token");
    }

    @Test
    void protectsOtherWebhookOperations() {
        expectUnauthenticated(web.delete().uri("/api/v1/webhooks/55").exchange(), "No bearer token was provided");
    }

    @Test
    void servesHealthWithoutToken() {
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    private WebTestClient.ResponseSpec get(String path, String token) {
        return web.get().uri(path).header("Authorization", bearer(token)).exchange();
    }

    /** Asserts a 401 problem with this detail and returns its body. */
    private static String expectUnauthenticated(WebTestClient.ResponseSpec response, String detail) {
        var body = response.expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        var problem = JsonPath.parse(body);
        assertThat(problem.read("$.status", Integer.class)).isEqualTo(401);
        assertThat(problem.read("$.code", String.class)).isEqualTo("UNAUTHENTICATED");
        assertThat(problem.read("$.detail", String.class)).isEqualTo(detail);
        return body;
    }
}
