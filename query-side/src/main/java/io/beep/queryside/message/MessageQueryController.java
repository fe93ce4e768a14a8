package io.beep.queryside.message;

import io.beep.contracts.common.Page;
import io.beep.contracts.message.MessageView;
import io.beep.queryside.platform.authz.Authorizer;
import io.beep.queryside.platform.authz.Authorizer.Resource;
import io.beep.queryside.platform.consistency.ReadConsistency;
import io.beep.queryside.platform.web.Consistency;
import io.beep.queryside.platform.web.CurrentUser;
import io.beep.queryside.platform.web.DomainException;
import io.beep.queryside.platform.web.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading message history over REST. */
@RestController
class MessageQueryController {

    static final String VIEWS = "messages";

    private final MessageReader messages;
    private final Authorizer authorizer;
    private final ReadConsistency consistency;

    MessageQueryController(MessageReader messages, Authorizer authorizer, ReadConsistency consistency) {
        this.messages = messages;
        this.authorizer = authorizer;
        this.consistency = consistency;
    }

    @Operation(summary = "A page of a channel's messages, newest first.",
            description = "At most one of before, after and around. nextCursor is the message id to pass as "
                    + "before (newest and before pages) or after (after pages) to read on; null when the page "
                    + "is not full and for around pages. 404 unless the caller may view the channel.")
    @GetMapping("/api/v1/channels/{channelId}/messages")
    Page<MessageView> history(
            @PathVariable String channelId,
            @Parameter(description = "messages older than this id") @RequestParam(required = false) String before,
            @Parameter(description = "messages newer than this id") @RequestParam(required = false) String after,
            @Parameter(description = "the message with this id and those around it")
            @RequestParam(required = false) String around,
            @Parameter(description = "1 to 100, default 50",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "50"))
            @RequestParam(required = false) String limit,
            @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        long id = Ids.path(channelId);
        var query = HistoryQuery.of(before, after, around, limit);
        requireView(id, token);
        return messages.history(id, query);
    }

    @Operation(summary = "One message of a channel; 404 if it is not in that channel.")
    @GetMapping("/api/v1/channels/{channelId}/messages/{messageId}")
    MessageView message(@PathVariable String channelId, @PathVariable String messageId,
                        @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        long channel = Ids.path(channelId);
        long message = Ids.path(messageId);
        requireView(channel, token);
        return messages.find(channel, message).orElseThrow(() -> DomainException.notFound("message"));
    }

    private void requireView(long channelId, String token) {
        var user = CurrentUser.id();
        var zedToken = consistency.await(Consistency.parse(token), VIEWS);
        authorizer.requireView(Resource.channel(channelId), user, zedToken);
    }
}
