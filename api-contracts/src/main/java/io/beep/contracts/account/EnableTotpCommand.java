package io.beep.contracts.account;

import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the user's OTP credential was created in Keycloak after a confirmed code. */
public record EnableTotpCommand(@TargetAggregateIdentifier UserId userId, String credentialId) {
}
