package io.beep.gateway.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh Keycloak accounts for tests that depend on a user's server count (the 50-server limit), made
 * through the admin API with the backend's confidential client. Each call makes a new user, so no
 * run depends on what earlier runs left behind.
 */
final class TestUsers {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestUsers() {
    }

    /** A new user: its username, id (the token subject) and access token. */
    record User(String username, String id, String token) {
    }

    static User fresh(String prefix) {
        var username = prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
        var admin = adminToken();
        var body = StackClient.json(Map.of("username", username, "enabled", true, "emailVerified", true,
                "email", username + "@example.test", "firstName", "Test", "lastName", prefix,
                "credentials", List.of(Map.of("type", "password", "value", username + "-pass", "temporary", false))));
        var created = send(HttpRequest.newBuilder(URI.create(StackClient.KEYCLOAK + "/admin/realms/" + StackClient.REALM
                        + "/users"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("cannot create test user: " + created.statusCode() + " " + created.body());
        }
        var location = created.headers().firstValue("Location").orElseThrow();
        var id = location.substring(location.lastIndexOf('/') + 1);
        return new User(username, id, StackClient.token(username));
    }

    private static String adminToken() {
        var form = "grant_type=client_credentials&client_id=" + StackClient.env("BEEP_KEYCLOAK_CLIENT_ID", "beep-backend")
                + "&client_secret=" + StackClient.env("BEEP_BACKEND_SECRET", "beep-backend-secret");
        var answer = send(HttpRequest.newBuilder(URI.create(StackClient.KEYCLOAK + "/realms/" + StackClient.REALM
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        try {
            return StackClient.JSON.readTree(answer.body()).path("access_token").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
