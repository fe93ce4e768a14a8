package io.beep.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * A resolved route: requests whose method and path match go to {@code backendUrl}.
 *
 * @param id name used in logs
 * @param patterns path patterns, any of which may match
 * @param methods accepted methods; empty means all
 * @param backend the backend's name (used in problem details, never its address)
 * @param backendUrl base URL without trailing slash; the request's full path and query are appended
 * @param responseTimeout per-route response timeout, or {@code null} for the client default
 */
public record Route(
        String id,
        List<PathPattern> patterns,
        Set<HttpMethod> methods,
        String backend,
        String backendUrl,
        Duration responseTimeout) {

    boolean matches(HttpMethod method, PathContainer path) {
        if (!methods.isEmpty() && !methods.contains(method)) {
            return false;
        }
        for (var pattern : patterns) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
