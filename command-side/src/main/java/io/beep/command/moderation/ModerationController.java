package io.beep.command.moderation;

import io.beep.command.account.KeycloakModeration;
import io.beep.command.platform.axon.EventPositions;
import io.beep.command.platform.authz.AuthzSync;
import io.beep.command.platform.web.CurrentUser;
import io.beep.command.platform.web.Ids;
import io.beep.contracts.account.AdminUserView;
import io.beep.contracts.account.DisableUserCommand;
import io.beep.contracts.account.EnableUserCommand;
import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.Page;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.DeleteServerCommand;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Global moderation (realm roles, see {@link GlobalRoles}): {@code user-moderator} finds, disables and
 * enables accounts; {@code server-moderator} deletes any server exactly like its owner would;
 * {@code app-admin} may do both. Everyone else gets 403.
 */
@RestController
@RequestMapping("/api/v1/admin")
class ModerationController {

    static final int MAX_QUERY = 100;
    static final int MAX_USER_ID = 64;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final CommandGateway commands;
    private final KeycloakModeration keycloak;
    private final EventPositions positions;
    private final AuthzSync authzSync;
    private final ServerAggregates servers;

    ModerationController(CommandGateway commands, KeycloakModeration keycloak, EventPositions positions,
                         AuthzSync authzSync, ServerAggregates servers) {
        this.servers = servers;
        this.commands = commands;
        this.keycloak = keycloak;
        this.positions = positions;
        this.authzSync = authzSync;
    }

    @Operation(summary = "Search accounts by username, e-mail or name (user-moderator or app-admin).",
            description = "Paged by an opaque cursor; each user carries `enabled`.")
    @GetMapping("/users")
    Page<AdminUserView> users(@RequestParam(defaultValue = "") String q,
                              @RequestParam(required = false) Integer limit,
                              @RequestParam(required = false) String cursor) {
        GlobalRoles.require(GlobalRoles.USER_MODERATOR);
        var query = q.strip();
        if (query.length() > MAX_QUERY) {
            throw DomainException.invalid("q must be at most " + MAX_QUERY + " characters");
        }
        if (query.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("q must not contain control characters");
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw DomainException.invalid("limit must be between 1 and " + MAX_LIMIT);
        }
        int first = offset(cursor);
        var found = keycloak.search(query, first, size + 1);
        var next = found.size() > size ? Integer.toString(first + size) : null;
        return Page.of(found.subList(0, Math.min(size, found.size())), next);
    }

    @Operation(summary = "Disable an account (user-moderator or app-admin): it gets no new tokens and its "
            + "sessions end. Records UserDisabledEvent; repeating changes nothing. 404 for an unknown user.")
    @PostMapping("/users/{userId}/disable")
    ResponseEntity<Void> disable(@PathVariable String userId) {
        GlobalRoles.require(GlobalRoles.USER_MODERATOR);
        var moderator = CurrentUser.id();
        var user = knownUser(userId);
        if (user.equals(moderator)) {
            throw DomainException.invalid("you cannot disable your own account");
        }
        keycloak.setEnabled(user, false);
        commands.sendAndWait(new DisableUserCommand(user, moderator));
        return noContent(user.value());
    }

    @Operation(summary = "Enable a disabled account again (user-moderator or app-admin). Records UserEnabledEvent.")
    @PostMapping("/users/{userId}/enable")
    ResponseEntity<Void> enable(@PathVariable String userId) {
        GlobalRoles.require(GlobalRoles.USER_MODERATOR);
        var moderator = CurrentUser.id();
        var user = knownUser(userId);
        keycloak.setEnabled(user, true);
        commands.sendAndWait(new EnableUserCommand(user, moderator));
        return noContent(user.value());
    }

    @Operation(summary = "Delete any server (server-moderator or app-admin), exactly as its owner would.",
            description = "No SpiceDB check: the realm role decides. 404 for an unknown or deleted server.")
    @DeleteMapping("/servers/{serverId}")
    ResponseEntity<Void> deleteServer(@PathVariable String serverId) {
        GlobalRoles.require(GlobalRoles.SERVER_MODERATOR);
        var server = ServerId.of(Ids.snowflake(serverId));
        if (!servers.exists(server)) {
            throw DomainException.notFound("server");
        }
        commands.sendAndWait(new DeleteServerCommand(server, CurrentUser.id()));
        long position = positions.latestOf(server.value());
        authzSync.awaitPosition(position);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).header(Consistency.HEADER, Long.toString(position))
                .build();
    }

    private UserId knownUser(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_USER_ID
                || !value.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
            throw DomainException.notFound("user");
        }
        var user = UserId.of(value);
        if (keycloak.find(user).isEmpty()) {
            throw DomainException.notFound("user");
        }
        return user;
    }

    private ResponseEntity<Void> noContent(String aggregateId) {
        return ResponseEntity.status(HttpStatus.NO_CONTENT)
                .header(Consistency.HEADER, Long.toString(positions.latestOf(aggregateId))).build();
    }

    private static int offset(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            int value = Integer.parseInt(cursor);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw DomainException.invalid("cursor is not one this API gave out");
    }
}
