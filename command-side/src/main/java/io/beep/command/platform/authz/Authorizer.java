package io.beep.command.platform.authz;

import io.beep.command.platform.web.DomainException;
import io.beep.contracts.common.UserId;
import org.springframework.stereotype.Component;

/**
 * Checks a user's permission on a resource before a command is sent. A resource the user may not
 * view answers 404 (no existence leaks); one they may view but not change answers 403. With a
 * consistency position, the check waits until the tuples include it.
 */
@Component
public class Authorizer {

    private final PermifyClient permify;
    private final AuthzSync sync;

    public Authorizer(PermifyClient permify, AuthzSync sync) {
        this.permify = permify;
        this.sync = sync;
    }

    public void require(Resource resource, String permission, UserId user, long consistencyPosition) {
        var snapToken = sync.awaitPosition(consistencyPosition);
        if (permify.check(resource.type(), resource.id(), permission, user.value(), snapToken)) {
            return;
        }
        if (!permission.equals("view")
                && permify.check(resource.type(), resource.id(), "view", user.value(), snapToken)) {
            throw DomainException.forbidden(permission);
        }
        throw DomainException.notFound(resource.type());
    }

    /** A Permify entity. */
    public record Resource(String type, String id) {

        public static Resource server(String id) {
            return new Resource("server", id);
        }

        public static Resource channel(String id) {
            return new Resource("channel", id);
        }
    }
}
