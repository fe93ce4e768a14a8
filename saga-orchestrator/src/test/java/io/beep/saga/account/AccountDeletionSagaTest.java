package io.beep.saga.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.beep.saga.platform.authz.Tuple;
import io.beep.saga.platform.authz.TupleFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountDeletionSagaTest {

    private static final UserId GONE = UserId.of("gone");
    private static final UserId FRIEND = UserId.of("friend");
    private static final ServerId S1 = ServerId.of("101");
    private static final ServerId S2 = ServerId.of("102");
    private static final FriendshipId PAIR = FriendshipId.of(GONE, FRIEND);

    private final RecordingTuples tuples = new RecordingTuples();
    private final CommandSide commandSide = new CommandSide();
    private SagaTestFixture<AccountDeletionSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(AccountDeletionSaga.class);
        fixture.registerResource(tuples);
        // like the saga processor in production: a failed step rolls the saga back and the event is retried
        fixture.registerListenerInvocationErrorHandler(PropagatingErrorHandler.instance());
        fixture.setCallbackBehavior((command, metaData) -> commandSide.handle(command));
    }

    private static AccountDeletedEvent deleted(Set<ServerId> servers, Set<FriendshipId> friendships) {
        return new AccountDeletedEvent(GONE, new LinkedHashSet<>(servers), new LinkedHashSet<>(friendships), "beep",
                Instant.EPOCH);
    }

    @Test
    void leavesEveryServerEndsEveryFriendshipAndRemovesTheUsersRelationships() {
        commandSide.members.addAll(List.of("101:gone", "102:gone"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(deleted(Set.of(S1, S2), Set.of(PAIR)))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0);
        assertThat(commandSide.members).isEmpty();
        assertThat(commandSide.handled).containsExactlyInAnyOrder(new LeaveServerCommand(S1, GONE),
                new LeaveServerCommand(S2, GONE), new EndFriendshipCommand(PAIR, GONE));
        assertThat(tuples.deletedMatching).containsExactly(TupleFilter.subject("user", "gone", null));
    }

    @Test
    void aStepThatFailsMidwayIsRetriedAndTheRetrySkipsWhatIsDone() {
        commandSide.members.addAll(List.of("101:gone", "102:gone"));
        commandSide.unreachableOnce.add(new LeaveServerCommand(S2, GONE));
        var event = deleted(new LinkedHashSet<>(List.of(S1, S2)), Set.of(PAIR));

        assertThatThrownBy(() -> fixture.givenNoPriorActivity().whenPublishingA(event))
                .hasStackTraceContaining("command side unreachable");
        assertThat(commandSide.members).containsExactly("102:gone");
        assertThat(tuples.deletedMatching).isEmpty();

        // the processor delivers the same event again
        fixture.givenNoPriorActivity()
                .whenPublishingA(event)
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0);
        assertThat(commandSide.members).isEmpty();
        assertThat(commandSide.handled).containsExactly(new LeaveServerCommand(S1, GONE),
                new LeaveServerCommand(S2, GONE), new EndFriendshipCommand(PAIR, GONE));
        assertThat(tuples.deletedMatching).containsExactly(TupleFilter.subject("user", "gone", null));
    }

    @Test
    void aServerTheUserStillOwnsIsDeletedInsteadOfLeftOwnerless() {
        commandSide.members.add("101:gone");
        commandSide.owners.add("101:gone");
        fixture.givenNoPriorActivity()
                .whenPublishingA(deleted(Set.of(S1), Set.of()))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(new LeaveServerCommand(S1, GONE), new DeleteServerCommand(S1, GONE));
    }

    @Test
    void anAccountThatWasPartOfNothingOnlyLosesItsRelationships() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(deleted(Set.of(), Set.of()))
                .expectSuccessfulHandlerExecution()
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
        assertThat(tuples.deletedMatching).containsExactly(TupleFilter.subject("user", "gone", null));
    }

    /** A command side with memberships: leaving twice answers NOT_FOUND like the Server aggregate. */
    static final class CommandSide {
        final Set<String> members = new LinkedHashSet<>();
        final Set<String> owners = new HashSet<>();
        final Set<Object> unreachableOnce = new HashSet<>();
        final List<Object> handled = new ArrayList<>();

        Object handle(Object command) {
            if (unreachableOnce.remove(command)) {
                throw failure(ErrorCode.DEPENDENCY_UNAVAILABLE, "command side unreachable");
            }
            if (command instanceof LeaveServerCommand leave) {
                var key = leave.serverId().value() + ":" + leave.userId().value();
                if (owners.contains(key)) {
                    throw failure(ErrorCode.OWNER_CANNOT_LEAVE, "owner");
                }
                if (!members.remove(key)) {
                    throw failure(ErrorCode.NOT_FOUND, "member not found");
                }
                handled.add(command);
            } else if (command instanceof DeleteServerCommand delete) {
                members.removeIf(m -> m.startsWith(delete.serverId().value() + ":"));
            } else if (!handled.contains(command)) {
                handled.add(command);
            }
            return null;
        }

        private static CommandExecutionException failure(ErrorCode code, String message) {
            return new CommandExecutionException(message, null, new DomainErrorDetails(code, message));
        }
    }

    static final class RecordingTuples implements PermissionTuples {
        final List<TupleFilter> deletedMatching = new ArrayList<>();

        @Override
        public String write(List<Tuple> batch) {
            return "t";
        }

        @Override
        public String delete(List<Tuple> batch) {
            return "t";
        }

        @Override
        public String deleteMatching(TupleFilter filter) {
            deletedMatching.add(filter);
            return "t";
        }
    }
}
