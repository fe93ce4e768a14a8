package io.beep.contracts.account;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/**
 * An identity provider (e.g. {@code google}) was linked to an existing account in Keycloak (account
 * linking started with {@code POST /users/@me/identities/{provider}/link}, or any other link Keycloak
 * reports); {@code externalUserId}/{@code externalUsername} name the account at the provider.
 */
@EventRevision("1")
public record IdentityLinkedEvent(UserId userId, String provider, String externalUserId, String externalUsername,
                                  Instant linkedAt) implements AccountEvent {
}
