package io.beep.command.platform.authz;

import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.UserId;
import org.springframework.stereotype.Component;

/**
 * Checks a user's permission on a resource before a command is sent. A resource the user may not
 * view answers 404 (no existence leaks); one they may view but not change answers 403. With a
 * consistency position, the check waits until the tuples include it.
 */
@Component
public class Authorizer {

    private final AuthzClient authz;
    private final AuthzSync sync;

    public Authorizer(AuthzClient authz, AuthzSync sync) {
        this.authz = authz;
        this.sync = sync;
    }

    public void require(Resource resource, String permission, UserId user, long consistencyPosition) {
        var zedToken = sync.awaitPosition(consistencyPosition);
        if (authz.check(resource.type(), resource.id(), permission, user.value(), zedToken)) {
            return;
        }
        if (!permission.equals("view")
                && authz.check(resource.type(), resource.id(), "view", user.value(), zedToken)) {
            throw DomainException.forbidden(permission);
        }
        throw DomainException.notFound(resource.type());
    }

    /** A authorization object. */
    public record Resource(String type, String id) {

        public static Resource server(String id) {
            return new Resource("server", id);
        }

        public static Resource channel(String id) {
            return new Resource("channel", id);
        }
    }
}
