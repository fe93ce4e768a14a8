package io.beep.command.account;

import io.beep.command.platform.axon.DomainErrorInterceptor;
import io.beep.contracts.account.AccountDeletedEvent;
import io.beep.contracts.account.DeleteAccountCommand;
import io.beep.contracts.account.EnableTotpCommand;
import io.beep.contracts.account.TotpEnabledEvent;
import io.beep.contracts.account.UserRegisteredEvent;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.friendship.FriendshipId;
import java.time.Instant;
import java.util.Set;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountTest {

    private static final UserId USER = UserId.of("u-1");
    private static final Set<ServerId> SERVERS = Set.of(ServerId.of("11"));
    private static final Set<FriendshipId> FRIENDS = Set.of(FriendshipId.of(USER, UserId.of("u-2")));

    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
        fixture.registerCommandHandlerInterceptor(new DomainErrorInterceptor());
    }

    @Test
    void anAccountMadeOutsideBeepGetsItsHistoryWithItsFirstChange() {
        fixture.givenNoPriorActivity()
                .when(new EnableTotpCommand(USER, "cred-1"))
                .expectEventsMatching(Matchers.exactSequenceOf(Matchers.messageWithPayload(
                        Matchers.matches(e -> e instanceof TotpEnabledEvent t && t.credentialId().equals("cred-1")
                                && t.userId().equals(USER))), Matchers.andNoMore()));
    }

    @Test
    void deletionRecordsWhatTheAccountWasPartOf() {
        fixture.given(new UserRegisteredEvent(USER, "u", "u@x.test", "U", "One", Instant.EPOCH))
                .when(new DeleteAccountCommand(USER, SERVERS, FRIENDS, "beep"))
                .expectEventsMatching(Matchers.exactSequenceOf(Matchers.messageWithPayload(
                        Matchers.matches(e -> e instanceof AccountDeletedEvent d && d.serverIds().equals(SERVERS)
                                && d.friendshipIds().equals(FRIENDS) && d.source().equals("beep"))),
                        Matchers.andNoMore()));
    }

    @Test
    void deletingTwiceRecordsOneDeletion() {
        fixture.given(new AccountDeletedEvent(USER, SERVERS, FRIENDS, "beep", Instant.EPOCH))
                .when(new DeleteAccountCommand(USER, Set.of(), Set.of(), "keycloak"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDeletedAccountCannotTurnOnTwoFactorSignIn() {
        fixture.given(new AccountDeletedEvent(USER, SERVERS, FRIENDS, "beep", Instant.EPOCH))
                .when(new EnableTotpCommand(USER, "cred-1"))
                .expectException(CommandExecutionException.class)
                .expectNoEvents();
    }
}
