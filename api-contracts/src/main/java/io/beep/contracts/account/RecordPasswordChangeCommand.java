package io.beep.contracts.account;

import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the user changed their password in Keycloak through Beep. */
public record RecordPasswordChangeCommand(@TargetAggregateIdentifier UserId userId) {
}
