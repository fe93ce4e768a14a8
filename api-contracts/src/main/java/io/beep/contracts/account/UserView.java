package io.beep.contracts.account;

/**
 * A user as clients see them. {@code email} and {@code emailVerified} only in answers about oneself
 * (null otherwise).
 */
public record UserView(
        String id,
        String username,
        String firstName,
        String lastName,
        String avatarUrl,
        String email,
        Boolean emailVerified) {
}
