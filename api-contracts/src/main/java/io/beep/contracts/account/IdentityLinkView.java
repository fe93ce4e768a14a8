package io.beep.contracts.account;

/**
 * Answer of {@code POST /users/@me/identities/{provider}/link}: the Keycloak address to open in the
 * browser that holds the caller's Keycloak session; after the provider's sign-in Keycloak links the
 * identity and returns to {@code redirectUri} (with {@code link_error} when it did not link).
 */
public record IdentityLinkView(String provider, String url, String redirectUri) {
}
