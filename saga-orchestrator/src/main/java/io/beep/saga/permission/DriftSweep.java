package io.beep.saga.permission;

import io.beep.contracts.common.DomainException;
import java.util.ArrayList;
import org.springframework.stereotype.Component;

/**
 * The drift check over every server, a page at a time: the servers ever created (deleted ones too) in
 * ascending id order after a cursor, each checked (and repaired if asked) like a single server. A server
 * whose check cannot finish now (it kept changing, the saga is behind) is listed as failed and the sweep
 * goes on; the page's {@code nextCursor} is the last server id it looked at.
 */
@Component
class DriftSweep {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final ServerHistory history;
    private final DriftCheck check;

    DriftSweep(ServerHistory history, DriftCheck check) {
        this.history = history;
        this.check = check;
    }

    DriftSweepPage page(long after, int limit, boolean repair) {
        var servers = history.serverIds(after, limit);
        var reports = new ArrayList<DriftReport>();
        var failures = new ArrayList<DriftSweepFailure>();
        for (var serverId : servers) {
            try {
                reports.add(check.check(serverId, repair));
            } catch (DomainException e) {
                failures.add(new DriftSweepFailure(serverId, e.code().name(), e.getMessage()));
            }
        }
        int drifted = (int) reports.stream().filter(DriftReport::drifted).count();
        var next = servers.size() < limit ? null : servers.get(servers.size() - 1);
        return new DriftSweepPage(reports, failures, servers.size(), drifted, next);
    }
}
