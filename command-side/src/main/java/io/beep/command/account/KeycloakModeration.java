package io.beep.command.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.beep.contracts.account.AdminUserView;
import io.beep.contracts.common.UserId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The Keycloak side of global moderation: searching accounts, and enabling or disabling one. A
 * disabled Keycloak user gets no new tokens; its sessions are ended too, so no refresh token outlives
 * the decision (access tokens already issued stay valid until they expire).
 */
@Component
public class KeycloakModeration {

    private final KeycloakUsers keycloak;

    public KeycloakModeration(KeycloakUsers keycloak) {
        this.keycloak = keycloak;
    }

    /** Users whose username, e-mail or name contains {@code query} (all users for an empty one), by offset. */
    public List<AdminUserView> search(String query, int first, int max) {
        var path = "/users?briefRepresentation=true&first=" + first + "&max=" + max
                + (query.isEmpty() ? "" : "&search=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        var answer = keycloak.admin("GET", path, null);
        if (answer.statusCode() != 200) {
            throw KeycloakUsers.unavailable("user search answered " + answer.statusCode());
        }
        var users = new ArrayList<AdminUserView>();
        for (var user : keycloak.json(answer.body())) {
            users.add(view(user));
        }
        return users;
    }

    /** The user with this id, if any. */
    public Optional<AdminUserView> find(UserId user) {
        var answer = keycloak.admin("GET", "/users/" + encoded(user), null);
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        if (answer.statusCode() != 200) {
            throw KeycloakUsers.unavailable("user lookup answered " + answer.statusCode());
        }
        return Optional.of(view(keycloak.json(answer.body())));
    }

    /** Enables or disables the account; disabling also ends its sessions. Repeating either is harmless. */
    public void setEnabled(UserId user, boolean enabled) {
        var answer = keycloak.admin("PUT", "/users/" + encoded(user), Map.of("enabled", enabled));
        if (answer.statusCode() != 204) {
            throw KeycloakUsers.unavailable("user update answered " + answer.statusCode());
        }
        if (!enabled) {
            var logout = keycloak.admin("POST", "/users/" + encoded(user) + "/logout", null);
            if (logout.statusCode() != 204) {
                throw KeycloakUsers.unavailable("ending the user's sessions answered " + logout.statusCode());
            }
        }
    }

    private static String encoded(UserId user) {
        return URLEncoder.encode(user.value(), StandardCharsets.UTF_8);
    }

    private static AdminUserView view(JsonNode user) {
        return new AdminUserView(user.path("id").asText(), user.path("username").asText(),
                text(user, "firstName"), text(user, "lastName"), text(user, "email"),
                user.path("enabled").asBoolean(true));
    }

    private static String text(JsonNode node, String field) {
        var value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
