package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Linking a (stand-in) Google identity to an existing password account through Keycloak's
 * client-initiated account linking, started from Beep: the user signs in to Keycloak in a browser,
 * asks Beep for the link address, opens it in that browser and signs in at the provider. Afterwards
 * signing in through the provider lands in the same Beep account, the link is listed, recorded as
 * {@code IdentityLinkedEvent} (through the Keycloak event sync, awaited by reading) and can be unlinked.
 */
class IdentityLinkIT {

    private static final int ATTEMPTS = 240;

    @Test
    void aPasswordAccountLinksAGoogleIdentityAndThenSignsInThroughGoogleAsTheSameUser() {
        var ann = TestAccounts.create("idlink");
        var simUser = "gsim-" + UUID.randomUUID().toString().substring(0, 8);
        var simId = IdentityBrokerIT.createSimAccount(simUser);

        var browser = new KeycloakBrowser();
        var annToken = (String) browser.signIn(ann.username(), ann.username() + "-pass").get("access_token");
        assertThat(get("/api/v1/users/@me/identities", annToken).json().path("items")).isEmpty();

        var started = TestAccounts.call("POST", "/api/v1/users/@me/identities/google-sim/link", annToken,
                StackClient.json(Map.of("redirectUri", KeycloakBrowser.REDIRECT_URI)));
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().path("provider").asText()).isEqualTo("google-sim");
        var url = started.json().path("url").asText();
        assertThat(url).startsWith(StackClient.KEYCLOAK + "/realms/" + StackClient.REALM + "/broker/google-sim/link?");

        var back = browser.follow(url, simUser, simUser + "-pass");
        assertThat(KeycloakBrowser.parameter(back, "link_error")).as(back).isNull();

        JsonNode items = get("/api/v1/users/@me/identities", annToken).json().path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("provider").asText()).isEqualTo("google-sim");
        assertThat(items.get(0).path("kind").asText()).isEqualTo("identity-provider");
        assertThat(items.get(0).path("externalUserId").asText()).isEqualTo(simId);

        var throughGoogle = new KeycloakBrowser().signInThrough("google-sim", simUser, simUser + "-pass");
        var googleToken = (String) throughGoogle.get("access_token");
        assertThat(get("/api/v1/users/@me", googleToken).json().path("id").asText()).isEqualTo(ann.id());

        var linked = await("IdentityLinkedEvent", ann.id());
        assertThat(linked).hasSize(1);
        assertThat(linked.get(0).path("payload").path("provider").asText()).isEqualTo("google-sim");
        assertThat(linked.get(0).path("payload").path("externalUserId").asText()).isEqualTo(simId);
        assertThat(linked.get(0).path("payload").path("externalUsername").asText()).isEqualTo(simUser);

        var again = TestAccounts.call("POST", "/api/v1/users/@me/identities/google-sim/link", annToken,
                StackClient.json(Map.of("redirectUri", KeycloakBrowser.REDIRECT_URI)));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().path("code").asText()).isEqualTo("ALREADY_EXISTS");

        // the account has its password: the linked identity can be removed again
        var removed = TestAccounts.call("DELETE", "/api/v1/users/@me/identities/google-sim", annToken, null);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(get("/api/v1/users/@me/identities", annToken).json().path("items")).isEmpty();
        assertThat(events("IdentityUnlinkedEvent", ann.id())).hasSize(1);
        assertThat(get("/api/v1/users/@me", ann.token()).json().path("id").asText()).isEqualTo(ann.id());
    }

    @Test
    void linkingNeedsAKnownProviderAWellFormedRedirectAndASignedInCaller() {
        var ann = TestAccounts.create("idlink");
        var token = ann.token();
        var body = StackClient.json(Map.of("redirectUri", KeycloakBrowser.REDIRECT_URI));

        var unknown = TestAccounts.call("POST", "/api/v1/users/@me/identities/no-such-idp/link", token, body);
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.json().path("code").asText()).isEqualTo("NOT_FOUND");

        for (var bad : List.of("{}", "{\"redirectUri\": \"not a uri\"}", "{\"redirectUri\": \"ftp://x/y\"}",
                "{\"redirectUri\": 7}", "{\"redirectUri\": \"http://127.0.0.1:8099/callback\", \"x\": 1}", "[]")) {
            var answer = TestAccounts.call("POST", "/api/v1/users/@me/identities/google-sim/link", token, bad);
            assertThat(answer.status()).as(bad + " → " + answer).isEqualTo(400);
            assertThat(answer.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        }

        assertThat(TestAccounts.call("POST", "/api/v1/users/@me/identities/google-sim/link", null, body).status())
                .isEqualTo(401);
    }

    private static List<JsonNode> events(String type, String aggregateId) {
        var answer = get("/api/v1/admin/events?types=" + type + "&aggregateId=" + aggregateId, StackClient.token("admin"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.body().lines().filter(l -> !l.isBlank()).map(l -> {
            try {
                return StackClient.JSON.readTree(l);
            } catch (IOException e) {
                throw new IllegalStateException(l, e);
            }
        }).toList();
    }

    private static List<JsonNode> await(String type, String aggregateId) {
        List<JsonNode> last = List.of();
        for (int i = 0; i < ATTEMPTS; i++) {
            last = events(type, aggregateId);
            if (!last.isEmpty()) {
                return last;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(type + " of " + aggregateId + " never appeared; last " + last);
    }
}
