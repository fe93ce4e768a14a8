package io.beep.queryside.server;

import io.beep.contracts.common.Page;
import io.beep.contracts.server.ServerView;
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

/** Reading servers over REST. */
@RestController
class ServerQueryController {

    static final String VIEWS = "server-views";

    private final ServerReader servers;
    private final Authorizer authorizer;
    private final ReadConsistency consistency;

    ServerQueryController(ServerReader servers, Authorizer authorizer, ReadConsistency consistency) {
        this.servers = servers;
        this.authorizer = authorizer;
        this.consistency = consistency;
    }

    @Operation(summary = "A server the caller is a member of; 404 for any other.")
    @GetMapping("/api/v1/servers/{serverId}")
    ServerView server(@PathVariable String serverId,
                      @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        long id = Ids.path(serverId);
        var user = CurrentUser.id();
        var zedToken = consistency.await(Consistency.parse(token), VIEWS);
        authorizer.requireView(Resource.server(id), user, zedToken);
        return servers.find(id).orElseThrow(() -> DomainException.notFound("server"));
    }

    @Operation(summary = "The servers the caller is a member of, by id.",
            description = "Pass nextCursor back as cursor for the next page; null at the end.")
    @GetMapping("/api/v1/users/@me/servers")
    Page<ServerView> mine(
            @Parameter(description = "1 to 100, default 50",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "50"))
            @RequestParam(required = false) String limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        int size = Paging.limit(limit);
        var after = Paging.keyOf(cursor);
        var user = CurrentUser.id();
        consistency.awaitViews(Consistency.parse(token), VIEWS);
        return servers.ofMember(user.value(), after, size);
    }
}
