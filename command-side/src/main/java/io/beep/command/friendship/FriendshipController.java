package io.beep.command.friendship;

import io.beep.command.account.KeycloakUsers;
import io.beep.command.platform.authz.AuthzSync;
import io.beep.command.platform.axon.EventPositions;
import io.beep.command.platform.id.Snowflakes;
import io.beep.contracts.common.Consistency;
import io.beep.command.platform.web.CurrentUser;
import io.beep.contracts.common.DomainException;
import io.beep.command.platform.web.Ids;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.friendship.AcceptFriendRequestCommand;
import io.beep.contracts.friendship.CancelFriendRequestCommand;
import io.beep.contracts.friendship.DeclineFriendRequestCommand;
import io.beep.contracts.friendship.FriendRequestId;
import io.beep.contracts.friendship.FriendRequestView;
import io.beep.contracts.friendship.FriendshipId;
import io.beep.contracts.friendship.RemoveFriendCommand;
import io.beep.contracts.friendship.SendFriendRequestCommand;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Friend requests and friendships over REST. A request id names a friendship through
 * {@link FriendRequestIndex}; only the two users of that friendship can see it (404 for anyone
 * else). Accepting answers once the pair's DM channel exists and its permissions are written, with
 * the DM's position as consistency token.
 */
@RestController
class FriendshipController {

    static final int MAX_USERNAME = 255;

    private final CommandGateway commands;
    private final Snowflakes ids;
    private final FriendRequestIndex index;
    private final KeycloakUsers users;
    private final EventPositions positions;
    private final AuthzSync authzSync;

    FriendshipController(CommandGateway commands, Snowflakes ids, FriendRequestIndex index, KeycloakUsers users,
                         EventPositions positions, AuthzSync authzSync) {
        this.commands = commands;
        this.ids = ids;
        this.index = index;
        this.users = users;
        this.positions = positions;
        this.authzSync = authzSync;
    }

    @Operation(summary = "Send a friend request by username.",
            description = "201 with the new pending request. 200 with the existing request when one from you "
                    + "is already pending (nothing new is created), or with status accepted when that user had "
                    + "already asked you: crossing requests make you friends. 400 for yourself, 404 for an "
                    + "unknown username, 409 ALREADY_EXISTS when you are friends already.")
    @PostMapping("/api/v1/friends/requests")
    ResponseEntity<FriendRequestView> send(@RequestBody FriendRequestRequest request) {
        var user = CurrentUser.id();
        if (request == null || request.username() == null || request.username().isBlank()) {
            throw DomainException.invalid("username is required");
        }
        var username = request.username().strip();
        if (username.length() > MAX_USERNAME) {
            throw DomainException.notFound("user");
        }
        var target = users.findIdByUsername(username).orElseThrow(() -> DomainException.notFound("user"));
        if (target.equals(user)) {
            throw DomainException.invalid("you cannot send a friend request to yourself");
        }
        var friendship = FriendshipId.of(user, target);
        var requestId = FriendRequestId.of(ids.next());
        var view = (FriendRequestView) commands.sendAndWait(new SendFriendRequestCommand(friendship, requestId, user,
                target, ChannelId.of(ids.next())));
        long position = settle(friendship, view);
        var status = view.id().equals(requestId.value()) ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status)
                .location(URI.create("/api/v1/friends/requests/" + view.id()))
                .header(Consistency.HEADER, Long.toString(position))
                .body(view);
    }

    @Operation(summary = "Accept a friend request sent to you; creates (once) the DM channel of the two of you.",
            description = "Repeating an accept answers the same result. 403 for the sender, 404 for anyone else "
                    + "or a request that is no longer pending.")
    @PostMapping("/api/v1/friends/requests/{requestId}/accept")
    ResponseEntity<FriendRequestView> accept(@PathVariable String requestId) {
        var user = CurrentUser.id();
        var id = FriendRequestId.of(Ids.snowflake(requestId));
        var friendship = friendshipOf(id, user);
        var view = (FriendRequestView) commands.sendAndWait(new AcceptFriendRequestCommand(friendship, id, user,
                ChannelId.of(ids.next())));
        long position = settle(friendship, view);
        return ResponseEntity.ok().header(Consistency.HEADER, Long.toString(position)).body(view);
    }

    @Operation(summary = "Decline a friend request sent to you (403 for the sender: cancel instead).")
    @PostMapping("/api/v1/friends/requests/{requestId}/decline")
    ResponseEntity<FriendRequestView> decline(@PathVariable String requestId) {
        var user = CurrentUser.id();
        var id = FriendRequestId.of(Ids.snowflake(requestId));
        var friendship = friendshipOf(id, user);
        var view = (FriendRequestView) commands.sendAndWait(new DeclineFriendRequestCommand(friendship, id, user));
        return ResponseEntity.ok().header(Consistency.HEADER, Long.toString(positions.latestOf(friendship.value())))
                .body(view);
    }

    @Operation(summary = "Cancel a friend request you sent (403 for the addressee: decline instead).")
    @DeleteMapping("/api/v1/friends/requests/{requestId}")
    ResponseEntity<Void> cancel(@PathVariable String requestId) {
        var user = CurrentUser.id();
        var id = FriendRequestId.of(Ids.snowflake(requestId));
        var friendship = friendshipOf(id, user);
        commands.sendAndWait(new CancelFriendRequestCommand(friendship, id, user));
        return ResponseEntity.noContent()
                .header(Consistency.HEADER, Long.toString(positions.latestOf(friendship.value()))).build();
    }

    @Operation(summary = "End a friendship. The DM channel stays readable for both; nobody can post in it.",
            description = "404 when you are not friends.")
    @DeleteMapping("/api/v1/friends/{userId}")
    ResponseEntity<Void> remove(@PathVariable String userId) {
        var user = CurrentUser.id();
        if (userId == null || !userId.matches("[A-Za-z0-9-]{1,64}") || userId.equals(user.value())) {
            throw DomainException.notFound("friend");
        }
        var friendship = FriendshipId.of(user, UserId.of(userId));
        if (positions.latestOf(friendship.value()) == 0) {
            throw DomainException.notFound("friend");
        }
        commands.sendAndWait(new RemoveFriendCommand(friendship, user));
        long position = positions.latestOf(friendship.value());
        authzSync.awaitPosition(position);
        return ResponseEntity.noContent().header(Consistency.HEADER, Long.toString(position)).build();
    }

    private FriendshipId friendshipOf(FriendRequestId id, UserId user) {
        return index.find(id).filter(f -> f.involves(user))
                .orElseThrow(() -> DomainException.notFound("friend request"));
    }

    /**
     * Waits, once accepted, until the saga has handled the acceptance (which creates the DM channel)
     * and the DM channel's permissions are written; answers the position to hand out.
     */
    private long settle(FriendshipId friendship, FriendRequestView view) {
        long position = positions.latestOf(friendship.value());
        if (!"accepted".equals(view.status()) || view.dmChannelId() == null) {
            return position;
        }
        authzSync.awaitPosition(position);
        long dmPosition = positions.latestOf(view.dmChannelId());
        authzSync.awaitPosition(dmPosition);
        return Math.max(position, dmPosition);
    }

    /** Body of {@code POST /friends/requests}. */
    record FriendRequestRequest(String username) {
    }
}
