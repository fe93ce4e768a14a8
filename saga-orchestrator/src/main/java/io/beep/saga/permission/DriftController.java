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

    DriftController(DriftCheck drift) {
        this.drift = drift;
    }

    /** Compares one server's relationships with its events; {@code repair=true} writes the difference back. */
    @PostMapping("/api/v1/admin/authz/drift-check")
    DriftReport check(@RequestParam String serverId, @RequestParam(defaultValue = "false") boolean repair) {
        if (serverId.isEmpty() || serverId.length() > MAX_ID || !serverId.chars().allMatch(Character::isDigit)) {
            throw DomainException.invalid("serverId must be a server id (decimal digits)");
        }
        return drift.check(serverId, repair);
    }
}
