package io.beep.gateway.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/** Customizes the embedded reactor-netty server. */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

    /**
     * Every HTTP/1.1 connection gets {@link TransportProblems} right after the HTTP codec and
     * {@link ReadAfterResponse} next to the server's keep-alive handler.
     */
    @Bean
    NettyServerCustomizer connectionHandlers(ObjectMapper json) {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            var pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null
                    && pipeline.get(ReadAfterResponse.NAME) == null) {
                pipeline.addBefore(NettyPipeline.HttpTrafficHandler, ReadAfterResponse.NAME,
                        ReadAfterResponse.INSTANCE);
            }
            if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(TransportProblems.NAME) == null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, TransportProblems.NAME, new TransportProblems(json));
            }
        });
    }
}
