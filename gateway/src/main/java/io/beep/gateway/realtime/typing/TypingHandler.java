package io.beep.gateway.realtime.typing;

import io.beep.contracts.common.ErrorCode;
import io.beep.gateway.realtime.access.Check;
import io.beep.gateway.realtime.access.ChannelDirectory;
import io.beep.gateway.realtime.access.SpiceDbClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/channels/{channelId}/typing}: 204 after checking {@code channel#view} (404
 * otherwise) and {@code channel#send} (403 otherwise) and publishing the signal; nothing is
 * stored. 503 when the authorization server or Redis cannot be reached.
 */
public final class TypingHandler {

    private static final Pattern SNOWFLAKE = Pattern.compile("[1-9][0-9]{0,18}");

    private final SpiceDbClient spicedb;
    private final ChannelDirectory channels;
    private final TypingBus bus;

    public TypingHandler(SpiceDbClient spicedb, ChannelDirectory channels, TypingBus bus) {
        this.spicedb = spicedb;
        this.channels = channels;
        this.bus = bus;
    }

    public Mono<ServerResponse> typing(ServerRequest request) {
        var channelId = request.pathVariable("channelId");
        var path = request.path();
        if (!SNOWFLAKE.matcher(channelId).matches()) {
            return problem(ErrorCode.NOT_FOUND, "Channel not found", path);
        }
        return request.principal().flatMap(principal -> {
            var user = principal.getName();
            var checks = List.of(new Check("channel", channelId, "view", user), new Check("channel", channelId, "send", user));
            return spicedb.checkAll(checks, null)
                    .flatMap(answers -> {
                        if (!answers.get(0)) {
                            return problem(ErrorCode.NOT_FOUND, "Channel not found", path);
                        }
                        if (!answers.get(1)) {
                            return problem(ErrorCode.MISSING_PERMISSION,
                                    "You may not send messages in this channel", path);
                        }
                        return channels.serverOf(channelId)
                                .flatMap(server -> bus.publish(new TypingSignal(channelId, server.orElse(null), user,
                                        Instant.now().toString())))
                                .then(ServerResponse.noContent().build())
                                .onErrorResume(error -> problem(ErrorCode.DEPENDENCY_UNAVAILABLE,
                                        "Typing signals cannot be shared right now", path));
                    })
                    .onErrorResume(error -> problem(ErrorCode.AUTHORIZATION_UNAVAILABLE,
                            "Permissions cannot be checked right now", path));
        }).switchIfEmpty(Mono.defer(() -> problem(ErrorCode.UNAUTHENTICATED,
                "No bearer token was provided", path)));
    }

    private static Mono<ServerResponse> problem(ErrorCode code, String detail, String path) {
        var status = HttpStatus.valueOf(code.httpStatus());
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("code", code.name());
        body.put("instance", path);
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue((Map<String, Object>) body);
    }
}
