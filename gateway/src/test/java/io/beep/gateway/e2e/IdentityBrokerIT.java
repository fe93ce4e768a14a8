package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Identity brokering against a real second OpenID provider: the Keycloak realm {@code google-sim}
 * stands in for Google behind the identity provider {@code google-sim} of realm beep (the
 * {@code google} provider has the same shape, pointing at Google). The test drives Keycloak's HTML
 * pages like a browser and uses the beep token it gets. Also: listing and unlinking identities.
 */
class IdentityBrokerIT {

    static final String SIM_REALM = "google-sim";
    static final String SIM_ADMIN_SECRET = StackClient.env("BEEP_GOOGLE_SIM_ADMIN_SECRET", "google-sim-admin-secret");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A fresh account of the stand-in Google: username, e-mail, password; answers its id there. */
    static String createSimAccount(String username) {
        var body = StackClient.json(Map.of("username", username, "email", username + "@google-sim.local",
                "firstName", "Gee", "lastName", "Mail", "enabled", true, "emailVerified", true,
                "credentials", List.of(Map.of("type", "password", "value", username + "-pass", "temporary", false))));
        var answer = send(HttpRequest.newBuilder(URI.create(StackClient.KEYCLOAK + "/admin/realms/" + SIM_REALM + "/users"))
                .header("Authorization", "Bearer " + simAdminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        var location = answer.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String simAdminToken() {
        var form = "grant_type=client_credentials&client_id=google-sim-admin&client_secret="
                + URLEncoder.encode(SIM_ADMIN_SECRET, StandardCharsets.UTF_8);
        var answer = send(HttpRequest.newBuilder(URI.create(StackClient.KEYCLOAK + "/realms/" + SIM_REALM
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        try {
            return StackClient.JSON.readTree(answer.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStandInGoogleAccountSignsInThroughTheBrokerAndGetsABeepToken() {
        var simUser = "gsim-" + UUID.randomUUID().toString().substring(0, 8);
        var simId = createSimAccount(simUser);

        var browser = new KeycloakBrowser();
        var token = browser.signInThrough("google-sim", simUser, simUser + "-pass");
        var accessToken = (String) token.get("access_token");
        assertThat(accessToken).isNotBlank();

        var me = get("/api/v1/users/@me", accessToken);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().path("email").asText()).isEqualTo(simUser + "@google-sim.local");
        assertThat(me.json().path("emailVerified").asBoolean()).isTrue();
        assertThat(me.json().path("firstName").asText()).isEqualTo("Gee");
        var beepId = me.json().path("id").asText();

        var identities = get("/api/v1/users/@me/identities", accessToken);
        assertThat(identities.status()).as(identities.toString()).isEqualTo(200);
        assertThat(identities.json().path("items")).hasSize(1);
        var link = identities.json().path("items").get(0);
        assertThat(link.path("provider").asText()).isEqualTo("google-sim");
        assertThat(link.path("kind").asText()).isEqualTo("identity-provider");
        assertThat(link.path("externalUserId").asText()).isEqualTo(simId);

        // the brokered account has no password: unlinking its only sign-in would lock it out
        var unlink = TestAccounts.call("DELETE", "/api/v1/users/@me/identities/google-sim", accessToken, null);
        assertThat(unlink.status()).as(unlink.toString()).isEqualTo(409);
        assertThat(unlink.json().path("code").asText()).isEqualTo("CONFLICT");

        // a second sign-in through the broker lands in the same beep account
        var again = new KeycloakBrowser().signInThrough("google-sim", simUser, simUser + "-pass");
        assertThat(get("/api/v1/users/@me", (String) again.get("access_token")).json().path("id").asText()).isEqualTo(beepId);
    }

    @Test
    void aWrongPasswordAtTheStandInGoogleGivesNoBeepToken() {
        var simUser = "gsim-" + UUID.randomUUID().toString().substring(0, 8);
        createSimAccount(simUser);
        var browser = new KeycloakBrowser();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> browser.signInThrough("google-sim", simUser, "wrong-pass"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused the sign-in");
        assertThat(browser.lastPage).contains("Invalid username or password");
    }

    @Test
    void aLinkedIdentityIsListedAndOnlyItsOwnerCanUnlinkIt() {
        var ann = TestAccounts.create("link");
        var ben = TestAccounts.create("link");
        var simUser = "gsim-" + UUID.randomUUID().toString().substring(0, 8);
        var simId = createSimAccount(simUser);
        var linked = TestAccounts.admin("POST", "/users/" + ann.id() + "/federated-identity/google-sim",
                StackClient.json(Map.of("identityProvider", "google-sim", "userId", simId, "userName", simUser)));
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(204);
        var annToken = ann.token();
        var benToken = ben.token();

        JsonNode items = get("/api/v1/users/@me/identities", annToken).json().path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("provider").asText()).isEqualTo("google-sim");
        assertThat(items.get(0).path("externalUsername").asText()).isEqualTo(simUser);
        assertThat(get("/api/v1/users/@me/identities", benToken).json().path("items")).isEmpty();

        var byBen = TestAccounts.call("DELETE", "/api/v1/users/@me/identities/google-sim", benToken, null);
        assertThat(byBen.status()).as(byBen.toString()).isEqualTo(404);
        assertThat(get("/api/v1/users/@me/identities", annToken).json().path("items")).hasSize(1);

        var removed = TestAccounts.call("DELETE", "/api/v1/users/@me/identities/google-sim", annToken, null);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(Long.parseLong(removed.consistencyToken())).isPositive();
        assertThat(get("/api/v1/users/@me/identities", annToken).json().path("items")).isEmpty();
        assertThat(TestAccounts.call("DELETE", "/api/v1/users/@me/identities/google-sim", annToken, null).status()).isEqualTo(404);
        assertThat(TestAccounts.call("DELETE", "/api/v1/users/@me/identities/google-sim", null, null).status()).isEqualTo(401);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
