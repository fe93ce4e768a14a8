package io.beep.command.friendship;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.UserId;
import io.beep.contracts.friendship.AcceptFriendRequestCommand;
import io.beep.contracts.friendship.CancelFriendRequestCommand;
import io.beep.contracts.friendship.DeclineFriendRequestCommand;
import io.beep.contracts.friendship.FriendRemovedEvent;
import io.beep.contracts.friendship.FriendRequestAcceptedEvent;
import io.beep.contracts.friendship.FriendRequestCancelledEvent;
import io.beep.contracts.friendship.FriendRequestDeclinedEvent;
import io.beep.contracts.friendship.FriendRequestId;
import io.beep.contracts.friendship.FriendRequestSentEvent;
import io.beep.contracts.friendship.FriendRequestView;
import io.beep.contracts.friendship.FriendshipId;
import io.beep.contracts.friendship.RemoveFriendCommand;
import io.beep.contracts.friendship.SendFriendRequestCommand;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import io.beep.contracts.friendship.EndFriendshipCommand;

/**
 * The relationship of two users, keyed by the pair: at most one pending request at a time, and
 * friends or not. Because both directions meet here, a request to someone who already asked you
 * accepts theirs, a repeated request changes nothing, and a repeated accept changes nothing. The
 * pair's DM channel id is fixed by the first acceptance and reused ever after.
 */
@Aggregate
class Friendship {

    enum Status { NONE, PENDING, FRIENDS }

    @AggregateIdentifier
    private FriendshipId friendshipId;
    private Status status = Status.NONE;
    private FriendRequestId requestId;
    private UserId requester;
    private UserId addressee;
    private Instant requestedAt;
    private ChannelId dmChannelId;

    Friendship() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    FriendRequestView handle(SendFriendRequestCommand command, FriendRequestIndex index) {
        if (command.fromUserId().equals(command.toUserId())) {
            throw DomainException.invalid("you cannot send a friend request to yourself");
        }
        if (status == Status.FRIENDS) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "you are already friends");
        }
        if (status == Status.PENDING && requester.equals(command.fromUserId())) {
            return view("pending");
        }
        if (status == Status.PENDING) {
            apply(accepted(command.proposedDmChannelId()));
            return view("accepted");
        }
        var sentAt = Snowflake.timeOf(command.requestId().value());
        apply(new FriendRequestSentEvent(command.friendshipId(), command.requestId(), command.fromUserId(),
                command.toUserId(), sentAt));
        index.record(command.requestId(), command.friendshipId());
        return view("pending");
    }

    @CommandHandler
    FriendRequestView handle(AcceptFriendRequestCommand command) {
        if (status == Status.FRIENDS && command.requestId().equals(requestId)) {
            requireAddressee(command.acceptedBy());
            return view("accepted");
        }
        requirePending(command.requestId());
        requireAddressee(command.acceptedBy());
        apply(accepted(command.proposedDmChannelId()));
        return view("accepted");
    }

    @CommandHandler
    FriendRequestView handle(DeclineFriendRequestCommand command) {
        requirePending(command.requestId());
        if (!addressee.equals(command.declinedBy())) {
            throw new DomainException(ErrorCode.FORBIDDEN, "only the addressee can decline; the sender cancels");
        }
        apply(new FriendRequestDeclinedEvent(friendshipId, requestId, requester, addressee));
        return view("declined");
    }

    @CommandHandler
    FriendRequestView handle(CancelFriendRequestCommand command) {
        requirePending(command.requestId());
        if (!requester.equals(command.cancelledBy())) {
            throw new DomainException(ErrorCode.FORBIDDEN, "only the sender can cancel; the addressee declines");
        }
        apply(new FriendRequestCancelledEvent(friendshipId, requestId, requester, addressee));
        return view("cancelled");
    }

    @CommandHandler
    void handle(RemoveFriendCommand command) {
        if (status != Status.FRIENDS) {
            throw DomainException.notFound("friend");
        }
        apply(new FriendRemovedEvent(friendshipId, command.removedBy(), friendshipId.other(command.removedBy()),
                dmChannelId));
    }

    /** Ends whatever the pair has, for a deleted account; nothing to end changes nothing. */
    @CommandHandler
    void handle(EndFriendshipCommand command) {
        var deleted = command.deletedUserId();
        if (!friendshipId.involves(deleted)) {
            throw DomainException.invalid("the user is not part of this friendship");
        }
        if (status == Status.FRIENDS) {
            apply(new FriendRemovedEvent(friendshipId, deleted, friendshipId.other(deleted), dmChannelId));
        } else if (status == Status.PENDING && requester.equals(deleted)) {
            apply(new FriendRequestCancelledEvent(friendshipId, requestId, requester, addressee));
        } else if (status == Status.PENDING) {
            apply(new FriendRequestDeclinedEvent(friendshipId, requestId, requester, addressee));
        }
    }

    private void requirePending(FriendRequestId id) {
        if (status != Status.PENDING || !requestId.equals(id)) {
            throw DomainException.notFound("friend request");
        }
    }

    private FriendRequestAcceptedEvent accepted(ChannelId proposedDm) {
        var dm = dmChannelId != null ? dmChannelId : proposedDm;
        return new FriendRequestAcceptedEvent(friendshipId, requestId, requester, addressee, dm, Instant.now());
    }

    private FriendRequestView view(String state) {
        return new FriendRequestView(requestId.value(), requester.value(), addressee.value(), state,
                "accepted".equals(state) && dmChannelId != null ? dmChannelId.value() : null, requestedAt);
    }

    private void requireAddressee(UserId user) {
        if (!addressee.equals(user)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "only the addressee can accept a friend request");
        }
    }

    @EventSourcingHandler
    void on(FriendRequestSentEvent event) {
        friendshipId = event.friendshipId();
        status = Status.PENDING;
        requestId = event.requestId();
        requester = event.fromUserId();
        addressee = event.toUserId();
        requestedAt = event.sentAt();
    }

    @EventSourcingHandler
    void on(FriendRequestAcceptedEvent event) {
        status = Status.FRIENDS;
        dmChannelId = event.dmChannelId();
    }

    @EventSourcingHandler
    void on(FriendRequestDeclinedEvent event) {
        status = Status.NONE;
    }

    @EventSourcingHandler
    void on(FriendRequestCancelledEvent event) {
        status = Status.NONE;
    }

    @EventSourcingHandler
    void on(FriendRemovedEvent event) {
        status = Status.NONE;
    }
}
