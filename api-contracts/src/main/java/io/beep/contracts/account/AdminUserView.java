package io.beep.contracts.account;

/** A user as global moderators see them: with e-mail and whether the account may sign in. */
public record AdminUserView(
        String id,
        String username,
        String firstName,
        String lastName,
        String email,
        boolean enabled) {
}
