package io.beep.contracts.account;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** A user unlinked an identity provider (e.g. {@code google}) from their account. */
@EventRevision("1")
public record IdentityUnlinkedEvent(UserId userId, String provider, Instant unlinkedAt) implements AccountEvent {
}
