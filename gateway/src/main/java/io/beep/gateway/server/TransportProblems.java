package io.beep.gateway.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.contracts.common.ErrorCode;
import io.beep.gateway.problem.Problem;
import io.beep.gateway.requestid.RequestIds;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Gives a problem+json body to the answers written before any gateway handler runs, which are
 * otherwise empty: reactor-netty's own answers to a request the HTTP codec could not decode (request
 * line too long 414, headers too large 431, malformed request or {@code Content-Length} 400, all
 * closing the connection) and Spring's 400 to a request target that is not a valid URI (a bad
 * percent-escape or a character such as <code>{</code> in the path or query; the connection stays open).
 *
 * <p>Sits between the HTTP codec and the server's keep-alive handler, one instance per connection.
 * Inbound it notes which requests (by their number on the connection) are broken; outbound it
 * counts final answers, which HTTP/1.1 sends in request order, and replaces the empty body of a
 * broken request's 400, 414 or 431 answer. Every other answer, and when and whether the connection
 * closes, stay exactly as the server made them.
 */
final class TransportProblems extends ChannelDuplexHandler {

    static final String NAME = "beep.transportProblems";

    private final ObjectMapper json;
    private final ArrayDeque<Broken> broken = new ArrayDeque<>();
    private long requests;
    private long answers;

    TransportProblems(ObjectMapper json) {
        this.json = json;
    }

    /** A request the gateway's handlers never see: its number on the connection and what is wrong. */
    private record Broken(long number, String detail, String instance, boolean head, String requestId) {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            requests++;
            var detail = brokenDetail(request);
            if (detail != null) {
                broken.add(new Broken(requests, detail, instance(request), HttpMethod.HEAD.equals(request.method()),
                        RequestIds.acceptOrGenerate(request.headers().get(RequestIds.HEADER))));
            }
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            answers++;
            while (!broken.isEmpty() && broken.peek().number() < answers) {
                broken.poll();
            }
            if (!broken.isEmpty() && broken.peek().number() == answers) {
                var request = broken.poll();
                if (msg instanceof FullHttpResponse full && !request.head() && full.content().readableBytes() == 0) {
                    var problem = problem(full.status().code(), request);
                    if (problem != null) {
                        super.write(ctx, withBody(full, problem, request.requestId()), promise);
                        return;
                    }
                }
            }
        }
        super.write(ctx, msg, promise);
    }

    /** Why the server will refuse {@code request} before routing it, or null if it will not. */
    static String brokenDetail(HttpRequest request) {
        var decoding = request.decoderResult();
        if (decoding.isFailure()) {
            var cause = decoding.cause();
            if (cause instanceof TooLongHttpLineException) {
                return "The request line (method, path and query) is too long";
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return "The request headers are too large";
            }
            var message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("content-length") || message.contains("content length")) {
                return "The Content-Length header must be one whole number of bytes";
            }
            return "The request is not well-formed HTTP/1.1";
        }
        return isUri(request.uri()) ? null
                : "The request target is not a valid URI: check its percent-escapes (%XX, two hex digits) "
                + "and escape characters such as spaces, quotes and braces";
    }

    /** What Spring's server adapter requires of a request target (it prefixes scheme and host). */
    static boolean isUri(String target) {
        if (isPlain(target)) {
            return true;
        }
        try {
            new URI(target.startsWith("/") ? "http://gateway" + target : target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Characters besides letters and digits every URI accepts in a path and query. */
    static final String PLAIN = "-._~/?=&:@!$'()*+,;";

    /**
     * A path and query of only characters every URI accepts there and well-formed escapes
     * ({@code %} and two hex digits): the usual case, no parsing.
     */
    private static boolean isPlain(String target) {
        if (target.isEmpty() || target.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (i + 2 >= target.length() || !isHex(target.charAt(i + 1)) || !isHex(target.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!isHex(c) && !(c >= 'g' && c <= 'z') && !(c >= 'G' && c <= 'Z') && PLAIN.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The path of the request, if its request line was read at all (else the codec made up a stand-in). */
    private static String instance(HttpRequest request) {
        if (request instanceof FullHttpRequest && request.decoderResult().isFailure()) {
            return null;
        }
        var target = request.uri();
        var query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    private static Problem problem(int status, Broken request) {
        return switch (status) {
            case 400 -> Problem.of(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED.name(), request.detail(),
                    request.instance());
            case 414 -> Problem.of(HttpStatus.URI_TOO_LONG, ErrorCode.URI_TOO_LONG.name(), request.detail(),
                    request.instance());
            case 431 -> Problem.of(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    ErrorCode.REQUEST_HEADER_FIELDS_TOO_LARGE.name(), request.detail(), request.instance());
            default -> null;
        };
    }

    private FullHttpResponse withBody(FullHttpResponse empty, Problem problem, String requestId)
            throws JsonProcessingException {
        var body = json.writeValueAsBytes(problem);
        var answer = empty.replace(Unpooled.wrappedBuffer(body));
        empty.release();
        answer.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(RequestIds.HEADER, requestId)
                .set("X-Content-Type-Options", "nosniff");
        return answer;
    }
}
