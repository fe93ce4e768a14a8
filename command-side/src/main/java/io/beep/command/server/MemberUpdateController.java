package io.beep.command.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.beep.command.platform.authz.Authorizer;
import io.beep.command.platform.authz.Authorizer.Resource;
import io.beep.command.platform.web.CurrentUser;
import io.beep.command.platform.web.Ids;
import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.MemberView;
import io.beep.contracts.server.UpdateMemberCommand;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Nicknames and timed mutes over REST. A field that is present applies (null clears); an absent one stays. */
@RestController
class MemberUpdateController {

    private static final Set<String> OWN_FIELDS = Set.of("nickname");
    private static final Set<String> FIELDS = Set.of("nickname", "mutedUntil");

    private final CommandGateway commands;
    private final Authorizer authorizer;
    private final Settled settled;

    MemberUpdateController(CommandGateway commands, Authorizer authorizer, Settled settled) {
        this.commands = commands;
        this.authorizer = authorizer;
        this.settled = settled;
    }

    @Operation(summary = "Set or clear (null) one's own nickname (CHANGE_NICKNAME); at most 32 characters.")
    @PatchMapping("/api/v1/servers/{serverId}/members/@me")
    ResponseEntity<MemberView> updateMe(@PathVariable String serverId, @RequestBody JsonNode body,
                                        @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var server = ServerId.of(Ids.snowflake(serverId));
        authorizer.require(Resource.server(server.value()), "change_nickname", user, Consistency.parse(token));
        requireFields(body, OWN_FIELDS);
        MemberView view = commands.sendAndWait(new UpdateMemberCommand(server, user, true,
                text(body.get("nickname")), false, null, user));
        return settled.ok(server.value(), view);
    }

    @Operation(summary = "Change a member's nickname (MANAGE_NICKNAMES) and / or mute them until mutedUntil "
            + "(MANAGE_MEMBERS; ISO-8601, ahead, at most 28 days; null unmutes).",
            description = "A muted member cannot send or attach anywhere in the server until the time comes; the mute "
                    + "is lifted automatically then. The owner cannot be muted.")
    @PatchMapping("/api/v1/servers/{serverId}/members/{userId}")
    ResponseEntity<MemberView> update(@PathVariable String serverId, @PathVariable String userId,
                                      @RequestBody JsonNode body,
                                      @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var server = ServerId.of(Ids.snowflake(serverId));
        var target = UserId.of(Settled.userId(userId));
        long position = Consistency.parse(token);
        authorizer.require(Resource.server(server.value()), "view", user, position);
        requireFields(body, FIELDS);
        boolean nickname = body.has("nickname");
        boolean mute = body.has("mutedUntil");
        if (nickname) {
            authorizer.require(Resource.server(server.value()), "manage_nicknames", user, position);
        }
        if (mute) {
            authorizer.require(Resource.server(server.value()), "manage_members", user, position);
        }
        MemberView view = commands.sendAndWait(new UpdateMemberCommand(server, target, nickname,
                nickname ? text(body.get("nickname")) : null, mute, mute ? instant(body.get("mutedUntil")) : null,
                user));
        return settled.ok(server.value(), view);
    }

    private static void requireFields(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw DomainException.invalid("send a JSON object with " + allowed);
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw DomainException.invalid("unknown field " + name + "; expected " + allowed);
            }
        });
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw DomainException.invalid("nickname must be a string or null");
        }
        return node.asText();
    }

    private static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw DomainException.invalid("mutedUntil must be an ISO-8601 time or null");
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("mutedUntil must be an ISO-8601 time such as 2030-01-01T00:00:00Z");
        }
    }
}
