package io.beep.command.server;

import io.beep.command.platform.schedule.PeriodicJob;
import io.beep.contracts.server.ExpireMuteCommand;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Lifts mutes when their time comes. Axon's {@code SimpleDeadlineManager} keeps deadlines in memory
 * (lost on restart), so mute ends live in {@code member_mute_schedule}, written with the mute's event;
 * this poller sends {@link ExpireMuteCommand} for every due row once a second and drops the row after.
 * A restart picks up overdue rows at once; a duplicate send (two instances, a retry) is a no-op in the
 * aggregate.
 */
@Component
class MuteExpiry extends PeriodicJob {

    private static final Logger LOG = LoggerFactory.getLogger(MuteExpiry.class);
    private static final int BATCH = 100;

    private final JdbcMuteSchedule schedule;
    private final CommandGateway commands;

    MuteExpiry(JdbcMuteSchedule schedule, CommandGateway commands) {
        super("mute-expiry", Duration.ofSeconds(2), Duration.ofSeconds(1));
        this.schedule = schedule;
        this.commands = commands;
    }

    /** Sends the unmute of every due mute; a failure leaves its row for the next round. */
    @Override
    protected void runOnce() {
        for (var due : schedule.due(Instant.now(), BATCH)) {
            try {
                commands.sendAndWait(new ExpireMuteCommand(due.server(), due.user(), due.until()));
                schedule.done(due);
            } catch (RuntimeException e) {
                LOG.warn("unmute of {} in {} failed; retrying next round: {}", due.user(), due.server(),
                        e.toString());
            }
        }
    }
}
