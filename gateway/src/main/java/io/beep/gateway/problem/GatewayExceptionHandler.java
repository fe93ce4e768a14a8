package io.beep.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.gateway.requestid.RequestIds;
import io.beep.gateway.routing.PayloadTooLargeException;
import io.beep.gateway.routing.UpstreamException;
import io.beep.gateway.security.TokenFailures;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.TimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;

/**
 * Turns every failure of the gateway (routing, authentication, upstream, body limit, unknown path)
 * into {@code application/problem+json}. Runs before Spring Boot's default error handler. A
 * response that has already started streaming cannot be replaced: its connection is closed.
 */
@Component
@Order(-2)
public class GatewayExceptionHandler implements WebExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayExceptionHandler.class);

    private final ObjectMapper json;

    public GatewayExceptionHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        var problem = toProblem(failure, exchange.getRequest().getPath().value());
        log(exchange, problem, failure);
        var requestId = RequestIds.of(exchange);
        var headers = response.getHeaders();
        headers.clear();
        headers.set(RequestIds.HEADER, requestId);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (failure instanceof AuthenticationException authentication && problem.status() == 401) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, TokenFailures.isMissingToken(authentication)
                    ? "Bearer" : "Bearer error=\"invalid_token\"");
        }
        response.setStatusCode(HttpStatus.valueOf(problem.status()));
        return response.writeWith(Mono.fromCallable(() -> response.bufferFactory().wrap(serialize(problem))));
    }

    /** The mapping: failure → status, code and detail. */
    static Problem toProblem(Throwable failure, String path) {
        if (failure instanceof PayloadTooLargeException tooLarge) {
            return Problem.of(HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "The request body exceeds the limit of " + tooLarge.limitBytes() + " bytes", path);
        }
        if (failure instanceof UpstreamException upstream) {
            return upstreamProblem(upstream, path);
        }
        if (failure instanceof AuthenticationServiceException) {
            return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "UPSTREAM_UNAVAILABLE",
                    "The identity provider could not be reached to check the token", path);
        }
        if (failure instanceof AuthenticationException authentication) {
            return Problem.of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", TokenFailures.describe(authentication), path);
        }
        if (failure instanceof AccessDeniedException) {
            return Problem.of(HttpStatus.FORBIDDEN, "FORBIDDEN", "You may not perform this request", path);
        }
        if (failure instanceof ResponseStatusException status) {
            return statusProblem(status, path);
        }
        return Problem.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", "The gateway failed unexpectedly", path);
    }

    private static Problem upstreamProblem(UpstreamException upstream, String path) {
        var service = "The " + upstream.backend() + " service";
        var cause = upstream.getCause();
        if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                || cause instanceof UnknownHostException) {
            return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "UPSTREAM_UNAVAILABLE",
                    service + " is unavailable", path);
        }
        if (cause instanceof PoolAcquireTimeoutException || cause instanceof PoolAcquirePendingLimitException) {
            return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "UPSTREAM_UNAVAILABLE",
                    service + " is overloaded", path);
        }
        if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return Problem.of(HttpStatus.GATEWAY_TIMEOUT, "UPSTREAM_UNAVAILABLE",
                    service + " did not answer in time", path);
        }
        return Problem.of(HttpStatus.BAD_GATEWAY, "UPSTREAM_UNAVAILABLE",
                service + " failed to answer", path);
    }

    private static Problem statusProblem(ResponseStatusException failure, String path) {
        var status = HttpStatus.resolve(failure.getStatusCode().value());
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        var code = switch (status) {
            case NOT_FOUND -> "NOT_FOUND";
            case BAD_REQUEST -> "VALIDATION_FAILED";
            case PAYLOAD_TOO_LARGE -> "PAYLOAD_TOO_LARGE";
            case UNSUPPORTED_MEDIA_TYPE -> "UNSUPPORTED_MEDIA_TYPE";
            case UNAUTHORIZED -> "UNAUTHENTICATED";
            case FORBIDDEN -> "FORBIDDEN";
            default -> status.is5xxServerError() ? "INTERNAL" : status.name();
        };
        var detail = status == HttpStatus.NOT_FOUND ? "Nothing is served at this path"
                : failure.getReason() != null ? failure.getReason() : status.getReasonPhrase();
        return Problem.of(status, code, detail, path);
    }

    private static void log(ServerWebExchange exchange, Problem problem, Throwable failure) {
        if (problem.status() == 500) {
            RequestIds.log(exchange, () -> LOG.error("Unexpected failure on {} {}",
                    exchange.getRequest().getMethod(), problem.instance(), failure));
        } else if (problem.status() >= 500) {
            var cause = failure.getCause() == null ? failure : failure.getCause();
            RequestIds.log(exchange, () -> LOG.warn("{} {} -> {}: {} ({})", exchange.getRequest().getMethod(),
                    problem.instance(), problem.status(), problem.detail(), cause.toString()));
        } else if (LOG.isDebugEnabled()) {
            RequestIds.log(exchange, () -> LOG.debug("{} {} -> {}: {}", exchange.getRequest().getMethod(),
                    problem.instance(), problem.status(), problem.detail()));
        }
    }

    private byte[] serialize(Problem problem) throws JsonProcessingException {
        return json.writeValueAsBytes(problem);
    }
}
