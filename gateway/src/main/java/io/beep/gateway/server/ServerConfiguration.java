package io.beep.gateway.server;

import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/** Customizes the embedded reactor-netty server. */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

    /** Every HTTP/1.1 connection gets {@link ReadAfterResponse} next to the server's keep-alive handler. */
    @Bean
    NettyServerCustomizer readAfterResponse() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            var pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null
                    && pipeline.get(ReadAfterResponse.NAME) == null) {
                pipeline.addBefore(NettyPipeline.HttpTrafficHandler, ReadAfterResponse.NAME,
                        ReadAfterResponse.INSTANCE);
            }
        });
    }
}
