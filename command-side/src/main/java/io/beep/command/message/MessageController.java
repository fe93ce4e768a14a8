package io.beep.command.message;

import io.beep.command.channel.ChannelDirectory;
import io.beep.command.platform.authz.Authorizer;
import io.beep.command.platform.authz.Authorizer.Resource;
import io.beep.command.platform.axon.EventPositions;
import io.beep.command.platform.id.Snowflakes;
import io.beep.contracts.common.Snowflake;
import io.beep.command.platform.web.Consistency;
import io.beep.command.platform.web.CurrentUser;
import io.beep.command.platform.web.DomainException;
import io.beep.command.platform.web.Ids;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.message.MessageView;
import io.beep.contracts.message.SendMessageCommand;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Sending messages over REST. */
@RestController
class MessageController {

    private final CommandGateway commands;
    private final Snowflakes ids;
    private final Authorizer authorizer;
    private final ChannelDirectory directory;
    private final EventPositions positions;

    MessageController(CommandGateway commands, Snowflakes ids, Authorizer authorizer, ChannelDirectory directory,
                      EventPositions positions) {
        this.commands = commands;
        this.ids = ids;
        this.authorizer = authorizer;
        this.directory = directory;
        this.positions = positions;
    }

    @Operation(summary = "Send a message to a channel (SEND_MESSAGES).")
    @PostMapping("/api/v1/channels/{channelId}/messages")
    ResponseEntity<MessageView> send(@PathVariable String channelId, @RequestBody SendMessageRequest request,
                                     @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var channel = directory.find(ChannelId.of(Ids.snowflake(channelId)))
                .orElseThrow(() -> DomainException.notFound("channel"));
        authorizer.require(Resource.channel(channel.channelId().value()), "send", user, Consistency.parse(token));
        if (!channel.type().carriesMessages()) {
            throw DomainException.invalid("messages cannot be sent to a " + channel.type().name().toLowerCase() + " channel");
        }
        var replyTo = request.replyTo() == null ? null : MessageId.of(Ids.snowflake(request.replyTo()));
        var messageId = MessageId.of(ids.next());
        var command = new SendMessageCommand(messageId, channel.channelId(), channel.serverId(), user,
                request.content(), request.nonce(), replyTo);
        commands.sendAndWait(command);
        long position = positions.latestOf(messageId.value());
        var view = new MessageView(messageId.value(), channel.channelId().value(),
                channel.serverId() == null ? null : channel.serverId().value(), user.value(),
                request.content().strip(), Snowflake.timeOf(messageId.value()), null, false,
                "default", List.of(), replyTo == null ? null : replyTo.value(), request.nonce());
        return ResponseEntity.created(URI.create("/api/v1/channels/" + channelId + "/messages/" + messageId.value()))
                .header(Consistency.HEADER, Long.toString(position))
                .body(view);
    }


    /** Body of {@code POST /channels/{id}/messages}. */
    record SendMessageRequest(String content, String nonce, List<String> attachmentIds, String replyTo) {
    }
}
