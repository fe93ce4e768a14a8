package io.beep.command.webhook;

import io.beep.command.platform.axon.DomainErrorInterceptor;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.webhook.CreateWebhookCommand;
import io.beep.contracts.webhook.DeleteWebhookCommand;
import io.beep.contracts.webhook.WebhookCreatedEvent;
import io.beep.contracts.webhook.WebhookDeletedEvent;
import io.beep.contracts.webhook.WebhookId;
import java.time.Instant;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTest {

    private static final WebhookId HOOK = WebhookId.of("700");
    private static final ChannelId CHANNEL = ChannelId.of("200");
    private static final ServerId SERVER = ServerId.of("100");
    private static final UserId ALICE = UserId.of("alice");
    private static final Instant NOW = Instant.parse("2026-11-27T20:00:00Z");
    private static final WebhookCreatedEvent CREATED = new WebhookCreatedEvent(HOOK, CHANNEL, SERVER, "CI", ALICE, NOW);

    private AggregateTestFixture<Webhook> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Webhook.class);
        fixture.registerCommandHandlerInterceptor(new DomainErrorInterceptor());
    }

    @Test
    void canCreateAWebhookInAChannel() {
        var given = fixture.givenNoPriorActivity();
        given.when(new CreateWebhookCommand(HOOK, CHANNEL, SERVER, "  CI ", ALICE))
                .expectEvents(new WebhookCreatedEvent(HOOK, CHANNEL, SERVER, "CI", ALICE, fixture.currentTime()));
    }

    @Test
    void cannotCreateAWebhookWithoutAName() {
        fixture.givenNoPriorActivity()
                .when(new CreateWebhookCommand(HOOK, CHANNEL, SERVER, " ", ALICE))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
    }

    @Test
    void canDeleteAWebhook() {
        var given = fixture.given(CREATED);
        given.when(new DeleteWebhookCommand(HOOK, ALICE))
                .expectEvents(new WebhookDeletedEvent(HOOK, CHANNEL, ALICE, fixture.currentTime()));
    }

    @Test
    void cannotDeleteAWebhookTwice() {
        fixture.given(CREATED, new WebhookDeletedEvent(HOOK, CHANNEL, ALICE, NOW))
                .when(new DeleteWebhookCommand(HOOK, ALICE))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
    }
}
