package io.beep.queryside.platform.authz;

import io.beep.contracts.common.UserId;
import io.beep.contracts.common.DomainException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Read permissions. A resource the user may not view answers 404, exactly like one that does not
 * exist (no existence leaks). Checks read relationships at least as fresh as the ZedToken of the
 * caller's consistency position, if any, so a permission granted by the caller's last write is seen.
 */
@Component
public class Authorizer {

    private final AuthzClient authz;

    public Authorizer(AuthzClient authz) {
        this.authz = authz;
    }

    /** Passes when {@code user} may view the resource; 404 otherwise. */
    public void requireView(Resource resource, UserId user, String zedToken) {
        if (!authz.check(resource.type(), resource.id(), "view", user.value(), zedToken)) {
            throw DomainException.notFound(resource.type());
        }
    }

    /** Whether {@code user} has {@code permission} on the resource. */
    public boolean has(Resource resource, String permission, UserId user, String zedToken) {
        return authz.check(resource.type(), resource.id(), permission, user.value(), zedToken);
    }

    /** The ids of the objects of {@code type} that {@code user} may view, in the given order. */
    public List<String> viewable(String type, List<String> ids, UserId user, String zedToken) {
        var answers = authz.checkAll(type, ids, "view", user.value(), zedToken);
        var allowed = new ArrayList<String>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            if (answers.get(i)) {
                allowed.add(ids.get(i));
            }
        }
        return allowed;
    }

    /** An object of the authorization schema. */
    public record Resource(String type, String id) {

        public static Resource server(long id) {
            return new Resource("server", Long.toString(id));
        }

        public static Resource channel(long id) {
            return new Resource("channel", Long.toString(id));
        }
    }
}
