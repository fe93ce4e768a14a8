package io.beep.contracts.account;

import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the user's OTP credential was removed from Keycloak. */
public record DisableTotpCommand(@TargetAggregateIdentifier UserId userId, String credentialId) {
}
