package io.beep.contracts.account;

import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a verified new e-mail address took effect in Keycloak. */
public record RecordEmailChangeCommand(@TargetAggregateIdentifier UserId userId, String email) {
}
