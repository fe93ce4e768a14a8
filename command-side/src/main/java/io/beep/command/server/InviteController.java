package io.beep.command.server;

import io.beep.command.account.KeycloakUsers;
import io.beep.command.platform.authz.AuthzClient;
import io.beep.command.platform.authz.AuthzSync;
import io.beep.command.platform.authz.Authorizer;
import io.beep.command.platform.authz.Authorizer.Resource;
import io.beep.command.platform.web.CurrentUser;
import io.beep.command.platform.web.Ids;
import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.AcceptInviteCommand;
import io.beep.contracts.server.CreateInviteCommand;
import io.beep.contracts.server.DeclineInviteCommand;
import io.beep.contracts.server.InviteView;
import io.beep.contracts.server.RevokeInviteCommand;
import io.beep.contracts.server.ServerView;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.security.SecureRandom;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invitations over REST: links with an expiry and a use limit, and personal invitations of one user.
 * A code finds its server through {@link InviteCodes}; the server aggregate counts the uses, so
 * concurrent accepts of one link never exceed its limit.
 */
@RestController
class InviteController {

    static final long DEFAULT_MAX_AGE_SECONDS = 86_400;
    private static final int CODE_LENGTH = 10;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandGateway commands;
    private final Authorizer authorizer;
    private final AuthzClient authz;
    private final AuthzSync authzSync;
    private final InviteCodes codes;
    private final Settled settled;
    private final KeycloakUsers users;

    InviteController(CommandGateway commands, Authorizer authorizer, AuthzClient authz, AuthzSync authzSync,
                     InviteCodes codes, Settled settled, KeycloakUsers users) {
        this.users = users;
        this.commands = commands;
        this.authorizer = authorizer;
        this.authz = authz;
        this.authzSync = authzSync;
        this.codes = codes;
        this.settled = settled;
    }

    @Operation(summary = "Create an invitation (MANAGE_INVITES).",
            description = "maxAgeSeconds: 0 = never expires, default 86400, at most 604800; maxUses: 0 or absent = "
                    + "unlimited, at most 100. With targetUserId the invitation is personal: only that user sees "
                    + "and accepts it (once) or declines it; 404 when targetUserId names no user.")
    @PostMapping("/api/v1/servers/{serverId}/invites")
    ResponseEntity<InviteView> create(@PathVariable String serverId, @RequestBody(required = false) CreateInviteRequest request,
                                      @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var server = ServerId.of(Ids.snowflake(serverId));
        authorizer.require(Resource.server(server.value()), "manage_invites", user, Consistency.parse(token));
        var body = request == null ? new CreateInviteRequest(null, null, null) : request;
        UserId target = null;
        if (body.targetUserId() != null) {
            target = UserId.of(userIdOrInvalid(body.targetUserId()));
            if (!users.exists(target)) {
                throw DomainException.notFound("user");
            }
        }
        long maxAge = body.maxAgeSeconds() == null ? DEFAULT_MAX_AGE_SECONDS : body.maxAgeSeconds();
        InviteView view = commands.sendAndWait(new CreateInviteCommand(server, newCode(), user, maxAge,
                body.maxUses(), target));
        return ResponseEntity.created(URI.create("/api/v1/invites/" + view.code()))
                .header(Consistency.HEADER, Long.toString(settled.position(server.value())))
                .body(view);
    }

    @Operation(summary = "Join the server of an invitation (private servers too).",
            description = "404 unknown code or someone else's personal invitation; 410 INVITE_EXPIRED / INVITE_USED_UP; "
                    + "403 when banned; 409 SERVER_LIMIT_REACHED. Accepting as a member changes nothing.")
    @PostMapping("/api/v1/invites/{code}/accept")
    ResponseEntity<ServerView> accept(@PathVariable String code) {
        var server = serverOf(code);
        ServerView view = commands.sendAndWait(new AcceptInviteCommand(server, code, CurrentUser.id()));
        return settled.ok(server.value(), view);
    }

    @Operation(summary = "Decline a personal invitation (its target only); it is gone afterwards.")
    @PostMapping("/api/v1/invites/{code}/decline")
    ResponseEntity<Void> decline(@PathVariable String code) {
        var server = serverOf(code);
        commands.sendAndWait(new DeclineInviteCommand(server, code, CurrentUser.id()));
        return settled.noContent(server.value());
    }

    @Operation(summary = "Delete an invitation (MANAGE_INVITES, or its creator).")
    @DeleteMapping("/api/v1/invites/{code}")
    ResponseEntity<Void> revoke(@PathVariable String code,
                                @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        var server = serverOf(code);
        long position = Consistency.parse(token);
        authorizer.require(Resource.server(server.value()), "view", user, position);
        var zedToken = authzSync.awaitPosition(position);
        boolean manages = authz.check("server", server.value(), "manage_invites", user.value(), zedToken);
        commands.sendAndWait(new RevokeInviteCommand(server, code, user, manages));
        return settled.noContent(server.value());
    }

    private ServerId serverOf(String code) {
        if (code == null || code.isEmpty() || code.length() > 32 || !code.chars().allMatch(Character::isLetterOrDigit)) {
            throw DomainException.notFound("invite");
        }
        return codes.serverOf(code).orElseThrow(() -> DomainException.notFound("invite"));
    }

    private static String userIdOrInvalid(String value) {
        try {
            return Settled.userId(value);
        } catch (DomainException e) {
            throw DomainException.invalid("targetUserId must be a user id");
        }
    }

    private static String newCode() {
        var code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** Body of {@code POST /servers/{id}/invites}; every field optional. */
    record CreateInviteRequest(Long maxAgeSeconds, Integer maxUses, String targetUserId) {
    }
}
