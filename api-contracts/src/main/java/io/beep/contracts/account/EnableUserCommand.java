package io.beep.contracts.account;

import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a global moderator enabled an account again (after Keycloak did); an enabled one stays as it is. */
public record EnableUserCommand(@TargetAggregateIdentifier UserId userId, UserId moderatorId) {
}
