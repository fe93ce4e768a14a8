package io.beep.command.account;

import io.beep.contracts.account.AccountDeletedEvent;
import io.beep.contracts.account.EmailChangedEvent;
import io.beep.contracts.account.IdentityLinkedEvent;
import io.beep.contracts.account.IdentityUnlinkedEvent;
import io.beep.contracts.account.PasswordChangedEvent;
import io.beep.contracts.account.ProfileUpdatedEvent;
import io.beep.contracts.account.RecordEmailChangeCommand;
import io.beep.contracts.account.RecordIdentityLinkCommand;
import io.beep.contracts.account.RecordIdentityUnlinkCommand;
import io.beep.contracts.account.RecordPasswordChangeCommand;
import io.beep.contracts.account.UpdateProfileCommand;
import io.beep.contracts.account.UserRegisteredEvent;
import io.beep.contracts.common.UserId;
import java.time.Instant;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountProfileTest {

    private static final UserId ADA = UserId.of("5f0c2a1e-8b7d-4c3e-9a51-2d6f7e8b9c01");

    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void aProfileChangeOfAnAccountWithoutHistoryStartsItsHistory() {
        fixture.givenNoPriorActivity()
                .when(new UpdateProfileCommand(ADA, "ada", "Ada", "Lovelace", null))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(Matchers.exactSequenceOf(Matchers.messageWithPayload(
                        Matchers.matches(e -> e instanceof ProfileUpdatedEvent p && p.userId().equals(ADA)
                                && p.username().equals("ada") && p.avatarKey() == null)), Matchers.andNoMore()));
    }

    @Test
    void aProfileChangeOfARegisteredAccountCarriesTheWholeProfile() {
        fixture.given(new UserRegisteredEvent(ADA, "ada", "ada@x.local", "Ada", "L", Instant.EPOCH))
                .when(new UpdateProfileCommand(ADA, "ada.l", "Ada", "Lovelace", "user/" + ADA.value() + "/a.png"))
                .expectEventsMatching(Matchers.exactSequenceOf(Matchers.messageWithPayload(
                        Matchers.matches(e -> e instanceof ProfileUpdatedEvent p && p.username().equals("ada.l")
                                && p.lastName().equals("Lovelace") && p.avatarKey().endsWith("/a.png"))),
                        Matchers.andNoMore()));
    }

    @Test
    void emailPasswordAndUnlinkChangesAreRecordedAsTheirOwnEvents() {
        fixture.given(new UserRegisteredEvent(ADA, "ada", "ada@x.local", "Ada", "L", Instant.EPOCH))
                .when(new RecordEmailChangeCommand(ADA, "ada@new.local"))
                .expectEventsMatching(Matchers.exactSequenceOf(Matchers.messageWithPayload(
                        Matchers.matches(e -> e instanceof EmailChangedEvent c && c.email().equals("ada@new.local"))),
                        Matchers.andNoMore()));
        fixture.givenNoPriorActivity()
                .when(new RecordPasswordChangeCommand(ADA))
                .expectEventsMatching(Matchers.exactSequenceOf(Matchers.messageWithPayload(
                        Matchers.matches(e -> e instanceof PasswordChangedEvent c && c.userId().equals(ADA))),
                        Matchers.andNoMore()));
        fixture.givenNoPriorActivity()
                .when(new RecordIdentityUnlinkCommand(ADA, "google"))
                .expectEventsMatching(Matchers.exactSequenceOf(Matchers.messageWithPayload(
                        Matchers.matches(e -> e instanceof IdentityUnlinkedEvent c && c.provider().equals("google"))),
                        Matchers.andNoMore()));
    }

    @Test
    void aLinkReportedByKeycloakIsRecordedUnlessTheAccountIsDeleted() {
        fixture.givenNoPriorActivity()
                .when(new RecordIdentityLinkCommand(ADA, "google", "g-1", "ada@gmail.com"))
                .expectEventsMatching(Matchers.exactSequenceOf(Matchers.messageWithPayload(
                        Matchers.matches(e -> e instanceof IdentityLinkedEvent c && c.provider().equals("google")
                                && c.externalUserId().equals("g-1") && c.externalUsername().equals("ada@gmail.com"))),
                        Matchers.andNoMore()));
        fixture.given(new AccountDeletedEvent(ADA, Set.of(), Set.of(), "beep", Instant.EPOCH))
                .when(new RecordIdentityLinkCommand(ADA, "google", "g-1", "ada@gmail.com"))
                .expectNoEvents();
    }
}
