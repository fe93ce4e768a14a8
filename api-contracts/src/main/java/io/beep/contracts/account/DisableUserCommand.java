package io.beep.contracts.account;

import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a global moderator disabled an account (after Keycloak did); a disabled account stays as it is. */
public record DisableUserCommand(@TargetAggregateIdentifier UserId userId, UserId moderatorId) {
}
