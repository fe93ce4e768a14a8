package io.beep.gateway.routing;

import io.beep.gateway.GatewayProperties;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** Wires the route table, the pooled backend client and the proxy handler. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean(destroyMethod = "dispose")
    ConnectionProvider upstreamConnections(GatewayProperties properties) {
        var upstream = properties.upstream();
        return ConnectionProvider.builder("beep-upstream")
                .maxConnections(upstream.maxConnections())
                .pendingAcquireMaxCount(upstream.pendingAcquireMaxCount())
                .pendingAcquireTimeout(upstream.responseTimeout())
                .maxIdleTime(upstream.maxIdleTime())
                .evictInBackground(Duration.ofSeconds(30))
                .build();
    }

    /**
     * Keep-alive client to every backend. It runs on reactor-netty's global event loops, not the
     * server's: an exchange ends on the backend connection's thread (see server.ReadAfterResponse).
     */
    @Bean
    HttpClient upstreamHttpClient(ConnectionProvider upstreamConnections, GatewayProperties properties) {
        var upstream = properties.upstream();
        return HttpClient.create(upstreamConnections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(upstream.connectTimeout().toMillis()))
                .responseTimeout(upstream.responseTimeout())
                .keepAlive(true)
                .compress(false)
                .followRedirect(false);
    }

    @Bean
    RouteTable routeTable(GatewayProperties properties) {
        return RouteTable.from(properties);
    }

    @Bean
    ProxyHandler proxyHandler(HttpClient upstreamHttpClient, GatewayProperties properties) {
        return new ProxyHandler(upstreamHttpClient, properties.maxBodyBytes());
    }

    @Bean
    RouteHandlerMapping routeHandlerMapping(RouteTable routeTable, ProxyHandler proxyHandler) {
        return new RouteHandlerMapping(routeTable, proxyHandler);
    }
}
