package io.beep.command.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.UserId;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads users from Keycloak's admin API with the service account of the backend client. The
 * service-account token is cached until shortly before it expires. Keycloak unreachable or refusing
 * is a 503 DEPENDENCY_UNAVAILABLE: never guessed.
 */
@Component
public class KeycloakUsers {

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final KeycloakProperties properties;
    private volatile String token;
    private volatile Instant tokenExpires = Instant.EPOCH;

    public KeycloakUsers(ObjectMapper mapper, KeycloakProperties properties) {
        this.mapper = mapper;
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(properties.timeoutMs())).build();
    }

    /**
     * The id of the enabled user with exactly this username (usernames are case-insensitive). A name
     * with control characters names nobody (Keycloak would refuse the search itself).
     */
    public Optional<UserId> findIdByUsername(String username) {
        if (username.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        var answer = admin("GET", "/users?exact=true&briefRepresentation=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8), null);
        if (answer.statusCode() != 200) {
            throw unavailable("user lookup answered " + answer.statusCode());
        }
        for (var user : json(answer.body())) {
            if (user.path("username").asText().equalsIgnoreCase(username) && user.path("enabled").asBoolean(true)) {
                return Optional.of(UserId.of(user.path("id").asText()));
            }
        }
        return Optional.empty();
    }

    /** Whether a user with this id exists. */
    public boolean exists(UserId user) {
        var answer = admin("GET", "/users/" + URLEncoder.encode(user.value(), StandardCharsets.UTF_8), null);
        if (answer.statusCode() == 404) {
            return false;
        }
        if (answer.statusCode() != 200) {
            throw unavailable("user lookup answered " + answer.statusCode());
        }
        return true;
    }

    /** Creates a user; answers its id. A taken username or e-mail is 409 ALREADY_EXISTS. */
    public UserId create(Object representation) {
        var answer = admin("POST", "/users", representation);
        if (answer.statusCode() == 409) {
            throw AccountController.taken();
        }
        if (answer.statusCode() == 400) {
            throw DomainException.invalid("Keycloak refused the account: " + json(answer.body()).path("errorMessage").asText("invalid"));
        }
        if (answer.statusCode() != 201) {
            throw unavailable("user creation answered " + answer.statusCode());
        }
        var location = answer.headers().firstValue("Location").orElseThrow(() -> unavailable("no user id from Keycloak"));
        return UserId.of(location.substring(location.lastIndexOf('/') + 1));
    }

    /** Removes a user; one that is already gone is fine. */
    public void delete(UserId user) {
        var answer = admin("DELETE", "/users/" + URLEncoder.encode(user.value(), StandardCharsets.UTF_8), null);
        if (answer.statusCode() != 204 && answer.statusCode() != 404) {
            throw unavailable("user deletion answered " + answer.statusCode());
        }
    }

    /** Sends the e-mail verification mail; false when Keycloak could not send it. */
    public boolean sendVerifyEmail(UserId user) {
        var answer = admin("PUT", "/users/" + URLEncoder.encode(user.value(), StandardCharsets.UTF_8)
                + "/send-verify-email", null);
        return answer.statusCode() == 204;
    }

    /** The user id of the backend's own service account (the subject of its tokens). */
    String serviceAccountUserId() {
        try {
            var payload = serviceToken().split("\\.")[1];
            var claims = mapper.readTree(java.util.Base64.getUrlDecoder().decode(payload));
            return claims.path("sub").asText();
        } catch (IOException | ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            throw unavailable("unreadable service-account token");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while calling Keycloak");
        }
    }

    /** One admin API call under {@code /admin/realms/{realm}}; the raw answer. */
    HttpResponse<String> admin(String method, String path, Object body) {
        try {
            var builder = HttpRequest.newBuilder(URI.create(properties.url() + "/admin/realms/" + properties.realm() + path))
                    .timeout(Duration.ofMillis(properties.timeoutMs()))
                    .header("Authorization", "Bearer " + serviceToken());
            if (body == null) {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
            }
            var answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 401) {
                tokenExpires = Instant.EPOCH;
            }
            return answer;
        } catch (IOException e) {
            throw unavailable("Keycloak unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while calling Keycloak");
        }
    }

    JsonNode json(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw unavailable("unreadable answer from Keycloak");
        }
    }

    private synchronized String serviceToken() throws IOException, InterruptedException {
        if (token != null && Instant.now().isBefore(tokenExpires)) {
            return token;
        }
        var form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(properties.clientId(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(properties.clientSecret(), StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create(properties.url() + "/realms/" + properties.realm()
                        + "/protocol/openid-connect/token"))
                .timeout(Duration.ofMillis(properties.timeoutMs()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        var answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw unavailable("Keycloak refused the service account (" + answer.statusCode() + ")");
        }
        var body = json(answer.body());
        token = body.path("access_token").asText();
        tokenExpires = Instant.now().plusSeconds(Math.max(5, body.path("expires_in").asLong(60) - 30));
        return token;
    }

    static DomainException unavailable(String message) {
        return new DomainException(ErrorCode.DEPENDENCY_UNAVAILABLE, message);
    }
}
