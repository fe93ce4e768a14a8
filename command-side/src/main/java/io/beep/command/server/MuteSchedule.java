package io.beep.command.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/**
 * The durable list of mutes still to run out, written in the transaction of the event that mutes or
 * unmutes; {@link MuteExpiry} polls it and sends the unmute when the time comes.
 */
public interface MuteSchedule {

    /** Schedules (or moves) the end of a member's mute. */
    void schedule(ServerId server, UserId user, Instant until);

    /** Drops a member's scheduled end. */
    void cancel(ServerId server, UserId user);
}
