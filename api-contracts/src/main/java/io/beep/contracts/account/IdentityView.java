package io.beep.contracts.account;

/**
 * One sign-in identity linked to an account: {@code kind} is {@code identity-provider} (e.g. provider
 * {@code google}) or {@code ldap} (provider = the federation's name, e.g. {@code polytech}).
 */
public record IdentityView(String provider, String kind, String externalUserId, String externalUsername) {
}
