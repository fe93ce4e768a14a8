package io.beep.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Talks to the running stack the way a client does: tokens from Keycloak's token endpoint, REST
 * through the gateway. Addresses come from the same environment variables as the services.
 */
final class StackClient {

    static final String GATEWAY = env("BEEP_GATEWAY_URL", "http://127.0.0.1:8080");
    static final String KEYCLOAK = env("BEEP_KEYCLOAK_URL", "http://127.0.0.1:8180");
    static final String REALM = env("BEEP_KEYCLOAK_REALM", "beep");
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StackClient() {
    }

    static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A password-grant access token from the dev client. */
    static String token(String username) {
        var form = "grant_type=password&client_id=beep-cli&username=" + enc(username) + "&password="
                + enc(username + "-pass");
        var request = HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/" + REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        var response = send(request);
        if (response.status() != 200) {
            throw new IllegalStateException("no token for " + username + ": " + response.status() + " " + response.body());
        }
        return response.json().path("access_token").asText();
    }

    static Answer get(String path, String token, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create(GATEWAY + path)).GET();
        return send(withHeaders(builder, token, headers).build());
    }

    static Answer get(String path, String token) {
        return get(path, token, Map.of());
    }

    static Answer post(String path, String token, String body) {
        return post(path, token, body, Map.of());
    }

    static Answer post(String path, String token, String body, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create(GATEWAY + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(withHeaders(builder, token, headers).build());
    }

    /** Any method (PUT, PATCH, DELETE, ...) with an optional JSON body. */
    static Answer request(String method, String path, String token, String body, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create(GATEWAY + path));
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return send(withHeaders(builder, token, headers).build());
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder builder, String token, Map<String, String> headers) {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        return builder.timeout(Duration.ofSeconds(30));
    }

    private static Answer send(HttpRequest request) {
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Beep-Consistency-Token").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One HTTP answer. */
    record Answer(int status, String body, String contentType, String consistencyToken) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
