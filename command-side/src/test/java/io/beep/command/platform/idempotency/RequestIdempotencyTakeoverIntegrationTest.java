package io.beep.command.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Taking over an abandoned claim against the real event-store database: commands run through a
 * command bus whose units of work are PostgreSQL transactions (as in the service), with
 * {@link ClaimEffects} registered. "Abandoned" = the claim is backdated past the 60 s after which a
 * retry may take it over, as when the service died mid-request.
 */
class RequestIdempotencyTakeoverIntegrationTest {

    private static final String ROUTE = "POST /api/v1/servers";

    private final String user = "takeover-it-" + UUID.randomUUID();
    private JdbcTemplate jdbc;
    private RequestIdempotency keys;
    private CommandGateway commands;

    @BeforeEach
    void setUp() {
        var env = System.getenv();
        var dataSource = new DriverManagerDataSource(
                env.getOrDefault("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432") + "/"
                        + env.getOrDefault("BEEP_EVENTS_DB", "beep_events"),
                env.getOrDefault("BEEP_PG_USER", "beep"), env.getOrDefault("BEEP_PG_PASSWORD", "beep"));
        jdbc = new JdbcTemplate(dataSource);
        keys = new RequestIdempotency(jdbc);
        var bus = SimpleCommandBus.builder()
                .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(dataSource)))
                .build();
        bus.registerHandlerInterceptor(new ClaimEffects(keys));
        bus.subscribe("store", message -> "stored");
        bus.subscribe("fail", message -> {
            throw new IllegalStateException("the command failed");
        });
        commands = DefaultCommandGateway.builder().commandBus(bus).build();
    }

    @AfterEach
    void tearDown() {
        jdbc.update("DELETE FROM request_idempotency WHERE user_id = ?", user);
    }

    @Test
    void anAbandonedClaimWhoseRequestStoredACommandIsNotRunAgain() {
        assertThat(keys.claim(user, "k", ROUTE)).isInstanceOf(Claim.Won.class);
        try (var marked = ClaimEffects.mark(user, "k")) {
            commands.sendAndWait(command("store"));
        }
        abandon("k");

        assertThat(keys.claim(user, "k", ROUTE)).isEqualTo(new Claim.Interrupted(ROUTE));
        assertThat(keys.claim(user, "k", ROUTE)).isEqualTo(new Claim.Interrupted(ROUTE));
    }

    @Test
    void anAbandonedClaimWhoseCommandsAllRolledBackIsTakenOver() {
        assertThat(keys.claim(user, "k", ROUTE)).isInstanceOf(Claim.Won.class);
        try (var marked = ClaimEffects.mark(user, "k")) {
            assertThatThrownBy(() -> commands.sendAndWait(command("fail"))).hasMessageContaining("failed");
        }
        abandon("k");

        assertThat(keys.claim(user, "k", ROUTE)).isInstanceOf(Claim.Won.class);
    }

    @Test
    void aClaimStillWithinItsTimeIsRunningWhetherOrNotItStoredACommand() {
        keys.claim(user, "k", ROUTE);
        assertThat(keys.claim(user, "k", ROUTE)).isEqualTo(new Claim.Running(ROUTE));
        try (var marked = ClaimEffects.mark(user, "k")) {
            commands.sendAndWait(command("store"));
        }
        assertThat(keys.claim(user, "k", ROUTE)).isEqualTo(new Claim.Running(ROUTE));
    }

    @Test
    void aFailedRequestReleasesItsKeyAlsoAfterStoringACommand() {
        keys.claim(user, "k", ROUTE);
        try (var marked = ClaimEffects.mark(user, "k")) {
            commands.sendAndWait(command("store"));
        }
        keys.release(user, "k");

        assertThat(keys.claim(user, "k", ROUTE)).isInstanceOf(Claim.Won.class);
    }

    @Test
    void commandsOutsideTheRequestDoNotMarkItsClaim() {
        keys.claim(user, "k", ROUTE);
        try (var marked = ClaimEffects.mark(user, "other")) {
            commands.sendAndWait(command("store"));
        }
        commands.sendAndWait(command("store"));
        abandon("k");

        assertThat(keys.claim(user, "k", ROUTE)).isInstanceOf(Claim.Won.class);
    }

    private void abandon(String key) {
        jdbc.update("UPDATE request_idempotency SET created_at = now() - interval '2 minutes' "
                + "WHERE user_id = ? AND idempotency_key = ?", user, key);
    }

    private static GenericCommandMessage<String> command(String name) {
        return new GenericCommandMessage<>(new GenericMessage<>("payload"), name);
    }
}
