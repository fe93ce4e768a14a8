package io.beep.command.server;

import io.beep.command.platform.authz.AuthzSync;
import io.beep.command.platform.axon.EventPositions;
import io.beep.command.platform.id.Snowflakes;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.Consistency;
import io.beep.command.platform.web.CurrentUser;
import io.beep.contracts.common.DomainException;
import io.beep.command.platform.web.Ids;
import io.beep.command.platform.authz.Authorizer;
import io.beep.command.platform.authz.Authorizer.Resource;
import io.beep.contracts.server.DeleteServerCommand;
import io.beep.contracts.server.JoinServerCommand;
import io.beep.contracts.server.LeaveServerCommand;
import io.beep.contracts.server.UpdateServerCommand;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.server.CreateServerCommand;
import io.beep.contracts.server.ServerView;
import io.beep.contracts.server.Visibility;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.Locale;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Server commands over REST. */
@RestController
@RequestMapping("/api/v1/servers")
class ServerController {

    private final CommandGateway commands;
    private final Snowflakes ids;
    private final EventPositions positions;
    private final AuthzSync authzSync;
    private final Authorizer authorizer;
    private final Settled settled;

    ServerController(CommandGateway commands, Snowflakes ids, EventPositions positions, AuthzSync authzSync,
                     Authorizer authorizer, Settled settled) {
        this.commands = commands;
        this.ids = ids;
        this.positions = positions;
        this.authzSync = authzSync;
        this.authorizer = authorizer;
        this.settled = settled;
    }

    @Operation(summary = "Create a server; the caller owns it. Answers once the owner's permissions are in place.")
    @PostMapping
    ResponseEntity<ServerView> create(@RequestBody CreateServerRequest request) {
        var owner = CurrentUser.id();
        var serverId = ServerId.of(ids.next());
        var command = new CreateServerCommand(serverId, request.name(), request.description(),
                parseVisibility(request.visibility()), owner, RoleId.of(ids.next()), ChannelId.of(ids.next()));
        commands.sendAndWait(command);
        long position = positions.latestOf(serverId.value());
        authzSync.awaitPosition(position);
        var view = new ServerView(serverId.value(), command.name().strip(),
                command.description() == null ? "" : command.description(),
                command.visibility().name().toLowerCase(Locale.ROOT), owner.value(), 1,
                Snowflake.timeOf(serverId.value()));
        return ResponseEntity.created(URI.create("/api/v1/servers/" + serverId.value()))
                .header(Consistency.HEADER, Long.toString(position))
                .body(view);
    }

    @Operation(summary = "Change a server's name, description or visibility (MANAGE_SERVER); absent fields stay.")
    @PatchMapping("/{serverId}")
    ResponseEntity<ServerView> update(@PathVariable String serverId, @RequestBody UpdateServerRequest request,
                                      @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var server = ServerId.of(Ids.snowflake(serverId));
        authorizer.require(Resource.server(server.value()), "manage_server", user, Consistency.parse(token));
        var visibility = request.visibility() == null ? null : parseVisibility(request.visibility());
        ServerView view = commands.sendAndWait(
                new UpdateServerCommand(server, request.name(), request.description(), visibility, user));
        return settled.ok(server.value(), view);
    }

    @Operation(summary = "Delete a server for everyone (owner only).")
    @DeleteMapping("/{serverId}")
    ResponseEntity<Void> delete(@PathVariable String serverId,
                                @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var server = ServerId.of(Ids.snowflake(serverId));
        authorizer.require(Resource.server(server.value()), "delete", user, Consistency.parse(token));
        commands.sendAndWait(new DeleteServerCommand(server, user));
        return settled.noContent(server.value());
    }

    @Operation(summary = "Join a public server; 404 for a private one, 403 when banned, 409 SERVER_LIMIT_REACHED "
            + "when already in 50 servers. Joining a server one is in changes nothing.")
    @PostMapping("/{serverId}/join")
    ResponseEntity<ServerView> join(@PathVariable String serverId) {
        var user = CurrentUser.id();
        var server = ServerId.of(Ids.snowflake(serverId));
        ServerView view = commands.sendAndWait(new JoinServerCommand(server, user));
        return settled.ok(server.value(), view);
    }

    @Operation(summary = "Leave a server; the owner cannot (409 OWNER_CANNOT_LEAVE).")
    @DeleteMapping("/{serverId}/members/@me")
    ResponseEntity<Void> leave(@PathVariable String serverId,
                               @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var server = ServerId.of(Ids.snowflake(serverId));
        authorizer.require(Resource.server(server.value()), "view", user, Consistency.parse(token));
        commands.sendAndWait(new LeaveServerCommand(server, user));
        return settled.noContent(server.value());
    }

    private static Visibility parseVisibility(String value) {
        if (value == null) {
            return Visibility.PRIVATE;
        }
        return switch (value) {
            case "public" -> Visibility.PUBLIC;
            case "private" -> Visibility.PRIVATE;
            default -> throw DomainException.invalid("visibility must be public or private");
        };
    }

    /** Body of {@code PATCH /servers/{id}}; every field optional. */
    record UpdateServerRequest(String name, String description, String visibility) {
    }

    /** Body of {@code POST /servers}; visibility defaults to private. */
    record CreateServerRequest(String name, String description, String visibility) {
    }
}
