package io.beep.command.channel;

import io.beep.command.platform.authz.AuthzSync;
import io.beep.command.platform.authz.Authorizer;
import io.beep.command.platform.authz.Authorizer.Resource;
import io.beep.command.platform.axon.EventPositions;
import io.beep.command.platform.id.Snowflakes;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.Consistency;
import io.beep.command.platform.web.CurrentUser;
import io.beep.contracts.common.DomainException;
import io.beep.command.platform.web.Ids;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.channel.ChannelView;
import io.beep.contracts.channel.CreateChannelCommand;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ServerId;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Channel commands over REST. */
@RestController
class ChannelController {

    private final CommandGateway commands;
    private final Snowflakes ids;
    private final Authorizer authorizer;
    private final ChannelDirectory directory;
    private final EventPositions positions;
    private final AuthzSync authzSync;

    ChannelController(CommandGateway commands, Snowflakes ids, Authorizer authorizer, ChannelDirectory directory,
                      EventPositions positions, AuthzSync authzSync) {
        this.commands = commands;
        this.ids = ids;
        this.authorizer = authorizer;
        this.directory = directory;
        this.positions = positions;
        this.authzSync = authzSync;
    }

    @Operation(summary = "Create a text, conference or category channel in a server (MANAGE_CHANNELS).")
    @PostMapping("/api/v1/servers/{serverId}/channels")
    ResponseEntity<ChannelView> create(@PathVariable String serverId, @RequestBody CreateChannelRequest request,
                                       @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var server = ServerId.of(Ids.snowflake(serverId));
        authorizer.require(Resource.server(server.value()), "manage_channels", user, Consistency.parse(token));
        var type = parseType(request.type());
        ChannelId parent = null;
        if (request.parentId() != null) {
            parent = ChannelId.of(Ids.snowflake(request.parentId()));
            var parentFacts = directory.find(parent)
                    .filter(f -> server.equals(f.serverId()) && f.type() == ChannelType.CATEGORY)
                    .orElseThrow(() -> DomainException.invalid("parentId must be a category of this server"));
            parent = parentFacts.channelId();
        }
        var channelId = ChannelId.of(ids.next());
        commands.sendAndWait(new CreateChannelCommand(channelId, server, request.name(), type, parent, user));
        long position = positions.latestOf(channelId.value());
        authzSync.awaitPosition(position);
        var view = new ChannelView(channelId.value(), server.value(), type.name().toLowerCase(Locale.ROOT),
                request.name().strip(), parent == null ? null : parent.value(), List.of(),
                Snowflake.timeOf(channelId.value()));
        return ResponseEntity.created(URI.create("/api/v1/channels/" + channelId.value()))
                .header(Consistency.HEADER, Long.toString(position))
                .body(view);
    }


    private static ChannelType parseType(String value) {
        if (value == null) {
            return ChannelType.TEXT;
        }
        return switch (value) {
            case "text" -> ChannelType.TEXT;
            case "conference" -> ChannelType.CONFERENCE;
            case "category" -> ChannelType.CATEGORY;
            default -> throw DomainException.invalid("type must be text, conference or category");
        };
    }

    /** Body of {@code POST /servers/{id}/channels}; type defaults to text. */
    record CreateChannelRequest(String name, String type, String parentId) {
    }
}
