package io.beep.command.account;

import io.beep.contracts.account.DisableUserCommand;
import io.beep.contracts.account.EnableUserCommand;
import io.beep.contracts.account.UserDisabledEvent;
import io.beep.contracts.account.UserEnabledEvent;
import io.beep.contracts.account.UserRegisteredEvent;
import io.beep.contracts.common.UserId;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountModerationTest {

    private static final UserId ERIN = UserId.of("erin");
    private static final UserId MOD = UserId.of("mod");
    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void canDisableAnAccountWithoutHistory() {
        fixture.givenNoPriorActivity()
                .when(new DisableUserCommand(ERIN, MOD))
                .expectEvents(new UserDisabledEvent(ERIN, MOD, fixture.currentTime()));
    }

    @Test
    void canDisableARegisteredAccount() {
        fixture.given(new UserRegisteredEvent(ERIN, "erin", "e@x", "E", "R", Instant.EPOCH))
                .when(new DisableUserCommand(ERIN, MOD))
                .expectEvents(new UserDisabledEvent(ERIN, MOD, fixture.currentTime()));
    }

    @Test
    void disablingADisabledAccountChangesNothing() {
        fixture.given(new UserDisabledEvent(ERIN, MOD, Instant.EPOCH))
                .when(new DisableUserCommand(ERIN, MOD))
                .expectNoEvents();
    }

    @Test
    void canEnableADisabledAccount() {
        fixture.given(new UserDisabledEvent(ERIN, MOD, Instant.EPOCH))
                .when(new EnableUserCommand(ERIN, MOD))
                .expectEvents(new UserEnabledEvent(ERIN, MOD, fixture.currentTime()));
    }

    @Test
    void enablingAnEnabledAccountChangesNothing() {
        fixture.given(new UserDisabledEvent(ERIN, MOD, Instant.EPOCH), new UserEnabledEvent(ERIN, MOD, Instant.EPOCH))
                .when(new EnableUserCommand(ERIN, MOD))
                .expectNoEvents();
    }
}
