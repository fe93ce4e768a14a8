package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
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
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Profiles end to end through the gateway against the real Keycloak, S3 (s3proxy) and SMTP sink
 * (GreenMail): own and public profile, profile changes, avatars by presigned upload, e-mail change
 * with re-verification, password change. Fresh users each time; every route acts on the caller only.
 */
class ProfileIT {

    private static final String SMTP_API = StackClient.env("BEEP_SMTP_API", "http://127.0.0.1:8025");
    private static final Pattern CONFIRM_LINK = Pattern.compile("(http://\\S+/api/v1/auth/email-change/confirm\\?token=[A-Za-z0-9_.-]+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static StackClient.Answer call(String method, String path, String token, String body) {
        return TestAccounts.call(method, path, token, body);
    }

    private static void assertProblem(StackClient.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).as(answer.toString()).isEqualTo(code);
    }

    @Test
    void ownProfileHasEmailAndTotpWhileOthersSeeOnlyThePublicProfile() {
        var ann = TestAccounts.create("prof");
        var ben = TestAccounts.create("prof");

        var me = get("/api/v1/users/@me", ann.token());
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().path("id").asText()).isEqualTo(ann.id());
        assertThat(me.json().path("username").asText()).isEqualTo(ann.username());
        assertThat(me.json().path("firstName").asText()).isEqualTo("E2e");
        assertThat(me.json().path("email").asText()).isEqualTo(ann.username() + "@e2e.beep.local");
        assertThat(me.json().path("totpEnabled").asBoolean(true)).isFalse();
        assertThat(me.json().has("avatarUrl")).isTrue();

        var seenByBen = get("/api/v1/users/" + ann.id(), ben.token());
        assertThat(seenByBen.status()).as(seenByBen.toString()).isEqualTo(200);
        assertThat(seenByBen.json().path("username").asText()).isEqualTo(ann.username());
        assertThat(seenByBen.json().has("email")).isFalse();
        assertThat(seenByBen.body()).doesNotContain("@e2e.beep.local");

        var found = get("/api/v1/users?username=" + ann.username().toUpperCase(), ben.token());
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().path("items")).hasSize(1);
        assertThat(found.json().path("items").get(0).path("id").asText()).isEqualTo(ann.id());
        assertThat(found.json().has("nextCursor")).isTrue();
        assertThat(get("/api/v1/users?username=" + ann.username() + "x", ben.token()).json().path("items")).isEmpty();
        assertProblem(get("/api/v1/users", ben.token()), 400, "VALIDATION_FAILED");

        assertProblem(get("/api/v1/users/" + UUID.randomUUID(), ben.token()), 404, "NOT_FOUND");
        assertThat(get("/api/v1/users/@me", null).status()).isEqualTo(401);
        assertThat(get("/api/v1/users/" + ann.id(), null).status()).isEqualTo(401);
    }

    @Test
    void profileChangesApplyToMyAccountOnlyAndATakenUsernameIsAConflict() {
        var ann = TestAccounts.create("prof");
        var ben = TestAccounts.create("prof");
        var annToken = ann.token();
        var newName = "ann-" + UUID.randomUUID().toString().substring(0, 8);

        var patched = call("PATCH", "/api/v1/users/@me", annToken,
                json(Map.of("firstName", "Ann", "lastName", "Other", "username", newName)));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(Long.parseLong(patched.consistencyToken())).isPositive();
        assertThat(patched.json().path("username").asText()).isEqualTo(newName);

        var me = get("/api/v1/users/@me", annToken);
        assertThat(me.json().path("firstName").asText()).isEqualTo("Ann");
        assertThat(me.json().path("lastName").asText()).isEqualTo("Other");
        assertThat(me.json().path("username").asText()).isEqualTo(newName);
        assertThat(get("/api/v1/users/" + ann.id(), ben.token()).json().path("username").asText()).isEqualTo(newName);
        var ben2 = get("/api/v1/users/" + ben.id(), ben.token()).json();
        assertThat(ben2.path("firstName").asText()).isEqualTo("E2e");
        assertThat(ben2.path("username").asText()).isEqualTo(ben.username());

        assertProblem(call("PATCH", "/api/v1/users/@me", annToken, json(Map.of("username", ben.username()))),
                409, "ALREADY_EXISTS");
        assertThat(get("/api/v1/users/@me", annToken).json().path("username").asText()).isEqualTo(newName);

        assertProblem(call("PATCH", "/api/v1/users/@me", annToken, "{\"firstName\":"), 400, "VALIDATION_FAILED");
        assertProblem(call("PATCH", "/api/v1/users/@me", annToken, "{}"), 400, "VALIDATION_FAILED");
        assertProblem(call("PATCH", "/api/v1/users/@me", annToken, "[1]"), 400, "VALIDATION_FAILED");
        assertProblem(call("PATCH", "/api/v1/users/@me", annToken, "{\"firstName\": 1}"), 400, "VALIDATION_FAILED");
        assertProblem(call("PATCH", "/api/v1/users/@me", annToken, "{\"email\": \"x@y.z\"}"), 400, "VALIDATION_FAILED");
        assertProblem(call("PATCH", "/api/v1/users/@me", annToken, "{\"username\": \"Not Valid\"}"), 400, "VALIDATION_FAILED");
        assertProblem(call("PATCH", "/api/v1/users/@me", annToken, "{\"lastName\": \"" + "x".repeat(65) + "\"}"),
                400, "VALIDATION_FAILED");
        assertThat(get("/api/v1/users/@me", annToken).json().path("lastName").asText()).isEqualTo("Other");
        assertThat(call("PATCH", "/api/v1/users/@me", null, json(Map.of("firstName", "X"))).status()).isEqualTo(401);

        // the renamed account signs in with its new username
        var form = "grant_type=password&client_id=beep-cli&username=" + newName + "&password=" + ann.username() + "-pass";
        assertThat(send(HttpRequest.newBuilder(URI.create(StackClient.KEYCLOAK + "/realms/" + StackClient.REALM
                + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build()).statusCode()).isEqualTo(200);
    }

    @Test
    void avatarUploadedThroughAPresignedPutBecomesMyAvatarWithAShortLivedUrl() throws Exception {
        var ann = TestAccounts.create("avatar");
        var ben = TestAccounts.create("avatar");
        var annToken = ann.token();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3, 4};

        var upload = post("/api/v1/users/@me/avatar", annToken, json(Map.of("size", png.length, "contentType", "image/png")));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
        var key = upload.json().path("key").asText();
        assertThat(key).startsWith("user/" + ann.id() + "/");
        var put = HTTP.send(HttpRequest.newBuilder(URI.create(upload.json().path("uploadUrl").asText()))
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(png)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        // someone else cannot take my upload as their avatar
        assertProblem(call("PATCH", "/api/v1/users/@me", ben.token(), json(Map.of("avatar", key))), 400, "VALIDATION_FAILED");
        // a key that was never uploaded is refused
        assertProblem(call("PATCH", "/api/v1/users/@me", annToken,
                json(Map.of("avatar", "user/" + ann.id() + "/" + UUID.randomUUID() + ".png"))), 400, "VALIDATION_FAILED");

        var set = call("PATCH", "/api/v1/users/@me", annToken, json(Map.of("avatar", key)));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        var avatarUrl = get("/api/v1/users/" + ann.id(), ben.token()).json().path("avatarUrl").asText();
        assertThat(avatarUrl).contains("X-Amz-Expires=");
        var download = HTTP.send(HttpRequest.newBuilder(URI.create(avatarUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(png);
        assertThat(get("/api/v1/users/@me", annToken).json().path("avatarUrl").asText()).contains(key);
        assertThat(get("/api/v1/users/@me", ben.token()).json().path("avatarUrl").isNull()).isTrue();

        assertProblem(post("/api/v1/users/@me/avatar", annToken,
                json(Map.of("size", 9 * 1024 * 1024, "contentType", "image/png"))), 413, "PAYLOAD_TOO_LARGE");
        assertProblem(post("/api/v1/users/@me/avatar", annToken,
                json(Map.of("size", 100, "contentType", "text/html"))), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(post("/api/v1/users/@me/avatar", annToken, json(Map.of("size", "big", "contentType", "image/png"))),
                400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/users/@me/avatar", annToken, "{\"size\":"), 400, "VALIDATION_FAILED");

        var removed = call("PATCH", "/api/v1/users/@me", annToken, "{\"avatar\": null}");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(get("/api/v1/users/" + ann.id(), ben.token()).json().path("avatarUrl").isNull()).isTrue();
    }

    @Test
    void newEmailTakesEffectOnlyAfterTheLinkMailedToItIsFollowed() {
        var ann = TestAccounts.create("email");
        var ben = TestAccounts.create("email");
        var annToken = ann.token();
        var oldEmail = ann.username() + "@e2e.beep.local";
        var newEmail = ann.username() + "@new.beep.local";

        assertProblem(call("PUT", "/api/v1/users/@me/email", annToken, json(Map.of("email", ben.username() + "@e2e.beep.local"))),
                409, "ALREADY_EXISTS");
        assertProblem(call("PUT", "/api/v1/users/@me/email", annToken, json(Map.of("email", "not-an-address"))),
                400, "VALIDATION_FAILED");
        assertProblem(call("PUT", "/api/v1/users/@me/email", annToken, "{\"email\": 7}"), 400, "VALIDATION_FAILED");
        assertProblem(call("PUT", "/api/v1/users/@me/email", annToken, "{"), 400, "VALIDATION_FAILED");

        var requested = call("PUT", "/api/v1/users/@me/email", annToken, json(Map.of("email", newEmail)));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        assertThat(requested.json().path("pendingEmail").asText()).isEqualTo(newEmail);
        assertThat(get("/api/v1/users/@me", annToken).json().path("email").asText()).isEqualTo(oldEmail);

        var link = confirmLink(newEmail);
        assertProblem(get(link.replace("token=", "token=x"), null), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/auth/email-change/confirm?token=" + link.substring(link.indexOf("token=") + 6, link.lastIndexOf('.'))
                + ".AAAA", null), 400, "VALIDATION_FAILED");
        assertThat(get("/api/v1/users/@me", annToken).json().path("email").asText()).isEqualTo(oldEmail);

        var confirmed = get(link, null);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.json().path("email").asText()).isEqualTo(newEmail);
        var me = get("/api/v1/users/@me", annToken).json();
        assertThat(me.path("email").asText()).isEqualTo(newEmail);
        assertThat(me.path("emailVerified").asBoolean()).isTrue();
        assertThat(get(link, null).status()).isEqualTo(200);
        assertThat(get("/api/v1/users/@me", ben.token()).json().path("email").asText()).isEqualTo(ben.username() + "@e2e.beep.local");

        // the old address is free again, the new one is taken
        assertProblem(call("PUT", "/api/v1/users/@me/email", ben.token(), json(Map.of("email", newEmail))), 409, "ALREADY_EXISTS");
        assertThat(call("PUT", "/api/v1/users/@me/email", ben.token(), json(Map.of("email", oldEmail))).status()).isEqualTo(202);
    }

    @Test
    void passwordChangesOnlyWithTheCurrentPassword() {
        var ann = TestAccounts.create("pw");
        var annToken = ann.token();
        var oldPassword = ann.username() + "-pass";

        assertProblem(call("PUT", "/api/v1/users/@me/password", annToken,
                json(Map.of("currentPassword", "wrong-password", "newPassword", "brand-new-pass"))), 403, "INVALID_CURRENT_PASSWORD");
        assertProblem(call("PUT", "/api/v1/users/@me/password", annToken,
                json(Map.of("currentPassword", oldPassword, "newPassword", "short"))), 400, "VALIDATION_FAILED");
        assertProblem(call("PUT", "/api/v1/users/@me/password", annToken, "{\"currentPassword\": 1}"), 400, "VALIDATION_FAILED");
        assertProblem(call("PUT", "/api/v1/users/@me/password", annToken, "nope"), 400, "VALIDATION_FAILED");
        assertThat(passwordGrant(ann.username(), oldPassword)).isEqualTo(200);

        var changed = call("PUT", "/api/v1/users/@me/password", annToken,
                json(Map.of("currentPassword", oldPassword, "newPassword", "brand-new-pass")));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(passwordGrant(ann.username(), "brand-new-pass")).isEqualTo(200);
        assertThat(passwordGrant(ann.username(), oldPassword)).isEqualTo(401);
    }

    /** The confirmation link of the newest e-mail change mail sent to this address. */
    private static String confirmLink(String address) {
        var mail = send(HttpRequest.newBuilder(URI.create(SMTP_API + "/api/user/"
                + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/")).GET().build());
        assertThat(mail.statusCode()).as(mail.body()).isEqualTo(200);
        var matcher = CONFIRM_LINK.matcher(mail.body().replace("\\r\\n", "\n").replace("=\\n", ""));
        String link = null;
        while (matcher.find()) {
            link = matcher.group(1);
        }
        assertThat(link).as(mail.body()).isNotNull();
        return link.substring(link.indexOf("/api/v1/"));
    }

    static int passwordGrant(String username, String password) {
        var form = "grant_type=password&client_id=beep-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(StackClient.KEYCLOAK + "/realms/" + StackClient.REALM
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build()).statusCode();
    }

    static HttpResponse<String> send(HttpRequest request) {
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
