package io.beep.command.server;

import io.beep.command.platform.authz.AuthzSync;
import io.beep.command.platform.axon.EventPositions;
import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.Permission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every server write answers with: once the server's newest event is reflected in the
 * authorization relationships, its position as the {@code Beep-Consistency-Token}.
 */
@Component
class Settled {

    private static final int MAX_USER_ID = 64;
    private final EventPositions positions;
    private final AuthzSync authzSync;

    Settled(EventPositions positions, AuthzSync authzSync) {
        this.positions = positions;
        this.authzSync = authzSync;
    }

    /** Waits for the relationships of the server's newest event and answers its position. */
    long position(String serverId) {
        long position = positions.latestOf(serverId);
        authzSync.awaitPosition(position);
        return position;
    }

    <T> ResponseEntity<T> ok(String serverId, T body) {
        return ResponseEntity.ok().header(Consistency.HEADER, Long.toString(position(serverId))).body(body);
    }

    ResponseEntity<Void> noContent(String serverId) {
        return ResponseEntity.status(HttpStatus.NO_CONTENT)
                .header(Consistency.HEADER, Long.toString(position(serverId))).build();
    }

    /** A user id in a path: a Keycloak subject; anything else names nobody (404). */
    static String userId(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_USER_ID
                || !value.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
            throw DomainException.notFound("member");
        }
        return value;
    }

    /** Permission names as the API spells them; an unknown name is a 400. Null stays null. */
    static Set<Permission> permissions(List<String> names) {
        if (names == null) {
            return null;
        }
        var result = EnumSet.noneOf(Permission.class);
        for (var name : names) {
            if (name == null) {
                throw DomainException.invalid("permissions must not contain null");
            }
            try {
                result.add(Permission.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("unknown permission " + name + "; expected one of "
                        + List.of(Permission.values()));
            }
        }
        return result;
    }
}
