package io.beep.queryside.platform.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.DomainException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * A thin typed client of the authorization server's (SpiceDB) HTTP API: single and bulk permission
 * checks. Any failure to get an answer, for any item, fails closed with
 * {@link ErrorCode#AUTHORIZATION_UNAVAILABLE}.
 */
@Component
public class AuthzClient {

    /** Items per bulk request; longer lists take several. */
    static final int BULK_LIMIT = 100;
    private static final String ALLOWED = "PERMISSIONSHIP_HAS_PERMISSION";
    private static final Map<String, Object> FULLY_CONSISTENT = Map.of("fullyConsistent", true);
    private static final Map<String, Object> MINIMIZE_LATENCY = Map.of("minimizeLatency", true);

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final AuthzProperties properties;
    private final URI checkUri;
    private final URI bulkUri;
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
        this.decisions = decisions;
        this.inFlight = new Semaphore(properties.maxInFlight(), true);
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(properties.timeoutMs()))
                .build();
        this.checkUri = URI.create(properties.url() + "/v1/permissions/check");
        this.bulkUri = URI.create(properties.url() + "/v1/permissions/checkbulk");
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
        var key = reusable(zedToken) ? key(objectType, objectId, permission, userId) : null;
        if (key != null && decisions.allowed(userId, key)) {
            renewIfDue(objectType, objectId, permission, userId, key);
            return true;
        }
        long generation = decisions.generation();
        var consistency = consistency(zedToken, userId);
        // A cached denial may predate a grant just made (a channel created a moment ago): denials are
        // confirmed at the newest revision, so only revocations can lag, until the saga's announcement
        // of the change arrives (or one quantization window without one).
        boolean allowed = check(objectType, objectId, permission, userId, consistency)
                || consistency != FULLY_CONSISTENT && check(objectType, objectId, permission, userId, FULLY_CONSISTENT);
        if (allowed && key != null) {
            decisions.keep(userId, key, generation);
        }
        return allowed;
    }

    private boolean check(String objectType, String objectId, String permission, String userId,
                          Map<String, Object> consistency) {
        var body = Map.of(
                "consistency", consistency,
                "resource", object(objectType, objectId),
                "permission", permission,
                "subject", Map.of("object", object("user", userId)));
        return ALLOWED.equals(post(checkUri, body).path("permissionship").asText());
    }

    /** {@link #check} for each object id, answered in the same order. */
    public List<Boolean> checkAll(String objectType, List<String> objectIds, String permission, String userId,
                                  String zedToken) {
        boolean reuse = reusable(zedToken);
        var result = new ArrayList<Boolean>(objectIds.size());
        var asked = new ArrayList<Integer>();
        for (int i = 0; i < objectIds.size(); i++) {
            var key = reuse ? key(objectType, objectIds.get(i), permission, userId) : null;
            boolean kept = key != null && decisions.allowed(userId, key);
            if (kept) {
                renewIfDue(objectType, objectIds.get(i), permission, userId, key);
            }
            result.add(kept);
            if (!kept) {
                asked.add(i);
            }
        }
        if (asked.isEmpty()) {
            return result;
        }
        long generation = decisions.generation();
        var consistency = consistency(zedToken, userId);
        var answers = checkAll(objectType, asked.stream().map(objectIds::get).toList(), permission, userId, consistency);
        var denied = new ArrayList<Integer>();
        for (int i = 0; i < answers.size(); i++) {
            result.set(asked.get(i), answers.get(i));
            if (!answers.get(i)) {
                denied.add(asked.get(i));
            }
        }
        if (consistency != FULLY_CONSISTENT && !denied.isEmpty()) {
            // denials confirmed at the newest revision, as in check
            var confirmed = checkAll(objectType, denied.stream().map(objectIds::get).toList(), permission, userId,
                    FULLY_CONSISTENT);
            for (int i = 0; i < denied.size(); i++) {
                result.set(denied.get(i), confirmed.get(i));
            }
        }
        if (reuse) {
            for (int i : asked) {
                if (result.get(i)) {
                    decisions.keep(userId, key(objectType, objectIds.get(i), permission, userId), generation);
                }
            }
        }
        return result;
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

    private List<Boolean> checkAll(String objectType, List<String> objectIds, String permission, String userId,
                                   Map<String, Object> consistency) {
        var answers = new ArrayList<Boolean>(objectIds.size());
        for (int from = 0; from < objectIds.size(); from += BULK_LIMIT) {
            var chunk = objectIds.subList(from, Math.min(objectIds.size(), from + BULK_LIMIT));
            var items = chunk.stream()
                    .map(id -> Map.of(
                            "resource", object(objectType, id),
                            "permission", permission,
                            "subject", Map.of("object", object("user", userId))))
                    .toList();
            var pairs = post(bulkUri, Map.of("consistency", consistency, "items", items)).path("pairs");
            if (!pairs.isArray() || pairs.size() != chunk.size()) {
                throw unavailable("incomplete bulk answer from the authorization service");
            }
            for (var pair : pairs) {
                if (!pair.has("item")) {
                    throw unavailable("the authorization service could not check an item");
                }
                answers.add(ALLOWED.equals(pair.path("item").path("permissionship").asText()));
            }
        }
        return answers;
    }

    private Map<String, Object> consistency(String zedToken, String userId) {
        if (zedToken != null && !zedToken.isEmpty()) {
            return Map.of("atLeastAsFresh", Map.of("token", zedToken));
        }
        if (fullyConsistentByDefault) {
            return FULLY_CONSISTENT;
        }
        return decisions.fresh(userId) ? FULLY_CONSISTENT : MINIMIZE_LATENCY;
    }

    /** Decisions are reused only for checks without a token, and never when every check is fully consistent. */
    private boolean reusable(String zedToken) {
        return (zedToken == null || zedToken.isEmpty()) && !fullyConsistentByDefault;
    }

    private static String key(String objectType, String objectId, String permission, String userId) {
        return objectType + ':' + objectId + '#' + permission + '@' + userId;
    }

    private static Map<String, String> object(String type, String id) {
        return Map.of("objectType", type, "objectId", id);
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
