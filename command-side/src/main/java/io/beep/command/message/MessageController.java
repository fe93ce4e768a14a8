package io.beep.command.message;

import io.beep.command.attachment.AttachmentUse;
import io.beep.command.channel.ChannelDirectory;
import io.beep.command.channel.ChannelDirectory.ChannelFacts;
import io.beep.command.platform.authz.AuthzClient;
import io.beep.command.platform.authz.AuthzSync;
import io.beep.command.platform.authz.Authorizer;
import io.beep.command.platform.authz.Authorizer.Resource;
import io.beep.command.platform.axon.AppendedPositions;
import io.beep.command.platform.axon.EventPositions;
import io.beep.command.platform.id.Snowflakes;
import io.beep.command.platform.ratelimit.RateLimiter;
import io.beep.contracts.common.Consistency;
import io.beep.command.platform.web.CurrentUser;
import io.beep.contracts.common.DomainException;
import io.beep.command.platform.web.Ids;
import io.beep.command.platform.web.Require;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.message.DeleteMessageCommand;
import io.beep.contracts.message.MessageAttachment;
import io.beep.contracts.message.EditMessageCommand;
import io.beep.contracts.message.MessageView;
import io.beep.contracts.message.PinMessageCommand;
import io.beep.contracts.message.SendMessageCommand;
import io.beep.contracts.message.UnpinMessageCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Sending, editing, deleting and pinning messages over REST. */
@RestController
class MessageController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_IDEMPOTENCY_KEY = 255;

    private final CommandGateway commands;
    private final Snowflakes ids;
    private final Authorizer authorizer;
    private final AuthzClient authz;
    private final AuthzSync authzSync;
    private final ChannelDirectory directory;
    private final EventPositions positions;
    private final RateLimiter rateLimiter;
    private final MessageIdempotency idempotency;
    private final MessageEvents messageEvents;
    private final TransactionTemplate transaction;
    private final AttachmentUse attachments;

    MessageController(CommandGateway commands, Snowflakes ids, Authorizer authorizer, AuthzClient authz,
                      AuthzSync authzSync, ChannelDirectory directory, EventPositions positions,
                      RateLimiter rateLimiter, MessageIdempotency idempotency, MessageEvents messageEvents,
                      TransactionTemplate transaction, AttachmentUse attachments) {
        this.commands = commands;
        this.ids = ids;
        this.authorizer = authorizer;
        this.authz = authz;
        this.authzSync = authzSync;
        this.directory = directory;
        this.positions = positions;
        this.rateLimiter = rateLimiter;
        this.idempotency = idempotency;
        this.messageEvents = messageEvents;
        this.transaction = transaction;
        this.attachments = attachments;
    }

    @Operation(summary = "Send a message to a channel (SEND_MESSAGES).",
            description = "Rate limited per user (X-RateLimit-* headers; 429 RATE_LIMITED with Retry-After). "
                    + "With a nonce or an Idempotency-Key header, a repeat from the same user answers 200 with "
                    + "the message of the first attempt and creates nothing; the first attempt answers 201. "
                    + "The Idempotency-Key header wins over the nonce when both are sent. attachmentIds (ATTACH_FILES, "
                    + "at most 10) name uploads of the sender in this channel, each usable once; their stored "
                    + "objects must match the declared size and type (400 / 413 / 415); content may then be empty. "
                    + "replyTo must name a message of this channel (400 otherwise).")
    @PostMapping("/api/v1/channels/{channelId}/messages")
    ResponseEntity<MessageView> send(@PathVariable String channelId, @RequestBody SendMessageRequest request,
                                     @RequestHeader(value = Consistency.HEADER, required = false) String token,
                                     @Parameter(description = "at most 255 characters")
                                     @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                     HttpServletResponse response) {
        var user = CurrentUser.id();
        var channel = channel(channelId);
        authorizer.require(Resource.channel(channel.channelId().value()), "send", user, Consistency.parse(token));
        if (!channel.type().carriesMessages()) {
            throw DomainException.invalid("messages cannot be sent to a " + channel.type().name().toLowerCase() + " channel");
        }
        var attachmentIds = AttachmentUse.ids(request.attachmentIds());
        if (!attachmentIds.isEmpty()) {
            authorizer.require(Resource.channel(channel.channelId().value()), "attach_files", user,
                    Consistency.parse(token));
        }
        var key = key(idempotencyKey, request.nonce());
        if (key != null) {
            var earlier = idempotency.find(user, key);
            if (earlier.isPresent()) {
                return replay(earlier.get());
            }
        }
        RateLimiter.enforce(rateLimiter.messageSent(user.value()), response);
        var replyTo = request.replyTo() == null ? null : repliedTo(request.replyTo(), channel.channelId());
        var messageId = MessageId.of(ids.next());
        // the message's position comes from its event insert (no query after the command)
        var sent = AppendedPositions.capture(() -> {
            if (key == null && attachmentIds.isEmpty()) {
                commands.sendAndWait(new SendMessageCommand(messageId, channel.channelId(), channel.serverId(), user,
                        request.content(), request.nonce(), replyTo));
                return new SendOutcome(null, List.<MessageAttachment>of());
            }
            return transaction.execute(status -> {
                if (key != null && !idempotency.claim(user, key, messageId.value(), channel.channelId().value())) {
                    return new SendOutcome(idempotency.find(user, key).orElseThrow(), List.of());
                }
                var taken = attachments.take(attachmentIds, messageId, channel.channelId(), user);
                commands.sendAndWait(new SendMessageCommand(messageId, channel.channelId(), channel.serverId(), user,
                        request.content(), request.nonce(), replyTo, taken));
                return new SendOutcome(null, taken);
            });
        });
        var outcome = sent.result();
        if (outcome.earlier() != null) {
            return replay(outcome.earlier());
        }
        List<MessageAttachment> files = outcome.files();
        long position = positions.latestOf(messageId.value(), sent);
        var view = new MessageView(messageId.value(), channel.channelId().value(),
                channel.serverId() == null ? null : channel.serverId().value(), user.value(),
                request.content() == null ? "" : request.content().strip(),
                io.beep.contracts.common.Snowflake.timeOf(messageId.value()), null, false,
                "default", attachments.views(files), replyTo == null ? null : replyTo.value(), request.nonce());
        return ResponseEntity.created(URI.create("/api/v1/channels/" + channelId + "/messages/" + messageId.value()))
                .header(Consistency.HEADER, Long.toString(position))
                .body(view);
    }

    @Operation(summary = "Edit a message's content; only its author may (403 FORBIDDEN otherwise).")
    @PatchMapping("/api/v1/channels/{channelId}/messages/{messageId}")
    ResponseEntity<MessageView> edit(@PathVariable String channelId, @PathVariable String messageId,
                                     @RequestBody EditMessageRequest request,
                                     @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var channel = channel(channelId);
        var message = MessageId.of(Ids.snowflake(messageId));
        authorizer.require(Resource.channel(channel.channelId().value()), "view", user, Consistency.parse(token));
        dispatch(new EditMessageCommand(message, channel.channelId(), user, request.content()));
        var view = attachments.withLinks(messageEvents.current(message.value())
                .orElseThrow(() -> DomainException.notFound("message")));
        return ResponseEntity.ok().header(Consistency.HEADER, Long.toString(positions.latestOf(message.value())))
                .body(view);
    }

    @Operation(summary = "Delete a message: its author, or anyone with MANAGE_MESSAGES in the channel.")
    @DeleteMapping("/api/v1/channels/{channelId}/messages/{messageId}")
    ResponseEntity<Void> delete(@PathVariable String channelId, @PathVariable String messageId,
                                @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var channel = channel(channelId);
        var message = MessageId.of(Ids.snowflake(messageId));
        var zedToken = authzSync.awaitPosition(Consistency.parse(token));
        authorizer.require(Resource.channel(channel.channelId().value()), "view", user, Consistency.parse(token));
        boolean mayManage = authz.check("channel", channel.channelId().value(), "manage_messages", user.value(), zedToken);
        dispatch(new DeleteMessageCommand(message, channel.channelId(), user, mayManage));
        return noContent(message);
    }

    @Operation(summary = "Pin a message (MANAGE_MESSAGES; in DMs and groups any participant); posts a "
            + "message_pinned notice. Pinning a pinned message changes nothing.")
    @PutMapping("/api/v1/channels/{channelId}/pins/{messageId}")
    ResponseEntity<Void> pin(@PathVariable String channelId, @PathVariable String messageId,
                             @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var channel = channel(channelId);
        var message = MessageId.of(Ids.snowflake(messageId));
        authorizer.require(Resource.channel(channel.channelId().value()), "pin", user, Consistency.parse(token));
        dispatch(new PinMessageCommand(message, channel.channelId(), user, MessageId.of(ids.next())));
        return noContent(message);
    }

    @Operation(summary = "Unpin a message (same permission as pinning); unpinning one that is not pinned changes nothing.")
    @DeleteMapping("/api/v1/channels/{channelId}/pins/{messageId}")
    ResponseEntity<Void> unpin(@PathVariable String channelId, @PathVariable String messageId,
                               @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var channel = channel(channelId);
        var message = MessageId.of(Ids.snowflake(messageId));
        authorizer.require(Resource.channel(channel.channelId().value()), "pin", user, Consistency.parse(token));
        dispatch(new UnpinMessageCommand(message, channel.channelId(), user));
        return noContent(message);
    }

    private ChannelFacts channel(String channelId) {
        return directory.find(ChannelId.of(Ids.snowflake(channelId)))
                .orElseThrow(() -> DomainException.notFound("channel"));
    }

    /** Sends a command to an existing message; an id naming no message (or another aggregate) is a 404. */
    private void dispatch(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            throw DomainException.notFound("message");
        }
    }

    private ResponseEntity<Void> noContent(MessageId message) {
        return ResponseEntity.status(HttpStatus.NO_CONTENT)
                .header(Consistency.HEADER, Long.toString(positions.latestOf(message.value())))
                .build();
    }

    private ResponseEntity<MessageView> replay(MessageIdempotency.Claim claim) {
        var view = attachments.withLinks(messageEvents.current(claim.messageId())
                .orElseThrow(() -> DomainException.notFound("message")));
        return ResponseEntity.ok()
                .header(Consistency.HEADER, Long.toString(positions.latestOf(claim.messageId())))
                .body(view);
    }

    private static String key(String header, String nonce) {
        if (header != null) {
            if (header.isBlank()) {
                throw DomainException.invalid(IDEMPOTENCY_KEY + " must not be empty");
            }
            Require.optionalText(IDEMPOTENCY_KEY, header, MAX_IDEMPOTENCY_KEY);
            return "k:" + header;
        }
        if (nonce != null && !nonce.isEmpty()) {
            Require.optionalText("nonce", nonce, Message.MAX_NONCE);
            return "n:" + nonce;
        }
        return null;
    }

    /** A send's result: the message an earlier send with the same key made, or the files taken. */
    private record SendOutcome(MessageIdempotency.Claim earlier, List<MessageAttachment> files) {
    }

    /**
     * The message a send replies to: a live message of the same channel, else 400 (one id answer
     * for unknown, deleted and other channels' messages, so nothing about those leaks).
     */
    private MessageId repliedTo(String id, ChannelId channel) {
        var valid = id.length() <= 19 && !id.isEmpty() && id.chars().allMatch(Character::isDigit);
        if (!valid || messageEvents.current(id).filter(m -> m.channelId().equals(channel.value())).isEmpty()) {
            throw DomainException.invalid("replyTo must be a message of this channel");
        }
        return MessageId.of(id);
    }

    /** Body of {@code POST /channels/{id}/messages}. */
    record SendMessageRequest(String content, String nonce, List<String> attachmentIds, String replyTo) {
    }

    /** Body of {@code PATCH /channels/{id}/messages/{messageId}}. */
    record EditMessageRequest(String content) {
    }
}
