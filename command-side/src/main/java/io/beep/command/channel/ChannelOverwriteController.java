package io.beep.command.channel;

import io.beep.command.platform.authz.AuthzSync;
import io.beep.command.platform.authz.Authorizer;
import io.beep.command.platform.authz.Authorizer.Resource;
import io.beep.command.platform.axon.EventPositions;
import io.beep.contracts.common.Consistency;
import io.beep.command.platform.web.CurrentUser;
import io.beep.contracts.common.DomainException;
import io.beep.command.platform.web.Ids;
import io.beep.contracts.channel.OverwriteTargetType;
import io.beep.contracts.channel.RemoveChannelPermissionOverwriteCommand;
import io.beep.contracts.channel.SetChannelPermissionOverwriteCommand;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Permission;
import io.beep.contracts.server.CheckOverwriteTargetCommand;
import io.swagger.v3.oas.annotations.Operation;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Channel permission overwrites over REST; every route needs {@code channel#manage_permissions}. */
@RestController
class ChannelOverwriteController {

    private static final int MAX_TARGET_ID = 64;

    private final CommandGateway commands;
    private final Authorizer authorizer;
    private final ChannelDirectory directory;
    private final EventPositions positions;
    private final AuthzSync authzSync;

    ChannelOverwriteController(CommandGateway commands, Authorizer authorizer, ChannelDirectory directory,
                               EventPositions positions, AuthzSync authzSync) {
        this.commands = commands;
        this.authorizer = authorizer;
        this.directory = directory;
        this.positions = positions;
        this.authzSync = authzSync;
    }

    @Operation(summary = "Set (replace) the overwrite of a role or member on a server channel "
            + "{targetType: role|member, allow: [...], deny: [...]} (MANAGE_PERMISSIONS on the channel).")
    @PutMapping("/api/v1/channels/{channelId}/permissions/{targetId}")
    ResponseEntity<OverwriteView> set(@PathVariable String channelId, @PathVariable String targetId,
                                      @RequestBody OverwriteRequest request,
                                      @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var channel = authorized(channelId, token);
        var targetType = targetType(request.targetType());
        var target = targetType == OverwriteTargetType.ROLE ? Ids.snowflake(targetId) : targetId(targetId);
        var allow = permissions("allow", request.allow());
        var deny = permissions("deny", request.deny());
        var facts = directory.find(channel).orElseThrow(() -> DomainException.notFound("channel"));
        boolean everyone = Boolean.TRUE.equals(commands.sendAndWait(
                new CheckOverwriteTargetCommand(facts.serverId(), targetType, target)));
        commands.sendAndWait(new SetChannelPermissionOverwriteCommand(channel, targetType, target, everyone,
                allow, deny, CurrentUser.id()));
        long position = settle(channel);
        var view = new OverwriteView(channel.value(), request.targetType(), target,
                allow.stream().sorted().map(Permission::name).toList(),
                deny.stream().sorted().map(Permission::name).toList());
        return ResponseEntity.ok().header(Consistency.HEADER, Long.toString(position)).body(view);
    }

    @Operation(summary = "Remove the overwrite of a role or member from a server channel (MANAGE_PERMISSIONS).")
    @DeleteMapping("/api/v1/channels/{channelId}/permissions/{targetId}")
    ResponseEntity<Void> remove(@PathVariable String channelId, @PathVariable String targetId,
                                @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var channel = authorized(channelId, token);
        var target = targetId(targetId);
        commands.sendAndWait(new RemoveChannelPermissionOverwriteCommand(channel, target, CurrentUser.id()));
        long position = settle(channel);
        return ResponseEntity.noContent().header(Consistency.HEADER, Long.toString(position)).build();
    }

    private ChannelId authorized(String channelId, String token) {
        var channel = ChannelId.of(Ids.snowflake(channelId));
        var facts = directory.find(channel).orElseThrow(() -> DomainException.notFound("channel"));
        if (facts.serverId() == null) {
            throw DomainException.notFound("channel");
        }
        authorizer.require(Resource.channel(channel.value()), "manage_permissions", CurrentUser.id(),
                Consistency.parse(token));
        return channel;
    }

    private long settle(ChannelId channel) {
        long position = positions.latestOf(channel.value());
        authzSync.awaitPosition(position);
        return position;
    }

    /** A role id (snowflake) or a user id: letters, digits, '-' and '_'; anything else names nothing. */
    private static String targetId(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_TARGET_ID
                || !value.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
            throw DomainException.notFound("overwrite target");
        }
        return value;
    }

    private static OverwriteTargetType targetType(String value) {
        if ("role".equals(value)) {
            return OverwriteTargetType.ROLE;
        }
        if ("member".equals(value)) {
            return OverwriteTargetType.MEMBER;
        }
        throw DomainException.invalid("targetType must be role or member");
    }

    private static Set<Permission> permissions(String field, List<String> names) {
        var result = EnumSet.noneOf(Permission.class);
        if (names == null) {
            return result;
        }
        for (var name : names) {
            try {
                result.add(Permission.valueOf(name == null ? "" : name));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid(field + " names an unknown permission " + name);
            }
        }
        return result;
    }

    /** Body of {@code PUT /channels/{id}/permissions/{targetId}}. */
    record OverwriteRequest(String targetType, List<String> allow, List<String> deny) {
    }

    /** An overwrite as set. */
    record OverwriteView(String channelId, String targetType, String targetId, List<String> allow,
                         List<String> deny) {
    }
}
