package io.beep.saga.platform.web;

import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.saga.platform.authz.SpiceDbClient.AuthzUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The one place where failures of this service's routes become problem+json answers. */
@RestControllerAdvice
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e, HttpServletRequest request) {
        return answer(e.code(), e.getMessage(), request);
    }

    @ExceptionHandler(AuthzUnavailableException.class)
    ResponseEntity<ProblemDetail> authz(AuthzUnavailableException e, HttpServletRequest request) {
        return answer(ErrorCode.AUTHORIZATION_UNAVAILABLE, e.getMessage(), request);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ProblemDetail> badArgument(Exception e, HttpServletRequest request) {
        return answer(ErrorCode.VALIDATION_FAILED, "invalid request: " + e.getMessage(), request);
    }

    @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class})
    ResponseEntity<ProblemDetail> noRoute(Exception e, HttpServletRequest request) {
        return answer(ErrorCode.NOT_FOUND, "no such route", request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return answer(ErrorCode.INTERNAL, "unexpected failure", request);
    }

    private static ResponseEntity<ProblemDetail> answer(ErrorCode code, String detail, HttpServletRequest request) {
        var problem = ProblemWriter.problem(code, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(HttpStatusCode.valueOf(code.httpStatus()))
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .body(problem);
    }
}
