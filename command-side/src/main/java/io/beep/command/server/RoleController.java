package io.beep.command.server;

import io.beep.command.platform.authz.Authorizer;
import io.beep.command.platform.authz.Authorizer.Resource;
import io.beep.command.platform.id.Snowflakes;
import io.beep.contracts.common.Consistency;
import io.beep.command.platform.web.CurrentUser;
import io.beep.command.platform.web.Ids;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.server.CreateRoleCommand;
import io.beep.contracts.server.DeleteRoleCommand;
import io.beep.contracts.server.RoleView;
import io.beep.contracts.server.UpdateRoleCommand;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Server roles over REST; every route needs MANAGE_ROLES. */
@RestController
@RequestMapping("/api/v1/servers/{serverId}/roles")
class RoleController {

    private final CommandGateway commands;
    private final Snowflakes ids;
    private final Authorizer authorizer;
    private final Settled settled;

    RoleController(CommandGateway commands, Snowflakes ids, Authorizer authorizer, Settled settled) {
        this.commands = commands;
        this.ids = ids;
        this.authorizer = authorizer;
        this.settled = settled;
    }

    @Operation(summary = "Create a role {name (1-100), permissions: [names of the 13 permissions]}.")
    @PostMapping
    ResponseEntity<RoleView> create(@PathVariable String serverId, @RequestBody RoleRequest request,
                                    @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var server = authorized(serverId, token);
        var permissions = Settled.permissions(request.permissions());
        RoleView role = commands.sendAndWait(new CreateRoleCommand(server, RoleId.of(ids.next()), request.name(),
                permissions, CurrentUser.id()));
        var answer = settled.ok(server.value(), role);
        return ResponseEntity.created(URI.create("/api/v1/servers/" + server.value() + "/roles/" + role.id()))
                .headers(answer.getHeaders()).body(role);
    }

    @Operation(summary = "Rename a role and/or replace its permissions; absent fields stay. The everyone role "
            + "keeps its name.")
    @PatchMapping("/{roleId}")
    ResponseEntity<RoleView> update(@PathVariable String serverId, @PathVariable String roleId,
                                    @RequestBody RoleRequest request,
                                    @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var server = authorized(serverId, token);
        var permissions = Settled.permissions(request.permissions());
        RoleView role = commands.sendAndWait(new UpdateRoleCommand(server, RoleId.of(Ids.snowflake(roleId)),
                request.name(), permissions, CurrentUser.id()));
        return settled.ok(server.value(), role);
    }

    @Operation(summary = "Delete a role; members lose it. The everyone role cannot be deleted.")
    @DeleteMapping("/{roleId}")
    ResponseEntity<Void> delete(@PathVariable String serverId, @PathVariable String roleId,
                                @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var server = authorized(serverId, token);
        commands.sendAndWait(new DeleteRoleCommand(server, RoleId.of(Ids.snowflake(roleId)), CurrentUser.id()));
        return settled.noContent(server.value());
    }

    private ServerId authorized(String serverId, String token) {
        var server = ServerId.of(Ids.snowflake(serverId));
        authorizer.require(Resource.server(server.value()), "manage_roles", CurrentUser.id(), Consistency.parse(token));
        return server;
    }

    /** Body of role create and update. */
    record RoleRequest(String name, List<String> permissions) {
    }
}
