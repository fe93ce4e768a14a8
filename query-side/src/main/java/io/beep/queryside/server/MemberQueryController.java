package io.beep.queryside.server;

import io.beep.contracts.common.Page;
import io.beep.contracts.server.BanView;
import io.beep.contracts.server.MemberView;
import io.beep.contracts.server.RoleView;
import io.beep.queryside.platform.authz.Authorizer;
import io.beep.queryside.platform.authz.Authorizer.Resource;
import io.beep.queryside.platform.consistency.ReadConsistency;
import io.beep.contracts.common.Consistency;
import io.beep.queryside.platform.web.CurrentUser;
import io.beep.contracts.common.DomainException;
import io.beep.queryside.platform.web.Ids;
import io.beep.queryside.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading a server's members, roles and bans over REST. */
@RestController
class MemberQueryController {

    private static final int MAX_USER_ID = 64;
    private final MemberReader members;
    private final Authorizer authorizer;
    private final ReadConsistency consistency;

    MemberQueryController(MemberReader members, Authorizer authorizer, ReadConsistency consistency) {
        this.members = members;
        this.authorizer = authorizer;
        this.consistency = consistency;
    }

    @Operation(summary = "A server's members in join order (members only).",
            description = "Pass nextCursor back as cursor for the next page; null at the end.")
    @GetMapping("/api/v1/servers/{serverId}/members")
    Page<MemberView> members(@PathVariable String serverId,
                             @Parameter(description = "1 to 100, default 50",
                                     schema = @Schema(type = "integer", minimum = "1", maximum = "100",
                                             defaultValue = "50"))
                             @RequestParam(required = false) String limit,
                             @Parameter(description = "nextCursor of the previous page")
                             @RequestParam(required = false) String cursor,
                             @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        int size = Paging.limit(limit);
        var after = Paging.keyOf(cursor);
        long id = visibleServer(serverId, token);
        return members.members(id, after, size);
    }

    @Operation(summary = "One member of a server (members only).")
    @GetMapping("/api/v1/servers/{serverId}/members/{userId}")
    MemberView member(@PathVariable String serverId, @PathVariable String userId,
                      @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        long id = visibleServer(serverId, token);
        var target = "@me".equals(userId) ? CurrentUser.id().value() : userId;
        if (target.length() > MAX_USER_ID) {
            throw DomainException.notFound("member");
        }
        return members.member(id, target).orElseThrow(() -> DomainException.notFound("member"));
    }

    @Operation(summary = "A server's roles, the everyone role first (members only).")
    @GetMapping("/api/v1/servers/{serverId}/roles")
    Page<RoleView> roles(@PathVariable String serverId,
                         @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        long id = visibleServer(serverId, token);
        return Page.of(members.roles(id), null);
    }

    @Operation(summary = "A server's bans in the order they were made (MANAGE_MEMBERS).")
    @GetMapping("/api/v1/servers/{serverId}/bans")
    Page<BanView> bans(@PathVariable String serverId,
                       @Parameter(description = "1 to 100, default 50",
                               schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "50"))
                       @RequestParam(required = false) String limit,
                       @Parameter(description = "nextCursor of the previous page")
                       @RequestParam(required = false) String cursor,
                       @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        int size = Paging.limit(limit);
        var after = Paging.keyOf(cursor);
        long id = Ids.path(serverId);
        var user = CurrentUser.id();
        var zedToken = consistency.await(Consistency.parse(token), ServerQueryController.VIEWS);
        authorizer.requireView(Resource.server(id), user, zedToken);
        if (!authorizer.has(Resource.server(id), "manage_members", user, zedToken)) {
            throw DomainException.forbidden("manage_members");
        }
        return members.bans(id, after, size);
    }

    private long visibleServer(String serverId, String token) {
        long id = Ids.path(serverId);
        var zedToken = consistency.await(Consistency.parse(token), ServerQueryController.VIEWS);
        authorizer.requireView(Resource.server(id), CurrentUser.id(), zedToken);
        return id;
    }
}
