package io.beep.gateway.realtime;

import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the real-time gateway, bound from {@code beep.realtime.*} (each overridable by
 * environment variable).
 *
 * @param enabled whether this instance serves WebSockets and consumes the event stream
 * @param path the WebSocket endpoint
 * @param instanceId this gateway instance's name (logs, session ids); random when unset
 * @param heartbeatInterval sent in HELLO: how often clients heartbeat
 * @param heartbeatTimeout a socket silent for longer is closed (4009); also the time to identify
 * @param maxFrameBytes largest client frame; larger ones close the socket (1009)
 * @param maxFramesPerMinute client frames per socket and minute before it is closed (4008)
 * @param replayBufferSize dispatches kept per session for RESUME
 * @param resumeWindow how long a disconnected session stays resumable; older dispatches are dropped
 * @param outboundQueueSize frames queued per socket; a client that falls further behind is closed (4010)
 * @param kafka where events come from
 * @param spicedb the authorization server
 * @param saga the saga orchestrator's position service (authorization writes up to a position)
 * @param redis where typing signals are shared between instances
 */
@ConfigurationProperties("beep.realtime")
public record RealtimeProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("/api/v1/gateway") String path,
        String instanceId,
        @DefaultValue("30s") Duration heartbeatInterval,
        @DefaultValue("45s") Duration heartbeatTimeout,
        @DefaultValue("16384") int maxFrameBytes,
        @DefaultValue("120") int maxFramesPerMinute,
        @DefaultValue("1000") int replayBufferSize,
        @DefaultValue("5m") Duration resumeWindow,
        @DefaultValue("4096") int outboundQueueSize,
        @DefaultValue Kafka kafka,
        @DefaultValue SpiceDb spicedb,
        @DefaultValue Saga saga,
        @DefaultValue Redis redis) {

    public RealtimeProperties {
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = UUID.randomUUID().toString().substring(0, 8);
        }
    }

    /**
     * The event stream.
     *
     * @param bootstrap Kafka bootstrap servers
     * @param topic the topic of {@code EventEnvelopeV1} records
     * @param maxInFlight events read but not yet delivered before reading pauses
     */
    public record Kafka(
            @DefaultValue("127.0.0.1:9092") String bootstrap,
            @DefaultValue("beep.events.v1") String topic,
            @DefaultValue("10000") int maxInFlight) {
    }

    /**
     * The authorization server's HTTP API.
     *
     * @param url base URL
     * @param key preshared key (bearer)
     * @param timeout per call
     */
    public record SpiceDb(
            @DefaultValue("http://127.0.0.1:8443") String url,
            @DefaultValue("beep-dev-spicedb-key") String key,
            @DefaultValue("2s") Duration timeout) {
    }

    /**
     * The saga orchestrator's {@code PositionService}.
     *
     * @param target gRPC target ({@code host:port})
     * @param timeout longest wait for the relationships of one event
     */
    public record Saga(
            @DefaultValue("127.0.0.1:9584") String target,
            @DefaultValue("2s") Duration timeout) {
    }

    /**
     * Redis, for typing signals (ephemeral: never in the event store).
     *
     * @param url Redis URL
     * @param typingChannel pub/sub channel name
     */
    public record Redis(
            @DefaultValue("redis://127.0.0.1:6379") String url,
            @DefaultValue("beep.typing.v1") String typingChannel) {
    }
}
