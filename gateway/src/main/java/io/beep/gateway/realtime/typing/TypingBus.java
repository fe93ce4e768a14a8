package io.beep.gateway.realtime.typing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.gateway.realtime.RealtimeProperties;
import io.beep.gateway.realtime.event.EventDispatcher;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Shares typing signals between gateway instances over a Redis pub/sub channel. Connections are
 * made in the background (the gateway starts without Redis) and Lettuce reconnects by itself.
 */
public final class TypingBus implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(TypingBus.class);

    private final RealtimeProperties.Redis properties;
    private final EventDispatcher dispatcher;
    private final ObjectMapper json;
    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> publisher;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile Disposable connecting;
    private volatile boolean running;

    public TypingBus(RealtimeProperties.Redis properties, EventDispatcher dispatcher, ObjectMapper json) {
        this.properties = properties;
        this.dispatcher = dispatcher;
        this.json = json;
        this.client = RedisClient.create(properties.url());
    }

    @Override
    public void start() {
        running = true;
        connecting = Mono.fromRunnable(this::connect)
                .subscribeOn(Schedulers.boundedElastic())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(10))
                        .doBeforeRetry(retry -> LOG.warn("Redis not reachable for typing signals, retrying: {}",
                                retry.failure().toString())))
                .subscribe();
    }

    private void connect() {
        if (subscriber == null) {
            var pubsub = client.connectPubSub();
            pubsub.reactive().observeChannels().subscribe(message -> receive(message.getMessage()));
            pubsub.sync().subscribe(properties.typingChannel());
            subscriber = pubsub;
        }
        if (publisher == null) {
            publisher = client.connect();
        }
    }

    /** Publishes a signal to every instance (this one included). */
    public Mono<Void> publish(TypingSignal signal) {
        var connection = publisher;
        if (connection == null) {
            return Mono.error(new IllegalStateException("Redis is not connected"));
        }
        return Mono.fromCallable(() -> json.writeValueAsString(signal))
                .flatMap(text -> connection.reactive().publish(properties.typingChannel(), text))
                .timeout(Duration.ofSeconds(2))
                .then();
    }

    private void receive(String text) {
        try {
            var signal = json.readValue(text, TypingSignal.class);
            if (signal.channelId() != null && signal.userId() != null) {
                dispatcher.typing(signal.channelId(), signal.serverId(), signal.userId(), signal.timestamp());
            }
        } catch (Exception unreadable) {
            LOG.warn("Ignoring an unreadable typing signal");
        }
    }

    @Override
    public void stop() {
        running = false;
        if (connecting != null) {
            connecting.dispose();
        }
        if (subscriber != null) {
            subscriber.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
