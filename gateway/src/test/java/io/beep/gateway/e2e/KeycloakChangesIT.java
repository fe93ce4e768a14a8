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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Changes made directly in Keycloak — here through its admin API as the master-realm administrator,
 * exactly what its admin console does — reach Beep's event store through command-side's Keycloak
 * event sync, once each. The sync polls, so the events are awaited by reading (bounded), never by
 * sleeping a fixed time.
 */
class KeycloakChangesIT {

    private static final int ATTEMPTS = 240;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aUserCreatedUpdatedAndDeletedInKeycloakReachesTheEventStoreOnce() {
        var username = "kc-direct-" + UUID.randomUUID().toString().substring(0, 8);
        var created = console("POST", "/users", StackClient.json(Map.of("username", username,
                "email", username + "@e2e.beep.local", "firstName", "Direct", "lastName", "Console",
                "enabled", true, "emailVerified", true)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var location = created.headers().firstValue("Location").orElseThrow();
        var id = location.substring(location.lastIndexOf('/') + 1);

        var registered = await("UserRegisteredEvent", id, 1);
        assertThat(registered.get(0).path("payload").path("username").asText()).isEqualTo(username);
        assertThat(registered.get(0).path("payload").path("firstName").asText()).isEqualTo("Direct");

        var updated = console("PUT", "/users/" + id, StackClient.json(Map.of("firstName", "Renamed")));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
        var profile = await("ProfileUpdatedEvent", id, 1);
        assertThat(profile.get(0).path("payload").path("firstName").asText()).isEqualTo("Renamed");
        assertThat(profile.get(0).path("payload").path("username").asText()).isEqualTo(username);

        var removed = console("DELETE", "/users/" + id, null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        var deletion = await("AccountDeletedEvent", id, 1);
        assertThat(deletion.get(0).path("payload").path("source").asText()).isEqualTo("keycloak");

        // the sync has moved past every earlier Keycloak event by now: each was recorded once
        assertThat(events("UserRegisteredEvent", id)).hasSize(1);
        assertThat(events("ProfileUpdatedEvent", id)).hasSize(1);
    }

    @Test
    void aUserWhoSignsUpOnKeycloaksRegistrationPageIsRecorded() {
        var username = "kc-page-" + UUID.randomUUID().toString().substring(0, 8);
        var cookies = new java.util.LinkedHashMap<String, String>();
        var page = browse(HttpRequest.newBuilder(URI.create(StackClient.KEYCLOAK + "/realms/" + StackClient.REALM
                + "/protocol/openid-connect/registrations?client_id=beep-web&response_type=code&scope=openid"
                + "&redirect_uri=" + enc("http://127.0.0.1:8099/callback")
                + "&code_challenge=" + "x".repeat(43) + "&code_challenge_method=S256")).GET(), cookies);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        var action = java.util.regex.Pattern.compile("id=\"kc-register-form\"[^>]*action=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(action.find()).as(page.body()).isTrue();
        var form = "username=" + enc(username) + "&email=" + enc(username + "@e2e.beep.local")
                + "&firstName=Signed&lastName=Up&password=" + enc(username + "-pass")
                + "&password-confirm=" + enc(username + "-pass");
        var submitted = browse(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), cookies);
        assertThat(submitted.statusCode()).as(submitted.body()).isIn(200, 302);

        var found = console("GET", "/users?exact=true&username=" + enc(username), null);
        var users = parse(found.body());
        assertThat(users.size()).as(found.body()).isEqualTo(1);
        var registered = await("UserRegisteredEvent", users.get(0).path("id").asText(), 1);
        assertThat(registered.get(0).path("payload").path("username").asText()).isEqualTo(username);
        assertThat(registered.get(0).path("payload").path("email").asText()).isEqualTo(username + "@e2e.beep.local");
    }

    @Test
    void changesBeepMadeItselfAreNotRecordedAgain() {
        var throughBeep = TestAccounts.create("kc-beep");
        var username = "kc-later-" + UUID.randomUUID().toString().substring(0, 8);
        var created = console("POST", "/users", StackClient.json(Map.of("username", username,
                "email", username + "@e2e.beep.local", "firstName", "Later", "lastName", "User", "enabled", true)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var location = created.headers().firstValue("Location").orElseThrow();
        await("UserRegisteredEvent", location.substring(location.lastIndexOf('/') + 1), 1);

        // the sync reads in time order and has passed the earlier creation by Beep's service account
        assertThat(events("UserRegisteredEvent", throughBeep.id())).isEmpty();
    }

    private static List<JsonNode> await(String type, String aggregateId, int count) {
        List<JsonNode> last = List.of();
        for (int i = 0; i < ATTEMPTS; i++) {
            last = events(type, aggregateId);
            if (last.size() >= count) {
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

    /** A call to realm beep's admin API as the master-realm administrator (what the admin console does). */
    private static HttpResponse<String> console(String method, String path, String body) {
        var builder = HttpRequest.newBuilder(URI.create(StackClient.KEYCLOAK + "/admin/realms/" + StackClient.REALM + path))
                .header("Authorization", "Bearer " + masterToken());
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return send(builder.build());
    }

    private static String masterToken() {
        var form = "grant_type=password&client_id=admin-cli&username="
                + enc(StackClient.env("BEEP_KEYCLOAK_ADMIN", "admin")) + "&password="
                + enc(StackClient.env("BEEP_KEYCLOAK_ADMIN_PASSWORD", "admin"));
        var answer = send(HttpRequest.newBuilder(URI.create(StackClient.KEYCLOAK
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        try {
            return StackClient.JSON.readTree(answer.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A browser request that sends and keeps Keycloak's cookies (all of them, whatever their path). */
    private static HttpResponse<String> browse(HttpRequest.Builder builder, Map<String, String> cookies) {
        if (!cookies.isEmpty()) {
            var header = new StringBuilder();
            cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ").append(name).append('=').append(value));
            builder.header("Cookie", header.toString());
        }
        var answer = send(builder.build());
        for (var cookie : answer.headers().allValues("Set-Cookie")) {
            var pair = cookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return answer;
    }

    private static JsonNode parse(String body) {
        try {
            return StackClient.JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(body, e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
