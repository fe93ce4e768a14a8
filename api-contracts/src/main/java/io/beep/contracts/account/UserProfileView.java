package io.beep.contracts.account;

/** A user's public profile; {@code avatarUrl} is a short-lived presigned GET, null without avatar. */
public record UserProfileView(String id, String username, String firstName, String lastName, String avatarUrl) {
}
