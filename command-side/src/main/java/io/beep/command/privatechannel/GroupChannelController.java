package io.beep.command.privatechannel;

import io.beep.command.platform.authz.Authorizer;
import io.beep.command.platform.authz.Authorizer.Resource;
import io.beep.command.platform.authz.AuthzClient;
import io.beep.command.platform.authz.AuthzSync;
import io.beep.command.platform.axon.EventPositions;
import io.beep.command.platform.id.Snowflakes;
import io.beep.contracts.common.Consistency;
import io.beep.command.platform.web.CurrentUser;
import io.beep.contracts.common.DomainException;
import io.beep.command.platform.web.Ids;
import io.beep.command.platform.web.Require;
import io.beep.contracts.channel.ChannelView;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.UserId;
import io.beep.contracts.privatechannel.AddRecipientCommand;
import io.beep.contracts.privatechannel.CreateGroupChannelCommand;
import io.beep.contracts.privatechannel.RemoveRecipientCommand;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Group channels over REST: create one with friends, the owner adds friends, anyone leaves. Every
 * answer comes once the group's relationships are written, with its position as consistency token.
 */
@RestController
class GroupChannelController {

    private static final String USER_ID = "[A-Za-z0-9-]{1,64}";

    private final CommandGateway commands;
    private final Snowflakes ids;
    private final Friends friends;
    private final Authorizer authorizer;
    private final AuthzClient authz;
    private final AuthzSync authzSync;
    private final EventPositions positions;

    GroupChannelController(CommandGateway commands, Snowflakes ids, Friends friends, Authorizer authorizer,
                           AuthzClient authz, AuthzSync authzSync, EventPositions positions) {
        this.commands = commands;
        this.ids = ids;
        this.friends = friends;
        this.authorizer = authorizer;
        this.authz = authz;
        this.authzSync = authzSync;
        this.positions = positions;
    }

    @Operation(summary = "Create a group channel with some of your friends; you own it.",
            description = "Body {type: \"group\", name (1–100), recipients: [userId]}. At most "
                    + PrivateChannel.MAX_RECIPIENTS + " recipients including you (400 VALIDATION_FAILED); "
                    + "403 FORBIDDEN when a recipient is not your friend. 201 with the channel.")
    @PostMapping("/api/v1/channels")
    ResponseEntity<ChannelView> create(@RequestBody CreateGroupRequest request) {
        var user = CurrentUser.id();
        if (request == null || !"group".equals(request.type())) {
            throw DomainException.invalid("type must be group (server channels are created under a server)");
        }
        var name = Require.name("name", request.name(), PrivateChannel.MAX_NAME);
        var others = new LinkedHashSet<UserId>();
        for (var id : request.recipients() == null ? List.<String>of() : request.recipients()) {
            if (id == null || !id.matches(USER_ID)) {
                throw DomainException.invalid("recipients must be user ids");
            }
            others.add(UserId.of(id));
        }
        others.remove(user);
        if (others.size() + 1 > PrivateChannel.MAX_RECIPIENTS) {
            throw DomainException.invalid("a group channel has at most " + PrivateChannel.MAX_RECIPIENTS
                    + " recipients");
        }
        for (var other : others) {
            requireFriends(user, other);
        }
        var channel = ChannelId.of(ids.next());
        commands.sendAndWait(new CreateGroupChannelCommand(channel, user, name, List.copyOf(others)));
        long position = settle(channel);
        var recipients = new ArrayList<String>();
        recipients.add(user.value());
        others.forEach(u -> recipients.add(u.value()));
        var view = new ChannelView(channel.value(), null, "group", name, null, List.copyOf(recipients),
                Snowflake.timeOf(channel.value()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/channels/" + channel.value()))
                .header(Consistency.HEADER, Long.toString(position))
                .body(view);
    }

    @Operation(summary = "The group's owner adds one of their friends (repeating changes nothing).",
            description = "404 unless you are a recipient; 403 MISSING_PERMISSION unless the owner; 403 FORBIDDEN "
                    + "when the user is not your friend; 400 when the group is full or for a DM. 204.")
    @PutMapping("/api/v1/channels/{channelId}/recipients/{userId}")
    ResponseEntity<Void> add(@PathVariable String channelId, @PathVariable String userId,
                             @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var channel = ChannelId.of(Ids.snowflake(channelId));
        authorizer.require(Resource.channel(channel.value()), "manage_recipients", user, Consistency.parse(token));
        if (userId == null || !userId.matches(USER_ID)) {
            throw DomainException.notFound("user");
        }
        var added = UserId.of(userId);
        if (!added.equals(user)) {
            requireFriends(user, added);
        }
        commands.sendAndWait(new AddRecipientCommand(channel, added, user));
        return noContent(settle(channel));
    }

    @Operation(summary = "Leave a group channel; when the owner leaves, the longest-standing recipient owns it.",
            description = "404 unless you are a recipient; 400 for a DM channel. 204.")
    @DeleteMapping("/api/v1/channels/{channelId}/recipients/@me")
    ResponseEntity<Void> leave(@PathVariable String channelId,
                               @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var channel = ChannelId.of(Ids.snowflake(channelId));
        authorizer.require(Resource.channel(channel.value()), "view", user, Consistency.parse(token));
        if (!authz.check("channel", channel.value(), "recipient", user.value(),
                authzSync.awaitPosition(Consistency.parse(token)))) {
            throw new DomainException(ErrorCode.FORBIDDEN, "only a group channel's recipients can leave it");
        }
        commands.sendAndWait(new RemoveRecipientCommand(channel, user, user));
        return noContent(settle(channel));
    }

    private void requireFriends(UserId user, UserId other) {
        if (!friends.areFriends(user, other)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "user " + other.value() + " is not your friend");
        }
    }

    private long settle(ChannelId channel) {
        long position = positions.latestOf(channel.value());
        authzSync.awaitPosition(position);
        return position;
    }

    private static ResponseEntity<Void> noContent(long position) {
        return ResponseEntity.noContent().header(Consistency.HEADER, Long.toString(position)).build();
    }

    /** Body of {@code POST /channels}. */
    record CreateGroupRequest(String type, String name, List<String> recipients) {
    }
}
