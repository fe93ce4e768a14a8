package io.beep.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.beep.contracts.account.DisableUserCommand;
import io.beep.contracts.account.EmailChangedEvent;
import io.beep.contracts.account.EnableUserCommand;
import io.beep.contracts.account.IdentityLinkedEvent;
import io.beep.contracts.account.IdentityUnlinkedEvent;
import io.beep.contracts.account.PasswordChangedEvent;
import io.beep.contracts.account.ProfileUpdatedEvent;
import io.beep.contracts.account.RecordEmailChangeCommand;
import io.beep.contracts.account.RecordIdentityLinkCommand;
import io.beep.contracts.account.RecordIdentityUnlinkCommand;
import io.beep.contracts.account.RecordPasswordChangeCommand;
import io.beep.contracts.account.RecordRegistrationCommand;
import io.beep.contracts.account.UpdateProfileCommand;
import io.beep.contracts.account.UserDisabledEvent;
import io.beep.contracts.account.UserEnabledEvent;
import io.beep.contracts.account.UserRegisteredEvent;
import io.beep.contracts.common.UserId;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import io.beep.contracts.account.AccountDeletedEvent;
import io.beep.contracts.account.AccountEvent;
import io.beep.contracts.account.DeleteAccountCommand;
import io.beep.contracts.account.DisableTotpCommand;
import io.beep.contracts.account.EnableTotpCommand;
import io.beep.contracts.account.TotpDisabledEvent;
import io.beep.contracts.account.TotpEnabledEvent;
import io.beep.contracts.common.DomainException;

/** The history of one account, keyed by its Keycloak user id. */
@Aggregate
class Account {

    @AggregateIdentifier
    private UserId userId;
    private boolean disabled;
    private boolean deleted;

    Account() {
    }

    @CommandHandler
    Account(RecordRegistrationCommand command) {
        apply(new UserRegisteredEvent(command.userId(), command.username(), command.email(), command.firstName(),
                command.lastName(), Instant.now()));
    }

    // Profile, e-mail, password and identity changes made through Beep. Accounts created outside Beep
    // (seeded, LDAP, brokered) have no history yet: their first change starts it.

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(UpdateProfileCommand command) {
        apply(new ProfileUpdatedEvent(command.userId(), command.username(), command.firstName(), command.lastName(),
                command.avatarKey(), Instant.now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordEmailChangeCommand command) {
        apply(new EmailChangedEvent(command.userId(), command.email(), Instant.now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordPasswordChangeCommand command) {
        apply(new PasswordChangedEvent(command.userId(), Instant.now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordIdentityUnlinkCommand command) {
        apply(new IdentityUnlinkedEvent(command.userId(), command.provider(), Instant.now()));
    }

    /** A link Keycloak reported (see KeycloakEventSync); a deleted account records nothing more. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordIdentityLinkCommand command) {
        if (deleted) {
            return;
        }
        apply(new IdentityLinkedEvent(command.userId(), command.provider(), command.externalUserId(),
                command.externalUsername(), Instant.now()));
    }

    // Two-factor sign-in and account deletion (see TotpController, AccountDeletionController,
    // KeycloakEventSync). A deleted account records nothing more, and deleting twice records one deletion.

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(EnableTotpCommand command) {
        requireNotDeleted();
        apply(new TotpEnabledEvent(command.userId(), command.credentialId(), Instant.now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DisableTotpCommand command) {
        requireNotDeleted();
        apply(new TotpDisabledEvent(command.userId(), command.credentialId(), Instant.now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DeleteAccountCommand command) {
        if (deleted) {
            return;
        }
        apply(new AccountDeletedEvent(command.userId(), command.serverIds(), command.friendshipIds(), command.source(),
                Instant.now()));
    }

    private void requireNotDeleted() {
        if (deleted) {
            throw DomainException.notFound("account");
        }
    }

    /** Every account event names its user: the aggregate's identifier (more specific handlers below). */
    @EventSourcingHandler
    void on(AccountEvent event) {
        userId = event.userId();
    }

    @EventSourcingHandler
    void on(AccountDeletedEvent event) {
        userId = event.userId();
        deleted = true;
    }

    /** Disabling and enabling by a global moderator (after Keycloak did it); repeating either changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DisableUserCommand command) {
        if (!disabled) {
            apply(new UserDisabledEvent(command.userId(), command.moderatorId(), GenericEventMessage.clock.instant()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(EnableUserCommand command) {
        if (disabled || userId == null) {
            apply(new UserEnabledEvent(command.userId(), command.moderatorId(), GenericEventMessage.clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(UserDisabledEvent event) {
        userId = event.userId();
        disabled = true;
    }

    @EventSourcingHandler
    void on(UserEnabledEvent event) {
        userId = event.userId();
        disabled = false;
    }
}
