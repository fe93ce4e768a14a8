package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Signing in with a directory ("Polytech" LDAP federation) account, and what an expired e-mail
 * verification link leaves behind: an account that still cannot sign in.
 */
class SignInIT {

    private static final String SMTP_API = StackClient.env("BEEP_SMTP_API", "http://127.0.0.1:8025");
    private static final Pattern LINK = Pattern.compile("(http://\\S+/login-actions/action-token\\?key=[^\\s\"<\\\\]+)");

    @Test
    void aPolytechDirectoryAccountSignsInAndSeesItsDirectoryLink() {
        var token = StackClient.token("pauline");

        var me = get("/api/v1/users/@me", token);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().path("username").asText()).isEqualTo("pauline");
        assertThat(me.json().path("email").asText()).isEqualTo("pauline@polytech.local");

        var identities = get("/api/v1/users/@me/identities", token);
        assertThat(identities.status()).as(identities.toString()).isEqualTo(200);
        assertThat(identities.json().path("items").findValuesAsText("kind")).contains("ldap");
        assertThat(identities.json().path("items").findValuesAsText("provider")).contains("polytech");

        // the directory owns the names, the username and the password of its accounts
        var rename = TestAccounts.call("PATCH", "/api/v1/users/@me", token, json(Map.of("firstName", "Paula")));
        assertThat(rename.status()).as(rename.toString()).isEqualTo(409);
        assertThat(rename.json().path("code").asText()).isEqualTo("CONFLICT");
        var password = TestAccounts.call("PUT", "/api/v1/users/@me/password", token,
                json(Map.of("currentPassword", "pauline-pass", "newPassword", "another-pass-1")));
        assertThat(password.status()).as(password.toString()).isEqualTo(409);
        var unlink = TestAccounts.call("DELETE", "/api/v1/users/@me/identities/polytech", token, null);
        assertThat(unlink.status()).as(unlink.toString()).isEqualTo(409);
        assertThat(get("/api/v1/users/@me", token).json().path("firstName").asText()).isNotEqualTo("Paula");
        assertThat(ProfileIT.passwordGrant("pauline", "pauline-pass")).isEqualTo(200);
    }

    @Test
    void anExpiredVerificationLinkLeavesTheAccountUnableToSignIn() throws InterruptedException {
        var username = "exp-" + UUID.randomUUID().toString().substring(0, 8);
        var email = username + "@e2e.beep.local";
        var created = TestAccounts.admin("POST", "/users", json(Map.of("username", username, "email", email,
                "firstName", "Ex", "lastName", "Pired", "enabled", true, "emailVerified", false,
                "requiredActions", List.of("VERIFY_EMAIL"),
                "credentials", List.of(Map.of("type", "password", "value", username + "-pass", "temporary", false)))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var location = created.headers().firstValue("Location").orElseThrow();
        var id = location.substring(location.lastIndexOf('/') + 1);
        // a verification link that is valid for one second only
        var sent = TestAccounts.admin("PUT", "/users/" + id + "/send-verify-email?lifespan=1", null);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(204);
        assertThat(ProfileIT.passwordGrant(username, username + "-pass")).isEqualTo(400);

        var mail = ProfileIT.send(HttpRequest.newBuilder(URI.create(SMTP_API + "/api/user/"
                + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/")).GET().build());
        var link = LINK.matcher(mail.body());
        assertThat(link.find()).as(mail.body()).isTrue();
        Thread.sleep(2_500);

        var page = new KeycloakBrowser().get(link.group(1));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Action expired");
        assertThat(ProfileIT.passwordGrant(username, username + "-pass")).isEqualTo(400);
        assertThat(TestAccounts.admin("GET", "/users/" + id, null).body()).contains("\"emailVerified\":false");
    }
}
