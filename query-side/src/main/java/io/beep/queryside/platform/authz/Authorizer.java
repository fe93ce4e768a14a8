package io.beep.queryside.platform.authz;

import io.beep.contracts.common.UserId;
import io.beep.queryside.platform.web.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;

/**
 * Read permissions. A resource the user may not view answers 404, exactly like one that does not
 * exist (no existence leaks). Checks use the Permify snap token of the caller's consistency
 * position, if any, so a permission granted by the caller's last write is seen.
 */
@Component
public class Authorizer {

    private final PermifyClient permify;
    private final int parallelChecks;

    public Authorizer(PermifyClient permify, PermifyProperties properties) {
        this.permify = permify;
        this.parallelChecks = properties.parallelChecks();
    }

    /** Passes when {@code user} may view the resource; 404 otherwise. */
    public void requireView(Resource resource, UserId user, String snapToken) {
        if (!permify.check(resource.type(), resource.id(), "view", user.value(), snapToken)) {
            throw DomainException.notFound(resource.type());
        }
    }

    /** Whether {@code user} has {@code permission} on the resource. */
    public boolean has(Resource resource, String permission, UserId user, String snapToken) {
        return permify.check(resource.type(), resource.id(), permission, user.value(), snapToken);
    }

    /** The resources {@code user} may view, in the given order; checks run a few at a time. */
    public List<Resource> viewable(List<Resource> resources, UserId user, String snapToken) {
        var allowed = new ArrayList<Resource>(resources.size());
        for (int from = 0; from < resources.size(); from += parallelChecks) {
            var chunk = resources.subList(from, Math.min(resources.size(), from + parallelChecks));
            var answers = chunk.stream()
                    .map(r -> permify.checkAsync(r.type(), r.id(), "view", user.value(), snapToken))
                    .toList();
            try {
                CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof DomainException d ? d : e;
            }
            for (int i = 0; i < chunk.size(); i++) {
                if (answers.get(i).join()) {
                    allowed.add(chunk.get(i));
                }
            }
        }
        return allowed;
    }

    /** A Permify entity. */
    public record Resource(String type, String id) {

        public static Resource server(long id) {
            return new Resource("server", Long.toString(id));
        }

        public static Resource channel(long id) {
            return new Resource("channel", Long.toString(id));
        }
    }
}
