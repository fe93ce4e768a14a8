package io.beep.queryside.message;

import io.beep.contracts.common.Page;
import io.beep.contracts.message.MessageView;
import io.beep.queryside.platform.authz.Authorizer;
import io.beep.queryside.platform.authz.Authorizer.Resource;
import io.beep.queryside.platform.consistency.ReadConsistency;
import io.beep.contracts.common.Consistency;
import io.beep.queryside.platform.web.CurrentUser;
import io.beep.contracts.common.DomainException;
import io.beep.queryside.platform.web.Ids;
import io.beep.queryside.platform.web.Paging;
import io.beep.contracts.message.MessageViewKeys;
import io.beep.contracts.message.SearchTokens;
import io.beep.queryside.channel.ChannelReader;
import java.util.List;
import java.util.Set;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading message history, pins and search over REST. */
@RestController
class MessageQueryController {

    static final String VIEWS = "messages";
    static final int MAX_TERMS = 10;

    private final MessageReader messages;
    private final Authorizer authorizer;
    private final ReadConsistency consistency;
    private final ViewableChannels viewableChannels;
    private final ChannelReader channels;

    MessageQueryController(MessageReader messages, Authorizer authorizer, ReadConsistency consistency,
                           ViewableChannels viewableChannels, ChannelReader channels) {
        this.messages = messages;
        this.channels = channels;
        this.viewableChannels = viewableChannels;
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
        return messages.history(id, query, token == null || token.isBlank());
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

    @Operation(summary = "The channel's pinned messages, most recently pinned first (one page, at most 100).")
    @GetMapping("/api/v1/channels/{channelId}/pins")
    Page<MessageView> pins(@PathVariable String channelId,
                           @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        long id = Ids.path(channelId);
        requireView(id, token);
        return Page.of(messages.pins(id), null);
    }

    @Operation(summary = "Search one channel's messages, newest first.",
            description = "Every word of q must match the start of a word of the message, ignoring case and "
                    + "accents (\"cafe\" and \"caf\" find \"Café\"). Page on with cursor = nextCursor: a page "
                    + "may hold fewer than limit items (the search stops after a bounded amount of work) while "
                    + "nextCursor is set; a null nextCursor means there is nothing more.")
    @GetMapping("/api/v1/channels/{channelId}/messages/search")
    Page<MessageView> searchChannel(
            @PathVariable String channelId,
            @Parameter(description = "the words to find") @RequestParam(required = false) String q,
            @Parameter(description = "only messages by this user id") @RequestParam(required = false) String authorId,
            @RequestParam(required = false) String cursor,
            @Parameter(description = "1 to 100, default 50",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "50"))
            @RequestParam(required = false) String limit,
            @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        long id = Ids.path(channelId);
        var terms = terms(q);
        int size = Paging.limit(limit);
        var before = SearchCursor.parse(cursor);
        requireView(id, token);
        var channel = channels.find(id).orElseThrow(() -> DomainException.notFound("channel"));
        return messages.search(MessageViewKeys.scope(channel.serverId(), channel.id()), Set.of(channel.id()), terms,
                authorId, before, size);
    }

    @Operation(summary = "Search a server's messages over the channels the caller may view, newest first.",
            description = "Same matching as channel search. channelId narrows to one channel (404 unless "
                    + "viewable). The viewable channels are cached for 60 s and dropped when a permission of the "
                    + "server changes; a request carrying a consistency token recomputes them.")
    @GetMapping("/api/v1/servers/{serverId}/messages/search")
    Page<MessageView> searchServer(
            @PathVariable String serverId,
            @Parameter(description = "the words to find") @RequestParam(required = false) String q,
            @Parameter(description = "only this channel") @RequestParam(required = false) String channelId,
            @Parameter(description = "only messages by this user id") @RequestParam(required = false) String authorId,
            @RequestParam(required = false) String cursor,
            @Parameter(description = "1 to 100, default 50",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "50"))
            @RequestParam(required = false) String limit,
            @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        long id = Ids.path(serverId);
        var terms = terms(q);
        int size = Paging.limit(limit);
        var before = SearchCursor.parse(cursor);
        var user = CurrentUser.id();
        long position = Consistency.parse(token);
        var zedToken = consistency.await(position, VIEWS);
        authorizer.requireView(Resource.server(id), user, zedToken);
        var viewable = viewableChannels.of(id, user, zedToken, position > 0);
        if (channelId != null) {
            var only = Long.toString(Ids.param("channelId", channelId));
            if (!viewable.contains(only)) {
                throw DomainException.notFound("channel");
            }
            viewable = List.of(only);
        }
        return messages.search(MessageViewKeys.scope(Long.toString(id), null), Set.copyOf(viewable), terms, authorId,
                before, size);
    }

    private static List<String> terms(String q) {
        var terms = SearchTokens.of(q);
        if (terms.stream().noneMatch(t -> t.length() >= MessageViewKeys.MIN_PREFIX)) {
            throw DomainException.invalid("q must contain a word of at least " + MessageViewKeys.MIN_PREFIX
                    + " letters or digits");
        }
        if (terms.size() > MAX_TERMS) {
            throw DomainException.invalid("q must have at most " + MAX_TERMS + " words");
        }
        return terms;
    }

    private void requireView(long channelId, String token) {
        var user = CurrentUser.id();
        var zedToken = consistency.await(Consistency.parse(token), VIEWS);
        authorizer.requireView(Resource.channel(channelId), user, zedToken);
    }
}
