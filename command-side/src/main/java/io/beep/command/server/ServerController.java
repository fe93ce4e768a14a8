package io.beep.command.server;

import io.beep.command.platform.authz.AuthzSync;
import io.beep.command.platform.axon.EventPositions;
import io.beep.command.platform.id.Snowflakes;
import io.beep.contracts.common.Snowflake;
import io.beep.command.platform.web.Consistency;
import io.beep.command.platform.web.CurrentUser;
import io.beep.command.platform.web.DomainException;
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

    ServerController(CommandGateway commands, Snowflakes ids, EventPositions positions, AuthzSync authzSync) {
        this.commands = commands;
        this.ids = ids;
        this.positions = positions;
        this.authzSync = authzSync;
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

    /** Body of {@code POST /servers}; visibility defaults to private. */
    record CreateServerRequest(String name, String description, String visibility) {
    }
}
