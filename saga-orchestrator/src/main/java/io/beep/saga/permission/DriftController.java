package io.beep.saga.permission;

import io.beep.contracts.common.DomainException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The authorization drift check over REST (realm role operator or app-admin, see the security config). */
@RestController
class DriftController {

    private static final int MAX_ID = 19;
    private final DriftCheck drift;
    private final DriftSweep sweep;

    DriftController(DriftCheck drift, DriftSweep sweep) {
        this.drift = drift;
        this.sweep = sweep;
    }

    /** Compares one server's relationships with its events; {@code repair=true} writes the difference back. */
    @PostMapping(value = "/api/v1/admin/authz/drift-check", params = "serverId")
    DriftReport check(@RequestParam String serverId, @RequestParam(defaultValue = "false") boolean repair) {
        return drift.check(id("serverId", serverId), repair);
    }

    /**
     * Without {@code serverId}: checks every server, a page at a time: the servers ever created in ascending id
     * order after {@code cursor} (a server id; absent = from the start), at most {@code limit} (1-100, default
     * 20) per call. Follow {@code nextCursor} until it is null; servers whose check cannot finish now are
     * listed in {@code failures}.
     */
    @PostMapping(value = "/api/v1/admin/authz/drift-check", params = "!serverId")
    DriftSweepPage sweep(@RequestParam(required = false) String cursor,
                         @RequestParam(required = false) String limit,
                         @RequestParam(defaultValue = "false") boolean repair) {
        long after = cursor == null ? 0 : Long.parseLong(id("cursor", cursor));
        int size = DriftSweep.DEFAULT_LIMIT;
        if (limit != null) {
            if (limit.isEmpty() || limit.length() > 3 || !limit.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > DriftSweep.MAX_LIMIT) {
                throw DomainException.invalid("limit must be an integer from 1 to " + DriftSweep.MAX_LIMIT);
            }
            size = Integer.parseInt(limit);
        }
        return sweep.page(after, size, repair);
    }

    private static String id(String name, String value) {
        if (value.isEmpty() || value.length() > MAX_ID || !value.chars().allMatch(Character::isDigit)
                || value.length() == MAX_ID && value.compareTo(Long.toString(Long.MAX_VALUE)) > 0) {
            throw DomainException.invalid(name + " must be a server id (decimal digits)");
        }
        return value;
    }
}
