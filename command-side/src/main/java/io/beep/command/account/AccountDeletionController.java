package io.beep.command.account;

import io.beep.command.platform.authz.AuthzClient;
import io.beep.command.platform.web.CurrentUser;
import io.beep.contracts.account.DeleteAccountCommand;
import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.ServerId;
import io.beep.command.platform.axon.EventPositions;
import io.swagger.v3.oas.annotations.Operation;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deleting one's own account. Owners of servers are refused (409 OWNER_CANNOT_LEAVE) until they have
 * deleted those servers: a server never silently loses its owner. Otherwise {@code AccountDeletedEvent}
 * is recorded with the user's memberships and friendships, then the Keycloak user is removed; the
 * account-deletion saga ends each membership and friendship and removes the user's remaining
 * relationships. A retried call after a failure half-way records nothing new and removes the
 * Keycloak user again (gone is fine).
 */
@RestController
class AccountDeletionController {

    private final AccountFootprint footprint;
    private final AuthzClient authz;
    private final CommandGateway commands;
    private final KeycloakUsers keycloak;
    private final TotpSecrets totpSecrets;
    private final EventPositions positions;

    AccountDeletionController(AccountFootprint footprint, AuthzClient authz, CommandGateway commands,
                              KeycloakUsers keycloak, TotpSecrets totpSecrets, EventPositions positions) {
        this.footprint = footprint;
        this.authz = authz;
        this.commands = commands;
        this.keycloak = keycloak;
        this.totpSecrets = totpSecrets;
        this.positions = positions;
    }

    @Operation(summary = "Delete my account: memberships and friendships end; my messages stay, shown as a deleted user.",
            description = "204. 409 OWNER_CANNOT_LEAVE while I own servers (delete them first). Memberships, "
                    + "friendships and pending requests end asynchronously through a saga.")
    @DeleteMapping("/api/v1/users/@me")
    ResponseEntity<Void> delete() {
        var user = CurrentUser.id();
        var servers = footprint.servers(user);
        var owned = servers.stream().filter(s -> authz.check("server", s.value(), "owner", user.value(), null))
                .map(ServerId::value).collect(Collectors.toList());
        if (!owned.isEmpty()) {
            throw new DomainException(ErrorCode.OWNER_CANNOT_LEAVE,
                    "you own servers " + owned + "; delete them before deleting your account");
        }
        commands.sendAndWait(new DeleteAccountCommand(user, servers, footprint.friendships(user), "beep"));
        keycloak.delete(user);
        totpSecrets.remove(user);
        return ResponseEntity.noContent()
                .header(Consistency.HEADER, Long.toString(positions.latestOf(user.value())))
                .build();
    }
}
