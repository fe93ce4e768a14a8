package io.beep.command.server;

import io.beep.command.platform.axon.DomainErrorInterceptor;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.CreateServerCommand;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.Visibility;
import org.axonframework.commandhandling.CommandExecutionException;
import io.beep.contracts.common.Snowflake;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerTest {

    private static final ServerId SERVER = ServerId.of("100");
    private static final UserId ALICE = UserId.of("alice");
    private AggregateTestFixture<Server> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Server.class);
        fixture.registerCommandHandlerInterceptor(new DomainErrorInterceptor());
    }

    @Test
    void canCreateServerWithEveryoneDefaults() {
        fixture.givenNoPriorActivity()
                .when(new CreateServerCommand(SERVER, "  Rust fans ", "all things rust", Visibility.PUBLIC, ALICE,
                        RoleId.of("101"), ChannelId.of("102")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServerCreatedEvent(SERVER, "Rust fans", "all things rust", Visibility.PUBLIC, ALICE,
                        RoleId.of("101"), Permission.everyoneDefaults(), ChannelId.of("102"),
                        Snowflake.timeOf(SERVER.value())));
    }

    @Test
    void missingDescriptionBecomesEmpty() {
        fixture.givenNoPriorActivity()
                .when(new CreateServerCommand(SERVER, "x", null, Visibility.PRIVATE, ALICE, RoleId.of("101"),
                        ChannelId.of("102")))
                .expectEvents(new ServerCreatedEvent(SERVER, "x", "", Visibility.PRIVATE, ALICE, RoleId.of("101"),
                        Permission.everyoneDefaults(), ChannelId.of("102"), Snowflake.timeOf(SERVER.value())));
    }

    @Test
    void cannotCreateServerWithBlankName() {
        fixture.givenNoPriorActivity()
                .when(new CreateServerCommand(SERVER, "   ", "", Visibility.PUBLIC, ALICE, RoleId.of("101"),
                        ChannelId.of("102")))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage("name must not be empty");
    }

    @Test
    void cannotCreateServerWithOverlongName() {
        fixture.givenNoPriorActivity()
                .when(new CreateServerCommand(SERVER, "n".repeat(101), "", Visibility.PUBLIC, ALICE,
                        RoleId.of("101"), ChannelId.of("102")))
                .expectNoEvents()
                .expectExceptionMessage("name must be at most 100 characters");
    }

    @Test
    void cannotCreateServerWithoutVisibility() {
        fixture.givenNoPriorActivity()
                .when(new CreateServerCommand(SERVER, "ok", "", null, ALICE, RoleId.of("101"), ChannelId.of("102")))
                .expectNoEvents()
                .expectExceptionMessage("visibility is required");
    }
}
