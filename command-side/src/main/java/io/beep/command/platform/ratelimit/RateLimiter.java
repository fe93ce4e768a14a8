package io.beep.command.platform.ratelimit;

import io.beep.command.platform.redis.LazyRedis;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Fixed-window counters in Redis. One Lua script increments the window's counter, starts its
 * expiry on the first hit and returns the count with the time left, so concurrent requests on
 * any number of command-side instances never over-admit. Redis unreachable: fail closed with
 * 503 {@code DEPENDENCY_UNAVAILABLE} — nothing is sent unmetered.
 */
@Component
public class RateLimiter {

    public static final String LIMIT = "X-RateLimit-Limit";
    public static final String REMAINING = "X-RateLimit-Remaining";
    public static final String RESET_AFTER = "X-RateLimit-Reset-After";
    public static final String RETRY_AFTER = "Retry-After";

    static final String SCRIPT = """
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
            end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {count, ttl}
            """;

    private final RateLimitProperties properties;
    private final LazyRedis redis;
    private volatile String sha;

    public RateLimiter(RateLimitProperties properties) {
        this.properties = properties;
        this.redis = new LazyRedis(properties.redisUrl(), properties.timeoutMs());
    }

    /** Counts one message sent by {@code userId}. */
    public RateLimitDecision messageSent(String userId) {
        if (properties.unlimitedUsers().contains(userId)) {
            return RateLimitDecision.exempt();
        }
        return hit("beep:rl:msg:" + userId, properties.messages());
    }

    /** Counts one message posted through webhook {@code webhookId}: webhooks have their own buckets. */
    public RateLimitDecision webhookMessagePosted(String webhookId, RateLimitProperties.Bucket bucket) {
        return hit("beep:rl:webhook:" + webhookId, bucket);
    }

    /**
     * Writes the rate-limit headers of {@code decision} on the response and, past the limit,
     * answers 429 {@code RATE_LIMITED} with {@code Retry-After}.
     */
    public static void enforce(RateLimitDecision decision, HttpServletResponse response) {
        if (decision.unlimited()) {
            return;
        }
        response.setHeader(LIMIT, Integer.toString(decision.limit()));
        response.setHeader(REMAINING, Integer.toString(decision.remaining()));
        response.setHeader(RESET_AFTER, decision.resetAfterSeconds());
        if (!decision.allowed()) {
            response.setHeader(RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            throw new DomainException(ErrorCode.RATE_LIMITED,
                    "rate limited: at most " + decision.limit() + " in this window; retry after "
                            + decision.retryAfterSeconds() + " s");
        }
    }

    RateLimitDecision hit(String key, RateLimitProperties.Bucket bucket) {
        List<Object> answer;
        try {
            answer = run(key, bucket.windowMs());
        } catch (RedisException e) {
            throw new DomainException(ErrorCode.DEPENDENCY_UNAVAILABLE, "the rate limiter (Redis) is unavailable");
        }
        long count = ((Number) answer.get(0)).longValue();
        long ttl = ((Number) answer.get(1)).longValue();
        int remaining = (int) Math.max(0, bucket.limit() - count);
        return new RateLimitDecision(count <= bucket.limit(), bucket.limit(), remaining, ttl, false);
    }

    private List<Object> run(String key, long windowMs) {
        RedisCommands<String, String> commands = this.redis.sync();
        var window = Long.toString(windowMs);
        if (sha == null) {
            sha = commands.scriptLoad(SCRIPT);
        }
        try {
            return commands.evalsha(sha, ScriptOutputType.MULTI, new String[] {key}, window);
        } catch (RedisNoScriptException e) {
            sha = commands.scriptLoad(SCRIPT);
            return commands.evalsha(sha, ScriptOutputType.MULTI, new String[] {key}, window);
        }
    }


    @PreDestroy
    void close() {
        redis.close();
    }
}
