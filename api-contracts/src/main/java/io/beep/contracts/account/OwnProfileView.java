package io.beep.contracts.account;

/**
 * The signed-in user's own profile ({@code GET /users/@me}): the public fields plus the e-mail address,
 * whether it is verified and whether TOTP is enabled.
 */
public record OwnProfileView(
        String id,
        String username,
        String firstName,
        String lastName,
        String avatarUrl,
        String email,
        boolean emailVerified,
        boolean totpEnabled) {
}
