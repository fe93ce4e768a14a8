package io.beep.gateway.e2e;

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

/**
 * Fresh, verified Keycloak users for end-to-end tests (the event store keeps every friendship between
 * runs, so tests never reuse the seeded users for state that must start empty). Created with the
 * admin API of the real Keycloak through the backend's service account; password = username + "-pass",
 * like the seeded users, so {@link StackClient#token} signs them in.
 */
final class TestAccounts {

    static final String CLIENT_ID = StackClient.env("BEEP_KEYCLOAK_CLIENT_ID", "beep-backend");
    static final String CLIENT_SECRET = StackClient.env("BEEP_BACKEND_SECRET", "beep-backend-secret");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestAccounts() {
    }

    /** A user that exists only in Keycloak: a fresh username (prefix + random) and its id. */
    record Account(String username, String id) {

        String token() {
            return StackClient.token(username);
        }
    }

    static Account create(String prefix) {
        var username = (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
        var body = StackClient.json(Map.of(
                "username", username,
                "email", username + "@e2e.beep.local",
                "firstName", "E2e",
                "lastName", prefix,
                "enabled", true,
                "emailVerified", true,
                "credentials", List.of(Map.of("type", "password", "value", username + "-pass", "temporary", false))));
        var created = admin("POST", "/users", body);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("could not create " + username + ": " + created.statusCode() + " " + created.body());
        }
        var location = created.headers().firstValue("Location").orElseThrow();
        return new Account(username, location.substring(location.lastIndexOf('/') + 1));
    }

    static HttpResponse<String> admin(String method, String path, String body) {
        var builder = HttpRequest.newBuilder(URI.create(StackClient.KEYCLOAK + "/admin/realms/" + StackClient.REALM + path))
                .header("Authorization", "Bearer " + serviceToken())
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return send(builder.build());
    }

    private static String serviceToken() {
        var form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(CLIENT_ID, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8);
        var answer = send(HttpRequest.newBuilder(URI.create(StackClient.KEYCLOAK + "/realms/" + StackClient.REALM
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("no service token: " + answer.statusCode());
        }
        try {
            return StackClient.JSON.readTree(answer.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request through the gateway with any method, e.g. DELETE or PUT, with an optional JSON body. */
    static StackClient.Answer call(String method, String path, String token, String body) {
        var builder = HttpRequest.newBuilder(URI.create(StackClient.GATEWAY + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        var response = send(builder.build());
        return new StackClient.Answer(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Beep-Consistency-Token").orElse(null));
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
