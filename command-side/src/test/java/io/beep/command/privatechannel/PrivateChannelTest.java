package io.beep.command.privatechannel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.UserId;
import io.beep.contracts.privatechannel.AddRecipientCommand;
import io.beep.contracts.privatechannel.CreateDmChannelCommand;
import io.beep.contracts.privatechannel.CreateGroupChannelCommand;
import io.beep.contracts.privatechannel.DmChannelCreatedEvent;
import io.beep.contracts.privatechannel.GroupChannelCreatedEvent;
import io.beep.contracts.privatechannel.RecipientAddedEvent;
import io.beep.contracts.privatechannel.RecipientRemovedEvent;
import io.beep.contracts.privatechannel.RemoveRecipientCommand;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrivateChannelTest {

    private static final ChannelId CHANNEL = ChannelId.of("5000");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final UserId CAROL = UserId.of("carol");

    private AggregateTestFixture<PrivateChannel> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PrivateChannel.class);
    }

    private static GroupChannelCreatedEvent group() {
        return new GroupChannelCreatedEvent(CHANNEL, ALICE, "trio", List.of(BOB), Snowflake.timeOf(CHANNEL.value()));
    }

    @Test
    void dmChannelOfTwoUsersCanBeCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateDmChannelCommand(CHANNEL, ALICE, BOB))
                .expectEvents(new DmChannelCreatedEvent(CHANNEL, ALICE, BOB, Snowflake.timeOf(CHANNEL.value())));
    }

    @Test
    void dmChannelRecipientsCannotChange() {
        fixture.given(new DmChannelCreatedEvent(CHANNEL, ALICE, BOB, null))
                .when(new AddRecipientCommand(CHANNEL, CAROL, ALICE))
                .expectNoEvents()
                .expectExceptionMessage("the recipients of a DM channel cannot change");
    }

    @Test
    void groupCreationDropsTheOwnerFromRecipientsAndTrimsName() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroupChannelCommand(CHANNEL, ALICE, "  trio ", List.of(ALICE, BOB, BOB)))
                .expectEvents(group());
    }

    @Test
    void ownerCanAddRecipientButOthersCannot() {
        fixture.given(group())
                .when(new AddRecipientCommand(CHANNEL, CAROL, ALICE))
                .expectEvents(new RecipientAddedEvent(CHANNEL, CAROL, ALICE));
        fixture.given(group())
                .when(new AddRecipientCommand(CHANNEL, CAROL, BOB))
                .expectNoEvents()
                .expectExceptionMessage("only the group's owner can add recipients");
    }

    @Test
    void ownerLeavingHandsOwnershipToTheNextRecipient() {
        fixture.given(group())
                .when(new RemoveRecipientCommand(CHANNEL, ALICE, ALICE))
                .expectEvents(new RecipientRemovedEvent(CHANNEL, ALICE, ALICE, BOB));
    }

    @Test
    void cannotLeaveAGroupOneIsNotIn() {
        fixture.given(group())
                .when(new RemoveRecipientCommand(CHANNEL, CAROL, CAROL))
                .expectNoEvents()
                .expectExceptionMessage("recipient not found");
    }
}
