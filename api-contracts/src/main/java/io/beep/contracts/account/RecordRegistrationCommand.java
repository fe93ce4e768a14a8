package io.beep.contracts.account;

import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a Keycloak user was registered through Beep (the Keycloak user exists already). */
public record RecordRegistrationCommand(
        @TargetAggregateIdentifier UserId userId,
        String username,
        String email,
        String firstName,
        String lastName) {
}
