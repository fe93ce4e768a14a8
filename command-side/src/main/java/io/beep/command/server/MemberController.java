package io.beep.command.server;

import io.beep.command.account.KeycloakUsers;
import io.beep.command.platform.authz.Authorizer;
import io.beep.command.platform.authz.Authorizer.Resource;
import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.command.platform.web.CurrentUser;
import io.beep.command.platform.web.Ids;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.AssignRoleCommand;
import io.beep.contracts.server.BanMemberCommand;
import io.beep.contracts.server.KickMemberCommand;
import io.beep.contracts.server.RemoveRoleCommand;
import io.beep.contracts.server.UnbanMemberCommand;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Moderating members over REST: kick, ban, unban, and their roles. */
@RestController
@RequestMapping("/api/v1/servers/{serverId}")
class MemberController {

    private final CommandGateway commands;
    private final Authorizer authorizer;
    private final Settled settled;
    private final KeycloakUsers users;

    MemberController(CommandGateway commands, Authorizer authorizer, Settled settled, KeycloakUsers users) {
        this.users = users;
        this.commands = commands;
        this.authorizer = authorizer;
        this.settled = settled;
    }

    @Operation(summary = "Kick a member (MANAGE_MEMBERS); they may join again. The owner cannot be kicked.")
    @DeleteMapping("/members/{userId}")
    ResponseEntity<Void> kick(@PathVariable String serverId, @PathVariable String userId,
                              @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var server = authorized(serverId, "manage_members", token);
        commands.sendAndWait(new KickMemberCommand(server, UserId.of(Settled.userId(userId)), CurrentUser.id()));
        return settled.noContent(server.value());
    }

    @Operation(summary = "Ban a user (MANAGE_MEMBERS): removes them if they are a member and refuses every later "
            + "join. Banning a banned user changes nothing; 404 for an id that names no user.")
    @PutMapping("/bans/{userId}")
    ResponseEntity<Void> ban(@PathVariable String serverId, @PathVariable String userId,
                             @RequestBody(required = false) BanRequest request,
                             @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var server = authorized(serverId, "manage_members", token);
        var banned = UserId.of(Settled.userId(userId));
        if (!users.exists(banned)) {
            throw DomainException.notFound("user");
        }
        commands.sendAndWait(new BanMemberCommand(server, banned, CurrentUser.id(),
                request == null ? null : request.reason()));
        return settled.noContent(server.value());
    }

    @Operation(summary = "Lift a ban (MANAGE_MEMBERS); 404 when the user is not banned.")
    @DeleteMapping("/bans/{userId}")
    ResponseEntity<Void> unban(@PathVariable String serverId, @PathVariable String userId,
                               @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var server = authorized(serverId, "manage_members", token);
        commands.sendAndWait(new UnbanMemberCommand(server, UserId.of(Settled.userId(userId)), CurrentUser.id()));
        return settled.noContent(server.value());
    }

    @Operation(summary = "Give a member a role (MANAGE_ROLES); giving a role they have changes nothing.")
    @PutMapping("/members/{userId}/roles/{roleId}")
    ResponseEntity<Void> assign(@PathVariable String serverId, @PathVariable String userId,
                                @PathVariable String roleId,
                                @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var server = authorized(serverId, "manage_roles", token);
        commands.sendAndWait(new AssignRoleCommand(server, RoleId.of(Ids.snowflake(roleId)),
                UserId.of(Settled.userId(userId)), CurrentUser.id()));
        return settled.noContent(server.value());
    }

    @Operation(summary = "Take a role from a member (MANAGE_ROLES); taking one they lack changes nothing.")
    @DeleteMapping("/members/{userId}/roles/{roleId}")
    ResponseEntity<Void> remove(@PathVariable String serverId, @PathVariable String userId,
                                @PathVariable String roleId,
                                @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var server = authorized(serverId, "manage_roles", token);
        commands.sendAndWait(new RemoveRoleCommand(server, RoleId.of(Ids.snowflake(roleId)),
                UserId.of(Settled.userId(userId)), CurrentUser.id()));
        return settled.noContent(server.value());
    }

    private ServerId authorized(String serverId, String permission, String token) {
        var server = ServerId.of(Ids.snowflake(serverId));
        authorizer.require(Resource.server(server.value()), permission, CurrentUser.id(), Consistency.parse(token));
        return server;
    }

    /** Body of {@code PUT /servers/{id}/bans/{userId}}; optional. */
    record BanRequest(String reason) {
    }
}
