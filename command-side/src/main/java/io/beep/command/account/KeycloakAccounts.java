package io.beep.command.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The account operations of Keycloak's admin API used by the profile routes (on top of
 * {@link KeycloakUsers}): read and update a user, its credentials and linked identities, reset its
 * password, and check a current password with a password grant of the public {@code beep-cli} client.
 */
@Component
class KeycloakAccounts {

    static final String PASSWORD_CHECK_CLIENT = "beep-cli";

    private final KeycloakUsers users;
    private final KeycloakProperties properties;
    private final HttpClient http;

    KeycloakAccounts(KeycloakUsers users, KeycloakProperties properties) {
        this.users = users;
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(properties.timeoutMs())).build();
    }

    /** The user representation; 404 NOT_FOUND when Keycloak has no such user. */
    ObjectNode user(UserId user) {
        return find(user).orElseThrow(() -> DomainException.notFound("user"));
    }

    Optional<ObjectNode> find(UserId user) {
        var answer = users.admin("GET", "/users/" + enc(user.value()), null);
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        ok(answer, "user lookup");
        return Optional.of((ObjectNode) users.json(answer.body()));
    }

    /** Replaces the user representation; a taken username or e-mail is 409 ALREADY_EXISTS. */
    void update(UserId user, ObjectNode representation) {
        var answer = users.admin("PUT", "/users/" + enc(user.value()), representation);
        if (answer.statusCode() == 409) {
            throw AccountController.taken();
        }
        if (answer.statusCode() == 400) {
            throw DomainException.invalid("Keycloak refused the change: " + error(answer.body()));
        }
        if (answer.statusCode() != 204) {
            throw KeycloakUsers.unavailable("user update answered " + answer.statusCode());
        }
    }

    /** The credential types of the user ({@code password}, {@code otp}, ...). */
    List<String> credentialTypes(UserId user) {
        var answer = users.admin("GET", "/users/" + enc(user.value()) + "/credentials", null);
        ok(answer, "credential lookup");
        var types = new ArrayList<String>();
        users.json(answer.body()).forEach(credential -> types.add(credential.path("type").asText()));
        return types;
    }

    /** The linked identity providers: {identityProvider, userId, userName} each. */
    JsonNode federatedIdentities(UserId user) {
        var answer = users.admin("GET", "/users/" + enc(user.value()) + "/federated-identity", null);
        ok(answer, "identity lookup");
        return users.json(answer.body());
    }

    /** Removes a linked identity provider; false when it was not linked. */
    boolean unlink(UserId user, String provider) {
        var answer = users.admin("DELETE", "/users/" + enc(user.value()) + "/federated-identity/" + enc(provider), null);
        if (answer.statusCode() == 404) {
            return false;
        }
        if (answer.statusCode() != 204) {
            throw KeycloakUsers.unavailable("unlinking answered " + answer.statusCode());
        }
        return true;
    }

    /** The display name of a user-storage component (the LDAP federation), or its id if unnamed. */
    String componentName(String componentId) {
        var answer = users.admin("GET", "/components/" + enc(componentId), null);
        if (answer.statusCode() != 200) {
            return componentId;
        }
        return users.json(answer.body()).path("name").asText(componentId);
    }

    /** The id of another user that already uses this e-mail address, if any. */
    Optional<String> emailOwner(String email) {
        var answer = users.admin("GET", "/users?exact=true&briefRepresentation=true&email=" + enc(email), null);
        ok(answer, "user lookup");
        for (var user : users.json(answer.body())) {
            if (user.path("email").asText().equalsIgnoreCase(email)) {
                return Optional.of(user.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** Sets a new password; a password Keycloak's policy refuses is 400 VALIDATION_FAILED. */
    void resetPassword(UserId user, String password) {
        var answer = users.admin("PUT", "/users/" + enc(user.value()) + "/reset-password",
                Map.of("type", "password", "value", password, "temporary", false));
        if (answer.statusCode() == 400) {
            throw DomainException.invalid("the new password does not meet the password policy: " + error(answer.body()));
        }
        if (answer.statusCode() != 204) {
            throw KeycloakUsers.unavailable("password reset answered " + answer.statusCode());
        }
    }

    /**
     * Whether this password signs the user in (a password grant that is thrown away). Keycloak answers
     * 401 {@code invalid_grant} for a wrong password.
     */
    boolean passwordMatches(String username, String password) {
        var form = "grant_type=password&scope=openid&client_id=" + enc(PASSWORD_CHECK_CLIENT)
                + "&username=" + enc(username) + "&password=" + enc(password);
        var request = HttpRequest.newBuilder(URI.create(properties.url() + "/realms/" + properties.realm()
                        + "/protocol/openid-connect/token"))
                .timeout(Duration.ofMillis(properties.timeoutMs()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            var answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return true;
            }
            if (answer.statusCode() == 400 || answer.statusCode() == 401) {
                return false;
            }
            throw KeycloakUsers.unavailable("password check answered " + answer.statusCode());
        } catch (IOException e) {
            throw KeycloakUsers.unavailable("Keycloak unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KeycloakUsers.unavailable("interrupted while calling Keycloak");
        }
    }

    private void ok(HttpResponse<String> answer, String what) {
        if (answer.statusCode() == 404) {
            throw DomainException.notFound("user");
        }
        if (answer.statusCode() != 200) {
            throw KeycloakUsers.unavailable(what + " answered " + answer.statusCode());
        }
    }

    private String error(String body) {
        try {
            var json = users.json(body);
            return json.path("errorMessage").asText(json.path("error").asText("invalid"));
        } catch (DomainException e) {
            return "invalid";
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static DomainException conflict(String message) {
        return new DomainException(ErrorCode.CONFLICT, message);
    }
}
