package io.beep.saga.platform.axon;

import io.beep.contracts.common.DomainErrorDetails;
import io.beep.contracts.common.ErrorCode;
import org.axonframework.commandhandling.CommandExecutionException;

/** How sagas treat the outcome of the commands they send. */
public final class CommandOutcomes {

    private CommandOutcomes() {
    }

    /**
     * Runs a command whose target may already exist because an earlier attempt of the same saga
     * step succeeded: {@code ALREADY_EXISTS} counts as done; any other failure propagates.
     */
    public static void acceptExisting(Runnable send) {
        try {
            send.run();
        } catch (CommandExecutionException e) {
            var alreadyDone = e.getDetails()
                    .filter(DomainErrorDetails.class::isInstance)
                    .map(DomainErrorDetails.class::cast)
                    .filter(d -> d.code() == ErrorCode.ALREADY_EXISTS)
                    .isPresent();
            if (!alreadyDone) {
                throw e;
            }
        }
    }
}
