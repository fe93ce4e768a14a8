package io.beep.command.channel;

import io.beep.command.platform.axon.DomainErrorInterceptor;
import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.channel.ChannelPositionChangedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.channel.ChannelUpdatedEvent;
import io.beep.contracts.channel.DeleteChannelCommand;
import io.beep.contracts.channel.SetChannelPermissionOverwriteCommand;
import io.beep.contracts.channel.OverwriteTargetType;
import io.beep.contracts.channel.UpdateChannelCommand;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.time.Instant;
import java.util.Set;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Renaming, moving and deleting server channels. */
class ChannelManageTest {

    private static final ChannelId CHANNEL = ChannelId.of("200");
    private static final ChannelId CATEGORY = ChannelId.of("300");
    private static final ServerId SERVER = ServerId.of("100");
    private static final UserId ALICE = UserId.of("alice");
    private AggregateTestFixture<Channel> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Channel.class);
        fixture.registerCommandHandlerInterceptor(new DomainErrorInterceptor());
    }

    private static ChannelCreatedEvent created(ChannelType type, ChannelId parent) {
        return new ChannelCreatedEvent(CHANNEL, SERVER, "general", type, parent, ALICE, Instant.EPOCH);
    }

    @Test
    void canRenameAndMoveIntoACategory() {
        fixture.given(created(ChannelType.TEXT, null))
                .when(new UpdateChannelCommand(CHANNEL, " lobby ", true, CATEGORY, ALICE))
                .expectEvents(new ChannelUpdatedEvent(CHANNEL, SERVER, "lobby", CATEGORY, ALICE));
    }

    @Test
    void canTakeAChannelOutOfItsCategoryKeepingItsName() {
        fixture.given(created(ChannelType.TEXT, CATEGORY))
                .when(new UpdateChannelCommand(CHANNEL, null, true, null, ALICE))
                .expectEvents(new ChannelUpdatedEvent(CHANNEL, SERVER, "general", null, ALICE));
    }

    @Test
    void anUpdateThatChangesNothingAppliesNothing() {
        fixture.given(created(ChannelType.TEXT, CATEGORY))
                .when(new UpdateChannelCommand(CHANNEL, "general", false, null, ALICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotBlankTheNameNorNestACategoryNorMoveAThread() {
        fixture.given(created(ChannelType.TEXT, null))
                .when(new UpdateChannelCommand(CHANNEL, "  ", false, null, ALICE))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
        fixture.given(created(ChannelType.CATEGORY, null))
                .when(new UpdateChannelCommand(CHANNEL, null, true, CATEGORY, ALICE))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
        fixture.given(created(ChannelType.THREAD, ChannelId.of("250")))
                .when(new UpdateChannelCommand(CHANNEL, null, true, null, ALICE))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
    }

    @Test
    void canGiveAChannelAPlaceInTheListOnceUntilItChanges() {
        fixture.given(created(ChannelType.TEXT, null))
                .when(new UpdateChannelCommand(CHANNEL, null, false, null, 3, ALICE))
                .expectEvents(new ChannelPositionChangedEvent(CHANNEL, SERVER, 3, ALICE));
        fixture.given(created(ChannelType.TEXT, null), new ChannelPositionChangedEvent(CHANNEL, SERVER, 3, ALICE))
                .when(new UpdateChannelCommand(CHANNEL, null, false, null, 3, ALICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void renamingAndReorderingTogetherStoresBoth() {
        fixture.given(created(ChannelType.TEXT, null))
                .when(new UpdateChannelCommand(CHANNEL, "lobby", false, null, 0, ALICE))
                .expectEvents(new ChannelUpdatedEvent(CHANNEL, SERVER, "lobby", null, ALICE),
                        new ChannelPositionChangedEvent(CHANNEL, SERVER, 0, ALICE));
    }

    @Test
    void cannotGiveANegativePosition() {
        fixture.given(created(ChannelType.TEXT, null))
                .when(new UpdateChannelCommand(CHANNEL, "lobby", false, null, -1, ALICE))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
    }

    @Test
    void canDeleteAChannelOnceAndThenItIsGone() {
        fixture.given(created(ChannelType.TEXT, null))
                .when(new DeleteChannelCommand(CHANNEL, ALICE))
                .expectEvents(new ChannelDeletedEvent(CHANNEL, SERVER, ChannelType.TEXT, ALICE));
        fixture.given(created(ChannelType.TEXT, null), new ChannelDeletedEvent(CHANNEL, SERVER, ChannelType.TEXT, ALICE))
                .when(new DeleteChannelCommand(CHANNEL, ALICE))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
        fixture.given(created(ChannelType.TEXT, null), new ChannelDeletedEvent(CHANNEL, SERVER, ChannelType.TEXT, ALICE))
                .when(new SetChannelPermissionOverwriteCommand(CHANNEL, OverwriteTargetType.MEMBER, "bob", false,
                        Set.of(), Set.of(), ALICE))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
    }
}
