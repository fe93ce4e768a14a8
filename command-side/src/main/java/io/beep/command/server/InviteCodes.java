package io.beep.command.server;

import io.beep.contracts.common.ServerId;
import java.util.Optional;

/**
 * Which server an invitation code belongs to, kept beside the event store so a code alone finds its
 * server aggregate. A code is registered in the transaction of the event that creates it.
 */
public interface InviteCodes {

    /** Records a new code; fails with CONFLICT if the code is taken. */
    void register(String code, ServerId server);

    /** The server of a code, or empty if no invitation ever had it. */
    Optional<ServerId> serverOf(String code);
}
