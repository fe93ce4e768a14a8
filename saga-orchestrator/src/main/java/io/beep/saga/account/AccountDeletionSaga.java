package io.beep.saga.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.beep.contracts.account.AccountDeletedEvent;
import io.beep.contracts.common.DomainErrorDetails;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.friendship.EndFriendshipCommand;
import io.beep.contracts.friendship.FriendshipId;
import io.beep.contracts.server.DeleteServerCommand;
import io.beep.contracts.server.LeaveServerCommand;
import io.beep.saga.platform.authz.PermissionTuples;
import io.beep.saga.platform.authz.TupleFilter;
import java.util.Optional;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Ends everything a deleted account was part of, in steps sent to the command side: leave each
 * server of {@link AccountDeletedEvent#serverIds()}, end each friendship or pending request of
 * {@link AccountDeletedEvent#friendshipIds()}, then delete every relationship that still names the
 * user in the authorization store. The other sagas remove the membership and DM relationships when
 * the resulting events arrive.
 *
 * <p>Every step is idempotent: a server already left or deleted answers NOT_FOUND (done), an ended
 * friendship changes nothing. A step that fails otherwise (command side or authorization store
 * unreachable) throws; the processor rolls the saga back and retries the event with growing delays
 * (errors propagate, see {@code AxonConfig}), and the retry skips over what is done. A server the
 * user still owns (created between the owner check of the REST call and the deletion, or an account
 * deleted in Keycloak's console) is deleted rather than left ownerless.
 */
@Saga
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class AccountDeletionSaga {

    /** Association key: the deleted user's id. */
    static final String USER_ID = "userId";

    @StartSaga
    @EndSaga
    @SagaEventHandler(associationProperty = USER_ID)
    void on(AccountDeletedEvent event, CommandGateway commands, PermissionTuples tuples) {
        var user = event.userId();
        for (var server : event.serverIds()) {
            leave(commands, server, user);
        }
        for (var friendship : event.friendshipIds()) {
            end(commands, friendship, user);
        }
        tuples.deleteMatching(TupleFilter.subject("user", user.value(), null));
    }

    private static void leave(CommandGateway commands, ServerId server, UserId user) {
        var outcome = attempt(() -> commands.sendAndWait(new LeaveServerCommand(server, user)));
        if (outcome.filter(code -> code == ErrorCode.OWNER_CANNOT_LEAVE).isPresent()) {
            attempt(() -> commands.sendAndWait(new DeleteServerCommand(server, user)));
        }
    }

    private static void end(CommandGateway commands, FriendshipId friendship, UserId user) {
        attempt(() -> commands.sendAndWait(new EndFriendshipCommand(friendship, user)));
    }

    /**
     * Runs one step: empty when it succeeded or was done already (NOT_FOUND), the code of a domain
     * refusal that the caller may handle; anything else (unreachable, internal) propagates so the
     * step is retried.
     */
    private static Optional<ErrorCode> attempt(Runnable send) {
        try {
            send.run();
            return Optional.empty();
        } catch (CommandExecutionException e) {
            var code = e.getDetails().filter(DomainErrorDetails.class::isInstance)
                    .map(DomainErrorDetails.class::cast).map(DomainErrorDetails::code).orElse(ErrorCode.INTERNAL);
            if (code == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            if (code == ErrorCode.OWNER_CANNOT_LEAVE) {
                return Optional.of(code);
            }
            throw e;
        }
    }
}
