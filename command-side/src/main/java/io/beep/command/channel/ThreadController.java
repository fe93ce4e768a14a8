package io.beep.command.channel;

import io.beep.command.platform.authz.AuthzSync;
import io.beep.command.platform.authz.Authorizer;
import io.beep.command.platform.authz.Authorizer.Resource;
import io.beep.command.platform.axon.EventPositions;
import io.beep.command.platform.id.Snowflakes;
import io.beep.command.platform.web.CurrentUser;
import io.beep.command.platform.web.Ids;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.channel.ChannelView;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.message.StartThreadCommand;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Starting a thread on a message over REST. */
@RestController
class ThreadController {

    private final CommandGateway commands;
    private final Snowflakes ids;
    private final Authorizer authorizer;
    private final ChannelDirectory directory;
    private final EventPositions positions;
    private final AuthzSync authzSync;

    ThreadController(CommandGateway commands, Snowflakes ids, Authorizer authorizer, ChannelDirectory directory,
                     EventPositions positions, AuthzSync authzSync) {
        this.commands = commands;
        this.ids = ids;
        this.authorizer = authorizer;
        this.directory = directory;
        this.positions = positions;
        this.authzSync = authzSync;
    }

    @Operation(summary = "Start a thread on a message of a server text channel (SEND_MESSAGES in the channel).",
            description = "Creates a channel of type thread whose parentId is the channel, and posts a "
                    + "thread_created message (content: the thread's name, replyTo: the message) in the channel. "
                    + "The thread has exactly its channel's permissions. One thread per message: a second answers "
                    + "409 ALREADY_EXISTS. 404 if the channel is not visible or the message is not in it; 400 for "
                    + "a thread, conference, category, DM or group channel.")
    @PostMapping("/api/v1/channels/{channelId}/messages/{messageId}/threads")
    ResponseEntity<ChannelView> start(@PathVariable String channelId, @PathVariable String messageId,
                                      @RequestBody StartThreadRequest request,
                                      @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var channel = directory.find(ChannelId.of(Ids.snowflake(channelId)))
                .orElseThrow(() -> DomainException.notFound("channel"));
        var message = MessageId.of(Ids.snowflake(messageId));
        authorizer.require(Resource.channel(channel.channelId().value()), "send", user, Consistency.parse(token));
        if (channel.type() != ChannelType.TEXT) {
            throw DomainException.invalid("threads can only be started in server text channels");
        }
        if (request == null) {
            throw DomainException.invalid("send a JSON object with name");
        }
        var threadId = ChannelId.of(ids.next());
        var noticeId = MessageId.of(ids.next());
        try {
            commands.sendAndWait(new StartThreadCommand(message, channel.channelId(), threadId, noticeId,
                    request.name(), user));
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            throw DomainException.notFound("message");
        }
        // the thread and its notice were stored in one transaction: the later of the two covers both
        long position = Math.max(positions.latestOf(threadId.value()), positions.latestOf(noticeId.value()));
        authzSync.awaitPosition(position);
        var view = new ChannelView(threadId.value(), channel.serverId().value(), "thread", request.name().strip(),
                channel.channelId().value(), List.of(), Snowflake.timeOf(threadId.value()));
        return ResponseEntity.created(URI.create("/api/v1/channels/" + threadId.value()))
                .header(Consistency.HEADER, Long.toString(position))
                .body(view);
    }

    /** Body of {@code POST /channels/{id}/messages/{messageId}/threads}. */
    record StartThreadRequest(String name) {
    }
}
