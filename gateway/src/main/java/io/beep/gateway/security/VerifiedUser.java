package io.beep.gateway.security;

import java.time.Instant;

/**
 * Who a valid access token speaks for.
 *
 * @param id the user's id (the token's {@code sub})
 * @param username the user's name ({@code preferred_username})
 * @param expiresAt when the token stops being valid, if known
 */
public record VerifiedUser(String id, String username, Instant expiresAt) {
}
