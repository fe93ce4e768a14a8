package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Sign-up end to end: the gateway's public route, the real Keycloak (unverified account with the
 * VERIFY_EMAIL required action), the verification mail in the GreenMail sink, and signing in.
 */
class AccountsIT {

    private static final String SMTP_API = StackClient.env("BEEP_SMTP_API", "http://127.0.0.1:8025");
    private static final Pattern LINK = Pattern.compile("(http://\\S+/login-actions/action-token\\?key=[^\\s\"<]+)");
    private static final Pattern CONFIRM = Pattern.compile("href=\"(http[^\"]*/login-actions/action-token[^\"]*)\"");

    private static Map<String, String> registration(String username) {
        var body = new HashMap<String, String>();
        body.put("email", username + "@e2e.beep.local");
        body.put("username", username);
        body.put("password", username + "-pass");
        body.put("firstName", "Reg");
        body.put("lastName", "Istered");
        return body;
    }

    private static String fresh() {
        return "reg-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int passwordGrant(String username, String password) {
        var form = "grant_type=password&client_id=beep-cli&username=" + enc(username) + "&password=" + enc(password);
        return send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(StackClient.KEYCLOAK + "/realms/"
                        + StackClient.REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build()).statusCode();
    }

    private static void assertProblem(StackClient.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).isEqualTo(code);
    }

    @Test
    void registeredAccountSignsInOnlyAfterFollowingTheVerificationLink() {
        var username = fresh();
        var registered = post("/api/v1/auth/register", null, json(registration(username)));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().path("id").asText()).isNotBlank();
        assertThat(registered.json().path("username").asText()).isEqualTo(username);
        assertThat(registered.json().path("emailVerified").asBoolean()).isFalse();
        assertThat(Long.parseLong(registered.consistencyToken())).isPositive();

        assertThat(passwordGrant(username, username + "-pass")).isEqualTo(400);

        var mail = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(SMTP_API + "/api/user/"
                + enc(username + "@e2e.beep.local") + "/messages/")).GET().build());
        assertThat(mail.statusCode()).isEqualTo(200);
        var link = LINK.matcher(mail.body().replace("\\r\\n", "\n"));
        assertThat(link.find()).as(mail.body()).isTrue();

        // Keycloak's session cookies are marked Secure, which java.net's cookie store withholds on http;
        // a browser on 127.0.0.1 sends them, so the test carries them by hand.
        var browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        var page = send(browser, HttpRequest.newBuilder(URI.create(link.group(1))).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        var cookies = String.join("; ", page.headers().allValues("Set-Cookie").stream()
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).toList());
        var confirm = CONFIRM.matcher(page.body());
        assertThat(confirm.find()).as(page.body()).isTrue();
        var confirmed = send(browser, HttpRequest.newBuilder(URI.create(confirm.group(1).replace("&amp;", "&")))
                .header("Cookie", cookies).GET().build());
        assertThat(confirmed.statusCode()).as(confirmed.body()).isIn(200, 302);

        assertThat(passwordGrant(username, username + "-pass")).isEqualTo(200);
        assertThat(passwordGrant(username, "wrong-password")).isEqualTo(401);
    }

    @Test
    void takenUsernameOrEmailIsAConflict() {
        var username = fresh();
        assertThat(post("/api/v1/auth/register", null, json(registration(username))).status()).isEqualTo(201);

        var sameUsername = registration(username);
        sameUsername.put("email", fresh() + "@e2e.beep.local");
        assertProblem(post("/api/v1/auth/register", null, json(sameUsername)), 409, "ALREADY_EXISTS");

        var sameEmail = registration(fresh());
        sameEmail.put("email", username + "@e2e.beep.local");
        assertProblem(post("/api/v1/auth/register", null, json(sameEmail)), 409, "ALREADY_EXISTS");
    }

    @Test
    void malformedRegistrationsAreProblemsAndCreateNothing() {
        var username = fresh();
        assertProblem(post("/api/v1/auth/register", null, "{\"email\":"), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/auth/register", null, "{}"), 400, "VALIDATION_FAILED");
        var shortPassword = registration(username);
        shortPassword.put("password", "short");
        assertProblem(post("/api/v1/auth/register", null, json(shortPassword)), 400, "VALIDATION_FAILED");
        var badEmail = registration(username);
        badEmail.put("email", "not-an-address");
        assertProblem(post("/api/v1/auth/register", null, json(badEmail)), 400, "VALIDATION_FAILED");
        var badUsername = registration(username);
        badUsername.put("username", "no spaces allowed");
        assertProblem(post("/api/v1/auth/register", null, json(badUsername)), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/auth/register", null, "{\"email\": 1, \"username\": 2}"), 400, "VALIDATION_FAILED");

        assertThat(post("/api/v1/auth/register", null, json(registration(username))).status()).isEqualTo(201);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
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
}
