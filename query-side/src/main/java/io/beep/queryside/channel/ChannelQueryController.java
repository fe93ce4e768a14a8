package io.beep.queryside.channel;

import io.beep.contracts.channel.ChannelDetailsView;
import io.beep.contracts.channel.ChannelView;
import io.beep.contracts.common.Page;
import io.beep.queryside.platform.authz.Authorizer;
import io.beep.queryside.platform.authz.Authorizer.Resource;
import io.beep.queryside.platform.consistency.ReadConsistency;
import io.beep.contracts.common.Consistency;
import io.beep.queryside.platform.web.CurrentUser;
import io.beep.contracts.common.DomainException;
import io.beep.queryside.platform.web.Ids;
import io.beep.queryside.privatechannel.PrivateChannelReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Reading channels over REST. */
@RestController
class ChannelQueryController {

    static final String VIEWS = "server-views";
    static final String PRIVATE_VIEWS = "friendships";

    private final ChannelReader channels;
    private final Authorizer authorizer;
    private final ReadConsistency consistency;
    private final PrivateChannelReader privateChannels;
    private final ChannelOverwriteReader overwrites;

    ChannelQueryController(ChannelReader channels, Authorizer authorizer, ReadConsistency consistency,
                           PrivateChannelReader privateChannels, ChannelOverwriteReader overwrites) {
        this.overwrites = overwrites;
        this.channels = channels;
        this.privateChannels = privateChannels;
        this.authorizer = authorizer;
        this.consistency = consistency;
    }

    @Operation(summary = "The channels of a server that the caller may view, in list order.",
            description = "All of them in one page (nextCursor is always null). 404 unless a member.")
    @GetMapping("/api/v1/servers/{serverId}/channels")
    Page<ChannelView> ofServer(@PathVariable String serverId,
                               @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        long id = Ids.path(serverId);
        var user = CurrentUser.id();
        var zedToken = consistency.await(Consistency.parse(token), VIEWS);
        var server = Resource.server(id);
        authorizer.requireView(server, user, zedToken);
        var all = channels.ofServer(id);
        if (all.isEmpty() || authorizer.has(server, "administrator", user, zedToken)) {
            return Page.of(all, null);
        }
        var viewable = Set.copyOf(authorizer.viewable("channel", all.stream().map(ChannelView::id).toList(),
                user, zedToken));
        return Page.of(all.stream().filter(c -> viewable.contains(c.id())).toList(), null);
    }

    @Operation(summary = "A channel the caller may view; 404 for any other.",
            description = "Server channels, and DM and group channels (with recipientIds) for their recipients. "
                    + "Callers who may manage the channel (MANAGE_CHANNELS) or its permissions (MANAGE_ROLES) also "
                    + "get permissionOverwrites [{targetId, targetType: role|member, allow, deny}].")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(
            oneOf = {ChannelView.class, ChannelDetailsView.class})))
    @GetMapping("/api/v1/channels/{channelId}")
    Object channel(@PathVariable String channelId,
                   @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        long id = Ids.path(channelId);
        var user = CurrentUser.id();
        var zedToken = consistency.await(Consistency.parse(token), VIEWS);
        authorizer.requireView(Resource.channel(id), user, zedToken);
        var channel = channels.find(id);
        if (channel.isPresent()) {
            var resource = Resource.channel(id);
            if (authorizer.has(resource, "manage_channel", user, zedToken)
                    || authorizer.has(resource, "manage_permissions", user, zedToken)) {
                consistency.awaitViews(Consistency.parse(token), ChannelOverwriteReader.PROCESSOR);
                return new ChannelDetailsView(channel.get(), overwrites.of(id));
            }
            return channel.get();
        }
        consistency.awaitViews(Consistency.parse(token), PRIVATE_VIEWS);
        return privateChannels.find(id).orElseThrow(() -> DomainException.notFound("channel"));
    }
}
