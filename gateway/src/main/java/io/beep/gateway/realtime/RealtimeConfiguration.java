package io.beep.gateway.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.gateway.GatewayProperties;
import io.beep.gateway.realtime.access.ChannelDirectory;
import io.beep.gateway.realtime.access.SagaPositions;
import io.beep.gateway.realtime.access.SpiceDbClient;
import io.beep.gateway.realtime.access.Visibility;
import io.beep.gateway.realtime.event.EventDispatcher;
import io.beep.gateway.realtime.event.EventStream;
import io.beep.gateway.realtime.protocol.GatewaySocketHandler;
import io.beep.gateway.realtime.session.SessionRegistry;
import io.beep.gateway.realtime.typing.TypingBus;
import io.beep.gateway.realtime.typing.TypingHandler;
import io.beep.gateway.security.AccessTokenVerifier;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Wires the real-time gateway. Its two handler mappings (the WebSocket endpoint and the typing
 * route) are ordered before the REST route table, which would otherwise proxy them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "beep.realtime.enabled", havingValue = "true", matchIfMissing = true)
class RealtimeConfiguration {

    /** Before {@code RouteHandlerMapping.ORDER} (-10). */
    static final int ORDER = -20;

    @Bean
    SessionRegistry sessionRegistry(RealtimeProperties properties) {
        return new SessionRegistry(properties.instanceId(), properties.replayBufferSize());
    }

    @Bean
    SpiceDbClient realtimeSpiceDbClient(WebClient.Builder builder, ObjectMapper json, RealtimeProperties properties) {
        return new SpiceDbClient(builder, json, properties.spicedb());
    }

    @Bean(destroyMethod = "close")
    SagaPositions sagaPositions(RealtimeProperties properties) {
        return new SagaPositions(properties.saga());
    }

    @Bean
    ChannelDirectory channelDirectory(SpiceDbClient realtimeSpiceDbClient) {
        return new ChannelDirectory(realtimeSpiceDbClient);
    }

    @Bean
    Visibility visibility(SpiceDbClient realtimeSpiceDbClient, SessionRegistry sessionRegistry) {
        var visibility = new Visibility(realtimeSpiceDbClient);
        sessionRegistry.onUserGone(visibility::forget);
        return visibility;
    }

    @Bean
    EventDispatcher eventDispatcher(SessionRegistry sessionRegistry, Visibility visibility,
            ChannelDirectory channelDirectory, SagaPositions sagaPositions, ObjectMapper json, MeterRegistry meters) {
        return new EventDispatcher(sessionRegistry, visibility, channelDirectory, sagaPositions, json, meters);
    }

    @Bean
    EventStream eventStream(RealtimeProperties properties, EventDispatcher eventDispatcher, ObjectMapper json) {
        return new EventStream(properties.kafka(), properties.instanceId(), eventDispatcher, json);
    }

    @Bean
    TypingBus typingBus(RealtimeProperties properties, EventDispatcher eventDispatcher, ObjectMapper json) {
        return new TypingBus(properties.redis(), eventDispatcher, json);
    }

    @Bean
    GatewaySocketHandler gatewaySocketHandler(RealtimeProperties properties, AccessTokenVerifier tokens,
            SessionRegistry sessionRegistry, SpiceDbClient realtimeSpiceDbClient, WebClient.Builder builder,
            GatewayProperties gateway, ObjectMapper json) {
        var queries = builder.clone().baseUrl(gateway.backends().get("query-side").toString()).build();
        return new GatewaySocketHandler(properties, tokens, sessionRegistry, realtimeSpiceDbClient, queries, json);
    }

    @Bean
    SimpleUrlHandlerMapping realtimeHandlerMapping(RealtimeProperties properties, GatewaySocketHandler handler) {
        return new SimpleUrlHandlerMapping(Map.of(properties.path(), handler), ORDER);
    }

    /**
     * The transport refuses frames (and fragmented messages) over four times the limit outright;
     * the handler closes larger-than-limit ones with 1009.
     */
    @Bean
    WebFluxConfigurer realtimeWebSocketService(RealtimeProperties properties) {
        return new WebFluxConfigurer() {
            @Override
            public WebSocketService getWebSocketService() {
                var strategy = new ReactorNettyRequestUpgradeStrategy(() -> WebsocketServerSpec.builder()
                        .maxFramePayloadLength(properties.maxFrameBytes() * 4)
                        .handlePing(true));
                return new HandshakeWebSocketService(strategy);
            }
        };
    }

    @Bean
    TypingHandler typingHandler(SpiceDbClient realtimeSpiceDbClient, ChannelDirectory channelDirectory, TypingBus typingBus) {
        return new TypingHandler(realtimeSpiceDbClient, channelDirectory, typingBus);
    }

    /** {@code POST /api/v1/channels/{channelId}/typing}, answered here instead of being proxied. */
    @Bean
    RouterFunctionMapping typingRouteMapping(TypingHandler typingHandler, ServerCodecConfigurer codecs) {
        var routes = RouterFunctions.route(RequestPredicates.POST("/api/v1/channels/{channelId}/typing"),
                typingHandler::typing);
        var mapping = new RouterFunctionMapping(routes);
        mapping.setMessageReaders(codecs.getReaders());
        mapping.setOrder(ORDER);
        return mapping;
    }

    /** Every second: close silent sockets, expire sessions past the resume window. */
    @Bean
    SmartLifecycle realtimeSweeper(RealtimeProperties properties, GatewaySocketHandler handler, SessionRegistry registry) {
        return new SmartLifecycle() {
            private volatile Disposable ticks;

            @Override
            public void start() {
                var window = properties.resumeWindow().toNanos();
                ticks = Flux.interval(Duration.ofSeconds(1)).subscribe(tick -> {
                    var now = System.nanoTime();
                    handler.sweep(now);
                    registry.sweep(now, window);
                });
            }

            @Override
            public void stop() {
                handler.closeAll();
                registry.closeAll();
                if (ticks != null) {
                    ticks.dispose();
                }
            }

            @Override
            public boolean isRunning() {
                return ticks != null && !ticks.isDisposed();
            }
        };
    }

    @Bean
    MeterBinder realtimeMetrics(GatewaySocketHandler handler, SessionRegistry registry) {
        return meters -> {
            Gauge.builder("beep.gateway.sockets", handler, GatewaySocketHandler::connectionCount)
                    .description("Open WebSocket connections").register(meters);
            Gauge.builder("beep.gateway.sessions", registry, SessionRegistry::sessionCount)
                    .description("Live and resumable gateway sessions").register(meters);
        };
    }
}
