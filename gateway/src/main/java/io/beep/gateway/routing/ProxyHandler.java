package io.beep.gateway.routing;

import io.beep.gateway.requestid.RequestIds;
import io.netty.buffer.ByteBuf;
import java.net.URI;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Forwards one request to the backend of its route and streams the answer back. Bodies are never
 * buffered: request chunks go out as they arrive and response chunks are written as they come.
 */
public final class ProxyHandler implements WebHandler {

    static final String ROUTE_ATTRIBUTE = ProxyHandler.class.getName() + ".route";

    private final HttpClient client;
    private final long maxBodyBytes;

    public ProxyHandler(HttpClient client, long maxBodyBytes) {
        this.client = client;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        Route route = exchange.getRequiredAttribute(ROUTE_ATTRIBUTE);
        var request = exchange.getRequest();
        var response = exchange.getResponse();
        var declaredLength = request.getHeaders().getContentLength();
        if (declaredLength > maxBodyBytes) {
            return Mono.error(new PayloadTooLargeException(maxBodyBytes));
        }
        var body = declaredLength >= 0 ? request.getBody() : limited(request.getBody());
        var requestId = RequestIds.of(exchange);
        var method = io.netty.handler.codec.http.HttpMethod.valueOf(request.getMethod().name());
        return client.request(method)
                .uri(route.backendUrl() + requestTarget(request))
                .send((outbound, out) -> {
                    ForwardedHeaders.copyRequest(request, requestId, outbound.requestHeaders());
                    if (route.responseTimeout() != null) {
                        outbound.responseTimeout(route.responseTimeout());
                    }
                    return out.send(body.map(NettyDataBufferFactory::toByteBuf));
                })
                .responseConnection((inbound, connection) -> {
                    response.setStatusCode(HttpStatusCode.valueOf(inbound.status().code()));
                    ForwardedHeaders.copyResponse(inbound.responseHeaders(), response.getHeaders());
                    return response.writeWith(connection.inbound().receive().retain()
                            .map(buffer -> wrap(response, buffer)));
                })
                .then()
                .onErrorMap(error -> !(error instanceof PayloadTooLargeException) && !response.isCommitted(),
                        error -> tooLarge(error) ? new PayloadTooLargeException(maxBodyBytes)
                                : new UpstreamException(route.backend(), error));
    }

    /** The client's exact request target (path and query, still encoded). */
    private static String requestTarget(ServerHttpRequest request) {
        if (ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest nettyRequest
                && nettyRequest.uri().startsWith("/")) {
            return nettyRequest.uri();
        }
        URI uri = request.getURI();
        return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private Flux<DataBuffer> limited(Flux<DataBuffer> body) {
        return Flux.defer(() -> {
            var total = new long[1];
            return body.handle((buffer, sink) -> {
                total[0] += buffer.readableByteCount();
                if (total[0] > maxBodyBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(new PayloadTooLargeException(maxBodyBytes));
                } else {
                    sink.next(buffer);
                }
            });
        });
    }

    private static boolean tooLarge(Throwable error) {
        for (var cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private static DataBuffer wrap(ServerHttpResponse response, ByteBuf buffer) {
        if (response.bufferFactory() instanceof NettyDataBufferFactory netty) {
            return netty.wrap(buffer);
        }
        try {
            var copy = response.bufferFactory().allocateBuffer(buffer.readableBytes());
            copy.write(buffer.nioBuffer());
            return copy;
        } finally {
            buffer.release();
        }
    }
}
