package io.beep.command.account;

import io.beep.contracts.common.UserId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The OTP credential of a Keycloak user, through the admin API with the backend's service account
 * (role manage-users). Keycloak creates a stored credential from a user update that carries a
 * credential representation in its import format ({@code secretData} and {@code credentialData}),
 * the same format as a realm export: no Keycloak extension is needed. Once it exists, Keycloak's
 * browser and direct-grant flows ask for the code (their conditional OTP step).
 */
@Component
class KeycloakOtp {

    static final String LABEL = "Beep";

    private final KeycloakUsers keycloak;

    KeycloakOtp(KeycloakUsers keycloak) {
        this.keycloak = keycloak;
    }

    /** The id of the user's OTP credential, if they have one. */
    Optional<String> credentialId(UserId user) {
        var answer = keycloak.admin("GET", "/users/" + enc(user) + "/credentials", null);
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        if (answer.statusCode() != 200) {
            throw KeycloakUsers.unavailable("credential lookup answered " + answer.statusCode());
        }
        for (var credential : keycloak.json(answer.body())) {
            if ("otp".equals(credential.path("type").asText())) {
                return Optional.of(credential.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** Creates the OTP credential with this secret; answers its id. */
    String create(UserId user, String secret) {
        var credentialData = "{\"subType\":\"totp\",\"digits\":" + Totp.DIGITS + ",\"period\":" + Totp.PERIOD_SECONDS
                + ",\"algorithm\":\"" + Totp.ALGORITHM + "\",\"counter\":0}";
        var secretData = "{\"value\":\"" + secret + "\"}";
        var answer = keycloak.admin("PUT", "/users/" + enc(user), Map.of("credentials", List.of(Map.of(
                "type", "otp", "userLabel", LABEL, "secretData", secretData, "credentialData", credentialData))));
        if (answer.statusCode() != 204) {
            throw KeycloakUsers.unavailable("creating the OTP credential answered " + answer.statusCode());
        }
        return credentialId(user).orElseThrow(() -> KeycloakUsers.unavailable("Keycloak did not keep the OTP credential"));
    }

    /** Removes one credential; one already gone is fine. */
    void remove(UserId user, String credentialId) {
        var answer = keycloak.admin("DELETE", "/users/" + enc(user) + "/credentials/"
                + URLEncoder.encode(credentialId, StandardCharsets.UTF_8), null);
        if (answer.statusCode() != 204 && answer.statusCode() != 404) {
            throw KeycloakUsers.unavailable("removing the OTP credential answered " + answer.statusCode());
        }
    }

    private static String enc(UserId user) {
        return URLEncoder.encode(user.value(), StandardCharsets.UTF_8);
    }
}
