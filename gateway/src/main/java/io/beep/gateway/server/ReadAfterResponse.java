package io.beep.gateway.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Asks a client connection for its next request once a response has been written.
 *
 * <p>Works around a reactor-netty 1.2.x server bug (reactor/reactor-netty#4361): a keep-alive request
 * that arrives while the previous exchange is still finishing is queued, and if that queued request
 * is then answered at once (a 401, 404 or 400 the gateway decides itself), the server never asks the
 * socket for more data. The connection looks idle and healthy to the client, but the next request
 * sent on it is never read and waits forever. The gateway runs into this whenever a proxied answer is
 * followed quickly by such a request: the client has the whole proxied answer (Content-Length) before
 * the exchange has ended on the gateway, which happens on the backend connection's thread.
 *
 * <p>Reading is only requested after the current event-loop task, when the server has handed every
 * queued part to its request; reading once more than needed is harmless (the server queues what it
 * reads while an answer is pending).
 */
@ChannelHandler.Sharable
final class ReadAfterResponse extends ChannelOutboundHandlerAdapter {

    static final ReadAfterResponse INSTANCE = new ReadAfterResponse();
    static final String NAME = "beep.readAfterResponse";

    private ReadAfterResponse() {
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        var endOfResponse = msg instanceof LastHttpContent;
        ctx.write(msg, promise);
        if (endOfResponse) {
            ctx.executor().execute(() -> {
                if (ctx.channel().isActive()) {
                    ctx.read();
                }
            });
        }
    }
}
