package io.beep.queryside.audit;

import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.Page;
import io.beep.contracts.server.AuditLogEntryView;
import io.beep.queryside.platform.authz.Authorizer;
import io.beep.queryside.platform.authz.Authorizer.Resource;
import io.beep.queryside.platform.consistency.ReadConsistency;
import io.beep.queryside.platform.web.CurrentUser;
import io.beep.queryside.platform.web.Ids;
import io.beep.queryside.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A server's audit log over REST (MANAGE_SERVER). */
@RestController
class AuditLogQueryController {

    static final String AUDIT = "audit-log";
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final AuditLogReader entries;
    private final Authorizer authorizer;
    private final ReadConsistency consistency;

    AuditLogQueryController(AuditLogReader entries, Authorizer authorizer, ReadConsistency consistency) {
        this.entries = entries;
        this.authorizer = authorizer;
        this.consistency = consistency;
    }

    @Operation(summary = "A server's audit log, newest first (MANAGE_SERVER; 404 unless a member).",
            description = "One entry per change to the server, its roles, members and channels, read from the "
                    + "event store: {id, action, actorId, targetId, at, details}. `type` keeps one action "
                    + "(e.g. member_kicked, role_updated, channel_created). Pass nextCursor back as cursor.")
    @GetMapping("/api/v1/servers/{serverId}/audit-log")
    Page<AuditLogEntryView> auditLog(@PathVariable String serverId,
                                     @Parameter(description = "an action such as member_joined")
                                     @RequestParam(required = false) String type,
                                     @Parameter(description = "1 to 100, default 50",
                                             schema = @Schema(type = "integer", minimum = "1", maximum = "100",
                                                     defaultValue = "50"))
                                     @RequestParam(required = false) String limit,
                                     @Parameter(description = "nextCursor of the previous page")
                                     @RequestParam(required = false) String cursor,
                                     @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        int size = Paging.limit(limit);
        var before = Paging.keyOf(cursor);
        if (type != null && !ACTION.matcher(type).matches()) {
            throw DomainException.invalid("type must be an action in lower snake case, e.g. member_joined");
        }
        long id = Ids.path(serverId);
        var user = CurrentUser.id();
        var zedToken = consistency.await(Consistency.parse(token), AUDIT);
        var server = Resource.server(id);
        authorizer.requireView(server, user, zedToken);
        if (!authorizer.has(server, "manage_server", user, zedToken)) {
            throw DomainException.forbidden("MANAGE_SERVER");
        }
        return entries.of(id, type, before, size);
    }
}
