package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Two-factor sign-in (TOTP) against the real Keycloak: set up, confirm with a code, then the password
 * grant needs the {@code totp} parameter; disabling needs a current code. Codes are computed here
 * from the Base32 secret, as an authenticator app would.
 */
class TwoFactorSignInIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static void assertProblem(StackClient.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).as(answer.toString()).isEqualTo(code);
    }

    private static StackClient.Answer delete(String path, String token, String body) {
        return TestAccounts.call("DELETE", path, token, body);
    }

    @Test
    void onceConfirmedSigningInNeedsTheCodeAndDisablingNeedsOneToo() {
        var user = TestAccounts.create("totp");
        var token = user.token();

        var setUp = post("/api/v1/users/@me/totp", token, "");
        assertThat(setUp.status()).as(setUp.toString()).isEqualTo(200);
        var secret = setUp.json().path("secret").asText();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(setUp.json().path("otpauthUri").asText())
                .startsWith("otpauth://totp/Beep%3A" + user.username() + "?secret=" + secret + "&issuer=Beep");

        assertProblem(post("/api/v1/users/@me/totp/confirm", token, json(Map.of("code", wrongCode(secret)))), 400,
                "INVALID_TOTP_CODE");
        assertThat(signIn(user.username(), null)).as("still one factor before confirming").isEqualTo(200);

        var confirmed = post("/api/v1/users/@me/totp/confirm", token, json(Map.of("code", code(secret, 0))));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(204);
        assertProblem(post("/api/v1/users/@me/totp", token, ""), 409, "ALREADY_EXISTS");

        assertThat(signIn(user.username(), null)).as("password alone").isEqualTo(401);
        assertThat(signIn(user.username(), wrongCode(secret))).as("wrong code").isEqualTo(401);
        assertThat(signIn(user.username(), code(secret, 0))).as("password and code").isEqualTo(200);

        assertProblem(delete("/api/v1/users/@me/totp", token, ""), 400, "VALIDATION_FAILED");
        assertProblem(delete("/api/v1/users/@me/totp", token, json(Map.of("code", wrongCode(secret)))), 400,
                "INVALID_TOTP_CODE");
        var stranger = TestAccounts.create("totp-other").token();
        assertProblem(delete("/api/v1/users/@me/totp", stranger, json(Map.of("code", code(secret, 0)))), 409,
                "CONFLICT");
        assertThat(signIn(user.username(), null)).as("a stranger's call changed nothing").isEqualTo(401);

        var disabled = delete("/api/v1/users/@me/totp", token, json(Map.of("code", code(secret, 0))));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(204);
        assertThat(signIn(user.username(), null)).as("password alone again").isEqualTo(200);

        var events = get("/api/v1/admin/events?types=TotpEnabledEvent,TotpDisabledEvent&aggregateId=" + user.id(),
                StackClient.token("admin"));
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
        assertThat(events.body().lines().map(l -> parse(l).path("type").asText()))
                .containsExactly("TotpEnabledEvent", "TotpDisabledEvent");
        assertThat(events.body()).doesNotContain(user.username() + "\"").doesNotContain(secret);
    }

    @Test
    void anotherUsersTokenCannotConfirmTheirSetUp() {
        var owner = TestAccounts.create("totp-own");
        var other = TestAccounts.create("totp-oth");
        var secret = post("/api/v1/users/@me/totp", owner.token(), "").json().path("secret").asText();

        assertProblem(post("/api/v1/users/@me/totp/confirm", other.token(), json(Map.of("code", code(secret, 0)))),
                409, "CONFLICT");
        assertThat(signIn(other.username(), null)).isEqualTo(200);
        var confirmed = post("/api/v1/users/@me/totp/confirm", owner.token(), json(Map.of("code", code(secret, 0))));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(204);
        assertThat(signIn(owner.username(), null)).isEqualTo(401);
    }

    @Test
    void aNewSetUpReplacesTheUnconfirmedSecret() {
        var user = TestAccounts.create("totp-again");
        var first = post("/api/v1/users/@me/totp", user.token(), "").json().path("secret").asText();
        var second = post("/api/v1/users/@me/totp", user.token(), "").json().path("secret").asText();
        assertThat(second).isNotEqualTo(first);

        assertProblem(post("/api/v1/users/@me/totp/confirm", user.token(), json(Map.of("code", code(first, 0)))), 400,
                "INVALID_TOTP_CODE");
        var confirmed = post("/api/v1/users/@me/totp/confirm", user.token(), json(Map.of("code", code(second, 0))));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(204);
    }

    @Test
    void malformedRequestsAreProblems() {
        var user = TestAccounts.create("totp-bad");
        var token = user.token();
        assertProblem(post("/api/v1/users/@me/totp/confirm", token, json(Map.of("code", "123456"))), 409, "CONFLICT");
        post("/api/v1/users/@me/totp", token, "");
        assertProblem(post("/api/v1/users/@me/totp/confirm", token, "{"), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/users/@me/totp/confirm", token, "{}"), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/users/@me/totp/confirm", token, json(Map.of("code", "12ab56"))), 400,
                "VALIDATION_FAILED");
        assertProblem(post("/api/v1/users/@me/totp/confirm", token, json(Map.of("code", "1234567"))), 400,
                "VALIDATION_FAILED");
        assertProblem(post("/api/v1/users/@me/totp/confirm", token, "[1]"), 400, "VALIDATION_FAILED");
        assertProblem(delete("/api/v1/users/@me/totp", token, json(Map.of("code", "123456"))), 409, "CONFLICT");
        assertThat(post("/api/v1/users/@me/totp", null, "").status()).isEqualTo(401);
    }

    private static JsonNode parse(String line) {
        try {
            return StackClient.JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(line, e);
        }
    }

    /** The status of Keycloak's password grant, with the {@code totp} parameter when a code is given. */
    /**
     * A password grant. Waits first: realm beep has brute-force detection, and two failed sign-ins
     * less than quickLoginCheckMilliSeconds (200 ms) apart lock the account for 30 s, which a fast
     * test run would otherwise trip over between its deliberately failing attempts.
     */
    private static int signIn(String username, String totp) {
        java.util.concurrent.locks.LockSupport.parkNanos(400_000_000L);
        var form = "grant_type=password&client_id=beep-cli&username=" + enc(username) + "&password="
                + enc(username + "-pass") + (totp == null ? "" : "&totp=" + enc(totp));
        var request = HttpRequest.newBuilder(URI.create(StackClient.KEYCLOAK + "/realms/" + StackClient.REALM
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A code that is valid at no step near now. */
    private static String wrongCode(String secret) {
        var near = java.util.Set.of(code(secret, -1), code(secret, 0), code(secret, 1));
        for (int i = 0; ; i++) {
            var candidate = String.format("%06d", (123456 + i * 7919) % 1_000_000);
            if (!near.contains(candidate)) {
                return candidate;
            }
        }
    }

    /** The RFC 6238 code (HMAC-SHA1, 6 digits, 30 s) of the step {@code offset} steps from now. */
    static String code(String base32Secret, int offset) {
        try {
            var mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
            var hash = mac.doFinal(ByteBuffer.allocate(8).putLong(Instant.now().getEpochSecond() / 30 + offset).array());
            int o = hash[hash.length - 1] & 0xf;
            int binary = ((hash[o] & 0x7f) << 24) | ((hash[o + 1] & 0xff) << 16) | ((hash[o + 2] & 0xff) << 8)
                    | (hash[o + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] base32(String text) {
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
