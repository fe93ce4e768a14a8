package io.beep.command.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.beep.command.platform.web.CurrentUser;
import io.beep.contracts.account.IdentityLinkView;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Linking an identity provider (e.g. {@code google}) to the caller's existing account through
 * Keycloak's client-initiated account linking: Beep builds the {@code /broker/{provider}/link} address
 * bound to the caller's Keycloak session ({@code hash} = base64url(sha256(nonce + session id + client
 * id + provider)), session and client taken from the caller's token), the browser that holds that
 * session opens it, signs in at the provider, and Keycloak stores the link. The link reaches the event
 * store as {@code IdentityLinkedEvent} through {@link KeycloakEventSync} (Keycloak event
 * FEDERATED_IDENTITY_LINK), whichever way it was made.
 */
@RestController
class IdentityLinkController {

    private static final Pattern PROVIDER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_REDIRECT = 2000;

    private final KeycloakAccounts accounts;
    private final KeycloakUsers users;
    private final KeycloakProperties properties;

    IdentityLinkController(KeycloakAccounts accounts, KeycloakUsers users, KeycloakProperties properties) {
        this.accounts = accounts;
        this.users = users;
        this.properties = properties;
    }

    @Operation(summary = "Start linking an identity provider (e.g. google) to my account: the Keycloak address to open.",
            description = "Body {redirectUri}: where Keycloak returns afterwards (must be a redirect URI of the client "
                    + "the token was issued to). Open the answered url in the browser signed in to Keycloak with "
                    + "this token's session. Unknown provider 404, already linked 409 ALREADY_EXISTS, token "
                    + "without a Keycloak session 400.")
    @PostMapping("/api/v1/users/@me/identities/{provider}/link")
    IdentityLinkView link(@PathVariable String provider, @RequestBody(required = false) JsonNode body,
                          @AuthenticationPrincipal Jwt jwt) {
        var me = CurrentUser.id();
        var redirectUri = redirectUri(body);
        var session = jwt.getClaimAsString("sid");
        var client = jwt.getClaimAsString("azp");
        if (session == null || session.isBlank() || client == null || client.isBlank()) {
            throw DomainException.invalid("the token has no Keycloak session to link in; sign in through the browser");
        }
        if (!PROVIDER.matcher(provider).matches() || !providerEnabled(provider)) {
            throw DomainException.notFound("identity provider");
        }
        for (var link : accounts.federatedIdentities(me)) {
            if (provider.equals(link.path("identityProvider").asText())) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, "this identity provider is already linked");
            }
        }
        var nonce = UUID.randomUUID().toString();
        var url = properties.url() + "/realms/" + enc(properties.realm()) + "/broker/" + enc(provider) + "/link"
                + "?client_id=" + enc(client) + "&redirect_uri=" + enc(redirectUri) + "&nonce=" + nonce
                + "&hash=" + hash(nonce + session + client + provider);
        return new IdentityLinkView(provider, url, redirectUri);
    }

    private boolean providerEnabled(String provider) {
        var answer = users.admin("GET", "/identity-provider/instances/" + enc(provider), null);
        if (answer.statusCode() == 404) {
            return false;
        }
        if (answer.statusCode() != 200) {
            throw KeycloakUsers.unavailable("identity provider lookup answered " + answer.statusCode());
        }
        return users.json(answer.body()).path("enabled").asBoolean(false);
    }

    private static String redirectUri(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw DomainException.invalid("a JSON object {redirectUri} is required");
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!field.equals("redirectUri")) {
                throw DomainException.invalid("unknown field " + field + "; allowed: redirectUri");
            }
        });
        var value = body.get("redirectUri");
        if (value == null || value.getNodeType() != JsonNodeType.STRING || value.asText().isBlank()
                || value.asText().length() > MAX_REDIRECT) {
            throw DomainException.invalid("redirectUri must be an absolute http(s) URI of at most " + MAX_REDIRECT
                    + " characters");
        }
        try {
            var uri = new URI(value.asText());
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw DomainException.invalid("redirectUri must be an absolute http(s) URI");
            }
        } catch (URISyntaxException e) {
            throw DomainException.invalid("redirectUri must be an absolute http(s) URI");
        }
        return value.asText();
    }

    private static String hash(String input) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
