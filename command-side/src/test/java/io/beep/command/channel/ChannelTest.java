package io.beep.command.channel;

import io.beep.command.platform.axon.DomainErrorInterceptor;
import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelPermissionOverwriteRemovedEvent;
import io.beep.contracts.channel.ChannelPermissionOverwriteSetEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.channel.OverwriteTargetType;
import io.beep.contracts.channel.RemoveChannelPermissionOverwriteCommand;
import io.beep.contracts.channel.SetChannelPermissionOverwriteCommand;
import io.beep.contracts.common.Permission;
import java.util.Set;
import io.beep.contracts.channel.CreateChannelCommand;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.commandhandling.CommandExecutionException;
import io.beep.contracts.common.Snowflake;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChannelTest {

    private static final ChannelId CHANNEL = ChannelId.of("200");
    private static final ServerId SERVER = ServerId.of("100");
    private static final UserId ALICE = UserId.of("alice");
    private AggregateTestFixture<Channel> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Channel.class);
        fixture.registerCommandHandlerInterceptor(new DomainErrorInterceptor());
    }

    @Test
    void canCreateTextChannel() {
        fixture.givenNoPriorActivity()
                .when(new CreateChannelCommand(CHANNEL, SERVER, " general ", ChannelType.TEXT, null, ALICE))
                .expectEvents(new ChannelCreatedEvent(CHANNEL, SERVER, "general", ChannelType.TEXT, null, ALICE,
                        Snowflake.timeOf(CHANNEL.value())));
    }

    @Test
    void canCreateChannelInCategory() {
        fixture.givenNoPriorActivity()
                .when(new CreateChannelCommand(CHANNEL, SERVER, "voice", ChannelType.CONFERENCE, ChannelId.of("1"),
                        ALICE))
                .expectEvents(new ChannelCreatedEvent(CHANNEL, SERVER, "voice", ChannelType.CONFERENCE,
                        ChannelId.of("1"), ALICE, Snowflake.timeOf(CHANNEL.value())));
    }

    @Test
    void cannotCreateDmChannelInServer() {
        fixture.givenNoPriorActivity()
                .when(new CreateChannelCommand(CHANNEL, SERVER, "dm", ChannelType.DM, null, ALICE))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
    }

    @Test
    void cannotCreateThreadWithoutParent() {
        fixture.givenNoPriorActivity()
                .when(new CreateChannelCommand(CHANNEL, SERVER, "t", ChannelType.THREAD, null, ALICE))
                .expectNoEvents()
                .expectExceptionMessage("a thread needs the channel it belongs to");
    }

    @Test
    void cannotNestCategories() {
        fixture.givenNoPriorActivity()
                .when(new CreateChannelCommand(CHANNEL, SERVER, "c", ChannelType.CATEGORY, ChannelId.of("1"), ALICE))
                .expectNoEvents()
                .expectExceptionMessage("a category cannot sit in another channel");
    }

    @Test
    void cannotCreateChannelWithEmptyName() {
        fixture.givenNoPriorActivity()
                .when(new CreateChannelCommand(CHANNEL, SERVER, "", ChannelType.TEXT, null, ALICE))
                .expectNoEvents()
                .expectExceptionMessage("name must not be empty");
    }

    private static ChannelCreatedEvent textCreated() {
        return new ChannelCreatedEvent(CHANNEL, SERVER, "general", ChannelType.TEXT, null, ALICE,
                Snowflake.timeOf(CHANNEL.value()));
    }

    @Test
    void settingAnEveryoneOverwriteRecordsItWithItsServerAndTier() {
        fixture.given(textCreated())
                .when(new SetChannelPermissionOverwriteCommand(CHANNEL, OverwriteTargetType.ROLE, "101", true,
                        Set.of(), Set.of(Permission.VIEW_CHANNELS), ALICE))
                .expectEvents(new ChannelPermissionOverwriteSetEvent(CHANNEL, SERVER, OverwriteTargetType.ROLE, "101",
                        true, Set.of(), Set.of(Permission.VIEW_CHANNELS), ALICE));
    }

    @Test
    void aMemberOverwriteIsNeverInTheEveryoneTier() {
        fixture.given(textCreated())
                .when(new SetChannelPermissionOverwriteCommand(CHANNEL, OverwriteTargetType.MEMBER, "bob", true,
                        Set.of(Permission.SEND_MESSAGES), Set.of(), ALICE))
                .expectEvents(new ChannelPermissionOverwriteSetEvent(CHANNEL, SERVER, OverwriteTargetType.MEMBER,
                        "bob", false, Set.of(Permission.SEND_MESSAGES), Set.of(), ALICE));
    }

    @Test
    void cannotOverwriteAPermissionThatIsNotOverwritable() {
        fixture.given(textCreated())
                .when(new SetChannelPermissionOverwriteCommand(CHANNEL, OverwriteTargetType.ROLE, "500", false,
                        Set.of(Permission.ADMINISTRATOR), Set.of(), ALICE))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
    }

    @Test
    void cannotAllowAndDenyTheSamePermission() {
        fixture.given(textCreated())
                .when(new SetChannelPermissionOverwriteCommand(CHANNEL, OverwriteTargetType.ROLE, "500", false,
                        Set.of(Permission.SEND_MESSAGES), Set.of(Permission.SEND_MESSAGES), ALICE))
                .expectNoEvents()
                .expectExceptionMessage("a permission cannot be both allowed and denied");
    }

    @Test
    void cannotOverwritePermissionsOfAThread() {
        fixture.given(new ChannelCreatedEvent(CHANNEL, SERVER, "t", ChannelType.THREAD, ChannelId.of("1"), ALICE,
                        Snowflake.timeOf(CHANNEL.value())))
                .when(new SetChannelPermissionOverwriteCommand(CHANNEL, OverwriteTargetType.ROLE, "500", false,
                        Set.of(), Set.of(Permission.SEND_MESSAGES), ALICE))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
    }

    @Test
    void removingAnOverwriteNamesTheTargetAsItWasSet() {
        fixture.given(textCreated(), new ChannelPermissionOverwriteSetEvent(CHANNEL, SERVER,
                        OverwriteTargetType.ROLE, "101", true, Set.of(), Set.of(Permission.VIEW_CHANNELS), ALICE))
                .when(new RemoveChannelPermissionOverwriteCommand(CHANNEL, "101", ALICE))
                .expectEvents(new ChannelPermissionOverwriteRemovedEvent(CHANNEL, SERVER, OverwriteTargetType.ROLE,
                        "101", true, ALICE));
    }

    @Test
    void removingAMissingOverwriteIsNotFound() {
        fixture.given(textCreated())
                .when(new RemoveChannelPermissionOverwriteCommand(CHANNEL, "101", ALICE))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
    }
}
