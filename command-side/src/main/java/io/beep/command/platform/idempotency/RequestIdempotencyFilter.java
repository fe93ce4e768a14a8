package io.beep.command.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.command.platform.web.ProblemWriter;
import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes every POST that carries an {@code Idempotency-Key} idempotent per signed-in user: the first
 * request runs; a repeat (also a concurrent one, which waits for the first) gets the first success
 * back with {@code Idempotent-Replayed: true} and runs nothing. A failed first request keeps nothing,
 * so a retry runs again. A first request that stopped with its service after storing a command is a
 * 409 for every repeat (its answer is lost; running it again could repeat the change). Reusing a key
 * for another route is a 409. Message sends are left to the
 * message feature, which keeps their keys in the transaction of the send.
 */
class RequestIdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY = 255;
    private static final long WAIT_MS = 10_000;
    private static final long POLL_MS = 50;
    private static final Pattern OWN_KEYS = Pattern.compile("/api/v1/(channels|webhooks)/[^/]+/messages/?");

    private final RequestIdempotency keys;
    private final ProblemWriter problems;

    RequestIdempotencyFilter(RequestIdempotency keys, ObjectMapper mapper) {
        this.keys = keys;
        this.problems = new ProblemWriter(mapper);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || OWN_KEYS.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Jwt jwt) || jwt.getSubject() == null) {
            chain.doFilter(request, response);
            return;
        }
        var key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > MAX_KEY) {
            problems.write(response, ErrorCode.VALIDATION_FAILED, HEADER + " must be 1 to " + MAX_KEY + " characters");
            return;
        }
        var user = jwt.getSubject();
        var route = "POST " + request.getRequestURI();
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (true) {
            var claim = keys.claim(user, key, route);
            if (claim instanceof Claim.Done done) {
                if (!done.answer().request().equals(route)) {
                    problems.write(response, ErrorCode.CONFLICT, HEADER + " was already used for another request");
                } else {
                    replay(done.answer(), response);
                }
                return;
            }
            if (claim instanceof Claim.Interrupted interrupted) {
                problems.write(response, ErrorCode.CONFLICT, interrupted.request().equals(route)
                        ? "the first request with this " + HEADER + " stopped after it had changed something; "
                                + "its answer is lost: check the result, or use a new key to run it again"
                        : HEADER + " was already used for another request");
                return;
            }
            if (claim instanceof Claim.Running running) {
                if (!running.request().equals(route)) {
                    problems.write(response, ErrorCode.CONFLICT, HEADER + " was already used for another request");
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    problems.write(response, ErrorCode.CONFLICT, "a request with this " + HEADER + " is still running");
                    return;
                }
                sleep();
                continue;
            }
            run(request, response, chain, user, key, route);
            return;
        }
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String user, String key,
                     String route) throws ServletException, IOException {
        var captured = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try (var marked = ClaimEffects.mark(user, key)) {
            chain.doFilter(request, captured);
            int status = captured.getStatus();
            if (status >= 200 && status < 300) {
                keys.complete(user, key, new StoredAnswer(route, status, captured.getContentType(),
                        captured.getHeader(HttpHeaders.LOCATION), captured.getHeader(Consistency.HEADER),
                        captured.getContentAsByteArray()));
                kept = true;
            }
        } finally {
            if (!kept) {
                keys.release(user, key);
            }
            captured.copyBodyToResponse();
        }
    }

    private static void replay(StoredAnswer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        response.setHeader(REPLAYED, "true");
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.consistency() != null) {
            response.setHeader(Consistency.HEADER, answer.consistency());
        }
        if (answer.body() != null && answer.body().length > 0) {
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
        }
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the first request with this key", e);
        }
    }
}
