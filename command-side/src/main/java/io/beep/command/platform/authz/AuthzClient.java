package io.beep.command.platform.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * A thin typed client of the authorization server's (SpiceDB) HTTP API for permission checks. Any
 * failure to get an answer fails closed with {@link ErrorCode#AUTHORIZATION_UNAVAILABLE}.
 */
@Component
public class AuthzClient {

    private static final String ALLOWED = "PERMISSIONSHIP_HAS_PERMISSION";
    private static final Map<String, Object> FULLY_CONSISTENT = Map.of("fullyConsistent", true);
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final AuthzProperties properties;
    private final URI checkUri;
    private static final Map<String, Object> MINIMIZE_LATENCY = Map.of("minimizeLatency", true);
    private final boolean fullyConsistentByDefault;
    private final PermissionDecisions decisions;
    private final Semaphore inFlight;
    /** Renews kept decisions in the background ({@link PermissionDecisions#claimRenewal}). */
    private final ThreadPoolExecutor renewals;
    /**
     * At most this many renewals start per second and instance. Decisions kept at the same moment
     * (many users' first requests after a start) come due together; unbounded, their renewals were
     * a burst of fully consistent checks that starved a two-core machine (real-time bench, 500
     * users: sends refused). Past the bound a decision runs out and is asked again when next used,
     * as without renewals.
     */
    static final int RENEWALS_PER_SECOND = 4;
    private static final long RENEWAL_INTERVAL_NANOS = 1_000_000_000L / RENEWALS_PER_SECOND;
    /** When the next renewal may start (nanoTime). */
    private final AtomicLong nextRenewal = new AtomicLong(System.nanoTime());

    public AuthzClient(ObjectMapper mapper, AuthzProperties properties, PermissionDecisions decisions) {
        this.mapper = mapper;
        this.properties = properties;
        this.decisions = decisions;
        this.inFlight = new Semaphore(properties.maxInFlight(), true);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(properties.timeoutMs()))
                .build();
        this.checkUri = URI.create(properties.url() + "/v1/permissions/check");
        this.fullyConsistentByDefault = !"minimize".equals(properties.consistency());
        this.renewals = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(256), task -> {
            var thread = new Thread(task, "authz-decision-renewal");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void close() {
        renewals.shutdownNow();
    }

    /**
     * Whether {@code user} has {@code permission} on the object, reading data at least as fresh as
     * {@code zedToken} when one is given. Without one, an allowed decision kept since the last
     * relationship change is reused ({@link PermissionDecisions}).
     */
    public boolean check(String objectType, String objectId, String permission, String userId, String zedToken) {
        Map<String, Object> consistency;
        String key = null;
        long generation = 0;
        if (zedToken != null && !zedToken.isEmpty()) {
            consistency = Map.of("atLeastAsFresh", Map.of("token", zedToken));
        } else if (fullyConsistentByDefault) {
            consistency = FULLY_CONSISTENT;
        } else {
            key = objectType + ':' + objectId + '#' + permission + '@' + userId;
            if (decisions.allowed(userId, key)) {
                renewIfDue(objectType, objectId, permission, userId, key);
                return true;
            }
            generation = decisions.generation();
            consistency = decisions.fresh(userId) ? FULLY_CONSISTENT : MINIMIZE_LATENCY;
        }
        // A cached denial may predate a grant the caller just made (a channel created a moment ago):
        // denials are confirmed at the newest revision, so only revocations can lag, and only until
        // the saga's announcement of the change arrives (or one quantization window without one).
        boolean allowed = check(objectType, objectId, permission, userId, consistency)
                || consistency != FULLY_CONSISTENT && check(objectType, objectId, permission, userId, FULLY_CONSISTENT);
        if (allowed && key != null) {
            decisions.keep(userId, key, generation);
        }
        return allowed;
    }

    /** Asks again in the background for a kept decision in the last fifth of its life. */
    private void renewIfDue(String objectType, String objectId, String permission, String userId, String key) {
        long now = System.nanoTime();
        long next = nextRenewal.get();
        if (now - next < 0 || !decisions.claimRenewal(userId, key)) {
            return;
        }
        if (!nextRenewal.compareAndSet(next, now + RENEWAL_INTERVAL_NANOS)) {
            decisions.renewalDone(key, false);
            return;
        }
        try {
            renewals.execute(() -> renew(objectType, objectId, permission, userId, key));
        } catch (RejectedExecutionException e) {
            decisions.renewalDone(key, false);
        }
    }

    /**
     * A kept decision asked again at the newest revision, but only while fewer than half of the
     * checks in flight are taken (renewals never queue for a turn or slow requests down): kept again
     * if still allowed and no change of its user came meanwhile, forgotten if denied, left to run out
     * if the server does not answer.
     */
    private void renew(String objectType, String objectId, String permission, String userId, String key) {
        boolean answered = false;
        try {
            if (inFlight.availablePermits() <= properties.maxInFlight() / 2) {
                return;
            }
            long generation = decisions.generation();
            if (check(objectType, objectId, permission, userId, FULLY_CONSISTENT)) {
                decisions.keep(userId, key, generation);
            } else {
                decisions.forget(userId, key);
            }
            answered = true;
        } catch (RuntimeException e) {
            // not answered: the decision runs out as it would have without a renewal
        } finally {
            decisions.renewalDone(key, answered);
        }
    }

    private boolean check(String objectType, String objectId, String permission, String userId,
                          Map<String, Object> consistency) {
        var body = Map.of(
                "consistency", consistency,
                "resource", Map.of("objectType", objectType, "objectId", objectId),
                "permission", permission,
                "subject", Map.of("object", Map.of("objectType", "user", "objectId", userId)));
        return ALLOWED.equals(post(checkUri, body).path("permissionship").asText());
    }

    /**
     * One call to the authorization server, at most {@code maxInFlight} at a time per instance: when
     * it is slow, more concurrent calls only make every call slower until all of them time out (and a
     * check that times out keeps no decision, so the same checks come back: an overload that feeds
     * itself). Waiting for a turn counts against the same time limit; past it the request fails
     * closed as any unanswered check does.
     */
    private JsonNode post(URI uri, Object body) {
        long started = System.nanoTime();
        try {
            if (!inFlight.tryAcquire(properties.timeoutMs(), TimeUnit.MILLISECONDS)) {
                throw unavailable("authorization service busy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while checking permissions");
        }
        try {
            long left = Math.max(1, properties.timeoutMs() - (System.nanoTime() - started) / 1_000_000);
            var request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMillis(left))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + properties.key())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw unavailable("authorization service answered " + response.statusCode());
            }
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw unavailable("authorization service unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while checking permissions");
        } finally {
            inFlight.release();
        }
    }

    private static DomainException unavailable(String message) {
        return new DomainException(ErrorCode.AUTHORIZATION_UNAVAILABLE, message + "; request refused (fail closed)");
    }
}
