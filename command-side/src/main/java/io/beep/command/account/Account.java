package io.beep.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.beep.contracts.account.RecordRegistrationCommand;
import io.beep.contracts.account.UserRegisteredEvent;
import io.beep.contracts.common.UserId;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** The history of one account, keyed by its Keycloak user id. */
@Aggregate
class Account {

    @AggregateIdentifier
    private UserId userId;

    Account() {
    }

    @CommandHandler
    Account(RecordRegistrationCommand command) {
        apply(new UserRegisteredEvent(command.userId(), command.username(), command.email(), command.firstName(),
                command.lastName(), Instant.now()));
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
    }
}
