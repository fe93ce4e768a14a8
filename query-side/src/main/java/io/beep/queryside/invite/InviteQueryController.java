package io.beep.queryside.invite;

import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.Page;
import io.beep.contracts.server.InviteView;
import io.beep.queryside.platform.authz.Authorizer;
import io.beep.queryside.platform.authz.Authorizer.Resource;
import io.beep.queryside.platform.consistency.ReadConsistency;
import io.beep.queryside.platform.web.CurrentUser;
import io.beep.queryside.platform.web.Ids;
import io.beep.queryside.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading invitations over REST. */
@RestController
class InviteQueryController {

    static final String VIEWS = "server-views";
    private static final int MAX_CODE = 32;

    private final InviteReader invites;
    private final Authorizer authorizer;
    private final ReadConsistency consistency;

    InviteQueryController(InviteReader invites, Authorizer authorizer, ReadConsistency consistency) {
        this.invites = invites;
        this.authorizer = authorizer;
        this.consistency = consistency;
    }

    @Operation(summary = "Preview an invitation: its server's name and member count, expiry and uses (anyone "
            + "signed in; a personal invitation only for its target and its creator).",
            description = "404 unknown, revoked or declined; 410 INVITE_EXPIRED or INVITE_USED_UP.")
    @GetMapping("/api/v1/invites/{code}")
    InviteView invite(@PathVariable String code,
                      @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        if (code.isEmpty() || code.length() > MAX_CODE || !code.chars().allMatch(Character::isLetterOrDigit)) {
            throw DomainException.notFound("invite");
        }
        consistency.awaitViews(Consistency.parse(token), VIEWS);
        var user = CurrentUser.id().value();
        var invite = invites.find(code).map(InviteReader.Row::view)
                .filter(v -> v.targetUserId() == null || v.targetUserId().equals(user) || v.createdBy().equals(user))
                .orElseThrow(() -> DomainException.notFound("invite"));
        if (invite.expiresAt() != null && !Instant.now().isBefore(invite.expiresAt())) {
            throw new DomainException(ErrorCode.INVITE_EXPIRED, "this invitation has expired");
        }
        if (invite.maxUses() != null && invite.uses() >= invite.maxUses()) {
            throw new DomainException(ErrorCode.INVITE_USED_UP, "this invitation has been used up");
        }
        return invite;
    }

    @Operation(summary = "A server's invitations, oldest first (MANAGE_INVITES); expired and used-up ones too.",
            description = "Pass nextCursor back as cursor for the next page; null at the end.")
    @GetMapping("/api/v1/servers/{serverId}/invites")
    Page<InviteView> ofServer(@PathVariable String serverId,
                              @Parameter(description = "1 to 100, default 50",
                                      schema = @Schema(type = "integer", minimum = "1", maximum = "100",
                                              defaultValue = "50"))
                              @RequestParam(required = false) String limit,
                              @Parameter(description = "nextCursor of the previous page")
                              @RequestParam(required = false) String cursor,
                              @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        int size = Paging.limit(limit);
        var after = Paging.keyOf(cursor);
        long id = Ids.path(serverId);
        var user = CurrentUser.id();
        var zedToken = consistency.await(Consistency.parse(token), VIEWS);
        authorizer.requireView(Resource.server(id), user, zedToken);
        if (!authorizer.has(Resource.server(id), "manage_invites", user, zedToken)) {
            throw DomainException.forbidden("manage_invites");
        }
        return invites.ofServer(id, after, size);
    }

    @Operation(summary = "The personal invitations naming me that I can still accept or decline, oldest first.",
            description = "Pass nextCursor back as cursor for the next page; null at the end.")
    @GetMapping("/api/v1/users/@me/invites")
    Page<InviteView> mine(@Parameter(description = "1 to 100, default 50",
                                  schema = @Schema(type = "integer", minimum = "1", maximum = "100",
                                          defaultValue = "50"))
                          @RequestParam(required = false) String limit,
                          @Parameter(description = "nextCursor of the previous page")
                          @RequestParam(required = false) String cursor,
                          @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        int size = Paging.limit(limit);
        var after = Paging.keyOf(cursor);
        consistency.awaitViews(Consistency.parse(token), VIEWS);
        return invites.forUser(CurrentUser.id().value(), Instant.now(), after, size);
    }
}
